"""Paged reads for the server: documents, facts and entities, newest first.

Each returns one page and the total, so every API list can say how many there are.
"""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy import Select, func, or_, select
from sqlalchemy.engine import Connection

from supplywatch.model import name_key
from supplywatch.store.read import entity_records, facts_by_ids, utc
from supplywatch.store.records import DocumentSummary, EntityRecord, FactRecord
from supplywatch.store.schema import aliases, documents, entities, fact_roles, facts


def _count(conn: Connection, stmt: Select) -> int:
    return int(conn.scalar(select(func.count()).select_from(stmt.order_by(None).subquery())) or 0)


def list_documents(conn: Connection, *, limit: int, offset: int, kind: str | None = None,
                   q: str | None = None) -> tuple[list[DocumentSummary], int]:
    """Documents, newest published (then ingested) first; `q` matches title or source."""
    n_facts = (
        select(func.count()).where(facts.c.document_id == documents.c.id).scalar_subquery()
    )
    stmt = select(
        documents.c.id, documents.c.title, documents.c.source, documents.c.published,
        documents.c.url, documents.c.kind, documents.c.path, documents.c.ingested_at,
        n_facts.label("facts"),
    )
    if kind:
        stmt = stmt.where(documents.c.kind == kind)
    if q:
        needle = q.lower()
        stmt = stmt.where(or_(func.lower(documents.c.title).contains(needle, autoescape=True),
                              func.lower(documents.c.source).contains(needle, autoescape=True)))
    total = _count(conn, stmt)
    page = stmt.order_by(
        documents.c.published.desc().nulls_last(), documents.c.ingested_at.desc(), documents.c.id,
    ).limit(limit).offset(offset)
    items = [
        DocumentSummary(
            id=r.id, title=r.title, source=r.source, published=r.published, url=r.url,
            kind=r.kind, path=r.path, ingested_at=utc(r.ingested_at), facts=r.facts,
        )
        for r in conn.execute(page)
    ]
    return items, total


def list_facts(conn: Connection, *, limit: int, offset: int, entity_id: int | None = None,
               types: Sequence[str] = (), since: str | None = None) -> tuple[list[FactRecord], int]:
    """Facts, newest publication first; optionally naming one entity, of some types, or
    published on or after `since` (an ISO date)."""
    stmt = select(facts.c.id, documents.c.published, documents.c.ingested_at).join(
        documents, documents.c.id == facts.c.document_id
    )
    if entity_id is not None:
        stmt = stmt.where(
            facts.c.id.in_(select(fact_roles.c.fact_id).where(fact_roles.c.entity_id == entity_id))
        )
    if types:
        stmt = stmt.where(facts.c.type.in_(list(types)))
    if since:
        stmt = stmt.where(documents.c.published >= since)
    return newest_facts_page(conn, stmt, limit, offset)


def newest_facts_page(conn: Connection, stmt: Select, limit: int, offset: int,
                      ) -> tuple[list[FactRecord], int]:
    """One page of the facts `stmt` selects (fact id first; facts joined to documents),
    newest publication first, and how many it selects in all."""
    total = _count(conn, stmt)
    page = stmt.order_by(
        documents.c.published.desc().nulls_last(), documents.c.ingested_at.desc(), facts.c.id,
    ).limit(limit).offset(offset)
    ids = list(conn.scalars(page))
    found = facts_by_ids(conn, ids)
    return [found[i] for i in ids if i in found], total


def search_entities(conn: Connection, *, limit: int, offset: int, q: str | None = None,
                    type_: str | None = None) -> tuple[list[EntityRecord], int]:
    """Entities whose name or an alias contains `q` (by name key), best connected first."""
    degree = (
        select(func.count()).where(fact_roles.c.entity_id == entities.c.id).scalar_subquery()
    )
    stmt = select(entities.c.id, degree.label("degree"))
    if q:
        key = name_key(q)
        stmt = stmt.where(or_(
            entities.c.key.contains(key, autoescape=True),
            entities.c.id.in_(select(aliases.c.entity_id)
                              .where(aliases.c.alias_key.contains(key, autoescape=True))),
        ))
    if type_:
        stmt = stmt.where(entities.c.type == type_)
    total = _count(conn, stmt)
    page = stmt.order_by(degree.desc(), entities.c.name, entities.c.id).limit(limit).offset(offset)
    ids = list(conn.scalars(page))
    found = entity_records(conn, ids)
    return [found[i] for i in ids if i in found], total
