"""Headlines state plans as "X to do Y", with no verb before the infinitive: the company
the infinitive hangs on is its subject. All companies are invented."""

from __future__ import annotations


def facts(result: dict, type_: str) -> list[dict]:
    return [f for f in result["facts"] if f["type"] == type_]


def test_a_headline_infinitive_states_planned_supply(extract_text):
    found = facts(extract_text("Velmora Power to supply battery cells to Castell Motors"), "supplies")
    assert [(f["supplier"], f["customer"], f["component"], f["status"]) for f in found] == [
        ("Velmora Power", "Castell Motors", "battery cells", "planned")]


def test_a_headline_infinitive_states_an_acquisition(extract_text):
    found = facts(extract_text("Velmora Power to acquire Brisk Cells for $200 million"), "owns")
    assert [(f["parent"], f["child"]) for f in found] == [("Velmora Power", "Brisk Cells")]


def test_an_infinitive_on_a_common_noun_names_no_subject(extract_text):
    assert facts(extract_text("Plans to supply cells to Castell Motors"), "supplies") == []
