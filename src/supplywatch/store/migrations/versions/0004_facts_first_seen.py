"""An index on facts.first_seen: watchlists ask for the facts first seen after a time,
and without it every match scans the whole facts table.

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-26
"""

from __future__ import annotations

from collections.abc import Sequence

from alembic import op

revision: str = "0004"
down_revision: str | None = "0003"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_index("ix_facts_first_seen", "facts", ["first_seen"])


def downgrade() -> None:
    op.drop_index("ix_facts_first_seen", table_name="facts")
