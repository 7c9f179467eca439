"""Comments: notes a person attaches to a document or an entity, and a document's entities.

A comment annotates; it never touches facts, evidence or entities, so nothing here
writes anywhere but the `comments` table.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any, Literal

from sqlalchemy import func, select
from sqlalchemy.engine import Connection, Row

from supplywatch.store.read import entity_records, utc
from supplywatch.store.records import EntityRecord
from supplywatch.store.schema import comments
from supplywatch.store.schema import document_entities as entity_links

CommentTarget = Literal["document", "entity"]


@dataclass(frozen=True, slots=True)
class Comment:
    id: int
    target_kind: str  # document | entity
    target_id: str  # a document id, or an entity id as text
    body: str
    author: str  # the name of the API token that wrote it
    created_at: datetime


@dataclass(frozen=True, slots=True)
class DocumentEntity:
    """An entity a document names, and where: [start, end) offsets into its stored text."""

    entity: EntityRecord
    mentions: tuple[tuple[int, int], ...]


def _comment(row: Row[Any]) -> Comment:
    return Comment(id=row.id, target_kind=row.target_kind, target_id=row.target_id,
                   body=row.body, author=row.author, created_at=utc(row.created_at))


def add_comment(conn: Connection, target_kind: CommentTarget, target_id: str, body: str,
                author: str, now: datetime) -> Comment:
    row = conn.execute(
        comments.insert()
        .values(target_kind=target_kind, target_id=target_id, body=body, author=author,
                created_at=now)
        .returning(*comments.c)
    ).one()
    return _comment(row)


def list_comments(conn: Connection, target_kind: CommentTarget, target_id: str, *, limit: int,
                  offset: int) -> tuple[list[Comment], int]:
    """One page of a target's comments, oldest first (a conversation reads top down)."""
    where = (comments.c.target_kind == target_kind, comments.c.target_id == target_id)
    total = conn.scalar(select(func.count()).select_from(comments).where(*where)) or 0
    rows = conn.execute(
        select(comments).where(*where).order_by(comments.c.created_at, comments.c.id)
        .limit(limit).offset(offset)
    )
    return [_comment(r) for r in rows], int(total)


def document_entities(conn: Connection, doc_id: str) -> list[DocumentEntity]:
    """The entities linked to a document with their mention offsets, first mentioned first."""
    rows = conn.execute(
        select(entity_links.c.entity_id, entity_links.c.mentions)
        .where(entity_links.c.document_id == doc_id)
    ).all()
    found = entity_records(conn, (r.entity_id for r in rows))
    out = [
        DocumentEntity(found[r.entity_id],
                       tuple(sorted((int(s), int(e)) for s, e in (r.mentions or []))))
        for r in rows if r.entity_id in found
    ]
    return sorted(out, key=lambda d: (d.mentions[0] if d.mentions else (1 << 62, 0),
                                      d.entity.name, d.entity.id))
