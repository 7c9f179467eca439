"""Finding a fact's evidence verbatim in the document: the rule that keeps a model honest.

Exact match first. Models often re-flow whitespace (a line break inside a sentence
becomes a space) or straighten typographic quotes, so the second try compares texts
with whitespace runs collapsed and quotes and dashes folded, and maps the match back to
offsets in the original text. Words, spelling and order must still be the same.
"""

from __future__ import annotations

import re

# Single characters folded to one form: the mapping keeps one character per character,
# so offsets survive.
_FOLD = str.maketrans({
    "\u2018": "'", "\u2019": "'", "\u201a": "'", "\u2032": "'",
    "\u201c": '"', "\u201d": '"', "\u201e": '"', "\u2033": '"',
    "\u2010": "-", "\u2011": "-", "\u2012": "-", "\u2013": "-", "\u2014": "-", "\u2212": "-",
    "\u00a0": " ",
})
_SPACE = re.compile(r"\s+")


def locate(evidence: str, text: str) -> tuple[int, int] | None:
    """[start, end) of `evidence` in `text`, or None when the text does not contain it."""
    wanted = evidence.strip()
    if not wanted:
        return None
    start = text.find(wanted)
    if start >= 0:
        return start, start + len(wanted)
    folded, origin = _normalised(text)
    needle, _ = _normalised(wanted)
    at = folded.find(needle)
    if at < 0:
        return None
    return origin[at], origin[at + len(needle) - 1] + 1


def _normalised(text: str) -> tuple[str, list[int]]:
    """`text` folded, whitespace runs as one space, trimmed; and for every character of
    the result, the offset of the original character it came from."""
    out: list[str] = []
    origin: list[int] = []
    folded = text.translate(_FOLD)
    pos = 0
    for match in _SPACE.finditer(folded):
        out.append(folded[pos:match.start()])
        origin.extend(range(pos, match.start()))
        out.append(" ")
        origin.append(match.start())
        pos = match.end()
    out.append(folded[pos:])
    origin.extend(range(pos, len(folded)))
    joined = "".join(out)
    lead = len(joined) - len(joined.lstrip(" "))
    trail = len(joined.rstrip(" "))
    return joined[lead:trail], origin[lead:trail]
