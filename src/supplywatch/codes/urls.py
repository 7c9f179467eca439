"""Notice URLs compared the way people copy them: scheme, "www.", case and a trailing
slash do not make two URLs different."""

from __future__ import annotations

import re


def url_key(url: str | None) -> str | None:
    if not url:
        return None
    s = url.strip().lower()
    s = re.sub(r"^[a-z][a-z0-9+.-]*://", "", s)
    s = s.removeprefix("www.")
    s = s.split("#", 1)[0].rstrip("/")
    return s or None
