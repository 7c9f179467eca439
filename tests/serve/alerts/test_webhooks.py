"""Webhooks: each alert POSTed to a real local receiver, signed with the watchlist's
secret, retried with backoff after a failure, given up after the limit."""

from __future__ import annotations

import hmac
import json
from collections.abc import Iterator
from dataclasses import replace
from datetime import timedelta
from hashlib import sha256

import pytest
from tests.conftest import DocBuilder, save
from tests.serve.feeds.site import Clock, Site

from supplywatch.errors import FetchError
from supplywatch.serve.alerts import add_watch_item, create_watchlist, deliver_due, raise_alerts
from supplywatch.serve.alerts.webhooks import MAX_ATTEMPTS, RETRY_BASE
from supplywatch.settings import Settings
from supplywatch.store import Store

SETTINGS = Settings.load(env={}, allow_private_urls=True, fetch_timeout=5.0)


@pytest.fixture
def receiver() -> Iterator[Site]:
    site = Site()
    site.start()
    yield site
    site.stop()


@pytest.fixture
def clocked(db_url: str) -> Iterator[tuple[Store, Clock]]:
    clock = Clock()
    with Store.open(db_url, clock=clock) as store:
        yield store, clock


def alert_for(store: Store, clock: Clock, url: str) -> tuple[int, str]:
    """A watchlist with a webhook, and one alert raised for it: (watchlist id, secret)."""
    watchlist, secret = create_watchlist(store, SETTINGS, "Hooked", url)
    assert secret is not None
    add_watch_item(store, watchlist, "company", "Quillon Power")
    clock.advance(1)
    doc = DocBuilder("recalls/quillon.txt", source="Safety Board", title="Charger recall")
    doc.entity("Quillon Power")
    doc.entity("Quillon QP-45", "product")
    doc.fact("recall", "Quillon Power recalls 4,000 Quillon QP-45 chargers.",
             company="Quillon Power", products=["Quillon QP-45"], units=4000)
    save(store, doc)
    assert len(raise_alerts(store, SETTINGS).raised) == 1
    return watchlist.id, secret


def posts(site: Site) -> list:
    return [h for h in site.hits if h.method == "POST"]


def test_a_delivery_is_signed_with_the_watchlists_secret(clocked, receiver: Site) -> None:
    store, clock = clocked
    watchlist_id, secret = alert_for(store, clock, receiver.url("/hook"))
    run = deliver_due(store, SETTINGS)
    assert len(run.delivered) == 1
    [hit] = posts(receiver)
    expected = "sha256=" + hmac.new(secret.encode(), hit.body, sha256).hexdigest()
    assert hit.headers["x-supplywatch-signature"] == expected
    payload = json.loads(hit.body)
    assert hit.headers["x-supplywatch-timestamp"] == str(payload["timestamp"])
    assert payload["timestamp"] == int(clock.now.timestamp())
    assert payload["watchlist"] == "Hooked"
    alert = payload["alert"]
    assert alert["fact"]["evidence"] == "Quillon Power recalls 4,000 Quillon QP-45 chargers."
    assert alert["document"]["page"] == f"/documents/{alert['document']['id']}"
    assert alert["path"] == ["Quillon Power"]
    [listed] = store.list_alerts(watchlist_id=watchlist_id)[0]
    assert listed.delivery == "delivered"
    assert deliver_due(store, SETTINGS).delivered == []  # delivered once


def test_a_failed_delivery_is_retried_with_backoff(clocked, receiver: Site) -> None:
    store, clock = clocked
    watchlist_id, secret = alert_for(store, clock, receiver.url("/hook"))
    receiver.post_statuses = [500]
    assert len(deliver_due(store, SETTINGS).retrying) == 1
    assert deliver_due(store, SETTINGS).delivered == []  # not due yet
    clock.advance(RETRY_BASE.total_seconds())
    assert len(deliver_due(store, SETTINGS).delivered) == 1
    first, second = posts(receiver)
    assert (first.status, second.status) == (500, 200)
    for hit in (first, second):  # every attempt is signed for its own body
        assert hit.headers["x-supplywatch-signature"] == \
            "sha256=" + hmac.new(secret.encode(), hit.body, sha256).hexdigest()
    assert store.delivery_counts(watchlist_id) == {"delivered": 1}


def test_a_delivery_is_given_up_after_the_limit(clocked, receiver: Site) -> None:
    store, clock = clocked
    watchlist_id, _ = alert_for(store, clock, receiver.url("/hook"))
    receiver.post_statuses = [503] * (MAX_ATTEMPTS - 1)
    waits = []
    for attempt in range(1, MAX_ATTEMPTS + 1):
        if attempt == MAX_ATTEMPTS:
            receiver.stop()  # the last try finds nobody listening at all
        run = deliver_due(store, SETTINGS)
        assert len(run.retrying if attempt < MAX_ATTEMPTS else run.failed) == 1, attempt
        wait = RETRY_BASE * 2 ** (attempt - 1)
        waits.append(wait)
        clock.advance(wait.total_seconds())
    assert len(posts(receiver)) == MAX_ATTEMPTS - 1
    assert waits[:3] == [timedelta(seconds=30), timedelta(seconds=60), timedelta(seconds=120)]
    assert store.delivery_counts(watchlist_id) == {"failed": 1}
    clock.advance(10 * 24 * 3600)
    assert deliver_due(store, SETTINGS) == type(run)()  # never tried again
    [alert] = store.list_alerts(watchlist_id=watchlist_id)[0]
    assert alert.delivery == "failed"


def test_webhook_addresses_pass_the_address_guard(clocked, receiver: Site) -> None:
    store, clock = clocked
    guarded = replace(SETTINGS, allow_private_urls=False)
    with pytest.raises(FetchError, match="SUPPLYWATCH_ALLOW_PRIVATE_URLS"):
        create_watchlist(store, guarded, "Inside", receiver.url("/hook"))
    # Made while allowed, delivered by a server that no longer allows it: refused, not sent.
    alert_for(store, clock, receiver.url("/hook"))
    run = deliver_due(store, guarded)
    assert len(run.retrying) == 1 and posts(receiver) == []
