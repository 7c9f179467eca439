"""URLs: fetched from a real local server (or an injected httpx transport), read like files."""

from __future__ import annotations

import hashlib
from pathlib import Path

import httpx

from supplywatch.ingest import load
from supplywatch.settings import Settings

from .conftest import LocalServer, Route


def test_seed_over_http_is_split_like_the_file(
    http_server: LocalServer, seed_path: str, settings: Settings
) -> None:
    body = Path(seed_path).read_bytes()
    http_server.routes["/story.txt"] = Route(body, headers={"Content-Type": "text/plain"})
    url = http_server.url("/story.txt")

    docs = load(url, settings)

    assert [d.path for d in docs] == [url, f"{url}#2", f"{url}#3", f"{url}#4"]
    assert [d.text for d in docs] == [d.text for d in load(seed_path, settings)]
    assert docs[0].url == url and docs[1].url is None
    assert {d.raw_sha256 for d in docs} == {hashlib.sha256(body).hexdigest()}
    assert http_server.seen_headers[-1]["User-Agent"] == settings.user_agent


def test_html_over_http_with_redirect(
    http_server: LocalServer, fixtures: Path, settings: Settings
) -> None:
    html = (fixtures / "widget-deal.html").read_bytes()
    http_server.routes["/news/widgetco"] = Route(html, headers={"Content-Type": "text/html"})
    http_server.routes["/old-link"] = Route(b"", status=301, headers={"Location": "/news/widgetco"})

    (doc,) = load(http_server.url("/old-link"), settings)

    assert doc.path == http_server.url("/old-link")  # what the user named
    assert doc.url == http_server.url("/news/widgetco")  # where the text came from
    assert doc.title == "Widgetco to buy cell maker Cellmax" and doc.source == "The Daily Gear"


def test_charset_from_content_type_header(settings: Settings) -> None:
    text = "Caf\u00e9 chain recalls kettles\nThe kettles can overheat, the chain said.\n"

    def serve(request: httpx.Request) -> httpx.Response:
        return httpx.Response(
            200, content=text.encode("latin-1"),
            headers={"Content-Type": "text/plain; charset=ISO-8859-1"},
        )

    with httpx.Client(transport=httpx.MockTransport(serve)) as client:
        (doc,) = load("https://news.test/kettles", settings, client)

    assert doc.title == "Caf\u00e9 chain recalls kettles"
    assert doc.url == "https://news.test/kettles"
