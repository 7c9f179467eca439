"""A local web server for the URL-ingestion tests: fixed pages, redirects, and a
forward-proxy mode that answers for any absolute URL (standing in for the internet)."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


@dataclass
class Pages:
    """Routes by request target: path ("/story") or, through a proxy, the absolute URL."""

    url: str = ""
    routes: dict[str, tuple[int, dict[str, str], bytes]] = field(default_factory=dict)
    hits: list[str] = field(default_factory=list)

    def page(self, target: str, body: bytes, content_type: str = "text/html; charset=utf-8") -> str:
        self.routes[target] = (200, {"Content-Type": content_type}, body)
        return self.url + target if target.startswith("/") else target

    def redirect(self, target: str, location: str) -> str:
        self.routes[target] = (302, {"Location": location}, b"")
        return self.url + target if target.startswith("/") else target


def _handler(pages: Pages) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            pages.hits.append(self.path)
            status, headers, body = pages.routes.get(self.path, (404, {}, b"not here"))
            self.send_response(status)
            for name, value in headers.items():
                self.send_header(name, value)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, format: str, *args: object) -> None:
            pass

    return Handler


@contextmanager
def serve_pages() -> Iterator[Pages]:
    pages = Pages()
    server = ThreadingHTTPServer(("127.0.0.1", 0), _handler(pages))
    pages.url = f"http://127.0.0.1:{server.server_address[1]}"
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield pages
    finally:
        server.shutdown()
        server.server_close()


STORY_HTML = b"""<!doctype html><html><head><title>Volta Cells wins Nimbus order</title>
<meta property="og:site_name" content="Local Wire">
<meta property="article:published_time" content="2025-06-02"></head>
<body><nav>Home | News</nav><article><h1>Volta Cells wins Nimbus order</h1>
<p>Volta Cells will supply battery cells to Nimbus Audio for its NA-300 speaker, the two
companies said on Monday.</p>
<p>The order covers 50,000 cells a month, according to a person familiar with the matter.</p>
</article><footer>Copyright Local Wire</footer></body></html>"""

STORY_TEXT = ("Volta Cells wins Nimbus order\n\nVolta Cells will supply battery cells to Nimbus "
              "Audio for its NA-300 speaker, the two companies said on Monday.\n")
