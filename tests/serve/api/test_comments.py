"""Comments on documents and entities: written with a token (its name is the author),
listed in pages, and never a change to facts or evidence."""

from __future__ import annotations

from tests.serve.api.helpers import assert_error
from tests.serve.conftest import LiveServer

from supplywatch.serve.models import MAX_COMMENT_CHARS


def _news_id(server: LiveServer) -> str:
    with server.client() as client:
        return client.get("/api/documents", params={"q": "volta deal"}).json()["items"][0]["id"]


def test_comments_on_a_document_leave_its_facts_and_evidence_alone(live_server: LiveServer) -> None:
    doc_id = _news_id(live_server)
    with live_server.client() as reader, live_server.client(token=True) as writer:
        before = reader.get(f"/api/documents/{doc_id}").json()
        facts_before = reader.get("/api/facts", params={"limit": 200}).json()
        posted = writer.post(f"/api/documents/{doc_id}/comments",
                             json={"body": "  The 80% share is disputed by Kestrel.  "})
        writer.post(f"/api/documents/{doc_id}/comments", json={"body": "Second note"})
        after = reader.get(f"/api/documents/{doc_id}").json()
        facts_after = reader.get("/api/facts", params={"limit": 200}).json()
        listed = reader.get(f"/api/documents/{doc_id}/comments").json()
        first_page = reader.get(f"/api/documents/{doc_id}/comments", params={"limit": 1})
    assert posted.status_code == 201
    comment = posted.json()
    assert (comment["body"], comment["author"], comment["target_kind"], comment["target_id"]) == (
        "The 80% share is disputed by Kestrel.", "test", "document", doc_id)
    assert [c["body"] for c in listed["items"]] == ["The 80% share is disputed by Kestrel.",
                                                    "Second note"]
    assert first_page.json()["total"] == 2 and 'rel="next"' in first_page.headers["Link"]
    assert after["comments"] == 2
    assert after["facts"] == before["facts"] and after["text"] == before["text"]
    assert after["entities"] == before["entities"]
    assert facts_after == facts_before


def test_comments_on_an_entity(live_server: LiveServer) -> None:
    with live_server.client() as reader, live_server.client(token=True) as writer:
        volta = reader.get("/api/entities", params={"q": "volta"}).json()["items"][0]["id"]
        profile_before = reader.get(f"/api/entities/{volta}").json()
        posted = writer.post(f"/api/entities/{volta}/comments", json={"body": "Check the audit."})
        listed = reader.get(f"/api/entities/{volta}/comments").json()
        profile_after = reader.get(f"/api/entities/{volta}").json()
        missing = reader.get("/api/entities/999999/comments")
    assert posted.status_code == 201 and posted.json()["target_id"] == str(volta)
    assert [c["body"] for c in listed["items"]] == ["Check the audit."]
    assert profile_after == profile_before
    assert_error(missing, 404, "not_found")


def test_commenting_needs_a_token_and_a_reasonable_body(live_server: LiveServer) -> None:
    doc_id = _news_id(live_server)
    url = f"/api/documents/{doc_id}/comments"
    with live_server.client() as anonymous, live_server.client(token=True) as writer:
        refused = anonymous.post(url, json={"body": "hello"})
        too_long = writer.post(url, json={"body": "x" * (MAX_COMMENT_CHARS + 1)})
        blank = writer.post(url, json={"body": "   "})
        nowhere = writer.post("/api/documents/" + "f" * 64 + "/comments", json={"body": "hi"})
        listed = anonymous.get(url).json()
    assert_error(refused, 401, "unauthorized")
    assert too_long.json()["error"]["details"][0]["field"] == "body"
    assert_error(too_long, 422, "invalid_request")
    assert_error(blank, 422, "invalid_request")
    assert_error(nowhere, 404, "not_found")
    assert listed["total"] == 0
