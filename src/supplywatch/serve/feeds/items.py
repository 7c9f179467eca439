"""One feed item → the documents to ingest: its page when robots.txt allows and the page
can be read, else the item's own title and summary (and the reason, to record)."""

from __future__ import annotations

from dataclasses import replace

from supplywatch.errors import SkipInput
from supplywatch.ingest.loader import parse_raw
from supplywatch.ingest.raw import RawInput
from supplywatch.ingest.registry import SourceRegistry
from supplywatch.model import Document
from supplywatch.serve.feeds.http import Fetcher
from supplywatch.serve.feeds.parse import FeedEntry, ParsedFeed
from supplywatch.serve.feeds.robots import RobotsCache

SUMMARY_USED = "the item's own summary was ingested instead"


def entry_documents(entry: FeedEntry, feed: ParsedFeed, feed_url: str, fetcher: Fetcher,
                    robots: RobotsCache, registry: SourceRegistry,
                    ) -> tuple[list[Document], str | None]:
    """The item's documents (main first) and, when its page was not used, why."""
    error: str | None = None
    if entry.link:
        try:
            if robots.allowed(entry.link):
                return _page_documents(entry, feed, fetcher, registry), None
            error = f"robots.txt disallows fetching {entry.link}"
        except SkipInput as exc:  # FetchError, an unusable page, no text in it
            error = f"the page could not be used: {exc.message}"
    summary = _summary_document(entry, feed, feed_url)
    if summary is None:
        return [], f"{error or 'the item has no link'}; it has no summary either, so nothing " \
                   "was ingested"
    return [summary], f"{error}; {SUMMARY_USED}" if error else None


def _page_documents(entry: FeedEntry, feed: ParsedFeed, fetcher: Fetcher,
                    registry: SourceRegistry) -> list[Document]:
    assert entry.link is not None
    fetched = fetcher.get(entry.link)
    raw = RawInput(path=entry.link, data=fetched.data, content_type=fetched.content_type,
                   url=fetched.url)
    docs = parse_raw(raw, registry).documents
    main = docs[0]
    # The feed often knows what the page's markup does not say: its date and title.
    docs[0] = replace(main, title=main.title or entry.title, source=main.source or feed.title,
                      published=main.published or entry.published, url=main.url or entry.link)
    return docs


def _summary_document(entry: FeedEntry, feed: ParsedFeed, feed_url: str) -> Document | None:
    text = "\n".join(part for part in (entry.title, entry.text) if part)
    if not entry.text.strip():
        return None
    path = entry.link or f"{feed_url}#{entry.key[:16]}"
    return Document.from_text(text, path, title=entry.title, source=feed.title,
                              published=entry.published, url=entry.link, kind="feed-item")
