"""Exact lookups `check` makes: model numbers and UPCs, vehicles, and the other recall
facts of the companies it matched (to join one recall's several sources)."""

from __future__ import annotations

from collections.abc import Iterable

from sqlalchemy import and_, or_, select
from sqlalchemy.engine import Connection

from supplywatch.store.db import chunks
from supplywatch.store.read import facts_by_ids
from supplywatch.store.records import CodeHit, FactRecord, VehicleHit
from supplywatch.store.schema import documents, fact_roles, facts, recall_codes, recall_vehicles


def codes(conn: Connection, kind: str, wanted: Iterable[str]) -> list[CodeHit]:
    out: list[CodeHit] = []
    for batch in chunks(sorted(set(wanted))):
        stmt = select(recall_codes).where(recall_codes.c.kind == kind,
                                          recall_codes.c.code.in_(batch))
        out += [CodeHit(**row) for row in conn.execute(stmt).mappings()]
    return sorted(out, key=lambda h: (h.fact_id, h.code))


def makes(conn: Connection) -> set[str]:
    """Every vehicle make key in the index (a few hundred at most)."""
    return set(conn.scalars(select(recall_vehicles.c.make_key).distinct()))


def vehicles(conn: Connection, make_key: str, model_keys: Iterable[str], prefix: str | None,
             years: Iterable[int] = ()) -> list[VehicleHit]:
    """Rows of one make whose model key is one of `model_keys` or starts with `prefix`,
    in the given model years (or any year, and unknown years always)."""
    model_keys = sorted(set(model_keys))
    clauses = [recall_vehicles.c.model_key.in_(model_keys)] if model_keys else []
    if prefix:
        clauses.append(recall_vehicles.c.model_key.startswith(prefix, autoescape=True))
    if not clauses:
        return []
    stmt = select(recall_vehicles).where(recall_vehicles.c.make_key == make_key, or_(*clauses))
    years = sorted(set(years))
    if years:
        stmt = stmt.where(or_(recall_vehicles.c.year.in_(years), recall_vehicles.c.year == 0))
    return [VehicleHit(r["fact_id"], r["make"], r["model"], r["year"] or None)
            for r in conn.execute(stmt.limit(5000)).mappings()]


def recalls_of_companies(conn: Connection, entity_ids: Iterable[int],
                         exclude: Iterable[str] = (), news_only: bool = False) -> list[FactRecord]:
    """Recall facts whose company is one of these entities, except the excluded facts;
    with `news_only`, only those read from news (not from official records)."""
    ids = sorted(set(entity_ids))
    if not ids:
        return []
    stmt = (
        select(fact_roles.c.fact_id)
        .join(facts, and_(facts.c.id == fact_roles.c.fact_id, facts.c.type == "recall"))
        .where(fact_roles.c.role == "company", fact_roles.c.entity_id.in_(ids))
    )
    if news_only:
        stmt = stmt.join(documents, documents.c.id == facts.c.document_id).where(
            documents.c.kind.not_in(("recall", "bom")))
    stmt = stmt.distinct().limit(2000)
    wanted = set(conn.scalars(stmt)) - set(exclude)
    return sorted(facts_by_ids(conn, wanted).values(), key=lambda f: f.id)


def recall_facts_of_documents(conn: Connection, doc_ids: Iterable[str]) -> list[FactRecord]:
    out: set[str] = set()
    doc_ids = list(doc_ids)
    if not doc_ids:
        return []
    for batch in chunks(sorted(set(doc_ids))):
        out |= set(conn.scalars(select(facts.c.id).where(facts.c.document_id.in_(batch),
                                                          facts.c.type == "recall")))
    return sorted(facts_by_ids(conn, out).values(), key=lambda f: f.id)


def record_texts_mentioning(conn: Connection, needles: Iterable[str],
                            limit: int = 1000) -> list[tuple[str, str]]:
    """(document id, text) of current official recall records whose text contains one of
    the needles (a coarse filter: the caller checks case and word boundaries)."""
    from supplywatch.store.schema import records

    needles = [n for n in dict.fromkeys(needles) if n]
    if not needles:
        return []
    stmt = (
        select(documents.c.id, documents.c.text)
        .join(records, records.c.document_id == documents.c.id)
        .where(records.c.kind == "recall",
               or_(*(documents.c.text.contains(n, autoescape=True) for n in needles)))
        .limit(limit)
    )
    return [(doc_id, text) for doc_id, text in conn.execute(stmt)]
