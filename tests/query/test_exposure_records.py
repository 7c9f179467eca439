"""exposure over real official records: Sony's 2006-2008 notebook cells reach the brands
that recalled them; Takata reaches the vehicle makes whose inflator campaigns name it.
Units stay per notice; one recall's record and story are one recall."""

from __future__ import annotations

import json

import pytest

from supplywatch.model import name_key
from supplywatch.query import exposure
from supplywatch.store import Store

pytestmark = pytest.mark.slow


def _reached(report) -> set[str]:
    return {name_key(c.name) for c in report.reached}


def test_sony_cells_reach_the_notebook_brands(records_db: Store) -> None:
    report = exposure(records_db, "Sony")
    assert {"dell", "apple", "acer", "toshiba", "fujitsu", "hewlett packard"} <= _reached(report)
    by_id = {r.recall_id: r for r in report.recalls}
    assert {"06231", "06245", "07011", "07167", "07267", "09035"} <= set(by_id)
    dell = by_id["06231"]
    assert dell.company == "Dell" and dell.source == "CPSC"
    assert "manufacturer" in dell.reasons  # the record lists Sony as a manufacturer
    assert dell.parties["manufacturers"] == ("Dell", "Sony")
    # The record's own words state the supply, read by the extraction stage.
    dell_links = [c for c in report.customers if c.customer.name == "Dell"]
    stated = next(c for c in dell_links
                  if c.evidence.sentence == "Dell branded lithium ion batteries manufactured by Sony.")
    assert stated.evidence.evidence_type == "recall notice" and stated.tier == 1
    lenovo = next(r for r in report.recalls if r.source == "upower" and name_key(r.company) == "lenovo")
    assert lenovo.reasons == ("manufacturer",)  # the IBM packs' cells report SONY


def test_units_are_per_notice_and_one_recall_has_its_sources(records_db: Store) -> None:
    report = exposure(records_db, "Sony")
    dell = [r for r in report.recalls if r.company == "Dell" and r.date and r.date.startswith("2006-08")]
    assert len(dell) == 1  # the CPSC record and the news story: one recall
    (recall,) = dell
    assert recall.units is None  # the 2013 record gives no figure; the story's is not borrowed
    assert [(s.kind, s.units) for s in recall.sources] == [("record", None), ("news", 4100000)]
    data = json.loads(json.dumps(report.to_dict()))
    assert all("units" in r and not isinstance(r["units"], list) for r in data["recalls"])


def test_takata_reaches_every_make_whose_inflator_campaign_names_it(records_db: Store) -> None:
    report = exposure(records_db, "Takata")
    assert len(report.recalls) == 13
    makes = {name_key(v["make"]) for r in report.recalls for v in r.details["vehicles"]}
    assert makes == {"acura", "audi", "bmw", "honda", "infiniti", "lexus", "nissan", "toyota",
                     "volkswagen"}
    assert makes <= _reached(report)
    nissan = next(r for r in report.recalls if r.recall_id == "17V068000")
    assert "named" in nissan.reasons
    assert nissan.named_in == ("These vehicles are equipped with Takata air bag inflators "
                               "assembled as part of the passenger frontal air bag modules used "
                               "as original equipment or replacement equipment.")
    bmw = next(r for r in report.recalls if r.recall_id == "19V852000")
    assert "product" in bmw.reasons  # through the supply fact read from the defect summary
    assert bmw.units == 34396 and any(v.startswith("1999-2000 BMW 323I") for v in bmw.vehicles)


def test_the_seed_report_is_unchanged_by_the_records(records_db: Store) -> None:
    report = exposure(records_db, "Apex Wuxi")
    assert {r.company for r in report.recalls} <= {"Anker Innovations", "Romoss"}
    assert not any(r.sources for r in report.recalls)  # news only: no official record names Apex
