"""The one module that owns the engine, dialect-aware upserts and batching.

SQLite gets foreign keys and WAL on every new connection, and explicit `BEGIN`
statements so a transaction really covers every statement in it (the sqlite3
module on its own only opens one before the first write). PostgreSQL is reached
through psycopg 3.
"""

from __future__ import annotations

import sqlite3
import time
from collections.abc import Iterable, Iterator, Mapping, Sequence
from typing import Any, TypeVar

from sqlalchemy import Table, create_engine, event
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.engine import Connection, Engine, make_url
from sqlalchemy.exc import ArgumentError, NoSuchModuleError

from supplywatch.errors import DatabaseError
from supplywatch.settings import database_url

# Rows per statement: well under SQLite's and PostgreSQL's bound-parameter limits
# for our widest table (facts, 13 columns).
BATCH_SIZE = 500

# Execution option read by the SQLite `begin` hook: writers ask for IMMEDIATE so two
# writers queue on the busy timeout instead of failing on a lock upgrade.
SQLITE_BEGIN = "supplywatch_sqlite_begin"
SQLITE_TIMEOUT = 30.0  # seconds a connection waits for another's lock before giving up

T = TypeVar("T")


def make_engine(url: str) -> Engine:
    """An engine for a SQLAlchemy URL or a bare SQLite path."""
    url = database_url(url)
    try:
        parsed = make_url(url)
    except ArgumentError as exc:
        raise DatabaseError(
            f"{url!r} is not a database URL; use sqlite:///path.db or "
            "postgresql+psycopg://user@host/dbname"
        ) from exc
    try:
        if parsed.get_backend_name() == "sqlite":
            engine = create_engine(parsed, connect_args={"timeout": SQLITE_TIMEOUT})
            _configure_sqlite(engine)
        elif parsed.get_backend_name() == "postgresql":
            engine = create_engine(parsed, pool_pre_ping=True)
        else:
            raise DatabaseError(
                f"unsupported database {parsed.get_backend_name()!r} in {url!r}: "
                "supplywatch runs on SQLite or PostgreSQL"
            )
    except NoSuchModuleError as exc:
        raise DatabaseError(f"no driver for {url!r}: {exc}") from exc
    return engine


def _configure_sqlite(engine: Engine) -> None:
    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection: Any, _record: Any) -> None:
        # Hand transaction control to SQLAlchemy (see the `begin` hook below).
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA foreign_keys=ON")
        _wal_mode(cursor)
        cursor.execute("PRAGMA synchronous=NORMAL")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(conn: Connection) -> None:
        mode = conn.get_execution_options().get(SQLITE_BEGIN, "DEFERRED")
        conn.exec_driver_sql(f"BEGIN {mode}")


def _wal_mode(cursor: Any) -> None:
    """Switch a database to WAL (once: the mode is kept in the file). Several connections
    opening a fresh database at once can find the switch "locked" at once, without the
    busy timeout being applied; they wait and try again for as long as that timeout."""
    deadline = time.monotonic() + SQLITE_TIMEOUT
    pause = 0.01
    while True:
        if cursor.execute("PRAGMA journal_mode").fetchone()[0].lower() == "wal":
            return
        try:
            cursor.execute("PRAGMA journal_mode=WAL")
            return
        except sqlite3.OperationalError as exc:
            if "locked" not in str(exc) or time.monotonic() + pause > deadline:
                raise
            time.sleep(pause)
            pause = min(pause * 2, 0.5)


def write_options(conn: Connection) -> Connection:
    """Mark a connection as a writer before its transaction begins."""
    return conn.execution_options(**{SQLITE_BEGIN: "IMMEDIATE"})


def chunks(items: Sequence[T], size: int = BATCH_SIZE) -> Iterator[Sequence[T]]:
    for start in range(0, len(items), size):
        yield items[start : start + size]


def _insert(conn: Connection, table: Table) -> Any:
    name = conn.dialect.name
    if name == "sqlite":
        return sqlite.insert(table)
    if name == "postgresql":
        return postgresql.insert(table)
    raise DatabaseError(f"no upsert for dialect {name!r}")


def upsert(
    conn: Connection,
    table: Table,
    rows: Sequence[Mapping[str, Any]],
    conflict: Iterable[str],
    update: Iterable[str] = (),
) -> None:
    """Insert rows; on a `conflict` key clash update the `update` columns (or keep the row)."""
    if not rows:
        return
    conflict = list(conflict)
    update = list(update)
    for batch in chunks(list(rows)):
        stmt = _insert(conn, table)
        if update:
            stmt = stmt.on_conflict_do_update(
                index_elements=conflict,
                set_={col: stmt.excluded[col] for col in update},
            )
        else:
            stmt = stmt.on_conflict_do_nothing(index_elements=conflict)
        conn.execute(stmt, list(batch))


def insert_ignore(
    conn: Connection, table: Table, row: Mapping[str, Any], conflict: list[str]
) -> bool:
    """Insert one row unless its key exists; True when it was new."""
    stmt = (
        _insert(conn, table)
        .values(**row)
        .on_conflict_do_nothing(index_elements=conflict)
        # RETURNING, not rowcount: psycopg reports -1 for an ON CONFLICT insert.
        .returning(*(table.c[col] for col in conflict))
    )
    return conn.execute(stmt).first() is not None
