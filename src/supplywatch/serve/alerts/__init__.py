"""Watchlists and alerts: watch a company, a supplier, a product or a model number; a new
fact touching it, directly or through the graph, raises an alert once, delivered as an
Atom feed, a signed webhook and in the UI.

    raise_alerts(store, settings)   # after anything stored facts (the CLI, a feed, the API)
    deliver_due(store, settings)    # webhooks that are due, with retries
"""

from supplywatch.serve.alerts.manage import (
    KINDS,
    Conflict,
    WatchError,
    add_watch_item,
    create_watchlist,
    watch_key,
)
from supplywatch.serve.alerts.raising import AlertRun, raise_alerts
from supplywatch.serve.alerts.webhooks import DeliveryRun, alert_json, deliver_due, sign, verify

__all__ = [
    "KINDS",
    "AlertRun",
    "Conflict",
    "DeliveryRun",
    "WatchError",
    "add_watch_item",
    "alert_json",
    "create_watchlist",
    "deliver_due",
    "raise_alerts",
    "sign",
    "verify",
    "watch_key",
]
