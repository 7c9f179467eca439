"""Run the bundled Alembic migrations programmatically (no alembic.ini anywhere)."""

from __future__ import annotations

import threading
from functools import cache
from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import text
from sqlalchemy.engine import Engine
from sqlalchemy.exc import SQLAlchemyError

from supplywatch.errors import DatabaseError
from supplywatch.store.db import make_engine, write_options

MIGRATIONS = Path(__file__).parent / "migrations"
_PG_LOCK_KEY = 0x5357_4D49  # "SWMI": supplywatch migrations
# Alembic keeps its running context in module globals: one migration per process at a
# time (other processes are held off by the database's own locks).
_ALEMBIC_LOCK = threading.Lock()


def alembic_config(url: str | None = None) -> Config:
    """An Alembic Config whose scripts live inside this package."""
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    if url is not None:
        # Alembic's config is ConfigParser-based: a literal % must be doubled.
        config.set_main_option("sqlalchemy.url", url.replace("%", "%%"))
    return config


@cache
def head_revision() -> str:
    head = ScriptDirectory.from_config(alembic_config()).get_current_head()
    if head is None:
        raise DatabaseError(f"no migrations found in {MIGRATIONS}; the package is incomplete")
    return head


def current_revision(engine: Engine) -> str | None:
    with engine.connect() as conn:
        return MigrationContext.configure(conn).get_current_revision()


def upgrade_engine(engine: Engine, revision: str = "head") -> None:
    """Bring the database behind `engine` to `revision` (a no-op when already there)."""
    try:
        if revision == "head" and current_revision(engine) == head_revision():
            return  # the common case on every open: skip Alembic's script loading
        config = alembic_config()
        with _ALEMBIC_LOCK, engine.connect() as conn:
            write_options(conn)  # SQLite: BEGIN IMMEDIATE queues concurrent migrators
            if conn.dialect.name == "postgresql":
                # Two processes opening a fresh database at once: the second waits here,
                # then finds the schema at head. Alembic runs inside this transaction.
                conn.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": _PG_LOCK_KEY})
            config.attributes["connection"] = conn
            command.upgrade(config, revision)
            conn.commit()
    except SQLAlchemyError as exc:
        raise DatabaseError(
            f"could not open or migrate the database at {engine.url!r}: "
            f"{exc.__class__.__name__}: {exc}; check the database URL "
            "(SUPPLYWATCH_DATABASE_URL) and that the server is running"
        ) from exc


def migrate(url: str, revision: str = "head") -> None:
    """Create or upgrade the schema of the database at `url`."""
    engine = make_engine(url)
    try:
        upgrade_engine(engine, revision)
    finally:
        engine.dispose()
