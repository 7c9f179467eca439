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
