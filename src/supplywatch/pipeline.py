"""ingest -> extract -> resolve -> store, with per-stage counts.

The only module (with cli.py and web/) that combines stages. It never prints:
progress goes to an optional callback and the result is an `IngestSummary`.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field, replace

import httpx

from supplywatch import ingest
from supplywatch.errors import SkipInput, SupplywatchError
from supplywatch.extract import Extractor
from supplywatch.model import Document, Extraction
from supplywatch.resolve import resolve
from supplywatch.settings import Settings
from supplywatch.store import Store

Progress = Callable[[str, int, int], None]  # (input just done, how many done, how many in all)


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
    failures: list[Failure] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.failures


def extract_inputs(items: Iterable[str], settings: Settings, extractor: Extractor,
                   on_failure: Callable[[Failure], None] | None = None,
                   client: httpx.Client | None = None,
                   labels: dict[str, str] | None = None) -> Iterable[Extraction]:
    """Documents of every input, extracted; nothing is stored (`supplywatch extract`).

    `labels` renames inputs in the output (standard input is read from a temporary file
    but reported as "-")."""
    labels = labels or {}
    for item in ingest.expand_inputs(list(items)):
        try:
            docs = ingest.load(item, settings, client=client)
        except SkipInput as err:
            if on_failure:
                on_failure(Failure(labels.get(item, item), err.message))
            continue
        if item in labels:
            docs = [_relabel(d, item, labels[item]) for d in docs]
        yield from extractor.extract_many(docs)


def _relabel(doc: Document, path: str, label: str) -> Document:
    return replace(doc, path=label + doc.path[len(path):],
                   parent_path=label if doc.parent_path == path else doc.parent_path)


def ingest_inputs(items: Iterable[str], settings: Settings, store: Store, extractor: Extractor,
                  progress: Progress | None = None, client: httpx.Client | None = None,
                  reextract: bool = False) -> IngestSummary:
    """Load, extract, resolve and store every input. One bad input costs only itself."""
    paths = ingest.expand_inputs(list(items))
    summary = IngestSummary(inputs=len(paths))
    for n, item in enumerate(paths, 1):
        try:
            docs = ingest.load(item, settings, client=client)
            _store_documents(docs, store, extractor, summary, reextract)
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


def _store_documents(docs: list[Document], store: Store, extractor: Extractor,
                     summary: IngestSummary, reextract: bool) -> None:
    todo: list[Document] = []
    for doc in docs:
        if store.save_document(doc):
            summary.documents_new += 1
        else:
            summary.documents_seen += 1
        if reextract or not store.has_extraction(doc.id, extractor.name, extractor.version):
            todo.append(doc)
    for extraction in extractor.extract_many(todo):
        resolution = resolve(extraction, store.entities_by_alias_keys)
        store.save_extraction(extraction, resolution)  # one transaction per document
        summary.documents_extracted += 1
        summary.facts += len(extraction.facts)
        summary.entities += len(extraction.entities)
