"""GET /api/exposure and GET /api/check answer exactly what the CLI prints with --json."""

from __future__ import annotations

import json

import pytest
from tests.serve.api.helpers import assert_error
from tests.serve.conftest import LiveServer

from supplywatch.query import check, exposure


def _as_cli_prints(data: dict) -> dict:
    return json.loads(json.dumps(data, ensure_ascii=False, default=str))


def test_exposure_is_the_report_the_cli_prints(live_server: LiveServer) -> None:
    with live_server.client() as client:
        response = client.get("/api/exposure", params={"name": "Volta"})
    assert response.status_code == 200
    report = response.json()
    assert report == _as_cli_prints(exposure(live_server.store, "Volta").to_dict())
    assert report["supplier"]["name"] == "Volta Cells"
    assert [(c["customer"]["name"], c["tier"]) for c in report["customers"]] == [
        ("Nimbus Audio", 1), ("Orbit Retail", 2)]
    (recall,) = report["recalls"]
    assert (recall["units"], recall["hazard"]) == (12000, "fire")


def test_exposure_depth_limits_the_walk(live_server: LiveServer) -> None:
    with live_server.client() as client:
        shallow = client.get("/api/exposure", params={"name": "Volta", "depth": 1}).json()
        too_deep = client.get("/api/exposure", params={"name": "Volta", "depth": 99})
    assert [c["customer"]["name"] for c in shallow["customers"]] == ["Nimbus Audio"]
    assert shallow["max_depth"] == 1
    assert_error(too_deep, 422, "invalid_request")


def test_exposure_of_an_unknown_name_is_404_with_suggestions(live_server: LiveServer) -> None:
    with live_server.client() as client:
        error = assert_error(client.get("/api/exposure", params={"name": "Kestrel Holding"}),
                             404, "not_found")
        missing = client.get("/api/exposure")
    assert "did you mean 'Kestrel Holdings'" in error["message"]
    assert_error(missing, 422, "invalid_request")


@pytest.mark.parametrize("query", ["Anker A1681", "2003 Honda Accord", "Takata", "ZZ-99999 toaster"])
def test_check_is_the_contract_exactly(sample_server: LiveServer, query: str) -> None:
    with sample_server.client() as client:
        response = client.get("/api/check", params={"q": query})
    assert response.status_code == 200
    body = response.json()
    assert body == _as_cli_prints(check(sample_server.store, query).to_dict())
    assert list(body)[:4] == ["schema", "query", "status", "matches"]
    assert body["schema"] == "supplywatch.check/1" and body["query"] == query


def test_check_statuses(sample_server: LiveServer) -> None:
    with sample_server.client() as client:
        recalled = client.get("/api/check", params={"q": "2003 Honda Accord"}).json()
        nothing = client.get("/api/check", params={"q": "ZZ-99999 toaster"}).json()
        empty = client.get("/api/check", params={"q": ""})
    assert recalled["status"] == "recalled"
    match = recalled["matches"][0]
    assert (match["matched_on"], match["source"]) == ("vehicle", "NHTSA")
    assert 0 < match["score"] < 1
    assert list(match)[:16] == ["recall_id", "source", "jurisdiction", "company", "product",
                                "matched_on", "matched_text", "score", "date", "units", "hazard",
                                "remedy", "caveat", "url", "last_verified", "evidence"]
    assert (nothing["status"], nothing["matches"]) == ("no_record", [])
    assert nothing["database"]["records"] > 0
    assert_error(empty, 422, "invalid_request")
