"""Official records: identity and history of structured records, and the indexes `check`
looks up model numbers, UPCs and vehicles in.

Revision ID: 0002
Revises: 0001
Create Date: 2025-11-26
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision: str = "0002"
down_revision: str | None = "0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# Frozen copies of the types in schema.py (see 0001).
JSON = sa.JSON().with_variant(postgresql.JSONB(), "postgresql")
TS = sa.DateTime(timezone=True)


def upgrade() -> None:
    op.create_table(
        "records",
        sa.Column("key", sa.Text(), nullable=False),
        sa.Column("kind", sa.String(16), nullable=False),
        sa.Column("agency", sa.String(64), nullable=False),
        sa.Column("number", sa.Text(), nullable=False),
        sa.Column("document_id", sa.String(64), nullable=False),
        sa.Column("title", sa.Text()),
        sa.Column("date", sa.String(10)),
        sa.Column("company", sa.Text()),
        sa.Column("url", sa.Text()),
        sa.Column("url_key", sa.Text()),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("first_seen", TS, nullable=False),
        sa.Column("last_seen", TS, nullable=False),
        sa.Column("changed_at", TS, nullable=False),
        sa.ForeignKeyConstraint(
            ["document_id"], ["documents.id"],
            name="fk_records_document_id_documents", ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("key", name="pk_records"),
    )
    op.create_index("ix_records_document_id", "records", ["document_id"])
    op.create_index("ix_records_url_key", "records", ["url_key"])
    op.create_index("ix_records_number", "records", ["number"])
    op.create_table(
        "record_versions",
        sa.Column("key", sa.Text(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("document_id", sa.String(64), nullable=False),
        sa.Column("path", sa.Text()),
        sa.Column("seen_at", TS, nullable=False),
        sa.Column("data", JSON, nullable=False),
        sa.Column("changes", JSON, nullable=False),
        sa.ForeignKeyConstraint(
            ["key"], ["records.key"], name="fk_record_versions_key_records", ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["document_id"], ["documents.id"],
            name="fk_record_versions_document_id_documents", ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("key", "version", name="pk_record_versions"),
    )
    op.create_table(
        "recall_codes",
        sa.Column("fact_id", sa.String(64), nullable=False),
        sa.Column("kind", sa.String(8), nullable=False),
        sa.Column("code", sa.String(64), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("product", sa.Text()),
        sa.Column("origin", sa.String(8), nullable=False),
        sa.Column("valid", sa.Boolean(), nullable=False),
        sa.ForeignKeyConstraint(
            ["fact_id"], ["facts.id"], name="fk_recall_codes_fact_id_facts", ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("fact_id", "kind", "code", name="pk_recall_codes"),
    )
    op.create_index("ix_recall_codes_kind_code", "recall_codes", ["kind", "code"])
    op.create_table(
        "recall_vehicles",
        sa.Column("fact_id", sa.String(64), nullable=False),
        sa.Column("make_key", sa.String(64), nullable=False),
        sa.Column("model_key", sa.String(128), nullable=False),
        sa.Column("year", sa.Integer(), nullable=False),
        sa.Column("make", sa.Text(), nullable=False),
        sa.Column("model", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(
            ["fact_id"], ["facts.id"], name="fk_recall_vehicles_fact_id_facts", ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("fact_id", "make_key", "model_key", "year",
                                name="pk_recall_vehicles"),
    )
    op.create_index("ix_recall_vehicles_make_key_model_key_year", "recall_vehicles",
                    ["make_key", "model_key", "year"])
    # Recall facts stored before this revision are not indexed here: `check` still finds
    # them through their products' names and aliases, and re-extraction indexes them.


def downgrade() -> None:
    op.drop_table("recall_vehicles")
    op.drop_table("recall_codes")
    op.drop_table("record_versions")
    op.drop_table("records")
