"""`raise_alerts`: look at the facts first seen since the last look, raise what touches a
watched item, once per watchlist and fact.

The last look is a watermark in server_values (the newest fact's first_seen then), so
alerts are raised whoever stored the facts: `supplywatch ingest`, a feed, a POST to
the API. Each look goes back OVERLAP before the watermark, because a transaction that
stamped its facts earlier may commit after the look; an alert raised twice is
refused by the database, so looking twice costs nothing but time.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import datetime, timedelta

from supplywatch.serve.alerts.match import Candidate, best_per_fact, item_candidates
from supplywatch.settings import Settings
from supplywatch.store import Store

log = logging.getLogger("supplywatch.alerts")

WATERMARK = "alerts_watermark"
OVERLAP = timedelta(minutes=10)


@dataclass(frozen=True)
class AlertRun:
    """What one look found: the ids of the alerts raised now, over how many items."""

    raised: list[int]
    items: int
    since: datetime | None


def raise_alerts(store: Store, settings: Settings | None = None) -> AlertRun:
    """Raise the alerts for facts first seen since the watermark; move the watermark.

    `settings` is taken so that every stage hook has one signature; nothing in it is
    needed today. When no fact is newer than the watermark and the overlap after it has
    passed, nothing is looked at (the server calls this every few seconds)."""
    items = store.watch_items()
    newest = store.max_fact_first_seen()
    mark = _read(store.get_value(WATERMARK))
    candidates: list[Candidate] = []
    since = None
    if items and newest is not None and _worth_a_look(store, newest, mark):
        since = mark - OVERLAP if mark is not None else min(i.created_at for i in items)
        for item in items:
            candidates += item_candidates(store, item, since)
    value = newest or mark
    if not candidates and value == mark:
        return AlertRun([], len(items), since)  # nothing new: no write
    raised = store.save_alerts(best_per_fact(candidates),
                               (WATERMARK, value.isoformat() if value else ""))
    if raised:
        log.info("raised %d alert(s)", len(raised))
    return AlertRun(raised, len(items), since)


def _worth_a_look(store: Store, newest: datetime, mark: datetime | None) -> bool:
    """New facts since the last look, or still within the overlap after the newest."""
    return mark is None or newest > mark or store.now() - mark < OVERLAP


def _read(value: str | None) -> datetime | None:
    if not value:
        return None
    try:
        return datetime.fromisoformat(value)
    except ValueError:
        return None
