"""A real web site for the serve tests: http.server on a local port, in a thread, serving
feeds, pages and robots.txt with ETag / Last-Modified handling, receiving POSTs (as a
webhook receiver), and logging every request (time, path, headers, body) so tests can
see what the server asked for and when."""

from __future__ import annotations

import threading
import time
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from email.utils import format_datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from xml.sax.saxutils import escape


@dataclass
class Resource:
    body: bytes = b""
    content_type: str = "text/html; charset=utf-8"
    status: int = 200
    etag: str | None = None
    last_modified: str | None = None


@dataclass
class Hit:
    at: float  # time.monotonic() when the request arrived
    path: str
    headers: dict[str, str]
    status: int = 0
    method: str = "GET"
    body: bytes = b""


@dataclass
class Site:
    """Resources by path; anything else is 404. Stop and start it again on the same port
    to make it refuse connections for a while."""

    resources: dict[str, Resource] = field(default_factory=dict)
    hits: list[Hit] = field(default_factory=list)
    post_statuses: list[int] = field(default_factory=list)  # answers to POSTs, then 200s
    port: int = 0
    _server: ThreadingHTTPServer | None = None

    def put(self, path: str, body: str | bytes, content_type: str = "text/html; charset=utf-8",
            **kw: object) -> None:
        data = body.encode() if isinstance(body, str) else body
        self.resources[path] = Resource(data, content_type, **kw)  # type: ignore[arg-type]

    def url(self, path: str) -> str:
        return f"http://127.0.0.1:{self.port}{path}"

    def requested(self, path: str) -> list[Hit]:
        return [h for h in self.hits if h.path == path]

    def start(self) -> None:
        site = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:
                hit = Hit(time.monotonic(), self.path, {k.lower(): v for k, v in self.headers.items()})
                site.hits.append(hit)
                res = site.resources.get(self.path)
                if res is None:
                    hit.status = 404
                    self.send_error(404)
                    return
                if res.status != 200:
                    hit.status = res.status
                    self.send_error(res.status)
                    return
                fresh = ((res.etag and hit.headers.get("if-none-match") == res.etag)
                         or (res.last_modified
                             and hit.headers.get("if-modified-since") == res.last_modified))
                hit.status = 304 if fresh else 200
                self.send_response(hit.status)
                if res.etag:
                    self.send_header("ETag", res.etag)
                if res.last_modified:
                    self.send_header("Last-Modified", res.last_modified)
                if fresh:
                    self.end_headers()
                    return
                self.send_header("Content-Type", res.content_type)
                self.send_header("Content-Length", str(len(res.body)))
                self.end_headers()
                self.wfile.write(res.body)

            def do_POST(self) -> None:
                length = int(self.headers.get("Content-Length") or 0)
                hit = Hit(time.monotonic(), self.path,
                          {k.lower(): v for k, v in self.headers.items()}, method="POST",
                          body=self.rfile.read(length))
                hit.status = site.post_statuses.pop(0) if site.post_statuses else 200
                site.hits.append(hit)
                self.send_response(hit.status)
                self.send_header("Content-Length", "0")
                self.end_headers()

            def log_message(self, *args: object) -> None:
                pass

        self._server = ThreadingHTTPServer(("127.0.0.1", self.port), Handler)
        self.port = self._server.server_address[1]
        threading.Thread(target=self._server.serve_forever, daemon=True).start()

    def stop(self) -> None:
        if self._server is not None:
            self._server.shutdown()
            self._server.server_close()
            self._server = None


def rss(title: str, items: list[dict[str, str]]) -> str:
    """An RSS 2.0 document; each item a dict of its elements (title, link, guid, ...)."""
    body = "".join(
        "<item>" + "".join(f"<{k}>{escape(v)}</{k}>" for k, v in item.items()) + "</item>"
        for item in items
    )
    return (f'<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel>'
            f"<title>{escape(title)}</title><link>http://example.test/</link>"
            f"<description>test feed</description>{body}</channel></rss>")


def page(title: str, paragraph: str) -> str:
    return (f"<html><head><title>{escape(title)}</title></head><body><article>"
            f"<h1>{escape(title)}</h1><p>{escape(paragraph)}</p></article></body></html>")


def http_date(value: datetime) -> str:
    return format_datetime(value.astimezone(UTC), usegmt=True)


class Clock:
    """A clock the test moves: the store stamps rows and decides what is due by it."""

    def __init__(self) -> None:
        self.now = datetime(2025, 6, 1, 12, 0, tzinfo=UTC)

    def __call__(self) -> datetime:
        return self.now

    def advance(self, seconds: float) -> None:
        self.now += timedelta(seconds=seconds)


