"""POST /api/documents: text, HTML and URLs through the ingest pipeline; refusals store
nothing. URL ingestion is guarded: loopback and private addresses (and redirects to
them) are refused unless the server allows them."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor

import pytest
from tests.serve.api.helpers import assert_error, bearer
from tests.serve.api.pages import STORY_HTML, STORY_TEXT, Pages, serve_pages
from tests.serve.conftest import LiveServer

from supplywatch.settings import Settings
from supplywatch.store import Store


@pytest.fixture
def pages() -> Iterator[Pages]:
    with serve_pages() as served:
        yield served


def _supplies(doc: dict) -> dict:
    (fact,) = [f for f in doc["facts"] if f["type"] == "supplies"]
    return fact


def test_posting_text_stores_it_with_its_facts_then_200_when_seen(live_server: LiveServer) -> None:
    body = {"text": STORY_TEXT, "source": "Posted Wire", "published": "2025-06-02"}
    with live_server.client(token=True) as client:
        first = client.post("/api/documents", json=body)
        assert first.status_code == 201, first.text
        doc = first.json()
        again = client.post("/api/documents", json=body)
        fetched = client.get(first.headers["Location"]).json()
    assert doc["created"] is True
    assert (doc["source"], doc["published"], doc["title"]) == (
        "Posted Wire", "2025-06-02", "Volta Cells wins Nimbus order")
    fact = _supplies(doc)
    assert doc["text"][fact["span"][0]:fact["span"][1]] == fact["evidence"]
    roles = {r["role"]: r for r in fact["roles"]}
    # Resolved onto the entities the database already had, not new ones.
    known = {e.name: e.id for e in live_server.store.search_entities(q="volta")[0]}
    assert roles["supplier"]["entity_id"] == known["Volta Cells"]
    assert again.status_code == 200 and again.json()["created"] is False
    assert again.json()["id"] == doc["id"]
    assert fetched["facts"] == doc["facts"]
    assert live_server.store.count_documents() == 4


def test_posts_at_the_same_time_are_all_stored(live_server: LiveServer) -> None:
    # The first posts load the extractor together: it must be loaded once and used in turn.
    texts = [STORY_TEXT.replace("NA-300", f"NA-{n}00") for n in range(4, 8)]

    def post(text: str) -> int:
        with live_server.client(token=True) as client:
            return client.post("/api/documents", json={"text": text}).status_code

    with ThreadPoolExecutor(max_workers=4) as pool:
        codes = list(pool.map(post, texts))
    assert codes == [201] * 4
    assert live_server.store.count_documents() == 3 + 4
    with live_server.client() as client:
        products = {f["args"]["product"] for f in client.get(
            "/api/facts", params={"type": "supplies"}).json()["items"]}
    assert {"NA-400", "NA-500", "NA-600", "NA-700"} <= products


def test_posting_a_url_fetches_and_ingests_the_page(
    store: Store, serve_settings: Settings, make_server: Callable[..., LiveServer], pages: Pages,
) -> None:
    server = make_server(store, serve_settings, allow_private_urls=True)
    url = pages.page("/story", STORY_HTML)
    with server.client(token=True) as client:
        response = client.post("/api/documents", json={"url": url})
    assert response.status_code == 201, response.text
    doc = response.json()
    assert (doc["url"], doc["source"], doc["published"]) == (url, "Local Wire", "2025-06-02")
    assert doc["path"] == url
    fact = _supplies(doc)
    assert (fact["args"]["supplier"], fact["args"]["customer"]) == ("Volta Cells", "Nimbus Audio")
    assert pages.hits == ["/story"]


def test_posting_html_reads_its_main_text(live_server: LiveServer) -> None:
    with live_server.client(token=True) as client:
        response = client.post("/api/documents", json={"html": STORY_HTML.decode()})
    assert response.status_code == 201, response.text
    doc = response.json()
    assert "Home | News" not in doc["text"] and "Copyright" not in doc["text"]
    assert _supplies(doc)["args"]["product"] == "NA-300"


def _refused_url(server: LiveServer, url: str) -> dict:
    before = server.store.counts()
    with server.client(token=True) as client:
        error = assert_error(client.post("/api/documents", json={"url": url}), 400, "fetch_failed")
    assert server.store.counts() == before
    return error


def test_a_loopback_url_is_refused_unless_allowed(
    store: Store, serve_settings: Settings, make_server: Callable[..., LiveServer], pages: Pages,
) -> None:
    server = make_server(store, serve_settings, allow_private_urls=False)
    error = _refused_url(server, pages.page("/story", STORY_HTML))
    assert "loopback, private or link-local" in error["message"]
    assert "SUPPLYWATCH_ALLOW_PRIVATE_URLS" in error["message"]
    assert pages.hits == []


def test_a_public_url_that_redirects_to_loopback_is_refused(
    store: Store, serve_settings: Settings, make_server: Callable[..., LiveServer], pages: Pages,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # The local server plays the internet as a forward proxy: the public address answers
    # with a redirect to the server's own loopback interface.
    secret = pages.page("/admin", b"internal only", "text/plain")
    public = pages.redirect("http://93.184.216.34/story", secret)
    monkeypatch.setenv("HTTP_PROXY", pages.url)
    for name in ("NO_PROXY", "no_proxy", "http_proxy", "ALL_PROXY", "all_proxy"):
        monkeypatch.delenv(name, raising=False)
    server = make_server(store, serve_settings, allow_private_urls=False)
    before = server.store.counts()
    with server.client(token=True, trust_env=False) as client:
        response = client.post("/api/documents", json={"url": public})
    error = assert_error(response, 400, "fetch_failed")
    assert "127.0.0.1 is a loopback" in error["message"]
    assert pages.hits == [public]  # the redirect was not followed
    assert server.store.counts() == before


def test_a_url_that_fails_is_a_clear_400(live_server: LiveServer, pages: Pages) -> None:
    error = _refused_url(live_server, pages.url + "/missing")
    assert "HTTP 404" in error["message"]


@pytest.mark.parametrize("body", [
    {}, {"text": "a", "url": "http://example.com/"}, {"text": ""}, {"text": "a", "color": "red"},
    {"text": "a", "published": "June 2"},
])
def test_a_malformed_body_is_422_and_stores_nothing(live_server: LiveServer, body: dict) -> None:
    before = live_server.store.counts()
    with live_server.client(token=True) as client:
        assert_error(client.post("/api/documents", json=body), 422, "invalid_request")
    assert live_server.store.counts() == before


def test_two_inputs_at_once_are_refused_with_a_clear_message(live_server: LiveServer) -> None:
    with live_server.client(token=True) as client:
        response = client.post("/api/documents", json={"text": "a", "html": "<p>a</p>"})
    error = assert_error(response, 422, "invalid_request")
    assert error["message"] == ("invalid request (request: give exactly one of `text`, `html` "
                                "or `url` (got text, html))")


def test_unusable_text_is_400_and_stores_nothing(live_server: LiveServer) -> None:
    with live_server.client(token=True) as client:
        error = assert_error(client.post("/api/documents", json={"text": " \n\t "}), 400,
                             "unusable_input")
    assert "nothing to read" in error["message"]
    assert live_server.store.count_documents() == 3


def test_writes_need_a_live_token(live_server: LiveServer) -> None:
    token, secret = live_server.store.create_token("leaver")
    assert live_server.store.revoke_token(token.id)
    with live_server.client() as client:
        anonymous = client.post("/api/documents", json={"text": STORY_TEXT})
        revoked = client.post("/api/documents", json={"text": STORY_TEXT}, headers=bearer(secret))
        forged = client.post("/api/documents", json={"text": STORY_TEXT}, headers=bearer("sw_x"))
    assert "needs an API token" in assert_error(anonymous, 401, "unauthorized")["message"]
    assert anonymous.headers["WWW-Authenticate"] == "Bearer"
    assert "unknown or revoked" in assert_error(revoked, 401, "unauthorized")["message"]
    assert_error(forged, 401, "unauthorized")
    assert live_server.store.count_documents() == 3


def test_a_body_over_the_limit_is_413_and_stores_nothing(
    volta_story: Store, serve_settings: Settings, make_server: Callable[..., LiveServer],
) -> None:
    server = make_server(volta_story, serve_settings, max_request_bytes=2000)
    text = STORY_TEXT + "More words about the order. " * 100
    with server.client(token=True) as client:
        error = assert_error(client.post("/api/documents", json={"text": text}), 413, "too_large")
    assert "2,000 bytes" in error["message"]
    assert volta_story.count_documents() == 3
