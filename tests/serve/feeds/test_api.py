"""The feeds API over HTTP against a live server (SQLite and PostgreSQL), and the
server's background polling."""

from __future__ import annotations

import time
from collections.abc import Callable

from tests.serve.conftest import LiveServer
from tests.serve.feeds.site import Site, page, rss

from supplywatch.settings import Settings
from supplywatch.store import Store

RECALL = ("Quillon Power Ltd. is recalling 4,000 Quillon QP-45 chargers because they can "
          "overheat, the company said on Monday.")


def one_item_feed(site: Site) -> str:
    site.put("/a.html", page("Quillon recalls chargers", RECALL))
    site.put("/feed.xml", rss("Test Wire", [
        {"title": "Quillon recalls chargers", "link": site.url("/a.html"), "guid": "a"},
    ]), "application/rss+xml")
    return site.url("/feed.xml")


def test_feeds_through_the_api(live_server: LiveServer, site: Site) -> None:
    url = one_item_feed(site)
    with live_server.client() as anon, live_server.client(token=True) as api:
        refused = anon.post("/api/feeds", json={"url": url})
        assert refused.status_code == 401 and refused.json()["error"]["code"] == "unauthorized"
        too_often = api.post("/api/feeds", json={"url": url, "interval_seconds": 5})
        assert too_often.status_code == 422

        created = api.post("/api/feeds", json={"url": url, "interval_seconds": 600})
        assert created.status_code == 201
        feed = created.json()
        assert (feed["status"], feed["interval_seconds"], feed["items_ingested"]) == ("new", 600, 0)
        assert api.post("/api/feeds", json={"url": url}).status_code == 200  # there already

        listed = anon.get("/api/feeds", params={"limit": 1}).json()
        assert listed["total"] == 1 and listed["items"][0]["url"] == url

        polled = api.post(f"/api/feeds/{feed['id']}/poll")
        assert polled.status_code == 200, polled.text
        result = polled.json()
        assert (result["outcome"], result["new_items"]) == ("ok", 1)
        assert result["feed"]["status"] == "ok" and result["feed"]["title"] == "Test Wire"

        items = anon.get(f"/api/feeds/{feed['id']}/items").json()
        [item] = items["items"]
        assert item["link"] == site.url("/a.html") and item["error"] is None
        doc = anon.get(f"/api/documents/{item['document_id']}")
        assert doc.status_code == 200 and "QP-45" in doc.json()["text"]

        assert anon.delete(f"/api/feeds/{feed['id']}").status_code == 401
        assert api.delete(f"/api/feeds/{feed['id']}").status_code == 204
        gone = anon.get(f"/api/feeds/{feed['id']}")
        assert gone.status_code == 404 and "GET /api/feeds" in gone.json()["error"]["message"]
        assert api.post(f"/api/feeds/{feed['id']}/poll").status_code == 404


def test_a_failing_feed_is_listed_as_failing(live_server: LiveServer, site: Site) -> None:
    url = one_item_feed(site)
    site.resources["/feed.xml"].status = 503
    with live_server.client(token=True) as api:
        feed = api.post("/api/feeds", json={"url": url}).json()
        result = api.post(f"/api/feeds/{feed['id']}/poll").json()
        assert result["outcome"] == "failing" and "HTTP 503" in result["error"]
        listed = api.get("/api/feeds", params={"status": "failing"}).json()
        [shown] = listed["items"]
        assert shown["failures"] == 1 and "HTTP 503" in shown["last_error"]


def test_the_server_polls_feeds_and_raises_alerts_in_the_background(
        volta_story: Store, serve_settings: Settings, make_server: Callable[..., LiveServer],
        site: Site) -> None:
    url = one_item_feed(site)
    server = make_server(volta_story, serve_settings, poll_feeds=True, host_interval=0.0)
    with server.client(token=True) as api:
        watchlist = api.post("/api/watchlists", json={"name": "Chargers"}).json()
        api.post(f"/api/watchlists/{watchlist['id']}/items",
                 json={"kind": "company", "value": "Quillon Power"})
        feed = api.post("/api/feeds", json={"url": url}).json()  # wakes the background
        deadline = time.monotonic() + 60
        alerts: list = []
        while time.monotonic() < deadline and not alerts:
            time.sleep(0.2)
            alerts = api.get(f"/api/watchlists/{watchlist['id']}/alerts").json()["items"]
        assert alerts, api.get(f"/api/feeds/{feed['id']}").json()
        assert api.get(f"/api/feeds/{feed['id']}").json()["status"] == "ok"
        recalls = [a for a in alerts if a["fact"]["type"] == "recall"]
        assert recalls and recalls[0]["fact"]["document"]["url"] == site.url("/a.html")
