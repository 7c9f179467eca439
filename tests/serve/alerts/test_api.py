"""Watchlists, items and alerts over HTTP against a live server (SQLite and PostgreSQL);
the Atom feed read by feedparser."""

from __future__ import annotations

import feedparser
from tests.conftest import DocBuilder, save
from tests.serve.conftest import LiveServer

from supplywatch.serve.alerts import raise_alerts


def new_recall(server: LiveServer) -> str:
    """Stored after the items were added, as `ingest` or a feed would; its document id."""
    doc = DocBuilder("recalls/orbit.txt", source="Safety Board", title="Power bank recall",
                     published="2025-05-01")
    doc.entity("Orbit Retail")
    doc.entity("Orbit PB-10", "product")
    doc.entity("Volta Cells")
    doc.fact("recall", "Orbit Retail recalls 300 Orbit PB-10 power banks with Volta Cells cells.",
             company="Orbit Retail", products=["Orbit PB-10"], units=300, cause="Volta Cells")
    return save(server.store, doc).document.id


def test_watchlists_through_the_api(live_server: LiveServer) -> None:
    with live_server.client() as anon, live_server.client(token=True) as api:
        assert anon.post("/api/watchlists", json={"name": "Cells"}).status_code == 401
        created = api.post("/api/watchlists", json={"name": "Cells"})
        assert created.status_code == 201
        watchlist = created.json()
        assert watchlist["webhook_secret"] is None and watchlist["items"] == 0
        conflict = api.post("/api/watchlists", json={"name": "Cells"})
        assert conflict.status_code == 409 and "exists already" in conflict.json()["error"]["message"]

        items = f"/api/watchlists/{watchlist['id']}/items"
        assert api.post(items, json={"kind": "person", "value": "Ada"}).status_code == 422
        bad_model = api.post(items, json={"kind": "model", "value": "fire"})
        assert bad_model.status_code == 400
        assert "model number" in bad_model.json()["error"]["message"]
        speaker = api.post(items, json={"kind": "product", "value": "NA-220"})
        assert speaker.status_code == 201 and speaker.json()["key"] == "na 220"
        assert api.post(items, json={"kind": "product", "value": "na-220"}).status_code == 200
        owner = api.post(items, json={"kind": "company", "value": "Kestrel Holdings"}).json()

        detail = anon.get(f"/api/watchlists/{watchlist['id']}").json()
        assert [i["kind"] for i in detail["watch_items"]] == ["product", "company"]
        assert anon.get("/api/watchlists").json()["items"][0]["items"] == 2
        assert anon.get(items, params={"limit": 1}).json()["next"] is not None

        doc_id = new_recall(live_server)
        raise_alerts(live_server.store)
        alerts = anon.get(f"/api/watchlists/{watchlist['id']}/alerts").json()
        assert alerts["total"] == 1
        [alert] = alerts["items"]
        assert alert["path"] == ["Nimbus NA-220", "Volta Cells"]  # the speaker's supplier
        assert alert["watch_item"]["id"] == speaker.json()["id"]
        assert alert["fact"]["document"]["id"] == doc_id
        assert alert["fact"]["evidence"].startswith("Orbit Retail recalls 300")
        assert alert["delivery"] is None

        # Stop watching the speaker: its alert goes; the owner's comes on the next look.
        assert api.delete(f"{items}/{speaker.json()['id']}").status_code == 204
        assert api.delete(f"{items}/{speaker.json()['id']}").status_code == 404
        raise_alerts(live_server.store)
        [again] = anon.get(f"/api/watchlists/{watchlist['id']}/alerts").json()["items"]
        assert again["watch_item"]["id"] == owner["id"]
        assert again["path"] == ["Kestrel Holdings", "Volta Cells"]

        assert api.delete(f"/api/watchlists/{watchlist['id']}").status_code == 204
        assert anon.get(f"/api/watchlists/{watchlist['id']}").status_code == 404


def test_a_webhook_secret_is_shown_once(live_server: LiveServer) -> None:
    with live_server.client(token=True) as api:
        created = api.post("/api/watchlists", json={
            "name": "Hooked", "webhook_url": "http://127.0.0.1:9/hook"}).json()
        assert created["webhook_secret"].startswith("whsec_")
        shown = api.get(f"/api/watchlists/{created['id']}").json()
        assert "webhook_secret" not in shown and shown["webhook_url"] == "http://127.0.0.1:9/hook"
        bad = api.post("/api/watchlists", json={"name": "Bad", "webhook_url": "ftp://x/y"})
        assert bad.status_code == 400


def test_alerts_as_an_atom_feed(live_server: LiveServer) -> None:
    with live_server.client(token=True) as api:
        watchlist = api.post("/api/watchlists", json={"name": "Volta & co"}).json()
        api.post(f"/api/watchlists/{watchlist['id']}/items",
                 json={"kind": "supplier", "value": "Volta"})
        doc_id = new_recall(live_server)
        raise_alerts(live_server.store)
        [alert] = api.get(f"/api/watchlists/{watchlist['id']}/alerts").json()["items"]
        response = api.get(f"/api/watchlists/{watchlist['id']}/alerts.atom")
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("application/atom+xml")
    feed = feedparser.parse(response.content)
    assert feed.bozo == 0, feed.bozo_exception
    assert feed.version == "atom10"
    assert feed.feed.title == "supplywatch alerts: Volta & co"
    [entry] = feed.entries
    day = watchlist["created_at"][:10]
    assert entry.id == f"tag:supplywatch,{day}:watchlist/{watchlist['id']}/fact/{alert['fact']['id']}"
    assert entry.updated_parsed is not None
    assert entry.link == f"{live_server.url}/documents/{doc_id}"
    assert "Volta Cells" in entry.summary and "Orbit Retail recalls 300" in entry.summary
    # Read twice, the same entry keeps its id.
    with live_server.client() as anon:
        again = feedparser.parse(anon.get(f"/api/watchlists/{watchlist['id']}/alerts.atom").content)
    assert again.entries[0].id == entry.id
