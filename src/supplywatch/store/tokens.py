"""API tokens (only their SHA-256 is stored) and server-wide values."""

from __future__ import annotations

import hashlib
import secrets
from datetime import datetime
from typing import Any

from sqlalchemy import select, update
from sqlalchemy.engine import Connection, Row

from supplywatch.store.db import insert_ignore
from supplywatch.store.read import utc
from supplywatch.store.records import ApiToken
from supplywatch.store.schema import api_tokens, server_values

TOKEN_PREFIX = "sw_"


def token_hash(secret: str) -> str:
    return hashlib.sha256(secret.encode()).hexdigest()


def _token(row: Row[Any]) -> ApiToken:
    return ApiToken(
        id=row.id, name=row.name, prefix=row.prefix, created_at=utc(row.created_at),
        last_used_at=utc(row.last_used_at) if row.last_used_at else None,
        revoked_at=utc(row.revoked_at) if row.revoked_at else None,
    )


def create_token(conn: Connection, name: str, now: datetime) -> tuple[ApiToken, str]:
    """A new token named `name`; returns it and its secret, which is not kept."""
    secret = TOKEN_PREFIX + secrets.token_urlsafe(32)
    row = conn.execute(
        api_tokens.insert()
        .values(name=name, prefix=secret[:10], token_hash=token_hash(secret), created_at=now)
        .returning(*api_tokens.c)
    ).one()
    return _token(row), secret


def find_token(conn: Connection, secret: str) -> ApiToken | None:
    """The live token with this secret, or None."""
    row = conn.execute(
        select(api_tokens).where(api_tokens.c.token_hash == token_hash(secret),
                                 api_tokens.c.revoked_at.is_(None))
    ).first()
    return None if row is None else _token(row)


def mark_used(conn: Connection, token_id: int, now: datetime) -> None:
    conn.execute(update(api_tokens).where(api_tokens.c.id == token_id).values(last_used_at=now))


def list_tokens(conn: Connection) -> list[ApiToken]:
    return [_token(r) for r in conn.execute(select(api_tokens).order_by(api_tokens.c.id))]


def revoke_token(conn: Connection, token_id: int, now: datetime) -> bool:
    result = conn.execute(
        update(api_tokens)
        .where(api_tokens.c.id == token_id, api_tokens.c.revoked_at.is_(None))
        .values(revoked_at=now)
    )
    return result.rowcount > 0


def server_value(conn: Connection, name: str, make: str) -> str:
    """The stored value `name`, storing `make` first when there is none (first writer wins)."""
    insert_ignore(conn, server_values, {"name": name, "value": make}, ["name"])
    return conn.scalar(select(server_values.c.value).where(server_values.c.name == name))
