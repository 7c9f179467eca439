"""Supply agreements name two sides but not the seller: the document must say which side
sells before the agreement becomes a supply edge, and no edge is guessed. All companies
are invented."""

from __future__ import annotations

import pytest

SELLER, BUYER = "Velmora Power", "Castell Motors"


def supplies(result: dict) -> dict[tuple[str, str], dict]:
    return {(f["supplier"], f["customer"]): f for f in result["facts"] if f["type"] == "supplies"}


@pytest.mark.parametrize("text", [
    # the seller described as a maker of parts
    "Battery maker Velmora Power has had a supply deal with Castell Motors since 2020.",
    "Castell Motors signed a battery supply agreement with cell maker Velmora Power.",
    # the buyer described as a maker of end products
    "German automaker Castell Motors and Velmora Power have been in a supply partnership"
    " for a decade.",
    # the document states elsewhere who sells
    "Velmora Power supplies Brantley Industries with cells. Velmora Power also has a supply deal"
    " with Castell Motors.",
])
def test_a_supply_agreement_is_supply_from_the_side_the_document_shows_selling(extract_text, text):
    found = supplies(extract_text(text))
    assert (SELLER, BUYER) in found, found
    assert (BUYER, SELLER) not in found


def test_no_direction_is_guessed_when_the_document_gives_none(extract_text):
    found = supplies(extract_text("Velmora Power has a supply deal with Castell Motors."))
    assert (SELLER, BUYER) not in found and (BUYER, SELLER) not in found


def test_a_denied_agreement_is_no_supply(extract_text):
    text = "Castell Motors did not sign a supply agreement with battery maker Velmora Power."
    assert not supplies(extract_text(text))


def test_an_ended_agreement_is_supply_that_ended(extract_text):
    text = "Castell Motors ended its supply contract with battery maker Velmora Power."
    found = supplies(extract_text(text))
    assert found[(SELLER, BUYER)]["status"] == "ended"


def test_the_agreement_sentence_is_the_evidence(extract_text):
    text = ("Velmora Power makes battery cells in Ohio. Battery maker Velmora Power signed a"
            " supply agreement with Castell Motors in March.")
    fact = supplies(extract_text(text))[(SELLER, BUYER)]
    assert "supply agreement with Castell Motors" in fact["evidence"]


@pytest.mark.parametrize(("text", "status"), [
    ("Battery maker Velmora Power signed a supply agreement with Castell Motors.", "planned"),
    ("Battery maker Velmora Power will sign a supply deal with Castell Motors.", "planned"),
    ("Battery maker Velmora Power has had a supply deal with Castell Motors for years.", "active"),
])
def test_signing_an_agreement_plans_supply_and_having_one_is_supply_now(extract_text, text, status):
    assert supplies(extract_text(text))[(SELLER, BUYER)]["status"] == status
