"""Polling feeds: conditional GET, robots.txt, each new item ingested once, backoff.

A poll of one feed asks robots.txt, then GETs the feed with the ETag and Last-Modified
it stored last time (304: nothing new). Each item not taken before is ingested through
the same pipeline as `supplywatch ingest` (its page, else its own summary) and recorded
in feed_items, so it is never ingested twice. A feed of official records that a record
source recognises (cpsc.gov's recall RSS) is imported as records instead, each item
becoming a versioned record.

A poll that fails (the network, an HTTP error, a body that is not a feed, robots.txt
saying no) marks the feed failing with the error and backs off: the next try waits
the feed's interval, then twice that, four times, ..., at most a day. The first poll
that works sets it back to ok.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from contextlib import AbstractContextManager
from dataclasses import dataclass, field
from datetime import timedelta
from typing import TYPE_CHECKING

import httpx

from supplywatch.errors import DatabaseError, SkipInput
from supplywatch.ingest import default_registry
from supplywatch.ingest.guard import public_only_client
from supplywatch.ingest.loader import parse_raw
from supplywatch.ingest.raw import RawInput
from supplywatch.ingest.registry import SourceRegistry
from supplywatch.model import Document
from supplywatch.pipeline import ingest_documents
from supplywatch.serve.feeds.http import Fetched, Fetcher, HostThrottle, Stopped
from supplywatch.serve.feeds.items import entry_documents
from supplywatch.serve.feeds.parse import FeedEntry, ParsedFeed, parse_feed
from supplywatch.serve.feeds.robots import RobotsCache
from supplywatch.settings import Settings
from supplywatch.store import Store
from supplywatch.store.feeds import FeedRecord

if TYPE_CHECKING:
    from supplywatch.extract import DocumentExtractor

log = logging.getLogger("supplywatch.feeds")

MAX_BACKOFF = timedelta(days=1)
PAGE_SOURCES = frozenset({"html", "text"})  # any other source that takes a feed reads records

# The extractor to use and a lock held while it runs (a spaCy pipeline runs in one
# thread at a time; the server shares its pipeline with POST /api/documents).
ExtractorSlot = Callable[[], tuple["DocumentExtractor", AbstractContextManager[object]]]
Progress = Callable[[str, int, int], None]  # (feed url, items done, items new)


def backoff(interval: int, failures: int) -> timedelta:
    """How long to wait after the `failures`-th failure in a row: interval × 2^(n-1), ≤ a day."""
    return min(MAX_BACKOFF, timedelta(seconds=interval) * 2 ** max(0, min(failures - 1, 20)))


@dataclass
class FeedPoll:
    """What polling one feed did."""

    feed_id: int
    url: str
    outcome: str  # ok | not-modified | failing
    new_items: int = 0
    item_errors: list[str] = field(default_factory=list)
    error: str | None = None


class Poller:
    """Polls feeds with one HTTP client, one per-host throttle and, per run, one
    robots.txt cache. Setting the throttle's `stop` ends a run between two requests
    (server shutdown)."""

    def __init__(self, store: Store, settings: Settings, extractor: ExtractorSlot, *,
                 client: httpx.Client | None = None, throttle: HostThrottle | None = None,
                 progress: Progress | None = None) -> None:
        self.store = store
        self.settings = settings
        self.extractor = extractor
        self.throttle = throttle or HostThrottle(settings.host_interval)
        self.stop = self.throttle.stop
        self._own_client = client is None
        self.client = client or public_only_client(settings)
        self.fetcher = Fetcher(self.client, settings, self.throttle)
        self.progress = progress

    def close(self) -> None:
        if self._own_client:
            self.client.close()

    def poll_due(self, *, everything: bool = False) -> list[FeedPoll]:
        """Poll each feed that is due (every feed with `everything`), once, in due order."""
        feeds = self.store.due_feeds(None if everything else self.store.now())
        if feeds:
            log.info("polling %d feed(s)", len(feeds))
        robots = RobotsCache(self.fetcher)
        registry = default_registry()
        results = []
        for feed in feeds:
            if self.stop.is_set():
                break
            try:
                results.append(self.poll_feed(feed, robots, registry))
            except Stopped:
                log.info("feed polling stopped during %s", feed.url)
                break
            except DatabaseError:
                if self.store.get_feed(feed.id) is not None:
                    raise
                log.info("feed %s was removed while it was polled", feed.url)
        return results

    def poll_feed(self, feed: FeedRecord, robots: RobotsCache | None = None,
                  registry: SourceRegistry | None = None) -> FeedPoll:
        robots = robots or RobotsCache(self.fetcher)
        registry = registry or default_registry()
        try:
            fetched = self._fetch_feed(feed, robots)
            if fetched.status == 304:
                self._ok(feed, fetched, None, 0)
                return FeedPoll(feed.id, feed.url, "not-modified")
            parsed = parse_feed(feed.url, fetched.data, fetched.content_type)
        except SkipInput as exc:
            return self._failed(feed, exc.message)
        result = FeedPoll(feed.id, feed.url, "ok")
        seen = self.store.seen_feed_items(feed.id, [e.key for e in parsed.entries])
        # Oldest first, as they were published; an item listed twice is taken once.
        new = list({e.key: e for e in reversed(parsed.entries) if e.key not in seen}.values())
        record_source = self._record_source(feed, fetched, registry)
        if record_source is not None:
            self._import_records(feed, fetched, new, registry, result)
        else:
            for done, entry in enumerate(new, 1):
                self._take(feed, entry, parsed, robots, registry, result)
                if self.progress:
                    self.progress(feed.url, done, len(new))
        self._ok(feed, fetched, parsed.title, result.new_items)
        log.info("feed %s: %d new item(s)%s", feed.url, result.new_items,
                 f", {len(result.item_errors)} with problems" if result.item_errors else "")
        return result

    def _fetch_feed(self, feed: FeedRecord, robots: RobotsCache) -> Fetched:
        if not robots.allowed(feed.url):
            raise SkipInput(feed.url, "robots.txt disallows fetching this feed; ask the site, "
                            "or remove the feed")
        headers = {}
        if feed.etag:
            headers["If-None-Match"] = feed.etag
        if feed.last_modified:
            headers["If-Modified-Since"] = feed.last_modified
        return self.fetcher.get(feed.url, headers)

    def _take(self, feed: FeedRecord, entry: FeedEntry, parsed: ParsedFeed, robots: RobotsCache,
              registry: SourceRegistry, result: FeedPoll) -> None:
        """Ingest one new item and record it, with its error if its page was not used."""
        docs, error = entry_documents(entry, parsed, feed.url, self.fetcher, robots, registry)
        if docs:
            error = self._ingest(entry.link or feed.url, docs, error)
        self.store.add_feed_item(feed.id, entry.key, link=entry.link,
                                 document_id=docs[0].id if docs else None, error=error)
        result.new_items += 1
        if error:
            result.item_errors.append(f"{entry.link or entry.guid}: {error}")

    def _ingest(self, label: str, docs: list[Document], error: str | None) -> str | None:
        extractor, lock = self.extractor()
        with lock:
            summary = ingest_documents(label, docs, self.store, extractor)
        problems = [f.message for f in summary.failures]
        return "; ".join(p for p in (error, *problems) if p) or None

    def _record_source(self, feed: FeedRecord, fetched: Fetched,
                       registry: SourceRegistry) -> str | None:
        raw = RawInput(path=feed.url, data=fetched.data, content_type=fetched.content_type,
                       url=fetched.url)
        source = registry.pick(raw)
        return None if source is None or source.name in PAGE_SOURCES else source.name

    def _import_records(self, feed: FeedRecord, fetched: Fetched, new: list[FeedEntry],
                        registry: SourceRegistry, result: FeedPoll) -> None:
        """A feed of official records: every item a record (unchanged ones cost nothing)."""
        raw = RawInput(path=feed.url, data=fetched.data, content_type=fetched.content_type,
                       url=fetched.url)
        parsed = parse_raw(raw, registry)
        error = self._ingest(feed.url, parsed.documents, parsed.summary())
        by_link = {d.url: d.id for d in parsed.documents if d.url}
        for entry in new:
            doc_id = by_link.get(entry.link) if entry.link else None
            self.store.add_feed_item(feed.id, entry.key, link=entry.link, document_id=doc_id,
                                     error=error if doc_id is None else None)
            result.new_items += 1
        if error:
            result.item_errors.append(error)

    def _ok(self, feed: FeedRecord, fetched: Fetched, title: str | None, items: int) -> None:
        self.store.record_poll_ok(
            feed.id, wait=timedelta(seconds=feed.interval_seconds),
            etag=fetched.headers.get("etag"), last_modified=fetched.headers.get("last-modified"),
            title=title, items=items)

    def _failed(self, feed: FeedRecord, error: str) -> FeedPoll:
        wait = backoff(feed.interval_seconds, feed.failures + 1)
        self.store.record_poll_failure(feed.id, wait=wait, error=error)
        log.warning("feed %s failed (%s); next try in %s", feed.url, error, wait)
        return FeedPoll(feed.id, feed.url, "failing", error=error)
