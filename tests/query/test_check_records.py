"""check over real official records: model numbers on token boundaries, UPC/GTIN with
check digits, vehicles by year, make and model, names ranked; every match explained and
scored below 1.0; one recall with several sources; no_record with the data's freshness."""

from __future__ import annotations

import json

import pytest

from supplywatch.query import check
from supplywatch.store import Store

pytestmark = pytest.mark.slow


def _ids(result) -> list[str]:
    return [m.recall_id for m in result.matches]


@pytest.mark.parametrize("query", ["C5340", "c-5340", "Dell C5340 battery", "dell c 5340"])
def test_battery_model_numbers_from_the_upower_list(records_db: Store, query: str) -> None:
    result = check(records_db, query)
    assert result.status == "recalled"
    (match,) = [m for m in result.matches if m.source == "upower"]
    assert (match.company, match.matched_on, match.matched_text) == ("Dell", "model", "C5340")
    assert "C5340" in match.explanation and 0.9 < match.score < 1.0


@pytest.mark.parametrize("query", ["C534", "C53400", "XC5340", "C5340X"])
def test_model_numbers_never_match_inside_a_longer_one(records_db: Store, query: str) -> None:
    assert all(m.matched_on != "model" or m.matched_text != "C5340"
               for m in check(records_db, query).matches)


def test_bare_number_models_stated_by_a_label(records_db: Store) -> None:
    """CPSC writes "Model No: 616" in the prose: the bare number is a model number there."""
    result = check(records_db, "616")
    assert _ids(result) == ["26609"] and result.status == "recalled"
    assert check(records_db, "UMCDB01").matches[0].recall_id == "26657"
    assert check(records_db, "6161").matches[0].matched_text == "616-1"


def test_upc_with_check_digit(records_db: Store) -> None:
    result = check(records_db, "610696552693")
    assert result.status == "recalled" and _ids(result) == ["12216"]
    match = result.matches[0]
    assert (match.matched_on, match.company) == ("upc", "Bath Petals")
    assert match.score >= 0.96
    # The same code as an EAN-13 / GTIN-14, and grouped as printed under the bars.
    assert _ids(check(records_db, "0610696552693")) == ["12216"]
    assert _ids(check(records_db, "6 10696 55269 3")) == ["12216"]
    # A typo in the check digit: no such code is recalled, and the answer says so.
    wrong = check(records_db, "610696552694")
    assert wrong.status == "no_record"


def test_vehicles_by_year_make_and_model(records_db: Store) -> None:
    accord = check(records_db, "2003 Honda Accord")
    assert accord.status == "recalled"
    assert accord.matches[0].recall_id == "19V182000"
    assert accord.matches[0].matched_on == "vehicle"
    assert "HONDA ACCORD" in accord.matches[0].matched_text
    ilx = check(records_db, "2013 Acura ILX")
    assert [m.recall_id for m in ilx.matches if m.score >= 0.85] == ["19V182000"]
    assert ilx.matches[0].product == "ACURA ILX"
    # The hybrid is another model: listed, but weaker than the exact one.
    assert all(m.score < ilx.matches[0].score for m in ilx.matches[1:])
    # No model year: every recalled year is a possibility, not a certainty.
    any_year = check(records_db, "Acura ILX")
    assert any_year.status == "possible" and any_year.matches[0].recall_id == "19V182000"
    # A model year the campaign does not cover.
    assert check(records_db, "2021 Acura ILX").status == "no_record"
    bmw = check(records_db, "2000 BMW 323i")
    assert {"19V852000", "19V853000"} <= set(_ids(bmw))


def test_scores_are_explained_and_never_saturate(records_db: Store) -> None:
    for query in ("C5340", "610696552693", "2003 Honda Accord", "Sony notebook batteries"):
        for match in check(records_db, query).matches:
            assert 0 < match.score < 1.0 and match.explanation
    upc = check(records_db, "610696552693").matches[0].score
    vehicle = check(records_db, "2003 Honda Accord").matches[0].score
    model = check(records_db, "C5340").matches[0].score
    assert upc > vehicle > model  # different strengths of evidence, different scores


def test_names_by_ranked_text_search(records_db: Store) -> None:
    result = check(records_db, "Melissa & Doug Fire Truck Activity Board")
    assert result.matches[0].recall_id == "26780"
    assert result.matches[0].matched_on == "name"


def test_one_recall_from_a_record_and_a_story_is_one_match(records_db: Store) -> None:
    """The CPSC record of Dell's 2006 battery recall and a news story about it."""
    result = check(records_db, "Dell notebook batteries")
    dell = [m for m in result.matches if m.recall_id == "06231"]
    assert len(dell) == 1
    kinds = [(s.kind, s.source) for s in dell[0].sources]
    assert kinds[0] == ("record", "CPSC") and ("news", "Test Tech Wire") in kinds
    assert [s.units for s in dell[0].sources if s.kind == "news"] == [4100000]
    assert dell[0].url.startswith("http://www.cpsc.gov/")  # the official notice leads
    news_ids = {s.fact_id for s in dell[0].sources if s.kind == "news"}
    assert not any(m.recall_id in news_ids for m in result.matches)  # not listed twice


def test_no_record_is_not_safe_and_says_how_fresh(records_db: Store) -> None:
    result = check(records_db, "Quasar QB-77 blender")
    assert result.status == "no_record" and result.matches == ()
    data = json.loads(json.dumps(result.to_dict()))
    assert list(data)[:4] == ["schema", "query", "status", "matches"]
    db = data["database"]
    assert db["records"] > 100 and db["by_agency"]["NHTSA"] == 13  # the Takata campaigns
    assert db["newest_recall"] == "2026-09-17" and db["last_verified"]
