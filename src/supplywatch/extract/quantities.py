"""Numbers as news writes them: "45 million", "more than 1.2 million", "about 5,000", "526,000"."""

from __future__ import annotations

import re

_SCALES = {
    "hundred": 100, "thousand": 1_000, "k": 1_000, "million": 1_000_000, "mn": 1_000_000,
    "m": 1_000_000, "billion": 1_000_000_000, "bn": 1_000_000_000, "b": 1_000_000_000,
}
_WORDS = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "twenty": 20, "thirty": 30, "forty": 40,
    "fifty": 50, "hundred": 100, "a": 1,
}
_NUMBER = re.compile(r"(\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?)")


def parse_quantity(text: str) -> int | None:
    """The number a phrase states, or None: "more than 1.2 million" -> 1200000."""
    tokens = re.findall(r"\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?|[a-zA-Z]+", text.lower())
    value: float | None = None
    for tok in tokens:
        if _NUMBER.fullmatch(tok):
            if value is not None and value >= 1:
                break  # a second number starts ("5 1/2 inches"): keep the first
            value = float(tok.replace(",", ""))
        elif tok in _SCALES and value is not None:
            value *= _SCALES[tok]
        elif tok in _WORDS and value is None and tok != "a":
            value = float(_WORDS[tok])
        elif tok == "a" and value is None:
            continue
        elif tok in _SCALES and tok in ("million", "billion", "thousand") and value is None:
            value = float(_SCALES[tok])  # "a million"
    if value is None or value <= 0:
        return None
    return round(value)
