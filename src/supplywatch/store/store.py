"""`Store`: the database behind supplywatch, the only door to SQL.

Writers run in one transaction each (a failure rolls everything back); readers get
plain records from `records.py`. SQLAlchemy's own errors are translated into
`DatabaseError` here, at the boundary.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from datetime import UTC, datetime, timedelta
from types import TracebackType
from typing import Any, Self

from sqlalchemy import func, select
from sqlalchemy.engine import Connection, Engine
from sqlalchemy.exc import SQLAlchemyError

from supplywatch.errors import DatabaseError
from supplywatch.model import CanonicalEntity, Document, Extraction, Resolution
from supplywatch.store import browse, graph, history, lookup, pages, read, tokens, write
from supplywatch.store import comments as comment_store
from supplywatch.store import feeds as feed_store
from supplywatch.store import watch as watch_store
from supplywatch.store import watch_match as match_store
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

TOKEN_USE_RESOLUTION = timedelta(minutes=1)  # how fresh a token's last_used_at is kept
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

    # --- the web UI's pages (store/pages.py) --------------------------------------------

    def list_feed(self, *, limit: int = 50, offset: int = 0,
                  types: Sequence[str] = ("recall", "supplies", "partnership"),
                  q: str | None = None, status: str | None = None,
                  ) -> tuple[list[FactRecord], int]:
        """One page of the news feed (facts of `types`, newest publication first, matching
        `q` in evidence, title or entity names, and a supply `status`), and the total."""
        with self._reading() as conn:
            return pages.list_feed(conn, limit=limit, offset=offset, types=types, q=q,
                                   status=status)

    def facts_restating(self, doc_id: str, types: Sequence[str]) -> list[FactRecord]:
        """Other documents' facts stating the same as one of this document's (same type,
        same entities in the same roles)."""
        with self._reading() as conn:
            return pages.facts_restating(conn, doc_id, types)

    def documents_sharing_entities(self, doc_id: str, limit: int = 10,
                                   ) -> list[pages.SharedEntities]:
        """Other documents naming this one's entities, the most shared first."""
        with self._reading() as conn:
            return pages.documents_sharing_entities(conn, doc_id, limit)

    # --- API tokens and server values ---------------------------------------------------

    def create_token(self, name: str) -> tuple[ApiToken, str]:
        """A new API token and its secret; only a hash of the secret is stored."""
        with self._writing() as conn:
            return tokens.create_token(conn, name, self._now())

    def verify_token(self, secret: str) -> ApiToken | None:
        """The live token with this secret, or None. Every request checks its token, so
        this reads; `last_used_at` is written only when it is a minute old or more."""
        with self._reading() as conn:
            token = tokens.find_token(conn, secret)
        now = self._now()
        if token is not None and (token.last_used_at is None
                                  or now - token.last_used_at >= TOKEN_USE_RESOLUTION):
            with self._writing() as conn:
                tokens.mark_used(conn, token.id, now)
        return token

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

    # --- the REST API: comments and a document's entities ------------------------------

    def add_comment(self, target_kind: comment_store.CommentTarget, target_id: str, body: str,
                    author: str) -> comment_store.Comment:
        """A note on a document or an entity; it changes no fact or evidence."""
        with self._writing() as conn:
            return comment_store.add_comment(conn, target_kind, target_id, body, author,
                                             self._now())

    def list_comments(self, target_kind: comment_store.CommentTarget, target_id: str, *,
                      limit: int = 50, offset: int = 0) -> tuple[list[comment_store.Comment], int]:
        """One page of a target's comments, oldest first, and how many it has."""
        with self._reading() as conn:
            return comment_store.list_comments(conn, target_kind, target_id, limit=limit,
                                               offset=offset)

    def document_entities(self, doc_id: str) -> list[comment_store.DocumentEntity]:
        """The entities a document names, each with its mention offsets into the text."""
        with self._reading() as conn:
            return comment_store.document_entities(conn, doc_id)

    # --- feeds, watchlists and alerts (store/feeds.py, watch.py, watch_match.py) --------

    def now(self) -> datetime:
        """The store's clock, in UTC: the time it stamps rows with."""
        return self._now()

    def add_feed(self, url: str, interval: int) -> tuple[feed_store.FeedRecord, bool]:
        """Add a feed, due for polling at once; an existing one is returned, False."""
        with self._writing() as conn:
            return feed_store.add_feed(conn, url, interval, self._now())

    def get_feed(self, feed_id: int) -> feed_store.FeedRecord | None:
        with self._reading() as conn:
            return feed_store.get_feed(conn, feed_id)

    def list_feeds(self, *, limit: int = 50, offset: int = 0, status: str | None = None,
                   ) -> tuple[list[feed_store.FeedRecord], int]:
        with self._reading() as conn:
            return feed_store.list_feeds(conn, limit=limit, offset=offset, status=status)

    def due_feeds(self, now: datetime | None) -> list[feed_store.FeedRecord]:
        """Feeds due for a poll at `now`; every feed when `now` is None."""
        with self._reading() as conn:
            return feed_store.due_feeds(conn, now)

    def remove_feed(self, feed_id: int) -> bool:
        with self._writing() as conn:
            return feed_store.remove_feed(conn, feed_id)

    def record_poll_ok(self, feed_id: int, *, wait: timedelta, etag: str | None,
                       last_modified: str | None, title: str | None, items: int) -> None:
        """A poll that worked; the next one is due after `wait`."""
        now = self._now()
        with self._writing() as conn:
            feed_store.record_poll_ok(conn, feed_id, now=now, next_poll_at=now + wait, etag=etag,
                                      last_modified=last_modified, title=title, items=items)

    def record_poll_failure(self, feed_id: int, *, wait: timedelta, error: str) -> None:
        """A poll that failed; the next try is due after `wait`."""
        now = self._now()
        with self._writing() as conn:
            feed_store.record_poll_failure(conn, feed_id, now=now, next_poll_at=now + wait,
                                           error=error)

    def seen_feed_items(self, feed_id: int, keys: Iterable[str]) -> set[str]:
        with self._reading() as conn:
            return feed_store.seen_item_keys(conn, feed_id, keys)

    def add_feed_item(self, feed_id: int, key: str, *, link: str | None,
                      document_id: str | None, error: str | None) -> bool:
        with self._writing() as conn:
            return feed_store.add_feed_item(conn, feed_id, key, link=link,
                                            document_id=document_id, error=error, now=self._now())

    def feed_items(self, feed_id: int, *, limit: int = 50, offset: int = 0,
                   ) -> tuple[list[feed_store.FeedItemRecord], int]:
        with self._reading() as conn:
            return feed_store.feed_items_of(conn, feed_id, limit=limit, offset=offset)

    def create_watchlist(self, name: str, webhook_url: str | None = None,
                         secret: str | None = None) -> watch_store.Watchlist | None:
        """A new watchlist; None when the name is taken."""
        with self._writing() as conn:
            return watch_store.create_watchlist(conn, name, webhook_url, secret, self._now())

    def get_watchlist(self, watchlist_id: int | None = None, *, name: str | None = None,
                      ) -> watch_store.Watchlist | None:
        with self._reading() as conn:
            return watch_store.get_watchlist(conn, watchlist_id=watchlist_id, name=name)

    def list_watchlists(self, *, limit: int = 50, offset: int = 0,
                        ) -> tuple[list[watch_store.Watchlist], int]:
        with self._reading() as conn:
            return watch_store.list_watchlists(conn, limit=limit, offset=offset)

    def delete_watchlist(self, watchlist_id: int) -> bool:
        with self._writing() as conn:
            return watch_store.delete_watchlist(conn, watchlist_id)

    def add_watch_item(self, watchlist_id: int, kind: str, value: str, key: str,
                       ) -> tuple[watch_store.WatchItem, bool]:
        with self._writing() as conn:
            return watch_store.add_item(conn, watchlist_id, kind, value, key, self._now())

    def remove_watch_item(self, watchlist_id: int, item_id: int) -> bool:
        with self._writing() as conn:
            return watch_store.remove_item(conn, watchlist_id, item_id)

    def watch_items(self, watchlist_id: int | None = None) -> list[watch_store.WatchItem]:
        with self._reading() as conn:
            return watch_store.items_of(conn, watchlist_id)

    def save_alerts(self, alerts: Sequence[watch_store.NewAlert], watermark: tuple[str, str],
                    ) -> list[int]:
        """Raise the alerts not raised before (and queue their webhooks), and move the
        alert watermark (name, value), in one transaction; the new alerts' ids."""
        with self._writing() as conn:
            ids = watch_store.save_alerts(conn, alerts, self._now())
            watch_store.set_value(conn, *watermark)
            return ids

    def list_alerts(self, *, watchlist_id: int | None = None, ids: Sequence[int] = (),
                    limit: int = 50, offset: int = 0) -> tuple[list[watch_store.Alert], int]:
        with self._reading() as conn:
            return watch_store.list_alerts(conn, watchlist_id=watchlist_id, ids=ids,
                                           limit=limit, offset=offset)

    def due_deliveries(self, limit: int = 100) -> list[watch_store.PendingDelivery]:
        with self._reading() as conn:
            return watch_store.due_deliveries(conn, self._now(), limit)

    def record_delivery(self, delivery_id: int, *, status: str, attempts: int, wait: timedelta,
                        error: str | None, response_code: int | None) -> None:
        """An attempt to deliver a webhook; a pending one is tried again after `wait`."""
        now = self._now()
        with self._writing() as conn:
            watch_store.record_delivery(
                conn, delivery_id, status=status, attempts=attempts, next_attempt_at=now + wait,
                error=error, response_code=response_code,
                delivered_at=now if status == "delivered" else None)

    def delivery_counts(self, watchlist_id: int) -> dict[str, int]:
        with self._reading() as conn:
            return watch_store.delivery_counts(conn, watchlist_id)

    def get_value(self, name: str) -> str | None:
        """A server-wide value, or None when it was never set."""
        with self._reading() as conn:
            return watch_store.get_value(conn, name)

    def max_fact_first_seen(self) -> datetime | None:
        with self._reading() as conn:
            return match_store.max_first_seen(conn)

    def entities_for_key(self, key: str) -> list[EntityRecord]:
        """Entities whose name key or an alias key is `key`."""
        with self._reading() as conn:
            return match_store.entities_for_key(conn, key)

    def products_with_model(self, code: str) -> list[EntityRecord]:
        with self._reading() as conn:
            return match_store.products_with_model(conn, code)

    def owns_links(self, ids: Iterable[int], max_depth: int = DEFAULT_MAX_DEPTH,
                   ) -> match_store.Links:
        """Owners and subsidiaries of the entities, transitively, with paths."""
        with self._reading() as conn:
            return match_store.owns_links(conn, ids, max_depth)

    def supply_links(self, ids: Iterable[int], from_role: str, to_role: str) -> match_store.Links:
        with self._reading() as conn:
            return match_store.supply_links(conn, ids, from_role, to_role)

    def facts_touching(self, entity_ids: Iterable[int], since: datetime,
                       recalls_only: bool = False) -> list[match_store.Touch]:
        """Facts first seen after `since` naming one of the entities, in any role."""
        with self._reading() as conn:
            return match_store.touching(conn, entity_ids, since, recalls_only)

    def model_code_facts(self, code: str, since: datetime) -> list[tuple[str, datetime, str, str]]:
        with self._reading() as conn:
            return match_store.model_hits(conn, code, since)

    def entity_names(self, ids: Iterable[int]) -> dict[int, str]:
        with self._reading() as conn:
            return match_store.names(conn, ids)
