"""Initial schema: documents, entities + aliases, facts with provenance, fact roles.

Revision ID: 0001
Revises:
Create Date: 2025-11-25
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision: str = "0001"
down_revision: str | None = None
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# Frozen copies of the types in schema.py: a migration must not change when the
# live schema module does.
JSON = sa.JSON().with_variant(postgresql.JSONB(), "postgresql")
TS = sa.DateTime(timezone=True)


def upgrade() -> None:
    op.create_table(
        "documents",
        sa.Column("id", sa.String(64), nullable=False),
        sa.Column("path", sa.Text(), nullable=False),
        sa.Column("title", sa.Text()),
        sa.Column("source", sa.Text()),
        sa.Column("published", sa.String(10)),
        sa.Column("language", sa.String(16), nullable=False, server_default="en"),
        sa.Column("url", sa.Text()),
        sa.Column("kind", sa.String(32), nullable=False, server_default="article"),
        sa.Column("parent_path", sa.Text()),
        sa.Column("raw_sha256", sa.String(64)),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("ingested_at", TS, nullable=False),
        sa.Column("extracted_at", TS),
        sa.Column("extractor", sa.String(100)),
        sa.Column("extractor_version", sa.String(50)),
        sa.PrimaryKeyConstraint("id", name="pk_documents"),
    )
    op.create_table(
        "entities",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("type", sa.String(16), nullable=False),
        sa.Column("key", sa.Text(), nullable=False),
        sa.Column("name", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_entities"),
        sa.UniqueConstraint("type", "key", name="uq_entities_type_key"),
    )
    op.create_index("ix_entities_key", "entities", ["key"])
    op.create_table(
        "aliases",
        sa.Column("entity_id", sa.Integer(), nullable=False),
        sa.Column("alias_key", sa.Text(), nullable=False),
        sa.Column("alias", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(
            ["entity_id"], ["entities.id"],
            name="fk_aliases_entity_id_entities", ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("entity_id", "alias_key", name="pk_aliases"),
    )
    op.create_index("ix_aliases_alias_key", "aliases", ["alias_key"])
    op.create_table(
        "document_entities",
        sa.Column("document_id", sa.String(64), nullable=False),
        sa.Column("entity_id", sa.Integer(), nullable=False),
        sa.Column("mentions", JSON, nullable=False),
        sa.ForeignKeyConstraint(
            ["document_id"], ["documents.id"],
            name="fk_document_entities_document_id_documents", ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["entity_id"], ["entities.id"],
            name="fk_document_entities_entity_id_entities", ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("document_id", "entity_id", name="pk_document_entities"),
    )
    op.create_index("ix_document_entities_entity_id", "document_entities", ["entity_id"])
    op.create_table(
        "facts",
        sa.Column("id", sa.String(64), nullable=False),
        sa.Column("document_id", sa.String(64), nullable=False),
        sa.Column("type", sa.String(16), nullable=False),
        sa.Column("args", JSON, nullable=False),
        sa.Column("evidence", sa.Text(), nullable=False),
        sa.Column("span_start", sa.Integer(), nullable=False),
        sa.Column("span_end", sa.Integer(), nullable=False),
        sa.Column("confidence", sa.Float(), nullable=False),
        sa.Column("extractor", sa.String(100), nullable=False),
        sa.Column("extractor_version", sa.String(50), nullable=False),
        sa.Column("first_seen", TS, nullable=False),
        sa.Column("last_seen", TS, nullable=False),
        sa.ForeignKeyConstraint(
            ["document_id"], ["documents.id"],
            name="fk_facts_document_id_documents", ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name="pk_facts"),
    )
    op.create_index("ix_facts_document_id", "facts", ["document_id"])
    op.create_index("ix_facts_type", "facts", ["type"])
    op.create_table(
        "fact_roles",
        sa.Column("fact_id", sa.String(64), nullable=False),
        sa.Column("role", sa.String(16), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("entity_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["fact_id"], ["facts.id"],
            name="fk_fact_roles_fact_id_facts", ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["entity_id"], ["entities.id"],
            name="fk_fact_roles_entity_id_entities", ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("fact_id", "role", "position", name="pk_fact_roles"),
    )
    op.create_index("ix_fact_roles_entity_id_role", "fact_roles", ["entity_id", "role"])


def downgrade() -> None:
    op.drop_table("fact_roles")
    op.drop_table("facts")
    op.drop_table("document_entities")
    op.drop_table("aliases")
    op.drop_table("entities")
    op.drop_table("documents")
