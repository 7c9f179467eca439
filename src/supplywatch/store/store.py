"""`Store`: the database behind supplywatch, the only door to SQL.

Writers run in one transaction each (a failure rolls everything back); readers get
plain records from `records.py`. SQLAlchemy's own errors are translated into
`DatabaseError` here, at the boundary.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from datetime import UTC, datetime
from types import TracebackType
from typing import Any, Self

from sqlalchemy import func, select
from sqlalchemy.engine import Connection, Engine
from sqlalchemy.exc import SQLAlchemyError

from supplywatch.errors import DatabaseError
from supplywatch.model import CanonicalEntity, Document, Extraction, Resolution
from supplywatch.store import browse, graph, history, lookup, read, tokens, write
from supplywatch.store.db import make_engine, write_options
from supplywatch.store.migrate import upgrade_engine
from supplywatch.store.records import (
    ApiToken,
    CodeHit,
    DocumentSummary,
    EntityMatch,
    EntityRecord,
    ExposureGraph,
    FactRecord,
    GraphEdge,
    RecallCandidate,
    RecordInfo,
    RecordSave,
    RecordVersion,
    SavedExtraction,
    StoredDocument,
    VehicleHit,
)
from supplywatch.store.schema import documents

Clock = Callable[[], datetime]

DEFAULT_MAX_DEPTH = 6  # supply tiers (and ownership levels) an exposure walk follows


def _utcnow() -> datetime:
    return datetime.now(UTC)


class Store:
    """A supplywatch database. Open with `Store.open(url)`; use as a context manager."""

    def __init__(self, engine: Engine, clock: Clock = _utcnow) -> None:
        self.engine = engine
        self._clock = clock

    @classmethod
    def open(cls, url: str, *, clock: Clock = _utcnow) -> Self:
        """Connect to `url` (SQLAlchemy URL or SQLite path) and migrate it to the latest schema."""
        engine = make_engine(url)
        try:
            upgrade_engine(engine)  # raises DatabaseError with what to check
        except BaseException:
            engine.dispose()
            raise
        return cls(engine, clock)

    def close(self) -> None:
        self.engine.dispose()

    def __enter__(self) -> Self:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()

    def _now(self) -> datetime:
        # SQLite keeps no time zone: everything is written in UTC and read back as UTC.
        return self._clock().astimezone(UTC)

    @property
    def dialect(self) -> str:
        return self.engine.dialect.name

    @contextmanager
    def _writing(self) -> Iterator[Connection]:
        try:
            with self.engine.connect() as conn, write_options(conn).begin():
                yield conn
        except SQLAlchemyError as exc:
            raise DatabaseError(f"database write failed: {exc.__class__.__name__}: {exc}") from exc

    @contextmanager
    def _reading(self) -> Iterator[Connection]:
        try:
            with self.engine.connect() as conn, conn.begin():
                yield conn
        except SQLAlchemyError as exc:
            raise DatabaseError(f"database read failed: {exc.__class__.__name__}: {exc}") from exc

    # --- documents ----------------------------------------------------------------------

    def save_document(self, doc: Document) -> bool:
        """Store an ingested document; True when it was new (the same text again adds nothing)."""
        with self._writing() as conn:
            return write.save_document(conn, doc, self._now())

    def get_document(self, doc_id: str) -> StoredDocument | None:
        with self._reading() as conn:
            return read.get_document(conn, doc_id)

    def has_extraction(self, doc_id: str, extractor: str, version: str) -> bool:
        """Whether this document's stored facts came from this extractor at this version."""
        stmt = select(documents.c.id).where(
            documents.c.id == doc_id,
            documents.c.extractor == extractor,
            documents.c.extractor_version == version,
        )
        with self._reading() as conn:
            return conn.scalar(stmt) is not None

    def count_documents(self) -> int:
        with self._reading() as conn:
            return int(conn.scalar(select(func.count()).select_from(documents)) or 0)

    def counts(self) -> dict[str, int]:
        """Rows in the main tables: documents, entities, facts."""
        with self._reading() as conn:
            return read.counts(conn)

    def latest_ingest(self) -> datetime | None:
        """When the newest document arrived: how fresh the database is."""
        with self._reading() as conn:
            return read.latest_ingest(conn)

    # --- extractions --------------------------------------------------------------------

    def save_extraction(self, extraction: Extraction, resolution: Resolution) -> SavedExtraction:
        """Replace the document's facts and entity links with this extraction's, in one
        transaction. Facts seen before keep their first_seen; entities and aliases are
        upserted. Raises DatabaseError (and writes nothing) when a fact names an entity
        the resolution does not cover."""
        with self._writing() as conn:
            return write.save_extraction(conn, extraction, resolution, self._now())

    # --- entities -----------------------------------------------------------------------

    def entities_by_alias_keys(self, keys: Iterable[str]) -> dict[str, list[CanonicalEntity]]:
        """Alias key (model.name_key) → the canonical entities known by it, of any type."""
        with self._reading() as conn:
            return read.entities_by_alias_keys(conn, keys)

    def find_entities(self, name: str, types: Sequence[str] = ()) -> list[EntityMatch]:
        """Entities for a name: own-name key matches first, then alias key matches."""
        with self._reading() as conn:
            return read.find_entities(conn, name, types)

    def suggest_names(self, name: str, limit: int = 5) -> list[str]:
        """Canonical names close to `name`, best first, for a "did you mean"."""
        with self._reading() as conn:
            return read.suggest_names(conn, name, limit)

    def get_entities(self, ids: Iterable[int]) -> dict[int, EntityRecord]:
        with self._reading() as conn:
            return read.entity_records(conn, ids)

    # --- facts and the graph ------------------------------------------------------------

    def facts_for_entity(self, entity_id: int, types: Sequence[str] = ()) -> list[FactRecord]:
        """Every fact naming the entity (optionally of these types), with provenance."""
        with self._reading() as conn:
            return read.facts_for_entity(conn, entity_id, types)

    def subsidiaries(self, entity_id: int, max_depth: int = DEFAULT_MAX_DEPTH) -> list[GraphEdge]:
        """Owns edges below the entity, transitively (recursive SQL)."""
        with self._reading() as conn:
            return graph.subsidiaries(conn, entity_id, max_depth)

    def exposure_graph(self, entity_id: int, max_depth: int = DEFAULT_MAX_DEPTH) -> ExposureGraph:
        """Subsidiaries, downstream customers by tier, their products and the recalls
        touching them, each edge with its fact (recursive SQL; see graph.py)."""
        with self._reading() as conn:
            return graph.exposure_graph(conn, entity_id, max_depth)

    def recall_candidates(self, fragments: Iterable[str]) -> list[RecallCandidate]:
        """Recalled products whose name or alias key contains one of the fragments."""
        with self._reading() as conn:
            return read.recall_candidates(conn, fragments)

    def facts_of_document(self, doc_id: str) -> list[FactRecord]:
        with self._reading() as conn:
            return read.facts_of_document(conn, doc_id)

    def facts_by_ids(self, ids: Iterable[str]) -> dict[str, FactRecord]:
        with self._reading() as conn:
            return read.facts_by_ids(conn, ids)

    # --- official records ---------------------------------------------------------------

    def save_record_extraction(self, extraction: Extraction, resolution: Resolution, key: str,
                               data: dict[str, Any]) -> tuple[SavedExtraction, RecordSave]:
        """`save_extraction` for a structured record, and the record's identity and history,
        in one transaction: a changed record becomes a new version of the same key and its
        old version's facts leave the graph (see history.py)."""
        with self._writing() as conn:
            now = self._now()
            saved = write.save_extraction(conn, extraction, resolution, now)
            return saved, history.save_record(conn, extraction.document, key, data, now)

    def touch_records(self, doc_ids: Iterable[str]) -> int:
        """Mark the records whose current version these documents are as seen now."""
        with self._writing() as conn:
            return history.touch_records(conn, doc_ids, self._now())

    def records_by_documents(self, doc_ids: Iterable[str]) -> dict[str, RecordInfo]:
        with self._reading() as conn:
            return history.records_by_documents(conn, doc_ids)

    def find_records(self, ident: str) -> list[RecordInfo]:
        """Records by key ("CPSC:06231"), number ("06231") or notice URL."""
        with self._reading() as conn:
            return history.find_records(conn, ident)

    def record_versions(self, key: str) -> list[RecordVersion]:
        with self._reading() as conn:
            return history.versions(conn, key)

    def record_stats(self) -> dict[str, Any]:
        """Official records per agency, newest recall date, when one was last verified."""
        with self._reading() as conn:
            return history.record_stats(conn)

    def documents_by_url_keys(self, keys: Iterable[str]) -> dict[str, list[str]]:
        with self._reading() as conn:
            return history.documents_by_url_keys(conn, keys)

    # --- recall lookups for `check` -----------------------------------------------------

    def recall_codes(self, kind: str, codes: Iterable[str]) -> list[CodeHit]:
        """Recall facts stating one of these model numbers ("model") or GTIN-14s ("upc")."""
        with self._reading() as conn:
            return lookup.codes(conn, kind, codes)

    def vehicle_makes(self) -> set[str]:
        with self._reading() as conn:
            return lookup.makes(conn)

    def recall_vehicles(self, make_key: str, model_keys: Iterable[str], prefix: str | None,
                        years: Iterable[int] = ()) -> list[VehicleHit]:
        with self._reading() as conn:
            return lookup.vehicles(conn, make_key, model_keys, prefix, years)

    def recalls_of_companies(self, entity_ids: Iterable[int], exclude: Iterable[str] = (),
                             news_only: bool = False) -> list[FactRecord]:
        with self._reading() as conn:
            return lookup.recalls_of_companies(conn, entity_ids, exclude, news_only)

    def record_texts_mentioning(self, needles: Iterable[str]) -> list[tuple[str, str]]:
        """(document id, text) of current recall records whose text contains a needle."""
        with self._reading() as conn:
            return lookup.record_texts_mentioning(conn, needles)

    def recall_facts_of_documents(self, doc_ids: Iterable[str]) -> list[FactRecord]:
        with self._reading() as conn:
            return lookup.recall_facts_of_documents(conn, doc_ids)

    # --- browsing (the server's paged lists) --------------------------------------------

    def list_documents(self, *, limit: int = 50, offset: int = 0, kind: str | None = None,
                       q: str | None = None) -> tuple[list[DocumentSummary], int]:
        """One page of documents, newest first, and how many match in all."""
        with self._reading() as conn:
            return browse.list_documents(conn, limit=limit, offset=offset, kind=kind, q=q)

    def list_facts(self, *, limit: int = 50, offset: int = 0, entity_id: int | None = None,
                   types: Sequence[str] = (), since: str | None = None,
                   ) -> tuple[list[FactRecord], int]:
        """One page of facts, newest publication first, and how many match in all."""
        with self._reading() as conn:
            return browse.list_facts(conn, limit=limit, offset=offset, entity_id=entity_id,
                                     types=types, since=since)

    def search_entities(self, *, limit: int = 50, offset: int = 0, q: str | None = None,
                        type_: str | None = None) -> tuple[list[EntityRecord], int]:
        """One page of entities whose name or alias contains `q`, best connected first."""
        with self._reading() as conn:
            return browse.search_entities(conn, limit=limit, offset=offset, q=q, type_=type_)

    # --- API tokens and server values ---------------------------------------------------

    def create_token(self, name: str) -> tuple[ApiToken, str]:
        """A new API token and its secret; only a hash of the secret is stored."""
        with self._writing() as conn:
            return tokens.create_token(conn, name, self._now())

    def verify_token(self, secret: str) -> ApiToken | None:
        with self._writing() as conn:
            return tokens.verify_token(conn, secret, self._now())

    def list_tokens(self) -> list[ApiToken]:
        with self._reading() as conn:
            return tokens.list_tokens(conn)

    def revoke_token(self, token_id: int) -> bool:
        with self._writing() as conn:
            return tokens.revoke_token(conn, token_id, self._now())

    def server_value(self, name: str, make: str) -> str:
        """A server-wide value (created from `make` on first use), the same for every worker."""
        with self._writing() as conn:
            return tokens.server_value(conn, name, make)
