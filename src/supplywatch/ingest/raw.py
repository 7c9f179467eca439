"""The raw input every source reads: bytes plus where they came from."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from functools import cached_property


@dataclass(frozen=True)
class RawInput:
    """One input's original bytes, as read from a file or fetched from a URL.

    `path` is what the user named (a file path or the URL as given); `url` is
    where the bytes were fetched from after redirects (None for files);
    `content_type` is the HTTP Content-Type header, if any.
    """

    path: str
    data: bytes
    content_type: str | None = None
    url: str | None = None

    @cached_property
    def sha256(self) -> str:
        """sha256 (hex) of the original bytes: the provenance hash of every document."""
        return hashlib.sha256(self.data).hexdigest()

    @property
    def head(self) -> bytes:
        """The first bytes, for cheap sniffing."""
        return self.data[:4096]


def human_size(n: int) -> str:
    """`52428801` -> `52,428,801 bytes (50.0 MiB)`."""
    value = float(n)
    for unit in ("KiB", "MiB", "GiB", "TiB"):
        if value < 1024:
            break
        value /= 1024
        if value < 1024 or unit == "TiB":
            return f"{n:,} bytes ({value:.1f} {unit})"
    return f"{n:,} bytes"
