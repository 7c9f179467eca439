"""Shared fixtures for the ingest tests: fixture paths and a real local HTTP server."""

from __future__ import annotations

import contextlib
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from importlib import resources
from pathlib import Path

import pytest

from supplywatch.settings import Settings

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "ingest"


@pytest.fixture
def fixtures() -> Path:
    return FIXTURES


@pytest.fixture
def settings() -> Settings:
    return Settings(fetch_timeout=5.0)


@pytest.fixture
def seed_path() -> str:
    """The bundled seed page, read from the installed package as users get it."""
    return str(resources.files("supplywatch.samples") / "anker-atl-recall.txt")


@dataclass
class Route:
    body: bytes
    status: int = 200
    headers: dict[str, str] = field(default_factory=dict)
    delay: float = 0.0
    send_length: bool = True  # False: no Content-Length, body ends when the connection closes


@dataclass
class LocalServer:
    base: str
    routes: dict[str, Route]
    seen_headers: list[dict[str, str]]

    def url(self, path: str) -> str:
        return self.base + path


def _handler(routes: dict[str, Route], seen: list[dict[str, str]]) -> type:
    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            seen.append(dict(self.headers.items()))
            route = routes.get(self.path)
            if route is None:
                route = Route(b"not here", status=404)
            time.sleep(route.delay)
            self.send_response(route.status)
            for name, value in route.headers.items():
                self.send_header(name, value)
            if route.send_length:
                self.send_header("Content-Length", str(len(route.body)))
            else:
                self.close_connection = True
            self.end_headers()
            # The client may give up first (timeout, size limit): expected in those tests.
            with contextlib.suppress(BrokenPipeError, ConnectionResetError):
                self.wfile.write(route.body)

        def log_message(self, *args: object) -> None:  # keep test output quiet
            pass

    return Handler


@pytest.fixture
def http_server() -> Iterator[LocalServer]:
    """A real HTTP server on 127.0.0.1; tests add routes to `server.routes`."""
    routes: dict[str, Route] = {}
    seen: list[dict[str, str]] = []
    server = ThreadingHTTPServer(("127.0.0.1", 0), _handler(routes, seen))
    server.daemon_threads = True
    server.block_on_close = False  # a handler still sleeping must not hold up teardown
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield LocalServer(f"http://127.0.0.1:{server.server_port}", routes, seen)
    finally:
        server.shutdown()
        server.server_close()


@pytest.fixture
def closed_port_url(free_port: int) -> str:
    """A URL on a local port nothing listens on."""
    return f"http://127.0.0.1:{free_port}/story.html"


# --- the real recall files in <repo>/../shared/data/recalls ------------------------------

RECALLS = (Path(__file__).resolve().parents[2] / ".." / "shared" / "data" / "recalls").resolve()


@pytest.fixture
def recalls() -> Path:
    """The shared folder of real recall files (CI copies shared/ beside the clone); the
    test skips, loudly, without it."""
    if not RECALLS.is_dir():
        pytest.skip(f"REAL RECALL DATA MISSING: {RECALLS} not found; put the project's shared/ "
                    "folder beside the repository to run the recall-format tests")
    return RECALLS
