"""Supply stated through a buyer's supplier list, and through where a seller's sales come
from. All companies are invented."""

from __future__ import annotations

import pytest

BUYER = "Castell Motors"


def supplies(result: dict) -> dict[tuple[str, str], dict]:
    return {(f["supplier"], f["customer"]): f for f in result["facts"] if f["type"] == "supplies"}


STORY = (
    "Castell Motors added three Ohio manufacturers to its supplier list last year, while many"
    " others, such as seat maker Brantley Seating and Ostrava Glass, remained on the list.\n"
    "On the list released in March, Velmora Power and Halden Instruments were added.\n"
    "Other manufacturers on the list included lens suppliers Kovax Optics and Lumora Devices.\n"
    "Quillon Semiconductor's plants in Ohio are on the Castell Motors supplier list.\n"
    "Castell Motors removed Pellar Metals from its supplier list."
)


def test_every_company_on_a_buyers_supplier_list_supplies_it(extract_text):
    found = supplies(extract_text(STORY))
    on_list = {"Brantley Seating", "Ostrava Glass", "Velmora Power", "Halden Instruments",
               "Kovax Optics", "Lumora Devices", "Quillon Semiconductor", "Pellar Metals"}
    assert {s for s, c in found if c == BUYER} == on_list
    assert found[("Pellar Metals", BUYER)]["status"] == "ended"
    assert found[("Velmora Power", BUYER)]["status"] == "active"


@pytest.mark.parametrize("text", [
    "Castell Motors added Velmora Power to its supplier list. The U.S. later added Brantley"
    " Cells to the Entity List.",
    "Castell Motors added Velmora Power to its supplier list. Brantley Cells is on the list of"
    " the best employers.",
    "Brantley Cells topped the list of the largest battery makers.",
])
def test_other_lists_say_nothing_of_supply(extract_text, text):
    assert not any(s == "Brantley Cells" for s, _ in supplies(extract_text(text)))


@pytest.mark.parametrize("text", [
    "As for Velmora Power, about 40 percent of its sales come from Castell Motors.",
    "Velmora Power's revenue comes mostly from Castell Motors.",
])
def test_a_seller_whose_sales_come_from_a_buyer_supplies_it(extract_text, text):
    found = supplies(extract_text(text))
    assert ("Velmora Power", BUYER) in found and (BUYER, "Velmora Power") not in found


def test_other_verbs_on_the_list_say_nothing_of_membership(extract_text):
    text = ("Castell Motors added Velmora Power to its supplier list. Brantley Cells commented"
            " on the list.")
    assert ("Brantley Cells", BUYER) not in supplies(extract_text(text))
