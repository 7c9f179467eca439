"""What a record becomes: the recall with its official fields and the companies in their
roles, plus the supply facts the record's own words state, read by the extraction stage."""

from __future__ import annotations

import json

import pytest

from supplywatch.model import FACTS_SCHEMA, Extraction
from supplywatch.records import RECORDS_NAME, record_extraction

GSA_COMPUTERS = "gsa-federal-recalls-api-2013/data/Computer+Equipment.json"
FLAT_RCL = "nhtsa-flat-rcl-sample/FLAT_RCL_sample.txt"

pytestmark = pytest.mark.slow


def _recall(extraction: Extraction) -> dict:
    (recall,) = [f.contract() for f in extraction.facts if f.type == "recall"]
    return recall


def _supplies(extraction: Extraction) -> set[tuple[str, str]]:
    return {(f.args["supplier"], f.args["customer"]) for f in extraction.facts
            if f.type == "supplies"}


def test_recall_fact_carries_the_official_fields(read_records) -> None:
    walker = read_records("cpsc-api-json-sample/cpsc_sample.json", "26609")["26609"]
    assert walker.extractor == RECORDS_NAME
    recall = _recall(walker)
    assert recall["company"] == "Zhangzhoushi Jingqu Trading Co., Ltd."
    assert recall["products"] == ["WonderStone Infant Walkers"]
    assert (recall["recall_id"], recall["source"], recall["jurisdiction"]) == ("26609", "CPSC", "US")
    assert (recall["date"], recall["units"], recall["models"]) == ("2026-07-09", 70, ["616", "616-1"])
    assert recall["distributors"] == ["Zhangzhoushi Jingqu Trading Co., Ltd."]
    assert recall["retailers"] == ["Walmart"]
    assert recall["remedy"].startswith("Consumers should stop using")
    assert recall["url"].startswith("https://www.cpsc.gov/Recalls/2026/WonderStone")
    assert recall["evidence_type"] == "recall notice" and recall["confidence"] == 0.99
    start, end = recall["span"]
    assert walker.document.text[start:end] == recall["evidence"]
    names = {e.name: e for e in walker.entities}
    assert names["Zhangzhoushi Jingqu Trading Co., Ltd."].aliases == ["Wonder Stone Toys"]
    assert names["WonderStone Infant Walkers"].type == "product"


def test_contract_shape_is_kept(read_records) -> None:
    (extraction,) = read_records("cpsc-api-json-sample/cpsc_sample.json", "26780").values()
    data = json.loads(json.dumps(extraction.contract()))
    assert data["schema"] == FACTS_SCHEMA
    assert list(data["document"]) == ["id", "path", "title", "source", "published", "language"]
    recall = data["facts"][0]
    assert list(recall)[:7] == ["type", "company", "products", "units", "hazard", "cause", "date"]
    assert list(recall)[-3:] == ["evidence", "span", "confidence"]
    assert all(name in {e["name"] for e in data["entities"]}
               for f in data["facts"] for name in [f.get("company")] if name)


def test_vehicles_units_and_the_inflator_maker_of_an_nhtsa_campaign(read_records) -> None:
    bmw = read_records(FLAT_RCL, "19V852000")["19V852000"]
    recall = _recall(bmw)
    assert recall["company"] == "BMW of North America, LLC"
    assert {"make": "BMW", "model": "323I", "year": 1999} in recall["vehicles"]
    assert recall["units"] == 34396 and recall["components"] == [
        "AIR BAGS:FRONTAL:DRIVER SIDE:INFLATOR MODULE"]
    # "... vehicles equipped with Non-Azide Driver air bag Inflators (NADI) manufactured by
    # Takata": read by the extraction stage from the defect summary, which is its evidence.
    supply = next(f for f in bmw.facts if f.type == "supplies"
                  and (f.args["supplier"], f.args["customer"]) == ("Takata", "BMW of North America, LLC"))
    assert supply.args["field"] == "defect_summary"
    assert supply.args["evidence_type"] == "recall notice"
    assert "manufactured by Takata" in supply.evidence
    assert "Takata" in recall["named"]


def test_branded_batteries_manufactured_by_a_supplier(read_records) -> None:
    dell = read_records(GSA_COMPUTERS, "06231")["06231"]
    assert ("Sony", "Dell") in _supplies(dell)
    supply = next(f for f in dell.facts if f.type == "supplies")
    assert supply.evidence == "Dell branded lithium ion batteries manufactured by Sony."
    assert supply.args["field"] == "product[0]"
    # read from the recalled product's own description: the parts go into that product
    assert supply.args["product"] == "Dell branded lithium ion batteries manufactured by Sony"
    assert _recall(dell)["manufacturers"] == ["Dell", "Sony"]


def test_label_lines_are_structure_not_statements(read_records) -> None:
    """Only prose fields are read for facts: "Manufacturers: Dell; Sony." states no supply."""
    for extraction in read_records(GSA_COMPUTERS).values():
        for fact in extraction.facts[1:]:
            assert fact.args["field"].startswith(("product[", "title", "description", "hazard",
                                                  "defect", "consequence", "corrective", "notes"))


def test_batteries_with_supplier_cells_in_brand_notebooks(read_records) -> None:
    acer = read_records(GSA_COMPUTERS, "07167")["07167"]
    assert ("Sony", "Acer") in _supplies(acer)


@pytest.mark.xfail(strict=False, reason=(
    "extraction stage: 'X Notebook Computers with Sony Lithium-Ion Batteries' is not read as "
    "Sony supplies X"))
def test_brand_notebooks_with_supplier_batteries(read_records) -> None:
    both = read_records(GSA_COMPUTERS, "09035")["09035"]
    assert {("Sony", "Toshiba"), ("Sony", "Dell")} <= _supplies(both)


def test_vehicles_equipped_with_a_suppliers_inflators(read_records) -> None:
    nissan = read_records(FLAT_RCL, "17V068000")["17V068000"]
    assert ("Takata", "Nissan North America, Inc.") in _supplies(nissan)


def test_bom_rows_are_stated_facts_with_their_evidence_type(tmp_path) -> None:
    from supplywatch.ingest import load
    from supplywatch.settings import Settings

    path = tmp_path / "bom.csv"
    path.write_text("brand,product,model,component,supplier,source\n"
                    "Nimbus,Travel Speaker,NA-220,battery cells,Volta Cells,teardown: Lab X\n")
    (doc,) = load(str(path), Settings())
    extraction = record_extraction(doc, None)
    makes, supplies = extraction.facts
    assert (makes.type, makes.args["company"], makes.args["product"]) == (
        "makes", "Nimbus", "Nimbus Travel Speaker")
    assert supplies.args == {
        "supplier": "Volta Cells", "customer": "Nimbus", "component": "battery cells",
        "product": "Nimbus Travel Speaker", "quantity": None, "status": "active",
        "evidence_type": "teardown", "source": "teardown: Lab X", "row": 2,
        "record_key": "BOM:nimbus/travel speaker/na-220"}
    assert doc.text[slice(*supplies.span)] == supplies.evidence
    assert {e.name: e.type for e in extraction.entities} == {
        "Nimbus Travel Speaker": "product", "Nimbus": "company", "Volta Cells": "company",
        "battery cells": "component"}


@pytest.mark.parametrize(("relative", "number", "maker", "product"), [
    # a brand before its models, when a regulator's acronym runs into the title before it
    ("gsa-federal-recalls-api-2013/data/Strollers+Accessories.json", "01172", "Century",
     "Century Pioneer 4"),
    # a brand before model years and model numbers ("Husqvarna 2013 models WR300")
    ("gsa-federal-recalls-api-2013/data/Motorcycles+Dirt+Bikes.json", "13263", "Husqvarna",
     "WR300"),
    # a brand named alone only in the list of manufacturers ("Poseidon; Besea; ...")
    ("gsa-federal-recalls-api-2013/data/Scuba+Diving+Water+Activity.json", "09251", "Besea",
     "Besea W50"),
    # a brand whose product's whole name the model read as a company
    ("gsa-federal-recalls-api-2013/data/Strollers+Accessories.json", "11002", "Tike Tech",
     "Tike Tech Single City X3"),
    # a model year between the brand and the model
    ("gsa-federal-recalls-api-2013/data/Snowmobiles.json", "08527", "Ski-Doo",
     "MXZ X 600 RS Snowmobiles"),
    # a title that runs the agency's acronym into the brand ("CPSC Capresso Inc Announce")
    ("gsa-federal-recalls-api-2013/data/Carafes+Jars.json", "05268", "Capresso", "Capresso H20"),
])
def test_a_record_s_brand_makes_its_models(read_records, relative, number, maker, product) -> None:
    extraction = read_records(relative, number)[number]
    makes = {(f.args["company"], f.args["product"]) for f in extraction.facts if f.type == "makes"}
    assert (maker, product) in makes
