"""The tables, as SQLAlchemy Core metadata.

The migrations in `migrations/versions/` create exactly this schema (a test compares
the two); queries are written against these `Table` objects. The same schema serves
SQLite and PostgreSQL: JSON becomes JSONB on PostgreSQL, timestamps carry a time zone.
"""

from __future__ import annotations

from sqlalchemy import (
    JSON,
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
