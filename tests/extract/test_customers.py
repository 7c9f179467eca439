"""Supply stated from the buyer's side ("Y is one of X's largest customers"): X supplies Y.
All companies are invented."""

from __future__ import annotations

import pytest


def supplies(result: dict) -> dict[tuple[str, str], dict]:
    return {(f["supplier"], f["customer"]): f for f in result["facts"] if f["type"] == "supplies"}


@pytest.mark.parametrize("text", [
    "Halvorsen Motors is one of Quillon Semiconductor's largest customers.",
    "Halvorsen Motors, a major customer of Quillon Semiconductor, said demand was strong.",
    "Quillon Semiconductor counts Halvorsen Motors among its biggest clients.",
    "Halvorsen Motors became a client of Quillon Semiconductor in 2021.",
    "Halvorsen Motors is among Quillon Semiconductor's customers.",
    "Quillon Semiconductor's largest customer, Halvorsen Motors, raised its orders.",
])
def test_a_named_customer_is_supplied_by_the_seller(extract_text, text):
    found = supplies(extract_text(text))
    assert ("Quillon Semiconductor", "Halvorsen Motors") in found
    assert ("Halvorsen Motors", "Quillon Semiconductor") not in found


def test_every_customer_in_a_list_is_supplied(extract_text):
    found = supplies(extract_text("Quillon Semiconductor's customers include Halvorsen Motors "
                                  "and Brantley Audio."))
    assert {("Quillon Semiconductor", "Halvorsen Motors"),
            ("Quillon Semiconductor", "Brantley Audio")} <= set(found)


def test_the_biggest_buyer_of_a_makers_parts_names_the_part(extract_text):
    found = supplies(extract_text("Halvorsen Motors is the biggest buyer of Quillon "
                                  "Semiconductor's image sensors."))
    assert found[("Quillon Semiconductor", "Halvorsen Motors")]["component"] == "image sensors"


def test_a_denied_customer_is_no_fact(extract_text):
    found = supplies(extract_text("Halvorsen Motors is not a customer of Quillon Semiconductor, "
                                  "a spokesperson said."))
    assert ("Quillon Semiconductor", "Halvorsen Motors") not in found


def test_a_customer_no_longer_is_an_ended_supply(extract_text):
    found = supplies(extract_text("Halvorsen Motors is no longer a customer of Quillon "
                                  "Semiconductor."))
    assert found[("Quillon Semiconductor", "Halvorsen Motors")]["status"] == "ended"


def test_a_reported_customer_is_a_hedged_supply(extract_text):
    plain = supplies(extract_text("Halvorsen Motors is a customer of Quillon Semiconductor."))
    hedged = supplies(extract_text("Halvorsen Motors is reportedly a customer of Quillon "
                                   "Semiconductor."))
    key = ("Quillon Semiconductor", "Halvorsen Motors")
    assert hedged[key]["confidence"] < plain[key]["confidence"]
