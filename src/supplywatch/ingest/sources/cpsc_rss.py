"""The `cpsc-rss` source: cpsc.gov recall RSS 2.0 feeds.

Each `<item>` has a headline, the recall page's link, the hazard as escaped HTML and
a `pubDate` such as "\tNovember 10, 2021". Items carry no recall number, model
numbers or units: the firm, products and hazard come from the headline, which CPSC
writes to one pattern ("<Firm> Recalls <Products> Due to <Hazard>"); the link's last
segment identifies the item. An item without a headline or link is reported and
skipped; the rest of the feed goes on.
"""

from __future__ import annotations

import html
import re
import xml.etree.ElementTree as ET
from urllib.parse import urlparse

from supplywatch.errors import MalformedInput
from supplywatch.ingest.dates import parse_date
from supplywatch.ingest.decode import decode_text
from supplywatch.ingest.raw import RawInput
from supplywatch.ingest.registry import Parsed
from supplywatch.ingest.sources.records import fix_mojibake, notice_document, parse_headline
from supplywatch.notice import Notice, NoticeProduct, clean

_TAG = re.compile(r"<[^>]+>")


def unescape(text: str | None) -> str:
    """Entities decoded until none are left (some headlines are escaped twice), tags dropped."""
    value = fix_mojibake(text or "")
    for _ in range(3):
        decoded = html.unescape(value)
        if decoded == value:
            break
        value = decoded
    return clean(_TAG.sub(" ", value))


class CpscRssSource:
    name = "cpsc-rss"
    sniffed_suffixes = (".xml", ".rss")

    def sniff(self, raw: RawInput) -> bool:
        head = raw.head.decode("utf-8", "replace")
        return "<rss" in head and "cpsc.gov" in head.lower()

    def parse(self, raw: RawInput) -> list:
        return self.parse_input(raw).documents

    def parse_input(self, raw: RawInput) -> Parsed:
        text = decode_text(raw).lstrip("\ufeff")
        try:
            root = ET.fromstring(text)
        except ET.ParseError as exc:
            raise MalformedInput(raw.path, f"is not well-formed RSS ({exc}); the feed may be cut "
                                 "short — download it again") from None
        items = root.findall("./channel/item")
        parsed = Parsed([], total=len(items), unit="items")
        for n, item in enumerate(items, 1):
            notice = rss_notice(item)
            if isinstance(notice, str):
                parsed.problems.append(f"item {n}: {notice}")
            else:
                parsed.documents.append(notice_document(raw, notice))
        return parsed


def rss_notice(item: ET.Element) -> Notice | str:
    """The item's notice, or what is wrong with it."""
    title = unescape(item.findtext("title"))
    link = clean(item.findtext("link"))
    if not title:
        return "no title"
    if not link:
        return "no link, so nothing identifies the recall"
    slug = urlparse(link).path.rstrip("/").rsplit("/", 1)[-1] or link
    firm, products, hazard = parse_headline(title)
    prose = unescape(item.findtext("description"))
    return Notice(
        agency="CPSC", number=slug, title=title, date=parse_date(clean(item.findtext("pubDate"))),
        company=firm, products=(NoticeProduct(products),) if products else (),
        hazard=prose or hazard, url=link,
    )
