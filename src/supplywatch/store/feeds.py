"""Feeds the server polls, and the items already taken from them.

A feed row keeps what a conditional GET needs (ETag, Last-Modified), when to poll it
next, and how it is doing: `new` until its first poll, `ok`, or `failing` with the
last error and a growing retry delay. A failing feed is never dropped: it stays
listed, with its error, until a user removes it.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import delete, func, select, update
from sqlalchemy.engine import Connection, Row

from supplywatch.store.db import chunks, insert_ignore
from supplywatch.store.read import utc
from supplywatch.store.schema import feed_items, feeds


@dataclass(frozen=True, slots=True)
class FeedRecord:
    """A feed as listed: where it is, how it is doing, when it is polled next."""

    id: int
    url: str
    title: str | None
    added_at: datetime
    interval_seconds: int
    etag: str | None
    last_modified: str | None
    status: str  # new | ok | failing
    failures: int  # consecutive failed polls
    last_error: str | None
    last_polled_at: datetime | None
    last_ok_at: datetime | None
    next_poll_at: datetime
    items_ingested: int


@dataclass(frozen=True, slots=True)
class FeedItemRecord:
    """An item taken from a feed: the document it became, or why it could not be read."""

    feed_id: int
    item_key: str
    link: str | None
    document_id: str | None
    seen_at: datetime
    error: str | None


def item_key(guid: str | None, link: str | None) -> str:
    """An item's identity in its feed: sha256 of its guid, else of its link."""
    basis = guid or link or ""
    return hashlib.sha256(basis.encode()).hexdigest()


def _opt(value: datetime | None) -> datetime | None:
    return None if value is None else utc(value)


def _feed(row: Row[Any]) -> FeedRecord:
    m = row._mapping
    return FeedRecord(
        id=m["id"], url=m["url"], title=m["title"], added_at=utc(m["added_at"]),
        interval_seconds=m["interval_seconds"], etag=m["etag"], last_modified=m["last_modified"],
        status=m["status"], failures=m["failures"], last_error=m["last_error"],
        last_polled_at=_opt(m["last_polled_at"]), last_ok_at=_opt(m["last_ok_at"]),
        next_poll_at=utc(m["next_poll_at"]), items_ingested=m["items_ingested"],
    )


def add_feed(conn: Connection, url: str, interval: int, now: datetime) -> tuple[FeedRecord, bool]:
    """The feed at `url`, added (due at once) unless it is there already; True when new."""
    new = insert_ignore(conn, feeds, {
        "url": url, "added_at": now, "interval_seconds": interval, "status": "new",
        "failures": 0, "next_poll_at": now, "items_ingested": 0,
    }, ["url"])
    row = conn.execute(select(feeds).where(feeds.c.url == url)).one()
    return _feed(row), new


def get_feed(conn: Connection, feed_id: int) -> FeedRecord | None:
    row = conn.execute(select(feeds).where(feeds.c.id == feed_id)).first()
    return None if row is None else _feed(row)


def list_feeds(conn: Connection, *, limit: int, offset: int,
               status: str | None = None) -> tuple[list[FeedRecord], int]:
    """Feeds in the order they were added, and how many there are."""
    stmt = select(feeds)
    if status:
        stmt = stmt.where(feeds.c.status == status)
    total = int(conn.scalar(select(func.count()).select_from(stmt.subquery())) or 0)
    rows = conn.execute(stmt.order_by(feeds.c.id).limit(limit).offset(offset))
    return [_feed(r) for r in rows], total


def due_feeds(conn: Connection, now: datetime | None) -> list[FeedRecord]:
    """Feeds whose next poll is due at `now` (every feed when `now` is None), soonest first."""
    stmt = select(feeds).order_by(feeds.c.next_poll_at, feeds.c.id)
    if now is not None:
        stmt = stmt.where(feeds.c.next_poll_at <= now)
    return [_feed(r) for r in conn.execute(stmt)]


def remove_feed(conn: Connection, feed_id: int) -> bool:
    return conn.execute(delete(feeds).where(feeds.c.id == feed_id)).rowcount > 0


def record_poll_ok(conn: Connection, feed_id: int, *, now: datetime, next_poll_at: datetime,
                   etag: str | None, last_modified: str | None, title: str | None,
                   items: int) -> None:
    """A poll that worked (304 included): validators kept for the next conditional GET."""
    values: dict[str, Any] = {
        "status": "ok", "failures": 0, "last_error": None, "last_polled_at": now,
        "last_ok_at": now, "next_poll_at": next_poll_at,
        "items_ingested": feeds.c.items_ingested + items,
    }
    if etag is not None or last_modified is not None:
        values.update(etag=etag, last_modified=last_modified)
    if title:
        values["title"] = title
    conn.execute(update(feeds).where(feeds.c.id == feed_id).values(**values))


def record_poll_failure(conn: Connection, feed_id: int, *, now: datetime,
                        next_poll_at: datetime, error: str) -> None:
    conn.execute(update(feeds).where(feeds.c.id == feed_id).values(
        status="failing", failures=feeds.c.failures + 1, last_error=error, last_polled_at=now,
        next_poll_at=next_poll_at,
    ))


def seen_item_keys(conn: Connection, feed_id: int, keys: Iterable[str]) -> set[str]:
    """Which of these item keys the feed has already taken."""
    seen: set[str] = set()
    for batch in chunks(sorted(set(keys))):
        seen |= set(conn.scalars(select(feed_items.c.item_key).where(
            feed_items.c.feed_id == feed_id, feed_items.c.item_key.in_(batch))))
    return seen


def add_feed_item(conn: Connection, feed_id: int, key: str, *, link: str | None,
                  document_id: str | None, error: str | None, now: datetime) -> bool:
    """Record an item as taken (once: a second call for the same key changes nothing)."""
    return insert_ignore(conn, feed_items, {
        "feed_id": feed_id, "item_key": key, "link": link, "document_id": document_id,
        "seen_at": now, "error": error,
    }, ["feed_id", "item_key"])


def feed_items_of(conn: Connection, feed_id: int, *, limit: int,
                  offset: int) -> tuple[list[FeedItemRecord], int]:
    """A feed's items, newest first."""
    total = int(conn.scalar(select(func.count()).select_from(feed_items)
                            .where(feed_items.c.feed_id == feed_id)) or 0)
    rows = conn.execute(
        select(feed_items).where(feed_items.c.feed_id == feed_id)
        .order_by(feed_items.c.seen_at.desc(), feed_items.c.item_key).limit(limit).offset(offset)
    ).mappings()
    items = [FeedItemRecord(feed_id=r["feed_id"], item_key=r["item_key"], link=r["link"],
                            document_id=r["document_id"], seen_at=utc(r["seen_at"]),
                            error=r["error"]) for r in rows]
    return items, total
