"""Short forms of a company's name: the small model often types a company's short name as
a person or a product ("Kinderhaus" for "Kinderhaus Spielwaren GmbH"), and headlines run a
reporting period into the name. All companies are invented."""

from __future__ import annotations

from collections import Counter

import pytest
import spacy
from spacy.tokens import Doc, Span
from spacy.vocab import Vocab

from supplywatch.extract.clusters import DocEntities, add_learned, merge_short_forms
from supplywatch.extract.lexicon import load_lexicon
from supplywatch.extract.mentions import Candidate, trim
from supplywatch.model import Document


def companies(result: dict) -> dict[str, list[str]]:
    return {e["name"]: e.get("aliases") or [] for e in result["entities"] if e["type"] == "company"}


def facts(result: dict, type_: str) -> list[dict]:
    return [f for f in result["facts"] if f["type"] == type_]


def entities_of(*named: tuple[str, str]) -> DocEntities:
    """Clusters for (type, name) pairs, each named once at its own place in the text."""
    ents = DocEntities()
    position = 0
    for type_, name in named:
        cid = ents.new_cluster(type_)
        width = len(name.split())
        ents.add_span(cid, position, position + width, name)
        position += width + 5
    return ents


def merged_into(ents: DocEntities, name: str) -> str:
    return next(c.name for c in ents.clusters if c.spans and name in c.names)


def test_a_short_name_typed_as_a_person_joins_the_company():
    ents = entities_of(("company", "Ostwald Spielwaren GmbH"), ("person", "Ostwald"))
    merge_short_forms(ents, load_lexicon())
    assert merged_into(ents, "Ostwald") == "Ostwald Spielwaren GmbH"


def test_a_short_name_that_names_a_person_stays_a_person():
    ents = entities_of(("company", "Whitlow Components Ltd."), ("person", "Dana Whitlow"),
                       ("person", "Whitlow"))
    merge_short_forms(ents, load_lexicon())
    assert merged_into(ents, "Whitlow") == "Whitlow"


def test_a_short_name_typed_as_a_person_joins_the_one_company_named_so():
    # "Fennick has been owned since 2021 by ...": the model takes the short name for a
    # person; the one company whose name starts with it is what it stands for
    ents = entities_of(("company", "Ostwald Trains"), ("person", "Ostwald"))
    merge_short_forms(ents, load_lexicon())
    assert merged_into(ents, "Ostwald") == "Ostwald Trains"


def test_a_short_name_a_person_goes_by_stays_a_person():
    ents = entities_of(("company", "Ostwald Trains"), ("person", "Marta Ostwald"),
                       ("person", "Ostwald"))
    merge_short_forms(ents, load_lexicon())
    assert merged_into(ents, "Ostwald") == "Ostwald"


def test_a_short_name_typed_as_a_person_is_the_group_named_before_its_units():
    ents = entities_of(("company", "Marrow Packaging plc"), ("company", "Marrow Nederland B.V."),
                       ("person", "Marrow"))
    merge_short_forms(ents, load_lexicon())
    assert merged_into(ents, "Marrow") == "Marrow Packaging plc"


def test_a_company_short_name_with_several_longer_ones_stays_apart():
    # the longer ones are often a headline run on ("Brisk Introduces New Sensor") or a unit
    ents = entities_of(("company", "Brisk Introduces New Sensor"), ("company", "Brisk Systems"),
                       ("company", "Brisk"))
    merge_short_forms(ents, load_lexicon())
    assert merged_into(ents, "Brisk") == "Brisk"



def learned_company(doc: Doc, start: int, end: int) -> Candidate:
    return Candidate(start, end, Counter(company=1))


@pytest.mark.parametrize(("persons", "joins"), [
    ([], True),
    (["Dana Aerith"], False),  # a person goes by "Aerith": it stays hers
])
def test_a_company_the_base_model_cut_to_a_person_is_one_company(persons, joins):
    # The base model reads "Aerith" of "Aerith Robotics" as a person, here and later; the
    # learned recogniser reads the whole name as a company's.
    words = ["Aerith", "Robotics", "makes", "drones", ".", "Aerith", "sells", "them", ".",
             *[w for p in persons for w in [*p.split(), "said", "."]]]
    doc = Doc(Vocab(), words=words)
    ents = DocEntities()
    person = ents.new_cluster("person")
    ents.add_span(person, 0, 1, "Aerith")
    ents.add_span(person, 5, 6, "Aerith")
    at = 9
    for name in persons:
        cid = ents.new_cluster("person")
        ents.add_span(cid, at, at + len(name.split()), name)
        at += len(name.split()) + 2
    add_learned(doc, ents, [learned_company(doc, 0, 2)], load_lexicon())
    assert (merged_into(ents, "Aerith") == "Aerith Robotics") is joins
    if joins:
        assert ents.clusters[ents.token_cluster[5]].type == "company"

def test_a_company_owned_by_a_holding_is_found_under_its_short_name(extract_text):
    result = extract_text(
        "Toy maker Pellbrook Games has agreed to buy Ostwald Spielwaren GmbH, the German maker "
        "of wooden trains.\n\nOstwald is 60% owned by Hallberg Beteiligungen GmbH, the family "
        "holding company. Ostwald said its sales rose 12% last year.")
    owned = [(f["parent"], f["child"], f.get("share")) for f in facts(result, "owns")]
    assert ("Hallberg Beteiligungen GmbH", "Ostwald Spielwaren GmbH", 0.6) in owned


def test_a_subsidiary_named_after_its_role_noun(extract_text):
    result = extract_text(
        "Marrow Packaging plc runs a plant in Venlo through its subsidiary Marrow Nederland B.V.")
    owned = {(f["parent"], f["child"]) for f in facts(result, "owns")}
    assert owned == {("Marrow Packaging plc", "Marrow Nederland B.V.")}


@pytest.mark.parametrize(("label", "kept"), [
    ("ORG", "Halvard Electronics"),     # a company's name ends before the period
    ("PRODUCT", "Halvard Electronics Q3"),  # a product's may end in a year or code
])
def test_a_reporting_period_is_no_part_of_a_company_name(label, kept):
    words = ["Halvard", "Electronics", "Q3", "profit", "jumps"]
    doc = Doc(Vocab(), words=words)
    span = Span(doc, 0, 3, label=label)
    start, end = trim(span, load_lexicon())
    assert doc[start:end].text == kept


def test_a_product_line_is_no_company(extract_text):
    result = extract_text(
        "Kelvora Mobility Recalls Glide G8 and Glide G10 Electric Scooters Due to Fire Hazards\n\n"
        "Name of Product: Kelvora Glide G8 and Glide G10 electric scooters\n\n"
        "This recall involves Kelvora Glide G8 and Glide G10 electric scooters with model numbers"
        " KG-G8-24 and KG-G10-24. The Glide G8 has a 36-volt battery and the Glide G10 has a "
        "48-volt battery. Consumers should contact Kelvora Mobility Inc. for a refund.")
    assert list(companies(result)) == ["Kelvora Mobility Inc."]
    makes = {(f["company"], f["product"]) for f in facts(result, "makes")}
    assert ("Kelvora Mobility Inc.", "Glide G8") in makes


def test_a_model_name_written_as_a_model_is_no_company(extract_text):
    result = extract_text(
        "Castell Motors will buy cheaper cells for a new version of its Ember compact SUV. "
        "Velmora Power supplies the cells used in every Ember sold so far. In 2023, Castell "
        "Motors recalled 8,900 Ember SUVs in the United States.")
    assert "Ember" not in companies(result)
    recalls = [f for f in facts(result, "recall") if f["company"] == "Castell Motors"]
    assert recalls and "Ember" in recalls[0]["products"]


def test_a_line_numbered_with_plain_numbers_is_no_company(extract_text):
    result = extract_text(
        "Lanwick Print Systems will move InkStream assembly to Thailand. Siam Assembly Co. will"
        " build the InkStream 400 and InkStream 600 there, and each InkStream printer will be"
        " tested in Chonburi.")
    assert "InkStream" not in companies(result)


def test_a_numbered_line_that_is_a_subject_is_still_a_model(extract_text):
    result = extract_text(
        "Harwick Health makes heart patches. The CardioTrack 2 is worn for 14 days, and the"
        " CardioTrack 3 will follow next year. Velmora Power will supply the chip for Harwick's"
        " CardioTrack 3 patch.")
    assert "CardioTrack" not in companies(result)


def test_a_short_name_of_a_health_company(extract_text):
    ents = entities_of(("company", "Pulsewick Health"), ("person", "Pulsewick"))
    merge_short_forms(ents, load_lexicon())
    assert merged_into(ents, "Pulsewick") == "Pulsewick Health"


def test_a_brand_before_model_years_stays_a_company(extractor):
    # a recall record (its title is read as written, not recased like a news headline)
    record = Document.from_text(
        "Husqvarna Recalls Closed Course Competition Off Road Motorcycles\n"
        "Husqvarna 2013 models CR125, WR125, WR250 and WR300 of Husqvarna closed course"
        " motorcycles.\nHusqvarna 2013 models CR125, WR125, WR250 and WR300 of closed course"
        " motorcycles.\nRecalling firm: Husqvarna.\nManufacturers: Husqvarna.",
        "records.json#CPSC-1", kind="recall")
    result = extractor.extract(record).contract()
    assert "Husqvarna" in companies(result)
    assert ("Husqvarna", "WR300") in {(f["company"], f["product"]) for f in facts(result, "makes")}


def test_a_short_name_joins_the_one_company_among_its_longer_names():
    # "Tenzo's Hosur" (a plant) starts with the short name too, but goes on with no
    # corporate word; the short name is the company's
    ents = entities_of(("company", "Drevik Mobility Pvt Ltd"), ("company", "Drevik's Hosur"),
                       ("company", "Drevik"))
    merge_short_forms(ents, load_lexicon())
    assert merged_into(ents, "Drevik") == "Drevik Mobility Pvt Ltd"


def test_a_short_name_with_two_companies_after_it_stays_apart():
    ents = entities_of(("company", "Hanmir Electronics"), ("company", "Hanmir Display Co."),
                       ("company", "Hanmir"))
    merge_short_forms(ents, load_lexicon())
    assert merged_into(ents, "Hanmir") == "Hanmir"


def test_a_short_name_is_no_short_form_of_a_product_named_after_it():
    # the model typed the product's whole name a company; its model number says otherwise
    ents = entities_of(("company", "Pellow Tech City X3"), ("company", "Pellow Tech"))
    merge_short_forms(ents, load_lexicon())
    assert merged_into(ents, "Pellow Tech") == "Pellow Tech"


def test_a_sentence_case_headline_verb_ends_a_name(extract_text):
    result = extract_text(
        "Brisco drops Tannvik as battery supplier for cordless vacuums\n\n"
        "Brisco Hausgeräte GmbH will stop buying battery packs from Tannvik Energy Devices Co., "
        "Ltd. next year, the appliance maker said on Tuesday. Brisco said the packs for its "
        "new vacuums will come from Qorlen Power.")
    assert "Brisco Hausgeräte GmbH" in companies(result)
    assert "Brisco" in companies(result)["Brisco Hausgeräte GmbH"]


@pytest.mark.parametrize(("words", "pos"), [
    (["Brisco", "drops", "Tannvik", "as", "supplier"], ["PROPN", "VERB", "PROPN", "ADP", "NOUN"]),
    (["Kestow", "Model", "Year", "2008", "snowmobiles"], ["PROPN", "PROPN", "PROPN", "NUM", "NOUN"]),
])
def test_a_verb_or_a_model_year_is_no_part_of_a_company_name(words, pos):
    doc = Doc(spacy.blank("en").vocab, words=words, pos=pos)
    start, end = trim(Span(doc, 0, 4, label="ORG"), load_lexicon())
    assert doc[start:end].text == words[0]


def test_a_name_never_runs_over_a_line_end():
    words = ["deal", "after", "clearance", "\n", "Hallvik", "Marine", "ASA", "paid"]
    doc = Doc(Vocab(), words=words, spaces=[True, True, False, False, True, True, True, False])
    start, end = trim(Span(doc, 1, 7, label="ORG"), load_lexicon())
    assert doc[start:end].text == "Hallvik Marine ASA"


def test_money_written_as_one_word_is_no_model(extract_text):
    result = extract_text(
        "Norwegian group closes EUR185m deal after clearance\n\n"
        "Hallvik Marine Group paid about US$40bn for the yard, the company said. Hallvik "
        "Marine Group makes the Tern T40 winch.")
    products = {e["name"] for e in result["entities"] if e["type"] == "product"}
    assert not any(name.startswith(("EUR", "40bn")) for name in products)
    assert ("Hallvik Marine Group", "Tern T40") in {(f["company"], f["product"])
                                                    for f in facts(result, "makes")}


def test_a_line_named_before_its_models_is_no_company(extract_text):
    result = extract_text(
        "Tavener Medical is recalling 9,800 Corvia 300 and Corvia 300X infusion pumps after "
        "reports that their batteries can swell. The Corvia line was developed by Hestrup "
        "Infusion Systems, which Tavener bought in 2022. All Corvia pumps built in 2023 are "
        "affected.")
    assert "Corvia" not in companies(result)


def test_a_line_with_coded_models_and_a_word_for_the_line_is_no_company(extract_text):
    result = extract_text("Hallvik Hausgeräte GmbH sells the AirGlide V8 and AirGlide V10 "
                          "vacuums. All AirGlide models use packs from Tannvik Energy Co.")
    assert "AirGlide" not in companies(result)


def test_a_city_named_as_where_a_site_is_is_no_company(extract_text):
    result = extract_text(
        "Notes from the week.\n\nIn a complaint filed on June 30 in federal court in Monterrey,"
        " Compressori Brenta S.p.A. said Varela stopped placing orders in March. Varela is 55%"
        " owned by Monterrey holding company Grupo Ostiga. Brenta makes compressors at a plant"
        " in Piacenza.")
    companies = {e["name"] for e in result["entities"] if e["type"] == "company"}
    assert "Monterrey" not in companies and "Piacenza" not in companies, companies


def test_a_parent_and_its_subsidiary_named_after_it_stay_two(extract_text):
    result = extract_text(
        "Notes from the week.\n\nHanwol Autosafety Co., Ltd. supplies the driver air bag modules"
        " installed in the subject vehicles. The inflators in those modules were produced by its"
        " subsidiary, Hanwol Autosafety de Mexico S.A. de C.V., in Saltillo.")
    owned = {(f["parent"], f["child"]) for f in result["facts"] if f["type"] == "owns"}
    assert ("Hanwol Autosafety Co., Ltd.", "Hanwol Autosafety de Mexico S.A. de C.V.") in owned, owned


def test_a_headline_naming_a_unit_by_its_parent(extract_text):
    result = extract_text("Selvam Industries unit Tessano wins handset assembly contract\n\n"
                          "Tessano Electronics will begin assembling smartphones for Ravik Telecom.")
    owned = {(f["parent"], f["child"]) for f in result["facts"] if f["type"] == "owns"}
    assert ("Selvam Industries", "Tessano Electronics") in owned, owned


def test_a_short_name_joins_its_group_when_the_only_person_so_named_starts_a_company_name():
    # "Sarvelle" and "Sarvelle Aero" both typed persons, beside the group and two units:
    # "Sarvelle Aero" is the group's short form too, not a person called Sarvelle
    ents = entities_of(("company", "Sarvelle Aero S.A."), ("person", "Sarvelle Aero"),
                       ("company", "Sarvelle Aero Deutschland GmbH"),
                       ("company", "Sarvelle Propulsion"), ("person", "Sarvelle"))
    merge_short_forms(ents, load_lexicon())
    assert merged_into(ents, "Sarvelle") == "Sarvelle Aero S.A."
    assert merged_into(ents, "Sarvelle Aero") == "Sarvelle Aero S.A."


def test_one_company_s_longer_names_count_once():
    ents = entities_of(("company", "Brantmoor Marine ASA"), ("company", "Brantmoor Marine"),
                       ("company", "Brantmoor"))
    merge_short_forms(ents, load_lexicon())
    assert merged_into(ents, "Brantmoor") == "Brantmoor Marine ASA"


@pytest.mark.parametrize(("opening", "place_at", "joins"), [
    # a short name the model calls a place joins the first of the companies it starts
    ("Tianlu will supply inverters .", 0, "Tianlu Power Technology Co., Ltd."),
    # ... unless a mention says it is where something is
    ("Plants in Tianlu grew .", 2, "Tianlu"),
], ids=["joins-first-company", "stays-a-place"])
def test_a_short_name_typed_as_a_place(extractor, opening, place_at, joins):
    doc = extractor.nlp(opening + " Tianlu Power Technology Co., Ltd. and Tianlu Power "
                                  "Americas Inc. agreed .")
    ents = DocEntities()
    for type_, start, end in (("place", place_at, place_at + 1), ("company", 5, 11),
                              ("company", 12, 16)):
        ents.add_span(ents.new_cluster(type_), start, end, doc[start:end].text)
    merge_short_forms(ents, load_lexicon(), doc=doc)
    assert merged_into(ents, "Tianlu") == joins
