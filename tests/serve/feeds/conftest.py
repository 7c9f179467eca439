"""Fixtures for the feed tests: a local web site, the real extractor, a poller."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import nullcontext

import pytest
from tests.serve.feeds.site import Clock

from supplywatch.extract import Extractor
from supplywatch.serve.feeds import Poller
from supplywatch.settings import Settings
from supplywatch.store import Store


@pytest.fixture(scope="session")
def extractor() -> Extractor:
    # The real spaCy pipeline, loaded once: feed items are extracted for real.
    return Extractor.load()


@pytest.fixture
def feed_settings(db_url: str) -> Settings:
    """Loopback allowed (the site is local), no per-host wait unless a test sets one."""
    return Settings.load(env={}, database_url=db_url, allow_private_urls=True, host_interval=0.0,
                         fetch_timeout=5.0, poll_feeds=False)


@pytest.fixture
def clock() -> Clock:
    return Clock()


@pytest.fixture
def make_poller(extractor: Extractor) -> Iterator[Callable[[Store, Settings], Poller]]:
    made: list[Poller] = []

    def make(store: Store, settings: Settings) -> Poller:
        poller = Poller(store, settings, lambda: (extractor, nullcontext()))
        made.append(poller)
        return poller

    yield make
    for poller in made:
        poller.close()
