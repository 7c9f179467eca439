"""Related-content sections: split teaser blocks out of a page as documents of their own.

After a related heading ("Related Articles", "You may also like", "More from X")
pages list other stories, each as a block of the same shape:

    Daily Planet             <- outlet (optional)
    2 hours ago              <- time stamp and/or "- Daily Planet" byline: the anchor
    Headline of the story    <- headline
    First paragraph ...      <- body, up to the next block

The block is recognised by that structure, never by a site's wording: at least
one anchor line (a time stamp or a byline, patterns in furniture.txt), then a
headline, then prose. Once one such block has been seen, later blocks without
meta lines ("Headline" directly followed by prose) are teasers too.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from supplywatch.ingest.furniture import Furniture

MAX_META_SHORT_LINES = 2  # outlet and author; more short lines in a row are a link list
_SEPARATORS = re.compile(r"\s+[·•|]\s+")  # "Daily Planet · 2 hours ago"
_SENTENCE_END = re.compile(r"[.!?…][\"'”’)]*$")


@dataclass(frozen=True)
class Teaser:
    title: str
    source: str | None
    body: tuple[str, ...]

    @property
    def text(self) -> str:
        return "\n".join((self.title, *self.body))


def is_prose(line: str) -> bool:
    """A paragraph of running text rather than a headline, label or link."""
    words = len(line.split())
    return len(line) >= 150 or (words >= 12 and bool(_SENTENCE_END.search(line)))


def _is_short(line: str) -> bool:
    """Short enough to be an outlet or author name."""
    return len(line) <= 80 and len(line.split()) <= 8 and not _SENTENCE_END.search(line)


def _meta(line: str, furniture: Furniture) -> tuple[bool, str | None] | None:
    """(is an anchor, outlet named) for a line that can be teaser meta; None otherwise."""
    if furniture.is_time(line):
        return True, None
    outlet = furniture.byline_outlet(line)
    if outlet:
        return True, outlet
    parts = _SEPARATORS.split(line)
    if len(parts) > 1 and any(furniture.is_time(part) for part in parts):
        names = [part for part in parts if not furniture.is_time(part)]
        return True, names[0] if names else None
    if _is_short(line) and furniture.kind(line) is None:
        return False, line
    return None


def meta_run(lines: list[str], i: int, furniture: Furniture) -> tuple[int, str | None]:
    """Where a teaser's meta lines starting at `lines[i]` end (exclusive), and its outlet.

    Returns (i, None) when `lines[i]` does not start a meta run. A run ends at its
    last anchor line, so a short headline right after the anchors is not taken in.
    """
    end, shorts = i, 0
    names: list[tuple[int, str, bool]] = []  # (index, name, named by a byline)
    j = i
    while j < len(lines) and lines[j]:
        meta = _meta(lines[j], furniture)
        if meta is None:
            break
        anchor, name = meta
        if anchor:
            end = j + 1
        else:
            shorts += 1
            if shorts > MAX_META_SHORT_LINES:
                break
        if name:
            names.append((j, name, anchor))
        j += 1
    if end == i:
        return i, None
    in_run = [(name, byline) for index, name, byline in names if index < end]
    # A byline names the outlet outright; a plain short line is only a guess.
    outlet = next((n for n, byline in in_run if byline), None)
    return end, outlet or next((n for n, _ in in_run), None)


def _headline_then_prose(lines: list[str], i: int, furniture: Furniture) -> bool:
    """`lines[i]` is a headline directly followed by a paragraph (a block without meta)."""
    line = lines[i]
    nxt = lines[i + 1] if i + 1 < len(lines) else ""
    return (
        bool(line) and not is_prose(line) and len(line) <= 200
        and furniture.kind(line) is None and bool(nxt) and is_prose(nxt)
    )


def _block_starts(lines: list[str], i: int, furniture: Furniture) -> bool:
    if meta_run(lines, i, furniture)[0] > i:
        return True
    return i > 0 and not lines[i - 1] and _headline_then_prose(lines, i, furniture)


def _read_teaser(
    lines: list[str], i: int, source: str | None, furniture: Furniture
) -> tuple[Teaser | None, int]:
    """Read a headline and its body from `lines[i]` on; (None, next) for a bare link."""
    while i < len(lines) and not lines[i]:
        i += 1
    if i >= len(lines) or furniture.kind(lines[i]) is not None:
        return None, i
    title, body, j = lines[i], [], i + 1
    while j < len(lines):
        line = lines[j]
        kind = furniture.kind(line) if line else None
        if kind in ("end", "related") or (line and _block_starts(lines, j, furniture)):
            break
        if kind is None:
            body.append(line)
        j += 1
    while body and not body[-1]:
        body.pop()
    body = [line for k, line in enumerate(body) if line or (k and body[k - 1])]
    if not body:
        return None, j
    return Teaser(title=title, source=source, body=tuple(body)), j


def read_related(lines: list[str], i: int, furniture: Furniture) -> tuple[list[Teaser], int]:
    """Read the related section whose heading is `lines[i]`.

    Returns the teasers found and the index where the caller goes on: an [end]
    marker, or prose that means the story itself continues (only possible
    before any teaser block, e.g. after a one-link "Read also" heading).
    """
    default_source = furniture.related_outlet(lines[i])
    teasers: list[Teaser] = []
    i += 1
    while i < len(lines):
        line = lines[i]
        kind = furniture.kind(line) if line else None
        if not line or kind == "drop":
            i += 1
            continue
        if kind == "related":
            default_source = furniture.related_outlet(line) or default_source
            i += 1
            continue
        if kind == "end":
            return teasers, i
        end, outlet = meta_run(lines, i, furniture)
        if end > i or (teasers and _headline_then_prose(lines, i, furniture)) \
                or _two_blocks(lines, i, furniture):
            teaser, i = _read_teaser(lines, end, outlet or default_source, furniture)
            if teaser is not None:
                teasers.append(teaser)
            continue
        one_line = one_line_teaser(line, source=default_source)
        if one_line is not None and (teasers or _one_line_list_goes_on(lines, i + 1, furniture)):
            teasers.append(one_line)
            i += 1
            continue
        if teasers and (_HEADLINE_DASH_CUT.match(_BULLET.sub("", line.strip())) or _labelled_link(line)):
            i += 1  # "Review: the X is great - but that ...": a link with a cut summary
            continue
        if is_prose(line):
            return teasers, i
        i += 1  # a headline-only link: furniture
    return teasers, i


def _two_blocks(lines: list[str], i: int, furniture: Furniture) -> bool:
    """A headline and its paragraph, then at once another headline and paragraph: a list of
    teasers with no meta lines ("Related Recalls" on a regulator's page), not the story
    going on after a link (which would be prose after prose)."""
    return _headline_then_prose(lines, i, furniture) and i + 3 < len(lines) \
        and _headline_then_sentence(lines[i + 2], lines[i + 3], furniture)


def _headline_then_sentence(line: str, nxt: str, furniture: Furniture) -> bool:
    """A headline (no full stop) and a sentence of six words or more: a teaser's shape,
    however short its summary ("About 18,000 pairs are affected.")."""
    return bool(line) and not _SENTENCE_END.search(line) and len(line) <= 200 \
        and furniture.kind(line) is None and len(nxt.split()) >= 6 \
        and bool(_SENTENCE_END.search(nxt))


# "Velocita Group buys e-bike brand Ruta - The Italian group takes full control.": a list
# entry that is a headline, a dash and the teaser's one-sentence summary
_HEADLINE_THEN_DASH = r"^(?P<title>[^.!?]{12,160}?[^\s.,;:])\s+[-–—]\s+"
_HEADLINE_DASH = re.compile(_HEADLINE_THEN_DASH + r"(?P<body>[A-Z\"'“‘].*)$")
_HEADLINE_DASH_LOWER = re.compile(_HEADLINE_THEN_DASH + r"(?P<body>[a-z].*)$")
_SPACED_DASH = re.compile(r"\s[-–—]\s")
# a link with its section's label: "Machine building: Vesterholm to buy 30% stake in ..."
_LABELLED_LINK = re.compile(r"^[A-Z][A-Za-z&/]*(?: [A-Za-z&/]+){0,2}:\s+[A-Z0-9\"'“‘]")


_BULLET = re.compile(r"^[-–—•*·]\s+")
# a list entry of a headline and a cut summary: "Review: the X is great - but that ..."
_HEADLINE_DASH_CUT = re.compile(r"^[^.!?]{12,160}?[^\s.,;:]\s+[-–—]\s+\S.*(?:\.\.\.|…)$")


def one_line_teaser(line: str, source: str | None = None) -> Teaser | None:
    """A teaser written on one line, "Headline - Summary sentence.", else None."""
    entry = _BULLET.sub("", line.strip())
    match = _HEADLINE_DASH.match(entry)
    if match is None and len(_SPACED_DASH.findall(entry)) == 1 and not _HEADLINE_DASH_CUT.match(entry):
        # "Kalvo recalls 3,000 outdoor units - the Finnish maker found a faulty motor.": a
        # summary may start in lower case; one dash only (a dash pair in a story's
        # sentence sets off an aside: "Owners - about 4,000 of them - can ..."); a cut
        # summary ("... - but that ...") is a link, not a teaser
        match = _HEADLINE_DASH_LOWER.match(entry)
    if match is None or not _SENTENCE_END.search(match["body"]):
        return None
    if len(match["title"].split()) < 4 or len(match["title"].split()) > 20:
        return None
    return Teaser(title=match["title"], source=source, body=(match["body"],))


def _one_line_list_goes_on(lines: list[str], i: int, furniture: Furniture) -> bool:
    """After a first one-line teaser, the section is a list of them (not the story going
    on) when the next line is another, a headline-only link, furniture or the page's end."""
    while i < len(lines) and not lines[i]:
        i += 1
    if i >= len(lines):
        return True
    line = lines[i]
    return one_line_teaser(line) is not None or furniture.kind(line) is not None \
        or not is_prose(line) or _HEADLINE_DASH_CUT.match(_BULLET.sub("", line.strip())) is not None \
        or _labelled_link(line)


def _labelled_link(line: str) -> bool:
    """A one-line link under its section's label ("Machine building: Vesterholm to buy a
    stake in Talleres Urdaneta."), as related lists write them: not a story's paragraph."""
    return len(line) <= 200 and _LABELLED_LINK.match(_BULLET.sub("", line.strip())) is not None
