"""Watchlists, what they watch, the alerts raised for them and their webhook deliveries.

An alert is one fact that touched a watched item, raised once per watchlist and fact
(a unique constraint holds that, whoever raises it and however often). A watchlist
with a webhook gets one delivery row per alert, retried by the deliverer until it is
delivered or given up.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import delete, func, select, update
from sqlalchemy.engine import Connection, Row

from supplywatch.store.db import insert_ignore
from supplywatch.store.read import facts_by_ids, utc
from supplywatch.store.records import FactRecord
from supplywatch.store.schema import alerts, deliveries, server_values, watch_items, watchlists


@dataclass(frozen=True, slots=True)
class Watchlist:
    """A watchlist as listed; its webhook secret is never part of it (shown once at creation)."""

    id: int
    name: str
    created_at: datetime
    webhook_url: str | None
    items: int = 0
    alerts: int = 0


@dataclass(frozen=True, slots=True)
class WatchItem:
    id: int
    watchlist_id: int
    kind: str  # company | supplier | product | model
    value: str  # as the user wrote it
    key: str  # name_key(value), or the normalised model number
    created_at: datetime


@dataclass(frozen=True, slots=True)
class NewAlert:
    """An alert to raise: which item a fact touched, how, and through which names."""

    watchlist_id: int
    watch_item_id: int
    fact_id: str
    document_id: str
    reason: str
    path: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Alert:
    """A raised alert with its evidence: the fact (and its document) and the linking path."""

    id: int
    watchlist_id: int
    watch_item: WatchItem
    fact: FactRecord
    reason: str
    path: tuple[str, ...]
    created_at: datetime
    delivery: str | None  # the webhook delivery's status, if the watchlist has a webhook


@dataclass(frozen=True, slots=True)
class PendingDelivery:
    """A webhook delivery that is due, with what is needed to send and sign it."""

    id: int
    alert_id: int
    url: str
    attempts: int
    secret: str
    watchlist_id: int
    watchlist_name: str


# --- watchlists and their items -------------------------------------------------------


def _watchlist(row: Row[Any], items: int = 0, n_alerts: int = 0) -> Watchlist:
    m = row._mapping
    return Watchlist(id=m["id"], name=m["name"], created_at=utc(m["created_at"]),
                     webhook_url=m["webhook_url"], items=items, alerts=n_alerts)


def _item(row: Row[Any]) -> WatchItem:
    m = row._mapping
    return WatchItem(id=m["id"], watchlist_id=m["watchlist_id"], kind=m["kind"],
                     value=m["value"], key=m["key"], created_at=utc(m["created_at"]))


def create_watchlist(conn: Connection, name: str, webhook_url: str | None, secret: str | None,
                     now: datetime) -> Watchlist | None:
    """A new watchlist, or None when one of that name exists."""
    if not insert_ignore(conn, watchlists, {"name": name, "created_at": now,
                                            "webhook_url": webhook_url,
                                            "webhook_secret": secret}, ["name"]):
        return None
    return _watchlist(conn.execute(select(watchlists).where(watchlists.c.name == name)).one())


def _counts(conn: Connection, ids: Sequence[int]) -> tuple[dict[int, int], dict[int, int]]:
    if not ids:
        return {}, {}
    n_items = dict(conn.execute(
        select(watch_items.c.watchlist_id, func.count()).where(watch_items.c.watchlist_id.in_(ids))
        .group_by(watch_items.c.watchlist_id)).all())
    n_alerts = dict(conn.execute(
        select(alerts.c.watchlist_id, func.count()).where(alerts.c.watchlist_id.in_(ids))
        .group_by(alerts.c.watchlist_id)).all())
    return n_items, n_alerts


def get_watchlist(conn: Connection, *, watchlist_id: int | None = None,
                  name: str | None = None) -> Watchlist | None:
    stmt = select(watchlists)
    stmt = stmt.where(watchlists.c.id == watchlist_id) if watchlist_id is not None \
        else stmt.where(watchlists.c.name == name)
    row = conn.execute(stmt).first()
    if row is None:
        return None
    n_items, n_alerts = _counts(conn, [row.id])
    return _watchlist(row, n_items.get(row.id, 0), n_alerts.get(row.id, 0))


def list_watchlists(conn: Connection, *, limit: int, offset: int) -> tuple[list[Watchlist], int]:
    total = int(conn.scalar(select(func.count()).select_from(watchlists)) or 0)
    rows = conn.execute(select(watchlists).order_by(watchlists.c.name, watchlists.c.id)
                        .limit(limit).offset(offset)).all()
    n_items, n_alerts = _counts(conn, [r.id for r in rows])
    return [_watchlist(r, n_items.get(r.id, 0), n_alerts.get(r.id, 0)) for r in rows], total


def delete_watchlist(conn: Connection, watchlist_id: int) -> bool:
    return conn.execute(delete(watchlists).where(watchlists.c.id == watchlist_id)).rowcount > 0


def add_item(conn: Connection, watchlist_id: int, kind: str, value: str, key: str,
             now: datetime) -> tuple[WatchItem, bool]:
    """The watch item (kind, key) of the watchlist, added unless there; True when new."""
    new = insert_ignore(conn, watch_items, {"watchlist_id": watchlist_id, "kind": kind,
                                            "value": value, "key": key, "created_at": now},
                        ["watchlist_id", "kind", "key"])
    row = conn.execute(select(watch_items).where(
        watch_items.c.watchlist_id == watchlist_id, watch_items.c.kind == kind,
        watch_items.c.key == key)).one()
    return _item(row), new


def remove_item(conn: Connection, watchlist_id: int, item_id: int) -> bool:
    return conn.execute(delete(watch_items).where(
        watch_items.c.watchlist_id == watchlist_id, watch_items.c.id == item_id)).rowcount > 0


def items_of(conn: Connection, watchlist_id: int | None = None) -> list[WatchItem]:
    """The items of one watchlist, or of all of them, in the order they were added."""
    stmt = select(watch_items).order_by(watch_items.c.watchlist_id, watch_items.c.id)
    if watchlist_id is not None:
        stmt = stmt.where(watch_items.c.watchlist_id == watchlist_id)
    return [_item(r) for r in conn.execute(stmt)]


# --- alerts ---------------------------------------------------------------------------


def save_alerts(conn: Connection, new: Sequence[NewAlert], now: datetime) -> list[int]:
    """Insert the alerts not raised before (per watchlist and fact), and a pending webhook
    delivery for each new one whose watchlist has a webhook; the new alerts' ids."""
    hooks = dict(conn.execute(select(watchlists.c.id, watchlists.c.webhook_url)
                              .where(watchlists.c.webhook_url.is_not(None))).all())
    ids: list[int] = []
    for a in new:
        if not insert_ignore(conn, alerts, {
            "watchlist_id": a.watchlist_id, "watch_item_id": a.watch_item_id,
            "fact_id": a.fact_id, "document_id": a.document_id, "reason": a.reason,
            "path": list(a.path), "created_at": now,
        }, ["watchlist_id", "fact_id"]):
            continue
        alert_id = conn.scalar(select(alerts.c.id).where(alerts.c.watchlist_id == a.watchlist_id,
                                                         alerts.c.fact_id == a.fact_id))
        ids.append(alert_id)
        if hooks.get(a.watchlist_id):
            conn.execute(deliveries.insert().values(
                alert_id=alert_id, url=hooks[a.watchlist_id], status="pending", attempts=0,
                next_attempt_at=now))
    return ids


def list_alerts(conn: Connection, *, watchlist_id: int | None = None, ids: Sequence[int] = (),
                limit: int = 50, offset: int = 0) -> tuple[list[Alert], int]:
    """Alerts, newest first, with their facts and evidence: of one watchlist, or by id."""
    stmt = select(alerts)
    if watchlist_id is not None:
        stmt = stmt.where(alerts.c.watchlist_id == watchlist_id)
    if ids:
        stmt = stmt.where(alerts.c.id.in_(list(ids)))
    total = int(conn.scalar(select(func.count()).select_from(stmt.subquery())) or 0)
    rows = conn.execute(stmt.order_by(alerts.c.created_at.desc(), alerts.c.id.desc())
                        .limit(limit).offset(offset)).all()
    found = facts_by_ids(conn, {r.fact_id for r in rows})
    items = {r.id: _item(r) for r in conn.execute(
        select(watch_items).where(watch_items.c.id.in_({r.watch_item_id for r in rows})))}
    status = dict(conn.execute(select(deliveries.c.alert_id, deliveries.c.status)
                               .where(deliveries.c.alert_id.in_([r.id for r in rows]))).all())
    out = [
        Alert(id=r.id, watchlist_id=r.watchlist_id, watch_item=items[r.watch_item_id],
              fact=found[r.fact_id], reason=r.reason, path=tuple(r.path or ()),
              created_at=utc(r.created_at), delivery=status.get(r.id))
        for r in rows if r.fact_id in found and r.watch_item_id in items
    ]
    return out, total


# --- webhook deliveries ---------------------------------------------------------------


def due_deliveries(conn: Connection, now: datetime, limit: int = 100) -> list[PendingDelivery]:
    """Pending deliveries whose next attempt is due, oldest first."""
    stmt = (
        select(deliveries.c.id, deliveries.c.alert_id, deliveries.c.url, deliveries.c.attempts,
               watchlists.c.webhook_secret, watchlists.c.id.label("wid"), watchlists.c.name)
        .join(alerts, alerts.c.id == deliveries.c.alert_id)
        .join(watchlists, watchlists.c.id == alerts.c.watchlist_id)
        .where(deliveries.c.status == "pending", deliveries.c.next_attempt_at <= now)
        .order_by(deliveries.c.next_attempt_at, deliveries.c.id).limit(limit)
    )
    return [PendingDelivery(id=r.id, alert_id=r.alert_id, url=r.url, attempts=r.attempts,
                            secret=r.webhook_secret or "", watchlist_id=r.wid,
                            watchlist_name=r.name) for r in conn.execute(stmt)]


def record_delivery(conn: Connection, delivery_id: int, *, status: str, attempts: int,
                    next_attempt_at: datetime, error: str | None, response_code: int | None,
                    delivered_at: datetime | None) -> None:
    conn.execute(update(deliveries).where(deliveries.c.id == delivery_id).values(
        status=status, attempts=attempts, next_attempt_at=next_attempt_at, last_error=error,
        response_code=response_code, delivered_at=delivered_at))


def delivery_counts(conn: Connection, watchlist_id: int) -> dict[str, int]:
    """Deliveries of one watchlist's alerts by status (pending, delivered, failed)."""
    rows = conn.execute(
        select(deliveries.c.status, func.count()).join(alerts, alerts.c.id == deliveries.c.alert_id)
        .where(alerts.c.watchlist_id == watchlist_id).group_by(deliveries.c.status)).all()
    return {status: int(n) for status, n in rows}


# --- the alert watermark --------------------------------------------------------------


def get_value(conn: Connection, name: str) -> str | None:
    return conn.scalar(select(server_values.c.value).where(server_values.c.name == name))


def set_value(conn: Connection, name: str, value: str) -> None:
    if not insert_ignore(conn, server_values, {"name": name, "value": value}, ["name"]):
        conn.execute(update(server_values).where(server_values.c.name == name).values(value=value))
