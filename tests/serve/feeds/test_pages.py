"""The feed pages over HTTP: add a feed, poll it now, see its items and documents, see a
failing feed's error; JSON twins; CSRF-checked forms."""

from __future__ import annotations

import httpx
from tests.serve.conftest import LiveServer
from tests.serve.feeds.site import Site, page, rss
from tests.serve.web.conftest import csrf_token, sign_in

RECALL = ("Quillon Power Ltd. is recalling 4,000 Quillon QP-45 chargers because they can "
          "overheat, the company said on Monday.")


def post_form(client: httpx.Client, page_url: str, action: str, **fields: str) -> httpx.Response:
    token = csrf_token(client.get(page_url).text)
    return client.post(action, data={**fields, "csrf_token": token})


def test_feed_pages(live_server: LiveServer, site: Site) -> None:
    site.put("/a.html", page("Quillon recalls chargers", RECALL))
    site.put("/feed.xml", rss("Test Wire", [
        {"title": "Quillon recalls chargers", "link": site.url("/a.html"), "guid": "a"},
    ]), "application/rss+xml")
    site.put("/broken.xml", "", status=500)
    with live_server.client() as anon:
        assert "No feeds yet" in anon.get("/feeds").text
        assert anon.post("/feeds", data={"url": site.url("/feed.xml")}).status_code == 403
    with live_server.client() as client:
        sign_in(client, live_server)
        added = post_form(client, "/feeds", "/feeds", url=site.url("/feed.xml"), interval="600")
        assert added.status_code == 303
        feed_url = added.headers["location"]
        assert "never" in client.get(feed_url).text

        assert post_form(client, feed_url, f"{feed_url}/poll").status_code == 303
        twin = client.get(f"{feed_url}.json").json()
        assert twin["feed"]["status"] == "ok" and twin["feed"]["title"] == "Test Wire"
        [item] = twin["items"]
        html = client.get(feed_url).text
        assert f'href="/documents/{item["document_id"]}"' in html

        broken = post_form(client, "/feeds", "/feeds", url=site.url("/broken.xml"))
        post_form(client, broken.headers["location"], f"{broken.headers['location']}/poll")
        listing = client.get("/feeds").text
        assert "failing" in listing and "HTTP 500" in listing and "Test Wire" in listing
        statuses = {f["url"]: f["status"] for f in client.get("/feeds.json").json()["feeds"]}
        assert statuses == {site.url("/feed.xml"): "ok", site.url("/broken.xml"): "failing"}

        bad = post_form(client, "/feeds", "/feeds", url=site.url("/x.xml"), interval="soon")
        assert bad.status_code == 400 and "whole number of seconds" in bad.text

        assert post_form(client, feed_url, f"{feed_url}/delete").status_code == 303
        assert client.get(feed_url).status_code == 404
