"""Ingest: inputs (files, folders, URLs) -> clean `Document`s.

    paths = expand_inputs(["news/", "https://example.com/story"])
    for path in paths:
        documents = load(path, settings)   # main story first, then split-out parts

Every problem with one input is a `SkipInput` subclass (see supplywatch.errors)
whose message says what was wrong and what to do. Sources (html, text, and
later feeds and recall formats) plug in through `SourceRegistry`.
"""

from __future__ import annotations

from supplywatch.ingest.fetch import is_url
from supplywatch.ingest.furniture import Furniture, default_furniture, parse_furniture
from supplywatch.ingest.inputs import expand_inputs
from supplywatch.ingest.loader import load, read_raw
from supplywatch.ingest.raw import RawInput
from supplywatch.ingest.registry import Source, SourceRegistry, UnknownFormat, default_registry
from supplywatch.ingest.sources import HtmlSource, TextSource

__all__ = [
    "Furniture",
    "HtmlSource",
    "RawInput",
    "Source",
    "SourceRegistry",
    "TextSource",
    "UnknownFormat",
    "default_furniture",
    "default_registry",
    "expand_inputs",
    "is_url",
    "load",
    "parse_furniture",
    "read_raw",
]
