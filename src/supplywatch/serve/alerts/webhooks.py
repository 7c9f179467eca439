"""Signed webhooks: each alert POSTed as JSON to its watchlist's URL, retried with backoff.

The receiver checks `X-Supplywatch-Signature: sha256=<hex>`, the HMAC-SHA256 of the raw
body with the watchlist's secret (shown once, when the watchlist was made), and may
refuse an old `X-Supplywatch-Timestamp` (the body carries the same time, so the
signature covers it). Any 2xx answer is a delivery; anything else, or no answer, is
tried again after 30 s, 1 min, 2 min, ... until MAX_ATTEMPTS, then marked failed.
The URL passes the same address guard as feeds before every attempt; redirects are
not followed.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import logging
from dataclasses import dataclass, field
from datetime import timedelta
from typing import Any

import httpx

from supplywatch.errors import FetchError
from supplywatch.ingest.guard import check_url, public_only_client
from supplywatch.settings import Settings
from supplywatch.store import Store
from supplywatch.store.watch import Alert, PendingDelivery

log = logging.getLogger("supplywatch.alerts")

MAX_ATTEMPTS = 8
RETRY_BASE = timedelta(seconds=30)
SIGNATURE_HEADER = "X-Supplywatch-Signature"
TIMESTAMP_HEADER = "X-Supplywatch-Timestamp"


def sign(secret: str, body: bytes) -> str:
    """The signature header's value for `body`."""
    return "sha256=" + hmac.new(secret.encode(), body, hashlib.sha256).hexdigest()


def verify(secret: str, body: bytes, header: str) -> bool:
    """What a receiver does: compare in constant time."""
    return hmac.compare_digest(sign(secret, body), header)


def alert_json(alert: Alert) -> dict[str, Any]:
    """An alert with its evidence, as the API, the webhook and the UI show it."""
    fact, doc = alert.fact, alert.fact.document
    return {
        "id": alert.id,
        "watchlist_id": alert.watchlist_id,
        "created_at": alert.created_at.isoformat(),
        "reason": alert.reason,
        "path": list(alert.path),
        "watch_item": {"id": alert.watch_item.id, "kind": alert.watch_item.kind,
                       "value": alert.watch_item.value},
        "fact": {"id": fact.id, "type": fact.type, "args": fact.args, "evidence": fact.evidence,
                 "span": list(fact.span), "confidence": fact.confidence,
                 "first_seen": fact.first_seen.isoformat()},
        "document": {"id": doc.id, "title": doc.title, "source": doc.source,
                     "published": doc.published, "url": doc.url, "kind": doc.kind,
                     "page": f"/documents/{doc.id}"},
        "delivery": alert.delivery,
    }


@dataclass
class DeliveryRun:
    delivered: list[int] = field(default_factory=list)
    retrying: list[int] = field(default_factory=list)
    failed: list[int] = field(default_factory=list)


def deliver_due(store: Store, settings: Settings, client: httpx.Client | None = None,
                limit: int = 100) -> DeliveryRun:
    """Attempt every delivery that is due, once each."""
    run = DeliveryRun()
    due = store.due_deliveries(limit)
    if not due:
        return run
    alerts, _ = store.list_alerts(ids=[d.alert_id for d in due], limit=len(due))
    by_id = {a.id: a for a in alerts}
    own = client is None
    client = client or public_only_client(settings)
    try:
        for delivery in due:
            alert = by_id.get(delivery.alert_id)
            if alert is not None:
                _attempt(store, settings, client, delivery, alert, run)
    finally:
        if own:
            client.close()
    return run


def _attempt(store: Store, settings: Settings, client: httpx.Client,
             delivery: PendingDelivery, alert: Alert, run: DeliveryRun) -> None:
    now = store.now()
    shown = {k: v for k, v in alert_json(alert).items() if k != "delivery"}
    body = json.dumps({"event": "alert", "watchlist": delivery.watchlist_name,
                       "timestamp": int(now.timestamp()), "alert": shown},
                      ensure_ascii=False).encode()
    headers = {
        "Content-Type": "application/json", "User-Agent": settings.user_agent,
        SIGNATURE_HEADER: sign(delivery.secret, body), TIMESTAMP_HEADER: str(int(now.timestamp())),
        "X-Supplywatch-Delivery": str(delivery.id),
    }
    code: int | None = None
    error: str | None = None
    try:
        check_url(delivery.url, settings.allow_private_urls)
        response = client.post(delivery.url, content=body, headers=headers,
                               timeout=settings.fetch_timeout, follow_redirects=False)
        code = response.status_code
        if not 200 <= code < 300:
            error = f"the receiver answered HTTP {code} {response.reason_phrase}".rstrip()
    except FetchError as exc:
        error = exc.message
    except httpx.HTTPError as exc:
        error = f"no answer ({type(exc).__name__}: {exc or 'no details'})"
    attempts = delivery.attempts + 1
    if error is None:
        store.record_delivery(delivery.id, status="delivered", attempts=attempts,
                              wait=timedelta(0), error=None, response_code=code)
        run.delivered.append(delivery.id)
        return
    status = "failed" if attempts >= MAX_ATTEMPTS else "pending"
    store.record_delivery(delivery.id, status=status, attempts=attempts,
                          wait=RETRY_BASE * 2 ** (attempts - 1), error=error, response_code=code)
    (run.failed if status == "failed" else run.retrying).append(delivery.id)
    log.warning("webhook %s for alert %d: %s (%s)", delivery.url, alert.id, error,
                "given up" if status == "failed" else f"attempt {attempts} of {MAX_ATTEMPTS}")
