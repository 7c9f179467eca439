"""An RSS or Atom body, read with feedparser into the few fields the poller uses."""

from __future__ import annotations

import html
import re
import time
from dataclasses import dataclass
from typing import Any

import feedparser

from supplywatch.errors import MalformedInput
from supplywatch.store.feeds import item_key

_TAG = re.compile(r"<[^>]+>")
_BLOCK = re.compile(r"</?(p|div|br|li|h[1-6]|blockquote|tr)\b[^>]*>", re.I)


@dataclass(frozen=True)
class FeedEntry:
    """One item of a feed."""

    key: str  # item_key(guid, link): its identity in the feed
    guid: str | None
    link: str | None
    title: str | None
    text: str  # the item's own summary or content, as plain text
    published: str | None  # YYYY-MM-DD


@dataclass(frozen=True)
class ParsedFeed:
    title: str | None
    entries: list[FeedEntry]


def parse_feed(url: str, data: bytes, content_type: str | None) -> ParsedFeed:
    """The feed's title and items (in feed order); MalformedInput when the body is not
    an RSS or Atom feed feedparser can read."""
    headers = {"content-location": url}
    if content_type:
        headers["content-type"] = content_type
    parsed = feedparser.parse(data, response_headers=headers)
    if not parsed.get("version") and not parsed.entries:
        reason = parsed.get("bozo_exception")
        raise MalformedInput(url, "is not an RSS or Atom feed"
                             + (f" ({reason})" if reason else "")
                             + "; check the address (a site's feed is often at /feed or /rss)")
    entries = [e for e in (_entry(raw) for raw in parsed.entries) if e is not None]
    return ParsedFeed(title=(parsed.feed.get("title") or "").strip() or None, entries=entries)


def _entry(raw: Any) -> FeedEntry | None:
    guid = (raw.get("id") or "").strip() or None
    link = (raw.get("link") or "").strip() or None
    if guid is None and link is None:
        return None  # nothing identifies it, so it could not be taken only once
    return FeedEntry(key=item_key(guid, link), guid=guid, link=link,
                     title=plain(raw.get("title") or "") or None, text=_text(raw),
                     published=_date(raw))


def _text(raw: Any) -> str:
    """The longest of the item's content and summary, as plain text."""
    candidates = [c.get("value", "") for c in raw.get("content") or []]
    candidates.append(raw.get("summary") or "")
    return max((plain(c) for c in candidates), key=len, default="")


def plain(markup: str) -> str:
    """HTML (already sanitised by feedparser) as text: blocks become lines, tags go."""
    text = _BLOCK.sub("\n", markup)
    text = html.unescape(_TAG.sub("", text))
    lines = (" ".join(line.split()) for line in text.splitlines())
    return "\n".join(line for line in lines if line)


def _date(raw: Any) -> str | None:
    value = raw.get("published_parsed") or raw.get("updated_parsed")
    return time.strftime("%Y-%m-%d", value) if value else None
