"""`load`: one input (file or URL) -> its clean documents, main one first."""

from __future__ import annotations

from dataclasses import replace

import httpx

from supplywatch.errors import BinaryInput, EmptyInput, MalformedInput
from supplywatch.ingest.decode import binary_kind, check_not_binary
from supplywatch.ingest.fetch import fetch_url, is_url
from supplywatch.ingest.files import read_file
from supplywatch.ingest.raw import RawInput
from supplywatch.ingest.registry import Parsed, Source, SourceRegistry, default_registry
from supplywatch.model import Document
from supplywatch.settings import Settings

_BOM = b"\xef\xbb\xbf"


def read_raw(item: str, settings: Settings, client: httpx.Client | None = None) -> RawInput:
    """The input's original bytes, within settings.max_input_bytes."""
    if is_url(item):
        return fetch_url(item, settings, client)
    return read_file(item, settings.max_input_bytes)


def load(
    item: str,
    settings: Settings,
    client: httpx.Client | None = None,
    *,
    format: str | None = None,
    registry: SourceRegistry | None = None,
) -> list[Document]:
    """Read a file or fetch a URL and return the documents it holds, main story first.

    `format` names the source to use instead of sniffing ("html", "text", ...).
    Raises a SkipInput subclass (this input is unusable, the batch goes on) or,
    for an unknown `format`, UnknownFormat (a usage error that ends the run).
    """
    return load_parsed(item, settings, client, format=format, registry=registry).documents


def load_parsed(
    item: str,
    settings: Settings,
    client: httpx.Client | None = None,
    *,
    format: str | None = None,
    registry: SourceRegistry | None = None,
) -> Parsed:
    """`load`, also saying which rows or items of the input had to be left out."""
    registry = registry if registry is not None else default_registry()
    chosen = registry.get(format) if format else None  # an unknown format fails before any I/O
    return parse_raw(read_raw(item, settings, client), registry, chosen)


def parse_raw(raw: RawInput, registry: SourceRegistry | None = None,
              source: Source | None = None) -> Parsed:
    """The documents in bytes already read (`source`, else the first that sniffs them);
    the server uses it for a body posted to it."""
    registry = registry if registry is not None else default_registry()
    check_not_empty(raw)
    source = source or registry.pick(raw)
    if source is None:
        raise _unrecognised(raw, registry)
    parse_input = getattr(source, "parse_input", None)
    parsed = parse_input(raw) if parse_input is not None else Parsed(source.parse(raw))
    parsed.documents = number_documents(raw, parsed.documents, source)
    return parsed


def check_not_empty(raw: RawInput) -> None:
    if not raw.data:
        where = "the server sent an empty body" if raw.url else "the file is empty (0 bytes)"
        raise EmptyInput(raw.path, f"{where}; there is nothing to read — check the input")
    if not raw.data.removeprefix(_BOM).strip():
        raise EmptyInput(raw.path, "contains only whitespace; there is nothing to read")


def number_documents(raw: RawInput, documents: list[Document], source: Source) -> list[Document]:
    """Stamp provenance on a source's documents and give split-out ones `#2`, `#3`, ... paths.

    Done here, once, so that every source follows the facts contract: the first
    document keeps the bare path, later ones are numbered in page order.
    """
    documents = [doc for doc in documents if doc.text]
    if not documents:
        raise MalformedInput(
            raw.path, f"the {source.name} source found no document in it; check the input"
        )
    out: list[Document] = []
    for number, doc in enumerate(documents, start=1):
        if doc.path.startswith(raw.path + "#"):
            # A record source names its documents by record (file#CPSC-06231), so that a
            # record keeps its path when the file gains or loses other records.
            out.append(replace(doc, parent_path=raw.path, raw_sha256=raw.sha256))
            continue
        split = number > 1
        out.append(
            replace(
                doc,
                path=f"{raw.path}#{number}" if split else raw.path,
                parent_path=raw.path if split else None,
                raw_sha256=raw.sha256,
                url=doc.url or (None if split else raw.url),
            )
        )
    return out


def _unrecognised(raw: RawInput, registry: SourceRegistry) -> Exception:
    if binary_kind(raw.data) is not None:
        try:
            check_not_binary(raw)
        except BinaryInput as exc:
            return exc
    names = ", ".join(registry.names()) or "none registered"
    return MalformedInput(
        raw.path,
        f"no source recognises this input (tried: {names}); pass a format name to read it as one",
    )
