"""GET /api/documents (paged, filtered) and GET /api/documents/{id} over real HTTP."""

from __future__ import annotations

import pytest
from tests.serve.api.helpers import assert_error
from tests.serve.conftest import LiveServer


def test_list_is_newest_first_with_fact_counts(live_server: LiveServer) -> None:
    with live_server.client() as client:
        body = client.get("/api/documents").json()
    assert body["total"] == 3
    assert [d["path"] for d in body["items"]] == ["recalls/other.txt", "recalls/na220.txt",
                                                  "news/volta.txt"]
    news = body["items"][2]
    assert (news["title"], news["source"], news["published"], news["facts"]) == (
        "Volta deal", "Test Wire", "2025-03-01", 4)
    assert body["next"] is None


def test_pages_carry_total_next_and_a_link_header(live_server: LiveServer) -> None:
    with live_server.client() as client:
        first = client.get("/api/documents", params={"limit": 2})
        assert first.status_code == 200
        page = first.json()
        assert (page["total"], page["limit"], page["offset"], len(page["items"])) == (3, 2, 0, 2)
        assert page["next"].endswith("/api/documents?limit=2&offset=2")
        assert first.headers["Link"] == f'<{page["next"]}>; rel="next"'
        last = client.get(page["next"])
    rest = last.json()
    assert [d["path"] for d in rest["items"]] == ["news/volta.txt"]
    assert rest["next"] is None and "Link" not in last.headers
    seen = [d["id"] for d in page["items"] + rest["items"]]
    assert len(set(seen)) == 3


@pytest.mark.parametrize("params", [{"limit": 0}, {"limit": 201}, {"offset": -1}, {"limit": "x"}])
def test_page_bounds_are_refused_with_422(live_server: LiveServer, params: dict) -> None:
    with live_server.client() as client:
        error = assert_error(client.get("/api/documents", params=params), 422, "invalid_request")
    assert error["details"][0]["field"] in ("limit", "offset")


def test_filters_by_kind_and_words(live_server: LiveServer) -> None:
    with live_server.client() as client:
        teasers = client.get("/api/documents", params={"kind": "teaser"}).json()
        wire = client.get("/api/documents", params={"q": "test wire"}).json()
        recall = client.get("/api/documents", params={"q": "NA-220"}).json()
    assert teasers["total"] == 0 and teasers["items"] == []
    assert [d["path"] for d in wire["items"]] == ["news/volta.txt"]
    assert [d["path"] for d in recall["items"]] == ["recalls/na220.txt"]


def test_one_document_has_text_facts_with_spans_and_entity_mentions(live_server: LiveServer) -> None:
    with live_server.client() as client:
        listed = client.get("/api/documents", params={"q": "volta deal"}).json()["items"][0]
        doc = client.get(f"/api/documents/{listed['id']}").json()
    text = doc["text"]
    assert (doc["title"], doc["url"], doc["kind"]) == ("Volta deal", "https://example.test/volta",
                                                       "article")
    assert sorted(f["type"] for f in doc["facts"]) == ["makes", "owns", "supplies", "supplies"]
    for fact in doc["facts"]:
        start, end = fact["span"]
        assert text[start:end] == fact["evidence"]
        assert fact["document"]["id"] == doc["id"]
    owns = next(f for f in doc["facts"] if f["type"] == "owns")
    assert {(r["role"], r["entity_name"]) for r in owns["roles"]} == {
        ("parent", "Kestrel Holdings"), ("child", "Volta Cells")}
    names = {e["entity"]["name"]: e for e in doc["entities"]}
    assert set(names) >= {"Kestrel Holdings", "Volta Cells", "Nimbus Audio", "Orbit Retail"}
    for entity in doc["entities"]:
        for start, end in entity["mentions"]:
            assert text[start:end] == entity["entity"]["name"]
    assert names["Volta Cells"]["entity"]["aliases"] == ["Volta"]
    assert doc["record"] is None and doc["comments"] == 0


def test_an_official_record_comes_with_its_record_info(sample_server: LiveServer) -> None:
    with sample_server.client() as client:
        listed = client.get("/api/documents", params={"kind": "recall", "limit": 1}).json()
        doc = client.get(f"/api/documents/{listed['items'][0]['id']}").json()
    record = doc["record"]
    assert record["document_id"] == doc["id"]
    assert record["key"] == f"{record['agency']}:{record['number']}"
    assert record["version"] >= 1
    assert any(f["type"] == "recall" for f in doc["facts"])


def test_unknown_document_is_404(live_server: LiveServer) -> None:
    with live_server.client() as client:
        error = assert_error(client.get("/api/documents/" + "0" * 64), 404, "not_found")
    assert "GET /api/documents" in error["message"]
