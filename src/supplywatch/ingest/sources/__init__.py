"""Built-in sources. Each is a plain class with `name`, `sniff(raw)` and `parse(raw)`:
the same interface a third-party source implements (see ingest.registry)."""

from __future__ import annotations

from supplywatch.ingest.sources.html import HtmlSource
from supplywatch.ingest.sources.text import TextSource

__all__ = ["HtmlSource", "TextSource"]
