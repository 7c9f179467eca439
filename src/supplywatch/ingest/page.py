"""A plain-text capture of a web page -> its main story and any related-article teasers.

    Title line                       title (first line that is not furniture)
    Source: X, 2024-01-02 / URL: ... optional header block (metadata, taken out)
    story paragraphs                 kept line by line, furniture lines dropped
    Comments                         [end] heading: the rest is not the story ...
    Related Articles                 ... up to a [related] heading, whose teaser
    <teaser blocks>                  blocks become documents of their own

Lines are kept verbatim (trimmed), never re-wrapped, and joined with "\\n" so the
story text stays what later stages index into.
"""

from __future__ import annotations

from dataclasses import dataclass

from supplywatch.ingest.dates import parse_date
from supplywatch.ingest.furniture import Furniture
from supplywatch.ingest.header import Header, read_header
from supplywatch.ingest.teasers import Teaser, read_related


@dataclass(frozen=True)
class Page:
    title: str
    header: Header
    body: tuple[str, ...]  # the story's lines after the title; "" marks a paragraph break
    teasers: tuple[Teaser, ...]
    published: str | None = None

    @property
    def text(self) -> str:
        """The main story's text: the title line, then the body."""
        return "\n".join((self.title, *self.body))


def split_lines(text: str) -> list[str]:
    """Lines, trimmed; only \\n, \\r\\n and \\r end a line (not form feeds or U+2028)."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return [line.strip() for line in text.split("\n")]


def parse_page(text: str, furniture: Furniture) -> Page | None:
    """Split a page into title, header, story and teasers; None when nothing is left."""
    lines = split_lines(text)
    title_at = next(
        (i for i, line in enumerate(lines) if line and furniture.kind(line) is None), None
    )
    if title_at is None:
        return None
    title = lines[title_at]
    header, start = read_header(lines, title_at + 1)
    body, teasers, dated = _read_body(lines, start, title, furniture)
    return Page(
        title=title,
        header=header,
        body=body,
        teasers=tuple(teasers),
        published=header.published or dated,
    )


def _read_body(
    lines: list[str], i: int, title: str, furniture: Furniture
) -> tuple[tuple[str, ...], list[Teaser], str | None]:
    """The story's lines from `lines[i]` on, the teasers found, and a leading date line's date."""
    kept: list[str] = []
    teasers: list[Teaser] = []
    dated: str | None = None
    while i < len(lines):
        line = lines[i]
        kind = furniture.kind(line) if line else None
        has_text = any(kept)
        if kind == "related":
            found, i = read_related(lines, i, furniture)
            teasers.extend(found)
            continue
        if kind == "end" and _story_begun(kept):
            i = _next_related(lines, i + 1, furniture)
            continue
        i += 1
        if kind is not None:
            continue  # furniture, or an [end] heading before the story (site navigation)
        if line and not has_text:
            # Captures often repeat the title, or give the date, as the first line.
            if _same(line, title):
                continue
            if dated is None and (dated := parse_date(line)):
                continue
        kept.append(line)
    return _tidy(kept), teasers, dated


# Prose a story must have before an [end] heading ends it: a "48 Comments" count under the
# byline comes before the story, after only a headline, a standfirst and a byline
STORY_WORDS_BEFORE_END = 40
SENTENCE_ENDS = (".", "!", "?", '"', "”", "'")


def _story_begun(kept: list[str]) -> bool:
    """Has the story some sentences yet (lines of several words that end like one)?"""
    words = 0
    for line in kept:
        count = len(line.split())
        if count >= 8 and line.rstrip().endswith(SENTENCE_ENDS):
            words += count
            if words >= STORY_WORDS_BEFORE_END:
                return True
    return False


def _next_related(lines: list[str], i: int, furniture: Furniture) -> int:
    """Index of the next related heading (the rest after an [end] heading is skipped)."""
    while i < len(lines):
        if lines[i] and furniture.kind(lines[i]) == "related":
            return i
        i += 1
    return i


def _same(a: str, b: str) -> bool:
    return " ".join(a.casefold().split()) == " ".join(b.casefold().split())


def _tidy(lines: list[str]) -> tuple[str, ...]:
    """Collapse runs of blank lines to one and trim blank lines at both ends."""
    out: list[str] = []
    for line in lines:
        if line or (out and out[-1]):
            out.append(line)
    while out and not out[-1]:
        out.pop()
    return tuple(out)
