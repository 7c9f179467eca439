"""Vehicles: model years and the keys makes and models are compared by.

"CR-V", "CR V" and "crv" are one model; "Land Rover" and "LAND ROVER" one make. NHTSA
writes 9999 for an unknown model year, kept here as None.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

MIN_YEAR, MAX_YEAR = 1949, 2040
UNKNOWN_YEAR = 9999
_YEAR = re.compile(r"(?<![\w-])(19[5-9]\d|20[0-3]\d|2040)(?![\w-])")
_YEAR_RANGE = re.compile(r"(?<![\w-])((?:19|20)\d\d)\s*[-–]\s*((?:19|20)\d\d)(?![\w-])")


def make_key(make: str) -> str:
    return " ".join(re.sub(r"[^0-9a-z]+", " ", make.lower()).split())


def model_key(model: str) -> str:
    return re.sub(r"[^0-9a-z]", "", model.lower())


def parse_year(value: str | int | None) -> int | None:
    """A model year, or None for unknown/blank/9999."""
    try:
        year = int(str(value).strip())
    except (TypeError, ValueError):
        return None
    return year if MIN_YEAR <= year <= MAX_YEAR else None


@dataclass(frozen=True, slots=True)
class YearQuery:
    """The model years a query names (one, or a range) and the text left without them."""

    years: tuple[int, ...]
    rest: str


def split_years(text: str) -> YearQuery:
    """'2013 Acura ILX' -> years (2013,), rest 'Acura ILX'; '2013-2015 ILX' -> 2013..2015."""
    match = _YEAR_RANGE.search(text)
    if match:
        lo, hi = sorted((int(match.group(1)), int(match.group(2))))
        if hi - lo <= 30:
            rest = text[: match.start()] + " " + text[match.end():]
            return YearQuery(tuple(range(lo, hi + 1)), " ".join(rest.split()))
    match = _YEAR.search(text)
    if match:
        rest = text[: match.start()] + " " + text[match.end():]
        return YearQuery((int(match.group(1)),), " ".join(rest.split()))
    return YearQuery((), " ".join(text.split()))


def year_ranges(years: Iterable[int | None]) -> str:
    """(2003, 2004, 2005, 2009) -> '2003-2005, 2009'; unknown years shown as 'year unknown'."""
    known = sorted({y for y in years if y is not None})
    parts: list[str] = []
    start = prev = None
    for y in known:
        if start is None:
            start = prev = y
        elif prev is not None and y == prev + 1:
            prev = y
        else:
            parts.append(f"{start}" if start == prev else f"{start}-{prev}")
            start = prev = y
    if start is not None:
        parts.append(f"{start}" if start == prev else f"{start}-{prev}")
    if any(y is None for y in years):
        parts.append("year unknown")
    return ", ".join(parts)
