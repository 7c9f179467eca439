"""Every failure answers with the one error shape; pinned here for 401, 404, 413, 422
and 429 (with Retry-After)."""

from __future__ import annotations

from collections.abc import Callable

from tests.serve.api.helpers import assert_error
from tests.serve.conftest import LiveServer

from supplywatch.settings import Settings
from supplywatch.store import Store


def test_error_shapes(live_server: LiveServer) -> None:
    with live_server.client() as client:
        unauthorized = client.post("/api/tokens", json={"name": "x"})
        not_found = client.get("/api/documents/nope")
        invalid = client.get("/api/documents", params={"limit": 1000})
    assert unauthorized.json() == {"error": {
        "status": 401, "code": "unauthorized",
        "message": "this change needs an API token: send `Authorization: Bearer <token>` "
                   "(create one with `supplywatch token create NAME`)",
        "details": []}}
    assert not_found.json() == {"error": {
        "status": 404, "code": "not_found",
        "message": "no document with id 'nope'; find documents with GET /api/documents",
        "details": []}}
    error = assert_error(invalid, 422, "invalid_request")
    assert error["details"] == [{"field": "limit",
                                 "message": "Input should be less than or equal to 200"}]
    assert error["message"] == ("invalid request (limit: Input should be less than or equal "
                                "to 200)")


def test_413_and_429_shapes(volta_story: Store, serve_settings: Settings,
                            make_server: Callable[..., LiveServer]) -> None:
    server = make_server(volta_story, serve_settings, rate_limit=3, max_request_bytes=100)
    with server.client(token=True) as client:
        too_large = client.post("/api/documents", json={"text": "x" * 500})
        responses = [client.get("/api/documents") for _ in range(3)]
    assert_error(too_large, 413, "too_large")
    limited = responses[-1]
    error = assert_error(limited, 429, "rate_limited")
    assert int(limited.headers["Retry-After"]) >= 1
    assert f"retry in {limited.headers['Retry-After']} s" in error["message"]
    assert [r.status_code for r in responses[:2]] == [200, 200]
