"""The two models learned from labelled news: the supplier -> customer pair classifier
(`supply_pairs`) and the check of products' makers (`makes_check`). They ship with
the package, load without a download, and add or remove facts only as their scores say."""

from __future__ import annotations

import dataclasses
import json
import sys
from pathlib import Path

import pytest

from supplywatch.errors import ModelNotInstalled
from supplywatch.extract import Extractor, LearnedModels
from supplywatch.extract.makes_check import MakesModel, checked_makes, load_makes_model
from supplywatch.extract.supply_pairs import (
    SupplyModel,
    candidates,
    learned_supplies,
    load_supply_model,
    parties_in,
)
from supplywatch.model import Document

BENCH = Path(__file__).resolve().parents[2] / "bench" / "extraction"


@pytest.fixture(scope="module")
def rules_only() -> Extractor:
    """The shipped pipeline without the news models: what they are trained to follow."""
    return Extractor.load(models=LearnedModels.packaged().without_news_models())


def reading_of(extractor: Extractor, text: str):
    doc = extractor.nlp("Business news\n\n" + text)
    return doc, doc._.sw_reading


def names_of(r, parties) -> set[str]:
    return {r.ents.clusters[p.cid].name for p in parties}


def company(r, word: str) -> int:
    return next(cid for cid, c in enumerate(r.ents.clusters)
                if c.type == "company" and c.names and word in c.name)


def test_news_models_ship_with_the_package_and_say_what_they_learned_from():
    models = LearnedModels.packaged()
    for path, load in ((models.supply_pairs, load_supply_model), (models.makes_check, load_makes_model)):
        model = load(path)
        assert 0 < model.threshold < 1 and model.weights
        about = json.loads(path.read_text("utf-8"))["_about"]
        assert "never the blind sets" in about


def test_a_missing_news_model_says_how_to_rebuild_it(tmp_path):
    models = dataclasses.replace(LearnedModels.packaged(), supply_pairs=tmp_path / "gone.json")
    with pytest.raises(ModelNotInstalled, match=r"train\.py news"):
        Extractor.load(models=models)


def test_parties_include_what_pronouns_and_descriptions_refer_to(extractor):
    doc, r = reading_of(extractor, (
        "Brennvik Motors AB builds electric delivery vans at its plant in Umea. The Swedish "
        "carmaker said on Monday that its battery packs will come from Korlund Energy."))
    sent = list(doc.sents)[-1]
    parties = parties_in(r, sent)
    brennvik = company(r, "Brennvik")
    assert {p.how for p in parties if p.cid == brennvik} >= {"description", "pronoun"}
    assert "Korlund Energy" in names_of(r, parties)


def test_outlets_and_audiences_are_no_parties(extractor):
    doc, r = reading_of(extractor, (
        "Halvard Foods Inc. told Norvale Wire that it would buy lidding film from Trelling Pack "
        "GmbH, according to Baxley Research."))
    parties = names_of(r, parties_in(r, list(doc.sents)[-1]))
    assert any("Halvard" in n for n in parties) and any("Trelling" in n for n in parties)
    assert not any("Norvale" in n or "Baxley" in n for n in parties)


# a story whose last sentence names only the supplier
BRISA = ("Brisa Rail S.A. is building 40 regional trains for a Portuguese operator. Brisa Rail "
         "said the first trains would be delivered in 2027. The bogies will come from Vlastek "
         "Bogie s.r.o. in the Czech Republic.")


def test_a_sentence_that_names_one_party_pairs_it_with_the_story_s_company(extractor):
    _, r = reading_of(extractor, BRISA)
    brisa, vlastek = company(r, "Brisa"), company(r, "Vlastek")
    pairs = {(c.supplier.cid, c.customer.cid, c.customer.how) for c in candidates(r, [])}
    assert (vlastek, brisa, "topic") in pairs


def test_a_company_named_only_to_describe_the_supplier_is_no_second_party(extractor):
    _, r = reading_of(extractor, BRISA.replace(
        "Vlastek Bogie s.r.o. in the Czech Republic.",
        "Vlastek Bogie s.r.o., a subsidiary of Austria's Morrant Holding."))
    brisa, vlastek = company(r, "Brisa"), company(r, "Vlastek")
    pairs = {(c.supplier.cid, c.customer.cid, c.customer.how) for c in candidates(r, [])}
    assert (vlastek, brisa, "topic") in pairs


def test_learned_supplies_add_the_likelier_direction_once_and_leave_the_rules_pairs(extractor):
    doc, r = reading_of(extractor, BRISA)
    brisa, vlastek = company(r, "Brisa"), company(r, "Vlastek")
    rules = [d for d in doc._.sw_drafts if d.type != "supplies"]
    sure = SupplyModel({"b_how=topic": 10.0, "a_how=topic": 5.0}, -2.0, 0.5)
    added = learned_supplies(r, sure, rules)
    pairs = [(d.roles["supplier"][0], d.roles["customer"][0]) for d in added]
    assert pairs == [(vlastek, brisa)]
    assert added[0].extra["learned"] and added[0].sent.text.startswith("The bogies")
    # a pair the rules drafted (either way round) is theirs: the model adds nothing to it
    drafted = [dataclasses.replace(added[0], extra={})]
    assert learned_supplies(r, sure, rules + drafted) == []
    assert learned_supplies(r, SupplyModel({}, -5.0, 0.5), rules) == []


def test_makes_check_drops_named_products_it_doubts_and_keeps_kinds(extractor):
    doc, r = reading_of(extractor, (
        "Torvik Marine AS builds the Skarv 30 workboat and makes aluminium hulls. Its engines "
        "come from Hallberg Motor AB, which also supplies the Skarv 30's gearbox."))
    drafts = doc._.sw_drafts
    # (the company -> product classifier's named products are its own threshold's: in_check)
    named = [d for d in drafts if d.type == "makes" and not d.extra.get("learned")
             and r.ents.clusters[d.roles["product"][0]].name[:1].isupper()]
    assert named, "the rules draft the Skarv 30's maker"
    doubtful = MakesModel({}, -5.0, 0.5)
    kept = checked_makes(r, doubtful, drafts)
    assert not [d for d in kept if d in named]
    kinds = [d for d in drafts if d.type == "makes" and d not in named]
    assert [d for d in kept if d.type == "makes"] == kinds
    assert [d for d in kept if d.type != "makes"] == [d for d in drafts if d.type != "makes"]
    assert checked_makes(r, MakesModel({}, 5.0, 0.5), drafts) == drafts


def test_the_shipped_classifier_adds_a_supply_the_rules_miss(rules_only, extractor):
    # (a pair the classifier is sure of, not one at the edge of its threshold: "Castorel
    # Ceramics has made the mugs Wendlyn sells" scored 0.62 against 0.60, and a retraining
    # on two more sets moved it to 0.56 against 0.65 without the model getting worse)
    text = ("Business news\n\nOrlan Tools sells cordless drills across Europe. Kestrin Power has "
            "built the battery packs in Orlan's drills since 2019, the toolmaker said.")
    doc = Document.from_text(text, "s.txt")

    def supplies(ex: Extractor) -> list[tuple[str, str]]:
        return [(f["supplier"], f["customer"]) for f in ex.extract(doc).contract()["facts"]
                if f["type"] == "supplies"]

    assert supplies(rules_only) == []
    assert supplies(extractor) == [("Kestrin Power", "Orlan Tools")]


def test_the_shipped_check_keeps_a_plainly_stated_maker(extract_text):
    facts = extract_text("Business news\n\nHarlow Bikes launched the Trail E7 e-bike in Leeds on "
                         "Monday, its first model with a mid-drive motor.")["facts"]
    assert any(f["type"] == "makes" and "Harlow" in f["company"] and "Trail E7" in f["product"]
               for f in facts)


@pytest.fixture
def labelled_folder(tmp_path) -> Path:
    """Two labelled invented articles in the layout of bench/extraction/invented-news."""
    folder = tmp_path / "tiny"
    folder.mkdir()
    stories = {
        "01-brisa": ("Brisa Rail S.A. is building 40 regional trains. Brisa Rail said the first "
                     "trains would be delivered in 2027. The bogies will come from Vlastek Bogie "
                     "s.r.o. in the Czech Republic.",
                     [{"type": "supplies", "supplier": ["Vlastek Bogie s.r.o.", "Vlastek"],
                       "customer": ["Brisa Rail S.A.", "Brisa Rail"], "required": True,
                       "evidence": ["The bogies will come from Vlastek Bogie s.r.o. in the "
                                    "Czech Republic."]}]),
        "02-wendlyn": ("Wendlyn Home Ltd. sells ceramic tableware across Britain and launched the "
                       "Harbour 2 mug in March. Castorel Ceramics has made Wendlyn's mugs since 2017, "
                       "the retailer said. Wendlyn buys its gift boxes from Korrel Pack Ltd.",
                       [{"type": "makes", "company": ["Wendlyn Home Ltd.", "Wendlyn"],
                         "product": ["Harbour 2", "Harbour 2 mug"], "required": True,
                         "evidence": ["Wendlyn Home Ltd. sells ceramic tableware across Britain and "
                                      "launched the Harbour 2 mug in March."]},
                        {"type": "supplies", "supplier": ["Castorel Ceramics", "Castorel"],
                         "customer": ["Wendlyn Home Ltd.", "Wendlyn"], "required": True,
                         "evidence": ["Castorel Ceramics has made Wendlyn's mugs since 2017, the "
                                      "retailer said."]},
                        {"type": "supplies", "supplier": ["Korrel Pack Ltd.", "Korrel"],
                         "customer": ["Wendlyn Home Ltd.", "Wendlyn"], "required": True,
                         "evidence": ["Wendlyn buys its gift boxes from Korrel Pack Ltd."]}]),
    }
    for name, (text, facts) in stories.items():
        (folder / f"{name}.txt").write_text(f"Trade news\nSource: Test\nURL: https://example.com/{name}\n\n"
                                            f"{text}\n", "utf-8")
        (folder / f"{name}.json").write_text(json.dumps({"facts": facts}), "utf-8")
    return folder


def test_the_training_code_reads_labelled_sets_and_writes_usable_models(
        labelled_folder, tmp_path, monkeypatch, rules_only):
    monkeypatch.syspath_prepend(str(BENCH))
    for module in [m for m in sys.modules if m == "learn" or m.startswith("learn.")]:
        monkeypatch.delitem(sys.modules, module)
    from learn import makes, relations, supply

    docs = supply.gather(rules_only, [labelled_folder], log=lambda _: None)
    assert [d.name for d in docs] == ["01-brisa.txt", "02-wendlyn.txt"]
    # the rules read Vlastek -> Brisa themselves: that pair is theirs, not a training row
    assert any(f["type"] == "supplies" and f["supplier"].startswith("Vlastek") for f in docs[0].facts)
    rows = [r for d in docs for r in d.rows]
    assert not any(r.names[0].startswith("Vlastek") for r in rows)
    assert any(r.label == 1 and r.names[0] == "Castorel Ceramics" for r in rows)
    assert all(r.label == 0 for r in rows if r.names[1] == "Castorel Ceramics")
    model = supply.train(docs, log=lambda _: None)
    relations.save(model, tmp_path / "supply_pairs.json", "test")
    assert 0 < load_supply_model(tmp_path / "supply_pairs.json").threshold < 1
    checked = makes.gather(rules_only, [labelled_folder], log=lambda _: None)
    rows = [r for d in checked for r in d.rows]
    assert any(r.label == 1 and r.names[0] == "Wendlyn Home Ltd." and "Harbour 2" in r.names[1] for r in rows)
    # a kind of product ("ceramic tableware") is a row too, judged at a threshold of its own
    assert any(("Wendlyn Home Ltd.", "ceramic tableware") in d.kinds for d in checked)
    relations.save(makes.train(checked, log=lambda _: None), tmp_path / "makes_check.json", "test")
    loaded = load_makes_model(tmp_path / "makes_check.json")
    assert loaded.kind_threshold is not None and 0 < loaded.threshold < 1


def test_sentences_the_labels_cite_are_found_even_when_cut_differently():
    sys.path.insert(0, str(BENCH))
    try:
        from learn.supply import cites
    finally:
        sys.path.remove(str(BENCH))
    sentence = "Under the deal, Velder will supply the units for the Sprint 5 from 2026, it said."
    evidence = [sentence]
    assert cites(sentence, evidence)
    assert cites("Under the deal, Velder will supply the units for the Sprint 5 from 2026,", evidence)
    assert not cites("Velder makes the units at a plant in Brno.", evidence)


def test_a_plain_statement_keeps_its_supply_with_the_news_models_on(rules_only, extractor):
    text = "Velmora Power will supply battery cells to Castell Motors from 2026, the companies said."
    doc = Document.from_text(text, "s.txt")

    def supplies(ex: Extractor) -> list[tuple]:
        facts = ex.extract(doc).contract()["facts"]
        return [(f["supplier"], f["customer"]) for f in facts if f["type"] == "supplies"]

    assert supplies(rules_only) == supplies(extractor) == [("Velmora Power", "Castell Motors")]


def makes_pairs(ex: Extractor, text: str) -> set[tuple[str, str]]:
    facts = ex.extract(Document.from_text(text, "s.txt")).contract()["facts"]
    return {(f["company"], f["product"]) for f in facts if f["type"] == "makes"}


def test_a_supplier_s_line_of_business_is_no_product_in_a_supply_story(rules_only, extractor):
    """ "X, the German maker of hinges, will supply drawer runners to Y": in a supply story
    the check drops the kinds of product X makes (on the invented news they were wrong five
    times in six), and the supply stays. The learned pair classifier's pairs no longer get
    that far: in a sentence where X supplies something else, X makes none of its products."""
    text = ("Brask Beschläge GmbH, the German maker of hinges and drawer systems, will begin "
            "supplying drawer runners to British furniture retailer Tamber Home next spring.")
    assert ("Brask Beschläge GmbH", "hinges") not in makes_pairs(rules_only, text)
    assert not any(company.startswith("Brask") for company, _ in makes_pairs(extractor, text))
    supplies = [f for f in extractor.extract(Document.from_text(text, "s.txt")).contract()["facts"]
                if f["type"] == "supplies"]
    assert [(f["supplier"], f["customer"]) for f in supplies] == [("Brask Beschläge GmbH", "Tamber Home")]


def test_a_company_page_keeps_the_kinds_of_product_it_makes(extractor):
    """Outside a supply story the check does not run: a company's own page keeps its
    products, named or kinds."""
    text = ("Brask Beschläge GmbH makes hinges and drawer systems for kitchens in Freiburg. "
            "The family company employs 900 people.")
    assert {("Brask Beschläge GmbH", "hinges"), ("Brask Beschläge GmbH", "drawer systems")} \
        <= makes_pairs(extractor, text)


def test_recall_records_keep_the_rules_reading(tmp_path):
    """The models learned from news leave recall records and BOMs to their own rules."""
    doubting = tmp_path / "makes_check.json"
    doubting.write_text(json.dumps({"model": {"bias": -30.0, "threshold": 0.5, "weights": {}}}), "utf-8")
    extractor = Extractor.load(models=dataclasses.replace(LearnedModels.packaged(), makes_check=doubting))
    text = ("Castell Motors said sales of its Vega 5 scooter doubled. Velmora Power will supply "
            "battery cells to Castell Motors from 2026.")  # (a supply story: the check reads those)

    def makes(kind: str) -> list[str]:
        document = dataclasses.replace(Document.from_text(text, "s.txt"), kind=kind)
        return [f["product"] for f in extractor.extract(document).contract()["facts"] if f["type"] == "makes"]

    assert not [p for p in makes("article") if "Vega 5" in p]
    assert [p for p in makes("recall") if "Vega 5" in p]


@pytest.mark.parametrize(("text", "wanted"), [
    # readings the news models overturn (xfail in test_teardowns): the rules alone keep them
    ("Castell Pods 3 teardown: what is inside Castell Audio's new earbuds\n\nCastell Audio's new "
     "earbuds went on sale this month, and Castell Audio says the first batch sold out in a week. "
     "We bought two sets and took them apart.\n\nChips from Ardent Semiconductor are in short "
     "supply this year, analysts said.", ("supplies", None)),
    ("Toy maker adds a factory\n\nPuddlewick Toys, the Leeds-based maker of soft toys, will make "
     "plush in Vietnam. Puddlewick has been owned since 2021 by Orrington Brands Inc., a Chicago "
     "toy group. Orrington bought the company from its founding family.\n\nThe company is best "
     "known for its Dabble Goose bath toys.", ("makes", "Dabble Goose")),
])
def test_the_rules_alone_keep_what_the_news_models_overturn(rules_only, text, wanted):
    facts = rules_only.extract(Document.from_text(text, "s.txt")).contract()["facts"]
    kind, product = wanted
    found = [f for f in facts if f["type"] == kind]
    if product is None:
        assert found == []
    else:
        assert any(product in f["product"] and f["company"].startswith("Puddlewick") for f in found)
