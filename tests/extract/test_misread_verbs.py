"""Supply stated by a verb that the small English model parses as part of a noun phrase
("X and Y supply cells to Z"), and a supply verb's part when "to" is parsed as its
dative. All companies are invented."""

from __future__ import annotations

import pytest

SUPPLIERS = {"Velmora Power", "Brisk Cells"}
CUSTOMER = "Castell Motors"


def supplies(result: dict) -> dict[tuple[str, str], dict]:
    return {(f["supplier"], f["customer"]): f for f in result["facts"] if f["type"] == "supplies"}


@pytest.mark.parametrize(("text", "part"), [
    ("Velmora Power and Brisk Cells supply battery cells to Castell Motors.", "battery cells"),
    ("Velmora Power and Brisk Cells both supply battery cells to Castell Motors.", "battery cells"),
    ("Castell Motors said Velmora Power and Brisk Cells supply the packs for its buses.", "packs"),
    ("Castell Motors sources cells from both Velmora Power and Brisk Cells.", "cells"),
])
def test_each_company_of_a_list_supplies_when_the_verb_is_misread(extract_text, text, part):
    found = supplies(extract_text(text))
    assert {pair for pair in found} == {(s, CUSTOMER) for s in SUPPLIERS}
    assert {f["component"] for f in found.values()} == {part}
    assert {f["status"] for f in found.values()} == {"active"}


def test_a_misread_verb_keeps_its_quantity_and_tense(extract_text):
    found = supplies(extract_text(
        "Velmora Power and Brisk Cells will supply 2 million cells to Castell Motors."))
    assert set(found) == {(s, CUSTOMER) for s in SUPPLIERS}
    assert {(f["quantity"], f["status"]) for f in found.values()} == {(2_000_000, "planned")}


@pytest.mark.parametrize("text", [
    "The Velmora Power supply chain for Castell Motors was disrupted.",
    "Velmora Power and Brisk Cells do not supply cells to Castell Motors.",
    "Velmora Power and Brisk Cells supply problems hit Castell Motors.",
])
def test_a_compound_or_a_denial_is_no_supply(extract_text, text):
    assert supplies(extract_text(text)) == {}


def test_the_part_of_a_supply_verb_with_a_dative_to(extract_text):
    found = supplies(extract_text("Velmora Power also supplies cells to Castell Motors."))
    assert found[("Velmora Power", CUSTOMER)]["component"] == "cells"
