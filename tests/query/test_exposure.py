"""exposure(): from a supplier (by name, alias or parent) to recalled products, with evidence."""

from __future__ import annotations

import json

import pytest

from supplywatch.errors import NotFound
from supplywatch.query import UnknownName, exposure
from supplywatch.store import Store


def test_exposure_through_an_alias_reaches_the_recall(volta_story: Store) -> None:
    report = exposure(volta_story, "volta")
    s = report.supplier
    assert (s.name, s.matched_on, s.matched_alias) == ("Volta Cells", "alias", "Volta")

    by_customer = {c.customer.name: c for c in report.customers}
    nimbus = by_customer["Nimbus Audio"]
    assert (nimbus.tier, nimbus.status, nimbus.component, nimbus.quantity, nimbus.product) == (
        1, "active", "battery cells", 200000, "Nimbus NA-220")
    assert nimbus.evidence.sentence == "Volta supplies battery cells to Nimbus for the NA-220 speaker."
    assert nimbus.evidence.source.path == "news/volta.txt"
    assert nimbus.evidence.source.source == "Test Wire"
    assert nimbus.evidence.source.title == "Volta deal"
    start, end = nimbus.evidence.span
    assert end - start == len(nimbus.evidence.sentence)
    assert by_customer["Orbit Retail"].tier == 2
    assert by_customer["Orbit Retail"].status == "planned"
    assert by_customer["Orbit Retail"].path == ("Volta Cells", "Nimbus Audio", "Orbit Retail")

    (recall,) = report.recalls
    assert recall.units == 12000
    assert recall.hazard == "fire"
    assert recall.cause == "Volta Cells"
    assert recall.company == "Nimbus Audio"
    assert recall.exposed_products == ("Nimbus NA-220",)
    assert recall.reasons == ("product", "cause")
    assert recall.evidence.source.path == "recalls/na220.txt"
    assert recall.evidence.source.source == "Safety Board"


def test_exposure_through_the_parent_company(volta_story: Store) -> None:
    report = exposure(volta_story, "Kestrel Holdings")
    (sub,) = report.subsidiaries
    assert (sub.parent.name, sub.child.name, sub.depth, sub.share) == (
        "Kestrel Holdings", "Volta Cells", 1, 0.8)
    assert sub.evidence.sentence == "Volta Cells is a unit of Kestrel Holdings."
    assert {c.customer.name for c in report.customers} == {"Nimbus Audio", "Orbit Retail"}
    assert {(p.link, p.product.name) for p in report.products} >= {("makes", "Nimbus NA-220")}
    assert [r.units for r in report.recalls] == [12000]
    assert all(p.evidence.source.path for p in report.products)


def test_unrelated_recalls_stay_out(volta_story: Store) -> None:
    report = exposure(volta_story, "Nimbus Audio")
    assert {c.customer.name for c in report.customers} == {"Orbit Retail"}
    assert [r.company for r in report.recalls] == ["Nimbus Audio"]  # its own recall
    assert report.recalls[0].reasons == ("company",)
    assert not exposure(volta_story, "Orbit Retail").recalls


def test_units_are_per_recall_never_summed(volta_story: Store, new_doc, save_doc) -> None:
    b = new_doc("recalls/second.txt", source="Other Board", published="2025-06-01")
    b.entity("Nimbus Audio")
    b.entity("Nimbus NA-220", "product")
    b.fact("recall", "Nimbus Audio expands the NA-220 recall by 3,000 units in Canada.",
           company="Nimbus Audio", products=["Nimbus NA-220"], units=3000, date="2025-06-01")
    save_doc(b)
    report = exposure(volta_story, "Volta Cells")
    assert sorted(r.units for r in report.recalls) == [3000, 12000]
    assert len({r.recall_id for r in report.recalls}) == 2


def test_unknown_name_suggests_close_names(volta_story: Store) -> None:
    with pytest.raises(NotFound) as caught:
        exposure(volta_story, "Volta Cels")
    assert isinstance(caught.value, UnknownName)
    assert caught.value.suggestions[0] == "Volta Cells"
    assert "did you mean 'Volta Cells'" in str(caught.value)
    with pytest.raises(UnknownName, match="no similar names"):
        exposure(volta_story, "Qqqq")


def test_report_to_dict_is_json(volta_story: Store) -> None:
    data = json.loads(json.dumps(exposure(volta_story, "Volta").to_dict()))
    assert data["schema"] == "supplywatch.exposure/1"
    assert data["supplier"]["name"] == "Volta Cells"
    customer = data["customers"][0]
    assert customer["evidence"]["source"]["path"] == "news/volta.txt"
    assert customer["evidence"]["span"] == list(customer["evidence"]["span"])
    assert data["recalls"][0]["units"] == 12000


def test_planned_supply_does_not_expose_the_customers_current_products(
    store: Store, new_doc, save_doc
) -> None:
    doc = new_doc("news/deal.txt", source="Test Wire")
    doc.entity("Polaris Cells")
    doc.entity("Skyforge Robotics")
    doc.entity("Skyforge SR-7", "product")
    doc.entity("Lumen Lighting")
    doc.entity("Lumen LX-2", "product")
    doc.fact("supplies", "Polaris Cells will supply cells to Skyforge Robotics from 2027.",
             supplier="Polaris Cells", customer="Skyforge Robotics", status="planned")
    doc.fact("makes", "Skyforge Robotics makes the Skyforge SR-7 drone.",
             company="Skyforge Robotics", product="Skyforge SR-7")
    doc.fact("supplies", "Polaris Cells supplies cells to Lumen Lighting.",
             supplier="Polaris Cells", customer="Lumen Lighting", status="active")
    doc.fact("makes", "Lumen Lighting makes the Lumen LX-2 lamp.",
             company="Lumen Lighting", product="Lumen LX-2")
    save_doc(doc)

    report = exposure(store, "Polaris Cells")

    assert {c.customer.name: c.status for c in report.customers} == {
        "Skyforge Robotics": "planned", "Lumen Lighting": "active"}
    assert {p.product.name for p in report.products} == {"Lumen LX-2"}
