"""ingest -> extract (+ records) -> resolve -> store, with per-stage counts.

The only module (with cli.py and web/) that combines stages. It never prints:
progress goes to an optional callback and the result is an `IngestSummary`.

A structured record (an official recall, a BOM product) takes one more step: the
extraction stage reads its rendered text like any news story, and the records stage
turns the record's fields plus that reading into its facts (supplywatch.records).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING

import httpx

from supplywatch import ingest
from supplywatch.errors import SkipInput, SupplywatchError
from supplywatch.ingest.loader import load_parsed
from supplywatch.model import Document, Extraction
from supplywatch.records import (
    RECORDS_NAME,
    is_record,
    needs_reading,
    record_extraction,
    records_version,
)
from supplywatch.resolve import resolve
from supplywatch.settings import Settings
from supplywatch.store import Store

if TYPE_CHECKING:
    from supplywatch.extract import DocumentExtractor

Progress = Callable[[str, int, int], None]  # (input or "input: records", done, total)
PROGRESS_EVERY = 50  # documents between progress reports inside one big input


@dataclass(frozen=True)
class ImportOptions:
    """How to read the inputs: a source by name instead of sniffing, the generic CSV
    source's column mapping (field -> column), at most `limit` documents per input."""

    format: str | None = None
    mapping: dict[str, str] | None = None
    limit: int | None = None


@dataclass
class Failure:
    source: str
    message: str


@dataclass
class IngestSummary:
    inputs: int = 0
    documents_new: int = 0
    documents_seen: int = 0
    documents_extracted: int = 0
    facts: int = 0
    entities: int = 0
    records_new: int = 0
    records_changed: int = 0
    records_unchanged: int = 0
    failures: list[Failure] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.failures


def _load(item: str, settings: Settings, options: ImportOptions, registry: ingest.SourceRegistry,
          client: httpx.Client | None) -> tuple[list[Document], str | None]:
    """The input's documents (at most options.limit) and a line on rows it left out."""
    parsed = load_parsed(item, settings, client, format=options.format, registry=registry)
    docs = parsed.documents[: options.limit] if options.limit else parsed.documents
    return docs, parsed.summary()


def read_documents(docs: list[Document], extractor: DocumentExtractor,
                   on_failure: Callable[[Document, Exception], None] | None = None,
                   ) -> Iterator[Extraction]:
    """Extractions of `docs`: news through the extractor; record notices through the
    extractor and then the records stage; BOM products through the records stage alone.
    A record the records stage cannot turn into facts costs only itself."""
    reader = (extractor.name, extractor.version)
    direct = [d for d in docs if is_record(d) and not needs_reading(d)]
    to_read = [d for d in docs if not (is_record(d) and not needs_reading(d))]
    for reading in [*((d, None) for d in direct), *(extractor_output(to_read, extractor))]:
        doc, read = reading
        if not is_record(doc):
            assert read is not None
            yield read
            continue
        try:
            yield record_extraction(doc, read, reader)
        except (ValueError, TypeError, KeyError) as exc:
            if on_failure is None:
                raise
            on_failure(doc, exc)


def extractor_output(docs: list[Document], extractor: DocumentExtractor
                     ) -> Iterator[tuple[Document, Extraction | None]]:
    for extraction in extractor.extract_many(docs):
        yield extraction.document, extraction


def extract_inputs(items: Iterable[str], settings: Settings, extractor: DocumentExtractor,
                   on_failure: Callable[[Failure], None] | None = None,
                   client: httpx.Client | None = None,
                   labels: dict[str, str] | None = None,
                   options: ImportOptions | None = None,
                   batch: int = 0) -> Iterable[Extraction]:
    """Documents of every input, extracted; nothing is stored (`supplywatch extract`).

    `labels` renames inputs in the output (standard input is read from a temporary file
    but reported as "-"). `batch` > 0 hands the extractor the documents of several
    inputs together, at least that many at a time (so that a parallel extractor has
    work for every process when each input is one short article); output order is the
    input order either way."""
    labels = labels or {}
    options = options or ImportOptions()
    registry = ingest.default_registry(options.mapping)
    pending: list[tuple[str, list[Document]]] = []
    for item in ingest.expand_inputs(list(items), registry=registry):
        name = labels.get(item, item)
        try:
            docs, skipped = _load(item, settings, options, registry, client)
        except SkipInput as err:
            if on_failure:
                on_failure(Failure(name, err.message))
            continue
        if skipped and on_failure:
            on_failure(Failure(name, skipped))
        if item in labels:
            docs = [_relabel(d, item, labels[item]) for d in docs]
        pending.append((name, docs))
        if sum(len(d) for _, d in pending) >= batch:
            yield from _read_inputs(pending, extractor, on_failure)
            pending = []
    yield from _read_inputs(pending, extractor, on_failure)


def _read_inputs(inputs: list[tuple[str, list[Document]]], extractor: DocumentExtractor,
                 on_failure: Callable[[Failure], None] | None) -> Iterator[Extraction]:
    if not inputs:
        return

    def record_failed(doc: Document, exc: Exception) -> None:
        if on_failure:
            on_failure(Failure(doc.path, _record_failure(exc)))

    docs = [doc for _, input_docs in inputs for doc in input_docs]
    try:
        yield from read_documents(docs, extractor, on_failure=record_failed)
    except SkipInput as err:  # e.g. the LLM's answer for this input was unusable
        if on_failure:
            on_failure(Failure(", ".join(name for name, _ in inputs), err.message))


def _record_failure(exc: Exception) -> str:
    return (f"this record could not be turned into facts ({type(exc).__name__}: {exc}); "
            "the rest of the input goes on. Please report this with the record attached.")


def _relabel(doc: Document, path: str, label: str) -> Document:
    return replace(doc, path=label + doc.path[len(path):],
                   parent_path=label if doc.parent_path == path else doc.parent_path)


def ingest_inputs(items: Iterable[str], settings: Settings, store: Store,
                  extractor: DocumentExtractor, progress: Progress | None = None,
                  client: httpx.Client | None = None, reextract: bool = False,
                  options: ImportOptions | None = None) -> IngestSummary:
    """Load, extract, resolve and store every input. One bad input costs only itself; one
    bad row or record inside an input costs only that row or record."""
    options = options or ImportOptions()
    registry = ingest.default_registry(options.mapping)
    paths = ingest.expand_inputs(list(items), registry=registry)
    summary = IngestSummary(inputs=len(paths))
    for n, item in enumerate(paths, 1):
        try:
            docs, skipped = _load(item, settings, options, registry, client)
            if skipped:
                summary.failures.append(Failure(item, skipped))
            _store_documents(item, docs, store, extractor, summary, reextract, progress)
        except SkipInput as err:
            summary.failures.append(Failure(item, err.message))
        except SupplywatchError:
            raise  # the database or the set-up is at fault: stop the run
        except Exception as err:  # one input's bug must not sink the batch
            summary.failures.append(Failure(item, (
                f"could not be extracted ({type(err).__name__}: {err}); the document is "
                "stored, its facts are not. Please report this with the input attached.")))
        if progress:
            progress(item, n, len(paths))
    return summary


def ingest_documents(label: str, docs: list[Document], store: Store,
                     extractor: DocumentExtractor) -> IngestSummary:
    """Extract, resolve and store documents already loaded (a body posted to the server),
    exactly as `ingest_inputs` stores an input's documents."""
    summary = IngestSummary(inputs=1)
    _store_documents(label, docs, store, extractor, summary, False, None)
    return summary


def _expected(doc: Document, extractor: DocumentExtractor) -> tuple[str, str]:
    """(extractor name, version) a document's stored facts must come from to be current."""
    if not is_record(doc):
        return extractor.name, extractor.version
    return RECORDS_NAME, records_version(extractor.version if needs_reading(doc) else None)


def _store_documents(item: str, docs: list[Document], store: Store,
                     extractor: DocumentExtractor, summary: IngestSummary, reextract: bool,
                     progress: Progress | None) -> None:
    todo: list[Document] = []
    unchanged: list[str] = []
    for doc in docs:
        if store.save_document(doc):
            summary.documents_new += 1
        else:
            summary.documents_seen += 1
        if reextract or not store.has_extraction(doc.id, *_expected(doc, extractor)):
            todo.append(doc)
        elif is_record(doc):
            unchanged.append(doc.id)
    if unchanged:
        summary.records_unchanged += store.touch_records(unchanged)
    report = progress if progress and len(todo) > PROGRESS_EVERY else None

    def failed(doc: Document, exc: Exception) -> None:
        summary.failures.append(Failure(doc.path, _record_failure(exc)))

    for done, extraction in enumerate(read_documents(todo, extractor, failed), 1):
        _save(extraction, store, summary)
        if report and done % PROGRESS_EVERY == 0:
            report(f"{item}: records", done, len(todo))


def _save(extraction: Extraction, store: Store, summary: IngestSummary) -> None:
    resolution = resolve(extraction, store.entities_by_alias_keys)
    doc = extraction.document
    if is_record(doc):
        _, saved = store.save_record_extraction(extraction, resolution, doc.record.key,
                                                doc.record.snapshot())
        if saved.outcome == "new":
            summary.records_new += 1
        elif saved.outcome == "changed":
            summary.records_changed += 1
        else:
            summary.records_unchanged += 1
    else:
        store.save_extraction(extraction, resolution)  # one transaction per document
    summary.documents_extracted += 1
    summary.facts += len(extraction.facts)
    summary.entities += len(extraction.entities)
