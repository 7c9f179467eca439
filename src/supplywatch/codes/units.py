"""Unit counts as notices write them: "About 1,310", "4.1 million", "approximately 2,195 (...)"."""

from __future__ import annotations

import re

_NUMBER = re.compile(
    r"(\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?)\s*(million|thousand|billion|m\b|k\b)?", re.IGNORECASE
)
_SCALE = {"million": 1_000_000, "m": 1_000_000, "thousand": 1_000, "k": 1_000,
          "billion": 1_000_000_000}


def parse_units(text: str | int | None) -> int | None:
    """The first count in `text` as a whole number; None when there is none.

    Only the first figure counts: a parenthesis that follows usually qualifies it
    ("About 2,195 (2,100 previously recalled)") and must not be added to it.
    """
    if text is None:
        return None
    if isinstance(text, int):
        return text if text >= 0 else None
    match = _NUMBER.search(text)
    if match is None:
        return None
    value = float(match.group(1).replace(",", ""))
    scale = _SCALE.get((match.group(2) or "").lower(), 1)
    return round(value * scale)
