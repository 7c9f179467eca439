"""Partnerships stated as memoranda and joint development; kinds of product named with a
hyphenated word. All companies are invented."""

from __future__ import annotations

import pytest

PARTIES = {"Castell Motors", "Velmora Power"}


def partnerships(result: dict) -> list[set[str]]:
    return [set(f["parties"]) for f in result["facts"] if f["type"] == "partnership"]


@pytest.mark.parametrize("text", [
    "Castell Motors signed a memorandum of understanding with Velmora Power on battery recycling.",
    "Castell Motors and Velmora Power will jointly develop solid-state batteries.",
    "Castell Motors entered into an agreement with Velmora Power to co-develop chargers.",
    "Castell Motors signed a strategic cooperation agreement with Velmora Power.",
])
def test_joint_development_is_a_partnership(extract_text, text):
    assert PARTIES in partnerships(extract_text(text))


def test_denied_joint_development_is_no_partnership(extract_text):
    result = extract_text("Castell Motors and Velmora Power will not jointly develop batteries.")
    assert PARTIES not in partnerships(result)


def test_a_hyphenated_kind_of_product_keeps_its_whole_first_word(extract_text):
    result = extract_text("Castell Motors and Velmora Power will jointly develop solid-state "
                          "batteries.")
    names = {e["name"] for e in result["entities"]}
    assert "solid-state batteries" in names
    assert "state batteries" not in names
    made = [f["product"] for f in result["facts"]
            if f["type"] == "makes" and f["company"] == "Castell Motors"]
    assert made == ["solid-state batteries"], "the head alone is no second product"


@pytest.mark.parametrize("text", [
    "The new tray uses a polypropylene that Castell Holdings developed with German chemicals"
    " group Velmora Chemie AG.",
    "Castell Holdings said it had also signed a development agreement with Velmora Chemie AG to"
    " jointly design a lighter battery.",
    "Castell Holdings last year set up a joint battery engineering centre in Gothenburg with the"
    " German engineering firm Velmora Chemie AG.",
])
def test_work_done_together_makes_partners(extract_text, text):
    found = [f for f in extract_text(text)["facts"] if f["type"] == "partnership"]
    assert [sorted(f["parties"]) for f in found] == [["Castell Holdings", "Velmora Chemie AG"]]


def test_a_joint_investigation_is_no_partnership(extract_text):
    found = [f for f in extract_text(
        "Between January and March, Castell Holdings and Velmora Chemie AG conducted a joint"
        " investigation and recovered 212 inflators for testing.")["facts"]
        if f["type"] == "partnership"]
    assert found == []
