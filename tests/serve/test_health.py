"""The server answers over real HTTP, with the version header and the one error shape."""

from __future__ import annotations

from tests.serve.conftest import LiveServer


def test_health_reports_the_database_and_its_counts(live_server: LiveServer) -> None:
    with live_server.client() as client:
        response = client.get("/api/health")
    assert response.status_code == 200
    body = response.json()
    assert body["status"] == "ok"
    assert body["database"] == live_server.store.dialect
    assert body["counts"]["facts"] >= 5
    assert response.headers["X-Supplywatch-API"] == "1"


def test_unknown_path_answers_with_the_error_shape(live_server: LiveServer) -> None:
    with live_server.client() as client:
        response = client.get("/api/no-such-thing")
    assert response.status_code == 404
    assert response.json() == {"error": {
        "status": 404, "code": "not_found",
        "message": "no such page or resource: /api/no-such-thing; see /openapi.json",
        "details": []}}
