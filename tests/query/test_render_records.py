"""The human views over official records say which recall, from which sources, why it
matched, what it reached, and how fresh the data is."""

from __future__ import annotations

import pytest
from rich.console import Console

from supplywatch.query import check, exposure, recall_record
from supplywatch.render import render_check, render_exposure
from supplywatch.render_record import render_record
from supplywatch.store import Store

pytestmark = pytest.mark.slow


def _text(renderable) -> str:
    console = Console(width=240, record=True, color_system=None)
    console.print(renderable)
    return " ".join(console.export_text().split())


def test_check_view_names_the_recall_its_sources_and_the_data(records_db: Store) -> None:
    out = _text(render_check(check(records_db, "Dell notebook batteries")))
    for expected in ("recall: 06231", "one recall, 2 sources: CPSC record 06231",
                     "news: Test Tech Wire (2006-08-16, 4,100,000 units)", "why:",
                     "Official recall records:", "recalls after that are not known here"):
        assert expected in out, expected
    none = _text(render_check(check(records_db, "Quasar QB-77")))
    assert "NO RECORD" in none and "not a statement that the product is safe" in none
    assert "the newest dated 2026-09-17" in none


def test_exposure_view_shows_official_ids_naming_sentences_and_reach(records_db: Store) -> None:
    out = _text(render_exposure(exposure(records_db, "Takata")))
    for expected in ("RECALL NHTSA 17V068000", "named in the notice: “These vehicles are "
                     "equipped with Takata air bag inflators", "companies reached",
                     "INFINITI — vehicle make: NHTSA 17V068000", "· recall notice"):
        assert expected in out, expected


def test_record_view(records_db: Store) -> None:
    out = _text(render_record(recall_record(records_db, "19V182000")))
    for expected in ("NHTSA 19V182000", "NHTSA:19V182000 · version 1", "Record",
                     "2003 ACURA CL", "Facts it states", "record fields"):
        assert expected in out, expected
