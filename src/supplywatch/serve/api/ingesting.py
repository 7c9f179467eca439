"""POST /api/documents behind the route: a posted body (text, HTML or a URL to fetch)
becomes documents that go through the same extract → resolve → store pipeline as
`supplywatch ingest`. Not a router; documents.py calls it.
"""

from __future__ import annotations

import hashlib
import logging
import threading
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from fastapi import FastAPI

from supplywatch.errors import SupplywatchError
from supplywatch.ingest import RawInput, default_registry
from supplywatch.ingest.fetch import fetch_url
from supplywatch.ingest.loader import parse_raw
from supplywatch.model import Document
from supplywatch.pipeline import ingest_documents
from supplywatch.serve.alerts import raise_alerts
from supplywatch.serve.errors import ApiError
from supplywatch.serve.models import DocumentIn
from supplywatch.settings import Settings
from supplywatch.store import Store

if TYPE_CHECKING:
    from supplywatch.extract import DocumentExtractor

# Guards the first load of the spaCy pipeline (seconds, and a lot of memory: it must
# happen once per app even when two posts arrive together).
_LOADING = threading.Lock()
log = logging.getLogger(__name__)


@dataclass
class Ingested:
    """What posting did: the input's documents (main first), whether the main one is new,
    and the parts of the input that could not be read."""

    documents: list[Document]
    created: bool
    problems: list[str]


def extractor_of(app: FastAPI) -> tuple[DocumentExtractor, threading.Lock]:
    """The app's extractor, loaded on first use, and the lock that serialises its use
    (a spaCy pipeline is not meant to run in two threads at once)."""
    state = app.state
    if getattr(state, "extractor", None) is None:
        with _LOADING:
            if getattr(state, "extractor", None) is None:
                from supplywatch.extract import load_extractor  # spaCy only when needed

                extractor = load_extractor(state.settings)
                state.extract_lock = threading.Lock()
                state.extractor = extractor
    return state.extractor, state.extract_lock


def raw_input(body: DocumentIn, settings: Settings) -> tuple[RawInput, str | None]:
    """The body as the bytes a source reads, and the source to read them with (None:
    recognise them, as for any fetched URL)."""
    if body.url is not None:
        return fetch_url(body.url, settings, guarded=True), None
    if body.text is not None:
        data, content_type, source = body.text.encode("utf-8"), "text/plain; charset=utf-8", "text"
    else:
        assert body.html is not None
        data, content_type, source = body.html.encode("utf-8"), "text/html; charset=utf-8", "html"
    label = f"api:{hashlib.sha256(data).hexdigest()[:16]}"
    return RawInput(path=label, data=data, content_type=content_type), source


def ingest_body(app: FastAPI, store: Store, body: DocumentIn) -> Ingested:
    """Fetch or take the body, read its documents, then extract and store them. A bad input
    raises a SkipInput error (400) before anything is written."""
    settings: Settings = app.state.settings
    raw, source_name = raw_input(body, settings)
    registry = default_registry()
    parsed = parse_raw(raw, registry, registry.get(source_name) if source_name else None)
    docs = parsed.documents
    docs[0] = _with_metadata(docs[0], body)
    created = store.get_document(docs[0].id) is None
    try:
        extractor, lock = extractor_of(app)
    except SupplywatchError as exc:  # the server's set-up is at fault, not the poster's input
        raise ApiError(503, f"the extractor could not be loaded: {exc}") from exc
    with lock:
        summary = ingest_documents(raw.path, docs, store, extractor)
    _alert(store)
    problems = [p for p in [parsed.summary()] if p] + [
        f"{f.source}: {f.message}" for f in summary.failures]
    return Ingested(docs, created, problems)


def _with_metadata(doc: Document, body: DocumentIn) -> Document:
    """The main document with the metadata the poster gave (the text, and so the id, stay)."""
    return replace(
        doc,
        title=body.title or doc.title,
        source=body.source or doc.source,
        published=body.published.isoformat() if body.published else doc.published,
    )


def _alert(store: Store) -> None:
    """Raise the alerts the new facts call for now, not at the background's next round."""
    try:
        raise_alerts(store)
    except Exception:  # the document is stored: a failing alert must not fail the post
        log.exception("raising alerts failed after a document was posted")
