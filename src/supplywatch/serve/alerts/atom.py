"""A watchlist's alerts as an Atom feed (RFC 4287), for any feed reader.

Each entry's id is a tag URI built from the watchlist and the fact, so it stays the
same however often the feed is read; its link is the document's page on this server.
"""

from __future__ import annotations

from datetime import datetime
from xml.etree import ElementTree as ET

from supplywatch import __version__
from supplywatch.store.watch import Alert, Watchlist

ATOM = "http://www.w3.org/2005/Atom"


def _el(parent: ET.Element, tag: str, text: str | None = None, **attrs: str) -> ET.Element:
    node = ET.SubElement(parent, tag, attrs)
    if text is not None:
        node.text = text
    return node


def _when(value: datetime) -> str:
    return value.isoformat().replace("+00:00", "Z")


def entry_id(watchlist: Watchlist, alert: Alert) -> str:
    return f"tag:supplywatch,{watchlist.created_at:%Y-%m-%d}:watchlist/{watchlist.id}/fact/{alert.fact.id}"


def render_atom(watchlist: Watchlist, alerts: list[Alert], *, base_url: str, self_url: str) -> bytes:
    """The feed: newest alerts first; `base_url` (no trailing slash) makes page links."""
    feed = ET.Element("feed", {"xmlns": ATOM})
    _el(feed, "id", f"tag:supplywatch,{watchlist.created_at:%Y-%m-%d}:watchlist/{watchlist.id}")
    _el(feed, "title", f"supplywatch alerts: {watchlist.name}")
    updated = max((a.created_at for a in alerts), default=watchlist.created_at)
    _el(feed, "updated", _when(updated))
    _el(feed, "link", rel="self", href=self_url, type="application/atom+xml")
    _el(feed, "link", rel="alternate", href=f"{base_url}/watchlists/{watchlist.id}",
        type="text/html")
    author = _el(feed, "author")
    _el(author, "name", "supplywatch")
    _el(feed, "generator", "supplywatch", version=__version__)
    for alert in alerts:
        fact, doc = alert.fact, alert.fact.document
        entry = _el(feed, "entry")
        _el(entry, "id", entry_id(watchlist, alert))
        _el(entry, "title", f"{alert.watch_item.value}: {doc.title or fact.type}")
        _el(entry, "updated", _when(alert.created_at))
        _el(entry, "published", _when(alert.created_at))
        _el(entry, "link", rel="alternate", href=f"{base_url}/documents/{doc.id}", type="text/html")
        if doc.url:
            _el(entry, "link", rel="related", href=doc.url)
        _el(entry, "category", term=fact.type)
        source = ", ".join(p for p in (doc.source, doc.published) if p)
        summary = f"{alert.reason}. Evidence: \u201c{fact.evidence}\u201d" + (
            f" ({source})" if source else "")
        _el(entry, "summary", summary, type="text")
    ET.indent(feed)
    return b'<?xml version="1.0" encoding="utf-8"?>\n' + ET.tostring(feed, encoding="utf-8")
