"""A real server for the serve tests: uvicorn on a free local port, in a thread.

`live_server` serves the `volta_story` database (SQLite and PostgreSQL), with one API
token made for the test. `sample_server` serves the bundled samples (the seed story
and public recall records), ingested once per session into SQLite, for the browser
and schemathesis tests.
"""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, replace
from typing import Any

import httpx
import pytest
import uvicorn
from tests.serve.feeds.site import Site

from supplywatch.serve import create_app
from supplywatch.settings import Settings
from supplywatch.store import Store


@dataclass
class LiveServer:
    url: str
    store: Store
    settings: Settings
    token: str  # a write token for the test

    def client(self, *, token: bool = False, **kw: Any) -> httpx.Client:
        headers = {"Authorization": f"Bearer {self.token}"} if token else {}
        return httpx.Client(base_url=self.url, headers=headers, timeout=30, **kw)


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@dataclass
class _Running:
    server: uvicorn.Server
    thread: threading.Thread
    url: str


def start_server(settings: Settings, store: Store) -> _Running:
    """Serve create_app(settings, store=store) until stop_server."""
    port = _free_port()
    config = uvicorn.Config(create_app(settings, store=store), host="127.0.0.1", port=port,
                            log_level="warning", lifespan="on")
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not server.started:
        if not thread.is_alive() or time.monotonic() > deadline:
            raise RuntimeError("the test server did not start")
        time.sleep(0.02)
    return _Running(server, thread, f"http://127.0.0.1:{port}")


def stop_server(running: _Running) -> None:
    running.server.should_exit = True
    running.thread.join(timeout=20)


# Tests ask the server for loopback URLs (the local feed and page servers); the rate
# limit is high so that the suite is never throttled unless a test lowers it.
TEST_SETTINGS = {"allow_private_urls": True, "rate_limit": 100_000, "poll_feeds": False}


@pytest.fixture
def serve_settings(db_url: str) -> Settings:
    return Settings.load(env={}, database_url=db_url, **TEST_SETTINGS)


@pytest.fixture
def make_server() -> Iterator[Callable[..., LiveServer]]:
    """Start a server over a store with settings changed by keyword; all stop at the end."""
    running: list[_Running] = []

    def make(store: Store, settings: Settings, **changes: Any) -> LiveServer:
        settings = replace(settings, **changes)
        _, secret = store.create_token("test")
        started = start_server(settings, store)
        running.append(started)
        return LiveServer(started.url, store, settings, secret)

    yield make
    for started in running:
        stop_server(started)


@pytest.fixture
def live_server(volta_story: Store, serve_settings: Settings,
                make_server: Callable[..., LiveServer]) -> LiveServer:
    """The volta story served, on SQLite and on PostgreSQL."""
    return make_server(volta_story, serve_settings)


@pytest.fixture
def site() -> Iterator[Site]:
    """A local web site serving feeds and pages and receiving webhooks (feeds/site.py)."""
    running = Site()
    running.start()
    yield running
    running.stop()


@pytest.fixture(scope="session")
def sample_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LiveServer]:
    """The bundled samples (seed story + public recall records) served from SQLite."""
    from supplywatch.cli import sample_paths
    from supplywatch.extract import Extractor
    from supplywatch.pipeline import ingest_inputs

    url = f"sqlite:///{tmp_path_factory.mktemp('samples') / 'samples.db'}"
    settings = Settings.load(env={}, database_url=url, **TEST_SETTINGS)
    with Store.open(url) as store:
        summary = ingest_inputs(sample_paths(), settings, store, Extractor.load())
        assert summary.failures == [], summary.failures
        _, secret = store.create_token("test")
        started = start_server(settings, store)
        try:
            yield LiveServer(started.url, store, settings, secret)
        finally:
            stop_server(started)
