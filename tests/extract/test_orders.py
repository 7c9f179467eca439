"""Supply stated through orders, contracts, reliance and selection ("X won an order from
Y", "Y relies on X for cells", "Y chose X as its battery supplier"): X supplies Y.
All companies are invented."""

from __future__ import annotations

import pytest

SUPPLIER, CUSTOMER = "Velmora Power", "Castell Motors"


def supplies(result: dict) -> dict[tuple[str, str], dict]:
    return {(f["supplier"], f["customer"]): f for f in result["facts"] if f["type"] == "supplies"}


@pytest.mark.parametrize(("text", "part"), [
    ("Velmora Power won an order from Castell Motors for 2 million cells.", "cells"),
    ("Castell Motors placed an order with Velmora Power for battery cells.", "battery cells"),
    ("Castell Motors awarded Velmora Power a contract for battery modules.", "battery modules"),
    ("Castell Motors relies on Velmora Power for battery cells.", "battery cells"),
    ("Castell Motors sources its battery cells from Velmora Power.", "battery cells"),
    ("Castell Motors gets its cells from Velmora Power.", "cells"),
    ("Velmora Power signed a contract to supply Castell Motors with cells.", "cells"),
    ("Velmora Power secured a deal with Castell Motors to provide battery packs.", "battery packs"),
    ("Castell Motors has chosen Velmora Power as its battery supplier.", "battery"),
    ("Castell Motors named Velmora Power as a supplier of battery cells.", "battery cells"),
    ("Castell Motors turned to Velmora Power for battery cells.", "battery cells"),
    ("Velmora Power has been tapped by Castell Motors to supply battery packs.", "battery packs"),
    ("Castell Motors signed a deal to buy cells from Velmora Power.", "cells"),
    ("Castell Motors' battery cells come from Velmora Power.", "battery cells"),
    ("The batteries in Castell Motors' scooters come from Velmora Power.", "batteries"),
])
def test_supply_stated_through_an_order_or_a_choice(extract_text, text, part):
    found = supplies(extract_text(text))
    assert (SUPPLIER, CUSTOMER) in found, found
    assert (CUSTOMER, SUPPLIER) not in found
    assert found[(SUPPLIER, CUSTOMER)]["component"] == part


@pytest.mark.parametrize("text", [
    "Castell Motors got approval from Velmora Power.",  # "get" is supply only with a part
    "Castell Motors relies on Velmora Power for growth.",  # reliance on a company, no part
    "Castell Motors turned to Velmora Power for advice.",
    "Castell Motors did not place an order with Velmora Power.",
    "Velmora Power lost an order from Castell Motors.",
])
def test_no_supply_without_a_part_an_order_won_or_an_affirmed_order(extract_text, text):
    assert (SUPPLIER, CUSTOMER) not in supplies(extract_text(text))


def test_a_contract_to_supply_is_planned_supply(extract_text):
    found = supplies(extract_text("Velmora Power signed a contract to supply Castell Motors "
                                  "with cells."))
    assert found[(SUPPLIER, CUSTOMER)]["status"] == "planned"


def test_the_buyer_of_a_part_is_not_its_maker(extract_text):
    result = extract_text("Castell Motors' battery cells come from Velmora Power.")
    makes = {(f["company"], f["product"]) for f in result["facts"] if f["type"] == "makes"}
    assert (CUSTOMER, "battery cells") not in makes


@pytest.mark.parametrize("text", [
    "Castell Motors dropped Velmora Power as a supplier.",
    "Castell Motors has stopped using Velmora Power as its battery supplier.",
    "Castell Motors will no longer buy batteries from Velmora Power.",
    "Castell Motors cut ties with battery maker Velmora Power after the recall.",
])
def test_a_supplier_dropped_is_supply_that_ended(extract_text, text):
    found = supplies(extract_text(text))
    assert found[(SUPPLIER, CUSTOMER)]["status"] == "ended"


@pytest.mark.parametrize(("text", "status"), [
    ("Velmora Power began delivering cells to Castell Motors in March.", "active"),
    ("Velmora Power has begun supplying Castell Motors.", "active"),
    ("Velmora Power will begin supplying cells to Castell Motors in 2026.", "planned"),
])
def test_supply_that_has_begun_is_active_and_supply_that_will_begin_is_planned(
        extract_text, text, status):
    assert supplies(extract_text(text))[(SUPPLIER, CUSTOMER)]["status"] == status


@pytest.mark.parametrize("text", [
    "Castell Motors cut its orders from Velmora Power after the recall.",
    "Castell Motors reduced its orders with Velmora Power.",
    "Castell Motors slashed purchases from Velmora Power this year.",
])
def test_fewer_orders_is_supply_that_goes_on(extract_text, text):
    # Buying less from a supplier is still buying from it: "ended" would tell a user
    # watching the pair that the relation is over.
    assert supplies(extract_text(text))[(SUPPLIER, CUSTOMER)]["status"] == "active"


def test_reducing_ties_states_no_supply(extract_text):
    assert supplies(extract_text("Castell Motors reduced its dealings with Velmora Power.")) == {}


@pytest.mark.parametrize("text", [
    "Castell Motors has chosen Velmora Power to supply battery packs.",
    "Castell Motors said it had chosen Velmora Power to supply its battery packs.",
])
def test_the_company_that_chose_a_supplier_is_its_customer(extract_text, text):
    found = supplies(extract_text(text))
    assert set(found) == {(SUPPLIER, CUSTOMER)}
    assert found[(SUPPLIER, CUSTOMER)]["component"] == "battery packs"


@pytest.mark.parametrize("text", [
    "Castell Motors replaced Velmora Power with Brisk Cells as its battery supplier.",
    "Brisk Cells replaced Velmora Power as Castell Motors' battery supplier.",
])
def test_a_supplier_replaced_ended_and_its_replacement_supplies(extract_text, text):
    found = supplies(extract_text(text))
    assert {pair: f["status"] for pair, f in found.items()} == {
        (SUPPLIER, CUSTOMER): "ended", ("Brisk Cells", CUSTOMER): "active"}


@pytest.mark.parametrize(("text", "status"), [
    ("Velmora Power may start supplying cells to Castell Motors next year.", "planned"),
    ("Velmora Power started supplying cells to Castell Motors in March.", "active"),
])
def test_supply_that_will_start_is_planned_and_supply_that_started_is_active(
        extract_text, text, status):
    assert supplies(extract_text(text))[(SUPPLIER, CUSTOMER)]["status"] == status


@pytest.mark.parametrize(("text", "old_status", "new_status"), [
    ("Castell Motors switched from Velmora Power to Brisk Cells for its battery cells.",
     "ended", "active"),
    ("Castell Motors will shift battery production from Velmora Power to Brisk Cells.",
     "active", "planned"),
])
def test_a_switch_of_supplier_ends_one_supply_and_starts_another(
        extract_text, text, old_status, new_status):
    found = supplies(extract_text(text))
    assert {pair: f["status"] for pair, f in found.items()} == {
        (SUPPLIER, CUSTOMER): old_status, ("Brisk Cells", CUSTOMER): new_status}


@pytest.mark.parametrize("text", [
    "Castell Motors moved from Velmora Power to Brisk Cells.",  # from what? no part named
    "Castell Motors moved its headquarters from Boston to Denver.",
])
def test_a_move_that_names_no_part_is_no_switch_of_supplier(extract_text, text):
    assert supplies(extract_text(text)) == {}
