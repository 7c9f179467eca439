"""Reads for the web UI's pages: the home page's news feed, and the documents related
to one (restating its facts, or sharing its entities)."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass

from sqlalchemy import func, or_, select
from sqlalchemy.engine import Connection

from supplywatch.store.browse import newest_facts_page
from supplywatch.store.read import facts_by_ids, facts_of_document, utc
from supplywatch.store.records import DocumentSummary, FactRecord
from supplywatch.store.schema import document_entities, documents, entities, fact_roles, facts

CANDIDATES = 2000  # facts read to find restatements: a bound on very connected entities


@dataclass(frozen=True, slots=True)
class SharedEntities:
    """A document that names some of the same entities as another, and which."""

    document: DocumentSummary
    shared: tuple[str, ...]


def list_feed(conn: Connection, *, limit: int, offset: int, types: Sequence[str],
              q: str | None = None, status: str | None = None) -> tuple[list[FactRecord], int]:
    """Facts of `types`, newest publication first; `q` matches (case-insensitively) the
    evidence, the document's title or an entity's name; `status` a supply relation's
    status (active, planned, ended)."""
    stmt = (select(facts.c.id).join(documents, documents.c.id == facts.c.document_id)
            .where(facts.c.type.in_(list(types))))
    if q:
        needle = q.lower()
        named = (select(fact_roles.c.fact_id)
                 .join(entities, entities.c.id == fact_roles.c.entity_id)
                 .where(func.lower(entities.c.name).contains(needle, autoescape=True)))
        stmt = stmt.where(or_(
            func.lower(facts.c.evidence).contains(needle, autoescape=True),
            func.lower(documents.c.title).contains(needle, autoescape=True),
            facts.c.id.in_(named),
        ))
    if status:
        stmt = stmt.where(facts.c.args["status"].as_string() == status)
    return newest_facts_page(conn, stmt, limit, offset)


def _signature(fact: FactRecord) -> tuple[str, frozenset[tuple[str, int]]]:
    return fact.type, frozenset((r.role, r.entity_id) for r in fact.roles)


def facts_restating(conn: Connection, doc_id: str, types: Sequence[str]) -> list[FactRecord]:
    """Facts of other documents stating what one of this document's facts of `types`
    states: the same type between the same entities in the same roles."""
    own = [f for f in facts_of_document(conn, doc_id) if f.type in types and f.roles]
    if not own:
        return []
    wanted = {_signature(f) for f in own}
    ids = {r.entity_id for f in own for r in f.roles}
    stmt = (
        select(fact_roles.c.fact_id)
        .join(facts, facts.c.id == fact_roles.c.fact_id)
        .where(fact_roles.c.entity_id.in_(sorted(ids)), facts.c.document_id != doc_id,
               facts.c.type.in_(sorted({f.type for f in own})))
        .distinct().limit(CANDIDATES)
    )
    found = facts_by_ids(conn, conn.scalars(stmt))
    return sorted((f for f in found.values() if _signature(f) in wanted),
                  key=lambda f: (f.document.published or "", f.id))


def documents_sharing_entities(conn: Connection, doc_id: str, limit: int = 10,
                               ) -> list[SharedEntities]:
    """Other documents naming this one's entities, the most shared first."""
    mine = select(document_entities.c.entity_id).where(document_entities.c.document_id == doc_id)
    shared = func.count().label("shared")
    rows = conn.execute(
        select(document_entities.c.document_id, shared)
        .where(document_entities.c.entity_id.in_(mine), document_entities.c.document_id != doc_id)
        .group_by(document_entities.c.document_id)
        .order_by(shared.desc(), document_entities.c.document_id)
        .limit(limit)
    ).all()
    if not rows:
        return []
    order = [r.document_id for r in rows]
    names: dict[str, list[str]] = defaultdict(list)
    for other, name in conn.execute(
        select(document_entities.c.document_id, entities.c.name)
        .join(entities, entities.c.id == document_entities.c.entity_id)
        .where(document_entities.c.document_id.in_(order), document_entities.c.entity_id.in_(mine))
        .order_by(entities.c.name)
    ):
        names[other].append(name)
    summaries = _summaries(conn, order)
    return [SharedEntities(summaries[d], tuple(names[d])) for d in order if d in summaries]


def _summaries(conn: Connection, ids: Sequence[str]) -> dict[str, DocumentSummary]:
    n_facts = select(func.count()).where(facts.c.document_id == documents.c.id).scalar_subquery()
    rows = conn.execute(
        select(documents.c.id, documents.c.title, documents.c.source, documents.c.published,
               documents.c.url, documents.c.kind, documents.c.path, documents.c.ingested_at,
               n_facts.label("facts"))
        .where(documents.c.id.in_(list(ids)))
    )
    return {
        r.id: DocumentSummary(id=r.id, title=r.title, source=r.source, published=r.published,
                              url=r.url, kind=r.kind, path=r.path,
                              ingested_at=utc(r.ingested_at), facts=r.facts)
        for r in rows
    }
