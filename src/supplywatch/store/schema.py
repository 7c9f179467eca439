"""The tables, as SQLAlchemy Core metadata.

The migrations in `migrations/versions/` create exactly this schema (a test compares
the two); queries are written against these `Table` objects. The same schema serves
SQLite and PostgreSQL: JSON becomes JSONB on PostgreSQL, timestamps carry a time zone.
"""

from __future__ import annotations

from sqlalchemy import (
    JSON,
    Boolean,
    Column,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Table,
    Text,
    UniqueConstraint,
)
from sqlalchemy.dialects.postgresql import JSONB

# Deterministic constraint names, so migrations on both dialects can refer to them.
NAMING = {
    "ix": "ix_%(table_name)s_%(column_0_N_name)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}

metadata = MetaData(naming_convention=NAMING)

Json = JSON().with_variant(JSONB(), "postgresql")
Timestamp = DateTime(timezone=True)

documents = Table(
    "documents",
    metadata,
    Column("id", String(64), primary_key=True),  # sha256 of the normalised text
    Column("path", Text, nullable=False),
    Column("title", Text),
    Column("source", Text),
    Column("published", String(10)),  # ISO date as the contract gives it
    Column("language", String(16), nullable=False, server_default="en"),
    Column("url", Text),
    Column("kind", String(32), nullable=False, server_default="article"),
    Column("parent_path", Text),
    Column("raw_sha256", String(64)),
    Column("text", Text, nullable=False),
    Column("ingested_at", Timestamp, nullable=False),
    Column("extracted_at", Timestamp),
    Column("extractor", String(100)),
    Column("extractor_version", String(50)),
)

entities = Table(
    "entities",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("type", String(16), nullable=False),
    Column("key", Text, nullable=False),  # name_key(name)
    Column("name", Text, nullable=False),
    UniqueConstraint("type", "key"),
    Index(None, "key"),
)

aliases = Table(
    "aliases",
    metadata,
    Column(
        "entity_id",
        Integer,
        ForeignKey("entities.id", ondelete="CASCADE"),
        primary_key=True,
    ),
    Column("alias_key", Text, primary_key=True),
    Column("alias", Text, nullable=False),
    Index(None, "alias_key"),
)

document_entities = Table(
    "document_entities",
    metadata,
    Column(
        "document_id",
        String(64),
        ForeignKey("documents.id", ondelete="CASCADE"),
        primary_key=True,
    ),
    Column(
        "entity_id",
        Integer,
        ForeignKey("entities.id", ondelete="CASCADE"),
        primary_key=True,
    ),
    Column("mentions", Json, nullable=False),  # [[start, end], ...]
    Index(None, "entity_id"),
)

facts = Table(
    "facts",
    metadata,
    Column("id", String(64), primary_key=True),  # fact_id(document id, fact.key())
    Column(
        "document_id",
        String(64),
        ForeignKey("documents.id", ondelete="CASCADE"),
        nullable=False,
    ),
    Column("type", String(16), nullable=False),
    Column("args", Json, nullable=False),  # the contract fields, names as written
    Column("evidence", Text, nullable=False),
    Column("span_start", Integer, nullable=False),
    Column("span_end", Integer, nullable=False),
    Column("confidence", Float, nullable=False),
    Column("extractor", String(100), nullable=False),
    Column("extractor_version", String(50), nullable=False),
    Column("first_seen", Timestamp, nullable=False),
    Column("last_seen", Timestamp, nullable=False),
    Index(None, "document_id"),
    Index(None, "type"),
    Index(None, "first_seen"),  # watchlists match facts first seen after a time (0004)
)

# The graph edges: one row per entity a fact names, in its role. Traversals start
# from (entity_id, role) and hop to the other roles of the same fact.
fact_roles = Table(
    "fact_roles",
    metadata,
    Column(
        "fact_id",
        String(64),
        ForeignKey("facts.id", ondelete="CASCADE"),
        primary_key=True,
    ),
    Column("role", String(16), primary_key=True),
    Column("position", Integer, primary_key=True),
    Column(
        "entity_id",
        Integer,
        ForeignKey("entities.id", ondelete="CASCADE"),
        nullable=False,
    ),
    Index(None, "entity_id", "role"),
)

# --- official records (migration 0002) ------------------------------------------------

# One row per structured record (an agency's recall, a BOM product), by its identity
# across imports: the document holding its current version, and its history's size.
records = Table(
    "records",
    metadata,
    Column("key", Text, primary_key=True),  # "CPSC:06231", "NHTSA:16V937000", "BOM:..."
    Column("kind", String(16), nullable=False),  # recall | bom
    Column("agency", String(64), nullable=False),
    Column("number", Text, nullable=False),
    Column(
        "document_id",
        String(64),
        ForeignKey("documents.id", ondelete="CASCADE"),
        nullable=False,
    ),
    Column("title", Text),
    Column("date", String(10)),
    Column("company", Text),
    Column("url", Text),
    Column("url_key", Text),  # codes.urls.url_key(url): one recall's notice and feed item meet
    Column("version", Integer, nullable=False),
    Column("first_seen", Timestamp, nullable=False),
    Column("last_seen", Timestamp, nullable=False),  # the last import that saw it
    Column("changed_at", Timestamp, nullable=False),
    Index(None, "document_id"),
    Index(None, "url_key"),
    Index(None, "number"),
)

# Every version of a record: its fields as imported, and what changed from the one before.
record_versions = Table(
    "record_versions",
    metadata,
    Column("key", Text, ForeignKey("records.key", ondelete="CASCADE"), primary_key=True),
    Column("version", Integer, primary_key=True),
    Column(
        "document_id",
        String(64),
        ForeignKey("documents.id", ondelete="CASCADE"),
        nullable=False,
    ),
    Column("path", Text),
    Column("seen_at", Timestamp, nullable=False),
    Column("data", Json, nullable=False),
    Column("changes", Json, nullable=False),  # [{"field", "old", "new"}, ...]
)

# Model numbers and UPC/GTINs of recall facts (records and news alike), normalised by
# supplywatch.codes, for exact lookups by `check`. Rows go with their fact.
recall_codes = Table(
    "recall_codes",
    metadata,
    Column("fact_id", String(64), ForeignKey("facts.id", ondelete="CASCADE"), primary_key=True),
    Column("kind", String(8), primary_key=True),  # model | upc
    Column("code", String(64), primary_key=True),  # A1681; a GTIN as 14 digits
    Column("text", Text, nullable=False),  # as the source writes it
    Column("product", Text),  # the product it identifies
    Column("origin", String(8), nullable=False),  # field: stated as such; text: found in a name
    Column("valid", Boolean, nullable=False),  # a UPC's check digit holds (models: true)
    Index(None, "kind", "code"),
)

# Vehicles of recall facts, one row per make, model and model year (0: year unknown).
recall_vehicles = Table(
    "recall_vehicles",
    metadata,
    Column("fact_id", String(64), ForeignKey("facts.id", ondelete="CASCADE"), primary_key=True),
    Column("make_key", String(64), primary_key=True),
    Column("model_key", String(128), primary_key=True),
    Column("year", Integer, primary_key=True),
    Column("make", Text, nullable=False),
    Column("model", Text, nullable=False),
    Index(None, "make_key", "model_key", "year"),
)

# --- serving: tokens, comments, feeds, watchlists, alerts (migration 0003) -------------

# API tokens: only a SHA-256 of the secret is kept; the prefix identifies one in lists.
api_tokens = Table(
    "api_tokens",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("name", Text, nullable=False),
    Column("prefix", String(16), nullable=False),
    Column("token_hash", String(64), nullable=False, unique=True),
    Column("created_at", Timestamp, nullable=False),
    Column("last_used_at", Timestamp),
    Column("revoked_at", Timestamp),
)

# Server-wide values kept in the database (the CSRF signing secret), so every worker
# of one server agrees on them.
server_values = Table(
    "server_values",
    metadata,
    Column("name", String(64), primary_key=True),
    Column("value", Text, nullable=False),
)

# Notes on a document or an entity. They annotate; they never change facts or evidence.
comments = Table(
    "comments",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("target_kind", String(16), nullable=False),  # document | entity
    Column("target_id", Text, nullable=False),  # a document id, or an entity id as text
    Column("body", Text, nullable=False),
    Column("author", Text, nullable=False),  # the token's name that wrote it
    Column("created_at", Timestamp, nullable=False),
    Index(None, "target_kind", "target_id"),
)

# RSS/Atom feeds the server polls. A failing feed stays, with its error and next try.
feeds = Table(
    "feeds",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("url", Text, nullable=False, unique=True),
    Column("title", Text),
    Column("added_at", Timestamp, nullable=False),
    Column("interval_seconds", Integer, nullable=False),
    Column("etag", Text),
    Column("last_modified", Text),
    Column("status", String(16), nullable=False),  # new | ok | failing
    Column("failures", Integer, nullable=False, server_default="0"),
    Column("last_error", Text),
    Column("last_polled_at", Timestamp),
    Column("last_ok_at", Timestamp),
    Column("next_poll_at", Timestamp, nullable=False),
    Column("items_ingested", Integer, nullable=False, server_default="0"),
)

# Items already taken from a feed (by guid or link), so each is ingested once.
feed_items = Table(
    "feed_items",
    metadata,
    Column("feed_id", Integer, ForeignKey("feeds.id", ondelete="CASCADE"), primary_key=True),
    Column("item_key", String(64), primary_key=True),  # sha256 of the guid, else the link
    Column("link", Text),
    Column("document_id", String(64), ForeignKey("documents.id", ondelete="SET NULL")),
    Column("seen_at", Timestamp, nullable=False),
    Column("error", Text),
)

watchlists = Table(
    "watchlists",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("name", Text, nullable=False, unique=True),
    Column("created_at", Timestamp, nullable=False),
    Column("webhook_url", Text),
    Column("webhook_secret", Text),  # HMAC key for the X-Supplywatch-Signature header
)

# What a watchlist watches: a company, supplier, product or model number, by name key.
watch_items = Table(
    "watch_items",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("watchlist_id", Integer, ForeignKey("watchlists.id", ondelete="CASCADE"), nullable=False),
    Column("kind", String(16), nullable=False),  # company | supplier | product | model
    Column("value", Text, nullable=False),  # as the user wrote it
    Column("key", Text, nullable=False),  # name_key(value), or the normalised model number
    Column("created_at", Timestamp, nullable=False),
    UniqueConstraint("watchlist_id", "kind", "key"),
)

# An alert: a fact that touched a watched item, raised once per watchlist and fact.
alerts = Table(
    "alerts",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("watchlist_id", Integer, ForeignKey("watchlists.id", ondelete="CASCADE"), nullable=False),
    Column("watch_item_id", Integer, ForeignKey("watch_items.id", ondelete="CASCADE"), nullable=False),
    Column("fact_id", String(64), ForeignKey("facts.id", ondelete="CASCADE"), nullable=False),
    Column("document_id", String(64), ForeignKey("documents.id", ondelete="CASCADE"), nullable=False),
    Column("reason", Text, nullable=False),  # how the fact touches the item ("supplier of ...")
    Column("path", Json, nullable=False),  # entity names from the watched item to the fact
    Column("created_at", Timestamp, nullable=False),
    UniqueConstraint("watchlist_id", "fact_id"),
    Index(None, "created_at"),
)

# Webhook deliveries of alerts, retried with backoff until delivered or given up.
deliveries = Table(
    "deliveries",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("alert_id", Integer, ForeignKey("alerts.id", ondelete="CASCADE"), nullable=False),
    Column("url", Text, nullable=False),
    Column("status", String(16), nullable=False),  # pending | delivered | failed
    Column("attempts", Integer, nullable=False, server_default="0"),
    Column("next_attempt_at", Timestamp, nullable=False),
    Column("last_error", Text),
    Column("response_code", Integer),
    Column("delivered_at", Timestamp),
    Index(None, "status", "next_attempt_at"),
)
