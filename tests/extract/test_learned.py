"""The learned parts of the extractor: shipped with the package, loaded without a
download, and used for the entity list and generic company -> product pairs."""

from __future__ import annotations

import json

import pytest
import spacy

from supplywatch.errors import ModelNotInstalled
from supplywatch.extract import Extractor, LearnedModels
from supplywatch.extract.learned import LEARNED_NER, add_learned_ner
from supplywatch.extract.pairs import KIND_THRESHOLD, PairModel, load_pair_model
from supplywatch.model import Document, name_key

PAGE = (
    "Brightline Sensors GmbH is a leading manufacturer of pressure sensors and flow meters "
    "for industrial customers. The company also offers calibration services through its "
    "partner Norland Instruments Ltd.\n"
    "Brightline Sensors GmbH was founded in 1998 in Ulm."
)


def test_learned_models_ship_with_the_package():
    models = LearnedModels.packaged()
    assert (models.ner / "component.json").is_file()
    assert (models.ner / "model").is_file()
    model = load_pair_model(models.relations)
    assert 0 < model.threshold < 1
    assert model.kind_threshold >= max(model.threshold, KIND_THRESHOLD)
    assert model.weights


def test_learned_recogniser_runs_beside_the_base_one(extractor):
    names = extractor.nlp.pipe_names
    assert names.index(LEARNED_NER) < names.index("sw_ner_spans") < names.index("ner")
    assert names.index("ner") < names.index("sw_entities")
    problems = extractor.nlp.analyze_pipes()["problems"]
    assert not problems["sw_entities"] and not problems["sw_relations"]
    doc = extractor.nlp(PAGE)
    # The learned names are kept apart; the base model's entities are still in doc.ents.
    assert all(span.label_ in extractor.nlp.get_pipe(LEARNED_NER).labels
               for span in doc.spans[LEARNED_NER])
    assert any(e.label_ == "ORG" for e in doc.ents)


def test_a_missing_learned_model_says_how_to_rebuild_it(tmp_path):
    with pytest.raises(ModelNotInstalled, match=r"bench/extraction/train\.py"):
        add_learned_ner(spacy.blank("en"), tmp_path)


def test_base_pipeline_alone_still_extracts():
    extractor = Extractor.load(models=LearnedModels.none())
    assert LEARNED_NER not in extractor.nlp.pipe_names
    result = extractor.extract(Document.from_text(PAGE, "page.txt")).contract()
    assert any(e["type"] == "company" for e in result["entities"])


def test_company_page_entities_one_type_per_name(extract_text):
    result = extract_text(PAGE, "page.txt")
    by_type: dict[str, set[str]] = {}
    for ent in result["entities"]:
        by_type.setdefault(ent["type"], set()).add(name_key(ent["name"]))
    assert any("brightline" in k for k in by_type.get("company", set()))
    assert any("sensors" in k for t in ("product", "component") for k in by_type.get(t, set()))
    keys = [name_key(e["name"]) for e in result["entities"]]
    assert len(keys) == len(set(keys)), "a name is listed once, with one type"
    names = {e["name"] for e in result["entities"]}
    for fact in result["facts"]:
        if fact["type"] == "makes":
            assert fact["company"] in names and fact["product"] in names


def test_pair_model_round_trip_and_probabilities():
    model = PairModel({"path=nsubj^_vdobj": 2.0, "p_in=hazard_words": -3.0}, -1.0, 0.4)
    again = PairModel.from_json(json.loads(json.dumps(model.to_json())))
    assert again.weights == model.weights and again.threshold == model.threshold
    assert again.kind_threshold == KIND_THRESHOLD
    low, high = model.probability([]), model.probability(["path=nsubj^_vdobj"])
    assert 0 < low < high < 1
    assert model.probability(["p_in=hazard_words"]) < low


@pytest.mark.parametrize("text, companies", [
    ("Kovax Appliances sells heaters.", {"Kovax Appliances"}),
    ("Analysts at Meridian Capital expect Halden Instruments to grow.",
     {"Meridian Capital", "Halden Instruments"}),
    ("Tessaro Labs sells level switches to Orvane Foods.", {"Tessaro Labs", "Orvane Foods"}),
    ("Norvane Instruments supplies sensors to Kestrel Pumps Inc.",
     {"Norvane Instruments", "Kestrel Pumps Inc."}),
    ("Ostrava Motors and Pellion Batteries formed a joint venture.",
     {"Ostrava Motors", "Pellion Batteries"}),
    ("Shares of Lumora Devices fell after Caldera Retail cut its orders.",
     {"Lumora Devices", "Caldera Retail"}),
])
def test_companies_in_short_news_sentences_are_listed(extract_text, text, companies):
    # The recogniser is fine-tuned on company web pages; news is what supplywatch reads
    # most, and a company it stops tagging drops out of the entity list.
    listed = {e["name"] for e in extract_text(text)["entities"] if e["type"] == "company"}
    assert companies <= listed


def test_a_product_name_does_not_stop_inside_a_noun_compound(extract_text):
    result = extract_text("The Consumer Product Safety Commission announced a recall of Velmora "
                          "Power's PB-20 power banks.")
    names = {e["name"] for e in result["entities"] if e["type"] == "product"}
    assert "PB-20 power" not in names, names
    assert not any(n.endswith(" power") for n in names)


def test_one_makes_fact_per_company_and_product(extract_text):
    result = extract_text("The Consumer Product Safety Commission announced a recall of Velmora "
                          "Power's PB-20 power banks.")
    pairs = [(f["company"], f["product"]) for f in result["facts"] if f["type"] == "makes"]
    assert ("Velmora Power", "PB-20") in pairs
    assert len(pairs) == len(set(pairs)), pairs
