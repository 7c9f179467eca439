"""Absolute dates as pages write them -> ISO `YYYY-MM-DD` (the Document.published format)."""

from __future__ import annotations

import re
from datetime import datetime

_FORMATS = (
    "%Y-%m-%d", "%Y/%m/%d", "%d %B %Y", "%d %b %Y", "%B %d, %Y", "%b %d, %Y",
    "%B %d %Y", "%b %d %Y", "%d %B, %Y", "%d %b, %Y",
)
_ISO_DATETIME = re.compile(r"^(\d{4}-\d{2}-\d{2})[T ]\d{1,2}:\d{2}")
_LABEL = re.compile(r"^(?:published|updated|posted|date)\s*:?\s*", re.IGNORECASE)


def parse_date(text: str) -> str | None:
    """`2021-10-12`, `12 October 2021`, `Oct. 12, 2021`, `Published: ...` -> `2021-10-12`.

    Relative times ("3 hours ago") and dates without a year give None: turning
    them into a date would need the capture time, which a page does not carry.
    """
    value = _LABEL.sub("", text.strip()).replace(".", "").strip()
    iso = _ISO_DATETIME.match(value)
    if iso:
        value = iso.group(1)
    for fmt in _FORMATS:
        try:
            return datetime.strptime(value, fmt).date().isoformat()
        except ValueError:
            continue
    return None
