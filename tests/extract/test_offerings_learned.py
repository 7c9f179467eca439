"""Which company -> product pairs become `makes` facts: a kind of product ("needle
valves") needs the sentence to state the company's offering, or a near-certain
classifier; a product named after a company is that company's. Invented companies."""

from __future__ import annotations

import json

import pytest

from supplywatch.extract.pairs import (
    KIND_THRESHOLD,
    STATED_KIND_THRESHOLD,
    PairModel,
    candidates,
)
from supplywatch.extract.rules_corporate import named_after_company


def _makes(result: dict) -> set[tuple[str, str]]:
    return {(f["company"], f["product"]) for f in result["facts"] if f["type"] == "makes"}


def _offering(extractor, text: str) -> dict[tuple[str, str], bool]:
    """For each candidate pair of the text: does the sentence state the offering?"""
    doc = extractor.nlp(text)
    reading = doc._.sw_reading
    return {(reading.ents.clusters[c.company.cid].name, doc[c.product.start:c.product.end].text):
            "offering_on_path" in c.features for c in candidates(reading, set())}


@pytest.mark.parametrize("text, pair", [
    ("Norvane Valves Ltd., a manufacturer of needle valves, opened a plant in Ohio.",
     ("Norvane Valves Ltd.", "needle valves")),
    ("Norvane Valves Ltd. offers gate valves and pressure sensors to refineries.",
     ("Norvane Valves Ltd.", "pressure sensors")),
    ("Norvane Valves Ltd. specializes in needle valves for refineries.",
     ("Norvane Valves Ltd.", "valves")),
    ("Norvane Valves Ltd.'s gate valves are used in refineries across Europe.",
     ("Norvane Valves Ltd.", "gate valves")),
])
def test_a_stated_offering_of_a_kind_of_product_is_a_fact(extract_text, extractor, text, pair):
    company, product = pair
    offering = _offering(extractor, text)
    assert any(c == company and p.endswith(product) and stated
               for (c, p), stated in offering.items())
    assert any(c == company and p.endswith(product) for c, p in _makes(extract_text(text)))


def test_the_offering_word_must_be_the_company_s_own(extractor):
    # Kestrel develops the buses; Norvane is only its partner.
    offering = _offering(extractor, "Kestrel Motors Inc. is teaming up with Norvane Valves Ltd. "
                                    "to develop electric buses.")
    assert offering[("Kestrel Motors Inc.", "electric buses")] is True
    assert offering[("Norvane Valves Ltd.", "electric buses")] is False


@pytest.mark.parametrize("text", [
    "Key players in the industrial valves market are Norvane Valves Ltd. and Kestrel Pumps Inc. of Ohio.",
    "Norvane Valves Ltd. and Kestrel Pumps Inc. are key players in the industrial valves market.",
])
def test_players_named_in_a_market_offer_what_the_market_is_for(extract_text, extractor, text):
    offering = _offering(extractor, text)
    for company in ("Norvane Valves Ltd.", "Kestrel Pumps Inc."):
        assert offering[(company, "industrial valves")] is True
        assert (company, "industrial valves") in _makes(extract_text(text))


def test_a_denied_offering_is_not_stated(extractor):
    offering = _offering(extractor, "Norvane Valves Ltd. does not offer gate valves.")
    assert not any(offering.values())


def test_thresholds_by_kind_of_product():
    model = PairModel({}, 0.0, 0.6)
    assert model.needed(["pkind=named"], "named") == 0.6
    assert model.needed(["offering_on_path"], "kind") == max(0.6, STATED_KIND_THRESHOLD)
    assert model.needed([], "kind") == KIND_THRESHOLD
    # "X offers solutions" says nothing of what X makes
    assert model.needed(["offering_on_path", "p_only_vague"], "kind") == KIND_THRESHOLD
    again = PairModel.from_json(json.loads(json.dumps(model.to_json())))
    assert again.stated_kind_threshold == STATED_KIND_THRESHOLD


def test_vague_and_hazard_words_are_no_products(extract_text):
    makes = _makes(extract_text("Norvane Valves Ltd. offers solutions for refineries. "
                                "Acme Power Ltd. recalled 5,000 chargers because of fire."))
    assert not any(product.lower() in ("solutions", "fire") for _, product in makes)


def test_a_product_named_after_a_company_is_its_product(extractor):
    text = "Zentrix Audio Inc. is based in Oslo. The Zentrix Audio Soundbar Pro won an award."
    doc = extractor.nlp(text)
    reading = doc._.sw_reading
    ents = reading.ents
    for cluster in ents.clusters:
        cluster.listed = False  # only the two entities below
    company = ents.new_cluster("company")
    ents.clusters[company].names["Zentrix Audio Inc."] += 1
    ents.clusters[company].names["Zentrix Audio"] += 1
    ents.clusters[company].spans.append((0, 3))
    product = ents.new_cluster("product")
    start = next(t.i for t in doc if t.text == "Zentrix" and t.i > 3)
    ents.clusters[product].names["Zentrix Audio Soundbar Pro"] += 1
    ents.clusters[product].spans.append((start, start + 4))
    drafts = list(named_after_company(reading))
    assert [(d.roles["company"], d.roles["product"]) for d in drafts] == [([company], [product])]
    assert drafts[0].sent.text.startswith("The Zentrix Audio Soundbar Pro")
    # A company's own name is no product of a shorter namesake's: "Zentrix" alone
    ents.clusters[product].names.clear()
    ents.clusters[product].names["Zentrix Audio"] += 1
    assert not list(named_after_company(reading))


@pytest.mark.parametrize("text, company, products", [
    ("Brimley Controls makes flow meters.", "Brimley Controls", {"flow meters"}),
    ("Tessaro Labs sells level switches and pressure gauges.", "Tessaro Labs",
     {"level switches", "pressure gauges"}),
])
def test_a_company_that_makes_what_it_is_said_to_make_needs_no_classifier(
        extract_text, company, text, products):
    # The simplest statement of an offering: whatever the classifier learned of the verb,
    # the sentence says it in so many words.
    facts = [f for f in extract_text(text)["facts"] if f["type"] == "makes"]
    assert {f["product"] for f in facts if f["company"] == company} >= products
    assert all(f["confidence"] >= 0.7 for f in facts)


def test_a_hedged_or_denied_direct_statement(extract_text):
    facts = extract_text("Brimley Controls may soon sell level switches. "
                         "Tessaro Labs does not make flow meters.")["facts"]
    makes = {(f["company"], f["product"]): f["confidence"] for f in facts if f["type"] == "makes"}
    assert ("Tessaro Labs", "flow meters") not in makes
    assert 0 < makes[("Brimley Controls", "level switches")] < 0.7


def test_the_direct_path_is_subject_verb_object():
    model = PairModel({}, -5.0, 0.6)  # a model sure the pair is wrong
    assert model.needed(["direct_offering", "offering_on_path"], "kind") == 0.0
    assert model.needed(["direct_offering", "offering_on_path", "p_only_vague"], "kind") \
        == KIND_THRESHOLD


def test_the_company_is_no_company_name(extract_text):
    # Press releases capitalise "the Company": a reference to the issuer, not a name.
    result = extract_text("Brimley Controls Inc. was founded in 1987 in Ohio. The Company "
                          "produces pressure sensors for industrial customers.")
    companies = {e["name"] for e in result["entities"] if e["type"] == "company"}
    assert "Brimley Controls Inc." in companies
    assert not companies & {"Company", "The Company"}


def test_a_company_only_the_base_model_tags_gets_its_direct_statement(extractor, extract_text):
    # The learned recogniser decides the entity list; a name only the base model tags is
    # left out, unless a fact names it. A direct statement is such a fact.
    text = "Brisk-Tanner sells pumps."
    doc = extractor.nlp(text)
    assert not any(s.text == "Brisk-Tanner" for s in doc.spans["sw_ner"]), \
        "precondition: only the base model tags this company"
    assert any(e.text == "Brisk-Tanner" and e.label_ == "ORG" for e in doc.ents)
    makes = {(f["company"], f["product"]) for f in extract_text(text)["facts"]
             if f["type"] == "makes"}
    assert ("Brisk-Tanner", "pumps") in makes


def test_a_reference_word_is_no_unlisted_maker(extract_text):
    makes = [f for f in extract_text("The Company offers valves.")["facts"] if f["type"] == "makes"]
    assert makes == []


def test_customers_given_products_are_no_product(extract_text):
    result = extract_text("Brimley Controls provides customers with flow meters.")
    makes = {(f["company"], f["product"]) for f in result["facts"] if f["type"] == "makes"}
    assert makes == {("Brimley Controls", "flow meters")}
    assert "customers" not in {e["name"] for e in result["entities"]}


@pytest.mark.parametrize("text", [
    "Velmora Power made headlines last week.",
    "Velmora Power made a profit of $20 million.",
    "Velmora Power produced record results in the third quarter.",
    "Velmora Power builds relationships with customers.",
])
def test_idioms_of_making_name_no_product(extract_text, text):
    result = extract_text(text)
    assert [f for f in result["facts"] if f["type"] == "makes"] == []
    assert not [e for e in result["entities"] if e["type"] == "product"]


def test_a_supplier_does_not_make_the_product_its_parts_go_into(extract_text):
    result = extract_text("Velmora Power currently supplies the cells used in every Aero sold so"
                          " far, as well as in Castell Motors' larger Tundra SUV.")
    makes = {(f["company"], f["product"]) for f in result["facts"] if f["type"] == "makes"}
    assert ("Velmora Power", "Aero") not in makes
    assert ("Velmora Power", "cells") in makes  # what it supplies, it makes


def test_a_recalled_model_keeps_its_recalling_maker(extractor):
    from supplywatch.model import Document

    record = Document.from_text(
        "Velmora Bicycle Components Recalls Glide SL7 Bicycles and Framesets Due to Fall Hazard\n"
        "CPSC recall Velmora-Bicycle-Components-Recalls-Glide-SL7-Bicycles, US, 2021-10-13.\n"
        "Glide SL7 Bicycles and Framesets.\nRecalling firm: Velmora Bicycle Components.",
        "records.json#CPSC-2", kind="recall")
    result = extractor.extract(record).contract()
    makes = {(f["company"], f["product"]) for f in result["facts"] if f["type"] == "makes"}
    assert ("Velmora Bicycle Components", "Glide SL7") in makes
