"""The header block some captured pages carry right after their title line.

    Samsung recalls a phone                <- title
    Source: Daily Planet, 2021-10-12       <- source, published
    URL: https://example.com/story         <- url

Header lines are metadata, not story text, so they are taken out of the text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from supplywatch.ingest.dates import parse_date

_HEADER_LINE = re.compile(
    r"^(?P<key>source|url|link|published|date|updated)\s*:\s*(?P<value>\S.*)$", re.IGNORECASE
)


@dataclass(frozen=True)
class Header:
    source: str | None = None
    published: str | None = None
    url: str | None = None


def read_header(lines: list[str], start: int) -> tuple[Header, int]:
    """Parse header lines from `lines[start]` on; return the header and the first index after it.

    Only consecutive `Key: value` lines count (blank lines before them are
    allowed); the first other line ends the block.
    """
    source = published = url = None
    i = first = _skip_blank(lines, start)
    while i < len(lines):
        match = _HEADER_LINE.match(lines[i].strip())
        if not match:
            break
        key, value = match.group("key").lower(), match.group("value").strip()
        if key == "source":
            source, dated = split_source(value)
            published = published or dated
        elif key in ("url", "link"):
            url = value
        else:
            published = parse_date(value) or published
        i += 1
    if i == first:
        return Header(), start  # no header: leave any blank lines to the body
    return Header(source=source, published=published, url=url), i


def split_source(value: str) -> tuple[str, str | None]:
    """`Taipei News, 2022-10-05` -> (`Taipei News`, `2022-10-05`); a name without date as is."""
    name, sep, tail = value.rpartition(",")
    if sep:
        date = parse_date(tail)
        if date and name.strip():
            return name.strip(), date
    return value, None


def _skip_blank(lines: list[str], i: int) -> int:
    while i < len(lines) and not lines[i].strip():
        i += 1
    return i
