"""Fixtures for the alert tests: a local web site that receives webhooks."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from tests.serve.feeds.site import Site


@pytest.fixture
def site() -> Iterator[Site]:
    running = Site()
    running.start()
    yield running
    running.stop()
