"""The bundled migrations build the same schema as schema.py, on SQLite and PostgreSQL."""

from __future__ import annotations

import subprocess
import sys
import threading

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import inspect

from supplywatch.errors import DatabaseError
from supplywatch.store import Store, migrate
from supplywatch.store.db import make_engine
from supplywatch.store.migrate import current_revision, head_revision
from supplywatch.store.schema import metadata

TABLES = {"documents", "entities", "aliases", "document_entities", "facts", "fact_roles",
          "records", "record_versions", "recall_codes", "recall_vehicles"}


def test_migrate_creates_the_schema(db_url: str) -> None:
    migrate(db_url)
    engine = make_engine(db_url)
    try:
        names = set(inspect(engine).get_table_names())
        assert names >= TABLES
        assert "alembic_version" in names
        assert current_revision(engine) == head_revision()
        columns = {c["name"] for c in inspect(engine).get_columns("facts")}
        assert {"id", "document_id", "args", "evidence", "span_start", "span_end", "confidence",
                "extractor", "extractor_version", "first_seen", "last_seen"} <= columns
    finally:
        engine.dispose()


def test_migrations_match_the_schema_module(db_url: str) -> None:
    migrate(db_url)
    engine = make_engine(db_url)
    try:
        with engine.connect() as conn:
            diffs = compare_metadata(MigrationContext.configure(conn), metadata)
        assert diffs == []
    finally:
        engine.dispose()


def test_migrate_twice_and_open_are_no_ops(db_url: str) -> None:
    migrate(db_url)
    migrate(db_url)
    with Store.open(db_url) as store:
        assert store.count_documents() == 0


def test_sqlite_connections_enforce_foreign_keys_and_wal(tmp_path) -> None:
    engine = make_engine(str(tmp_path / "plain-path.db"))  # a bare path means SQLite
    try:
        with engine.connect() as conn:
            assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
            assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
    finally:
        engine.dispose()


def test_unreachable_database_is_a_clear_error() -> None:
    with pytest.raises(DatabaseError, match="server is running"):
        Store.open("postgresql+psycopg://nobody@127.0.0.1:1/none?connect_timeout=2")
    with pytest.raises(DatabaseError, match="SQLite or PostgreSQL"):
        Store.open("mysql://localhost/x")


def test_concurrent_opens_of_a_fresh_database(db_url: str) -> None:
    """Several processes open (and so migrate) one fresh database at the same time."""
    code = "import sys; from supplywatch.store import Store; Store.open(sys.argv[1]).close()"
    procs = [subprocess.Popen([sys.executable, "-c", code, db_url], stderr=subprocess.PIPE)
             for _ in range(3)]
    for proc in procs:
        _, err = proc.communicate(timeout=120)
        assert proc.returncode == 0, err.decode()
    with Store.open(db_url) as store:
        assert store.count_documents() == 0


def test_threads_opening_one_fresh_database(db_url: str) -> None:
    errors: list[BaseException] = []

    def open_and_count() -> None:
        try:
            with Store.open(db_url) as store:
                store.count_documents()
        except BaseException as exc:  # collected for the assertion below
            errors.append(exc)

    threads = [threading.Thread(target=open_and_count) for _ in range(3)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=120)
    assert errors == []


def test_many_threads_opening_fresh_sqlite_databases(tmp_path) -> None:
    """Eight threads at once on each of fifteen fresh SQLite files: switching a new file
    to WAL can be refused as "locked" without the busy timeout; no open may fail on it."""
    errors: list[BaseException] = []

    def open_and_count(url: str) -> None:
        try:
            with Store.open(url) as store:
                store.count_documents()
        except BaseException as exc:  # collected for the assertion below
            errors.append(exc)

    for n in range(15):
        url = f"sqlite:///{tmp_path / f'fresh{n}.db'}"
        threads = [threading.Thread(target=open_and_count, args=(url,)) for _ in range(8)]
        for t in threads:
            t.start()
        for t in threads:
            t.join(timeout=120)
    assert errors == []
