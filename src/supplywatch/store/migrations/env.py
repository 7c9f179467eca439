"""Alembic environment for supplywatch, run programmatically by `store.migrate`.

There is no alembic.ini: `migrate()` builds the Config, and hands over an open
connection in `config.attributes["connection"]` so the engine's SQLite hooks
(foreign keys, WAL, explicit BEGIN) apply to migrations too.
"""

from __future__ import annotations

from alembic import context
from sqlalchemy.engine import Connection

from supplywatch.store.db import make_engine
from supplywatch.store.schema import metadata

config = context.config


def _run(connection: Connection) -> None:
    context.configure(
        connection=connection,
        target_metadata=metadata,
        # SQLite cannot ALTER most things in place; batch mode copies the table.
        render_as_batch=connection.dialect.name == "sqlite",
        compare_type=True,
    )
    with context.begin_transaction():
        context.run_migrations()


def run_migrations_offline() -> None:
    context.configure(
        url=config.get_main_option("sqlalchemy.url"),
        target_metadata=metadata,
        literal_binds=True,
    )
    with context.begin_transaction():
        context.run_migrations()


def run_migrations_online() -> None:
    connection = config.attributes.get("connection")
    if connection is not None:
        _run(connection)
        return
    engine = make_engine(config.get_main_option("sqlalchemy.url") or "")
    try:
        with engine.connect() as conn:
            _run(conn)
            conn.commit()
    finally:
        engine.dispose()


if context.is_offline_mode():
    run_migrations_offline()
else:
    run_migrations_online()
