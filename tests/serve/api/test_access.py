"""Read access: open by default; with read_access=token every read needs a token,
and /api/health stays open for monitors."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from tests.serve.api.helpers import assert_error
from tests.serve.conftest import LiveServer

from supplywatch.settings import Settings
from supplywatch.store import Store

READS = ["/api/documents", "/api/entities?q=volta", "/api/facts", "/api/exposure?name=Volta",
         "/api/check?q=NA-220"]


@pytest.fixture
def closed_server(volta_story: Store, serve_settings: Settings,
                  make_server: Callable[..., LiveServer]) -> LiveServer:
    return make_server(volta_story, serve_settings, read_access="token")


def test_token_read_access_refuses_anonymous_reads(closed_server: LiveServer) -> None:
    with closed_server.client() as anonymous, closed_server.client(token=True) as member:
        for path in READS:
            error = assert_error(anonymous.get(path), 401, "unauthorized")
            assert "reading this server needs an API token" in error["message"]
            assert member.get(path).status_code == 200, path
        assert anonymous.get("/api/health").status_code == 200


def test_open_read_access_needs_no_token_but_refuses_a_bad_one(live_server: LiveServer) -> None:
    with live_server.client() as anonymous:
        for path in READS:
            assert anonymous.get(path).status_code == 200, path
        bad = anonymous.get("/api/documents", headers={"Authorization": "Bearer sw_wrong"})
    assert_error(bad, 401, "unauthorized")


def test_the_ui_session_cookie_cannot_write_through_the_api(live_server: LiveServer) -> None:
    # A page on another site could make a browser send its cookie; API writes take only
    # a bearer token, so the cookie alone writes nothing (the UI's forms check CSRF).
    before = live_server.store.count_documents()
    with live_server.client(cookies={"sw_session": live_server.token}) as browser:
        refused = browser.post("/api/documents", json={"text": "Volta Cells supplies Nimbus."})
        allowed = browser.get("/api/documents")
    assert_error(refused, 401, "unauthorized")
    assert allowed.status_code == 200
    assert live_server.store.count_documents() == before
