"""Read queries: documents, entity lookup, facts with their provenance and roles."""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Iterable, Sequence
from datetime import UTC, datetime
from typing import Any

from rapidfuzz import fuzz, process
from sqlalchemy import func, or_, select
from sqlalchemy.engine import Connection, Row

from supplywatch.model import FACT_FIELDS, CanonicalEntity, name_key
from supplywatch.store.db import chunks
from supplywatch.store.records import (
    DocumentRef,
    EntityMatch,
    EntityRecord,
    FactRecord,
    RecallCandidate,
    RoleRecord,
    StoredDocument,
)
from supplywatch.store.schema import aliases, documents, entities, fact_roles, facts


def utc(value: datetime) -> datetime:
    """SQLite hands timestamps back naive; they were written in UTC."""
    return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


def get_document(conn: Connection, doc_id: str) -> StoredDocument | None:
    row = conn.execute(select(documents).where(documents.c.id == doc_id)).mappings().first()
    if row is None:
        return None
    values = dict(row)
    values["ingested_at"] = utc(values["ingested_at"])
    if values["extracted_at"] is not None:
        values["extracted_at"] = utc(values["extracted_at"])
    return StoredDocument(**values)


def latest_ingest(conn: Connection) -> datetime | None:
    value = conn.scalar(select(func.max(documents.c.ingested_at)))
    return None if value is None else utc(value)


# --- entities -------------------------------------------------------------------------


def entity_records(conn: Connection, ids: Iterable[int]) -> dict[int, EntityRecord]:
    """Entities by id, each with all its aliases (sorted, canonical name excluded)."""
    wanted = sorted(set(ids))
    rows: dict[int, tuple[str, str, str]] = {}
    names: dict[int, set[str]] = defaultdict(set)
    for batch in chunks(wanted):
        for eid, etype, key, name in conn.execute(
            select(entities.c.id, entities.c.type, entities.c.key, entities.c.name)
            .where(entities.c.id.in_(batch))
        ):
            rows[eid] = (etype, key, name)
        for eid, alias in conn.execute(
            select(aliases.c.entity_id, aliases.c.alias).where(aliases.c.entity_id.in_(batch))
        ):
            names[eid].add(alias)
    return {
        eid: EntityRecord(eid, etype, key, name, tuple(sorted(names[eid] - {name})))
        for eid, (etype, key, name) in rows.items()
    }


def entities_by_alias_keys(
    conn: Connection, keys: Iterable[str]
) -> dict[str, list[CanonicalEntity]]:
    hits: dict[str, set[int]] = defaultdict(set)
    for batch in chunks(sorted(set(keys))):
        for key, eid in conn.execute(
            select(aliases.c.alias_key, aliases.c.entity_id).where(aliases.c.alias_key.in_(batch))
        ):
            hits[key].add(eid)
    records = entity_records(conn, {eid for ids in hits.values() for eid in ids})
    return {
        key: [
            CanonicalEntity(r.key, r.name, r.type, r.aliases)
            for r in sorted((records[i] for i in ids), key=lambda r: (r.type, r.key))
        ]
        for key, ids in hits.items()
    }


def find_entities(
    conn: Connection, name: str, types: Sequence[str] = ()
) -> list[EntityMatch]:
    """Entities called `name`: by their own key first, then by an alias key.

    Within each group, `types` order first (a company before a product of the same
    name when asked for companies), then the best-connected entity.
    """
    key = name_key(name)
    if not key:
        return []
    by_key = set(conn.scalars(select(entities.c.id).where(entities.c.key == key)))
    alias_rows = conn.execute(
        select(aliases.c.entity_id, aliases.c.alias).where(aliases.c.alias_key == key)
    ).all()
    by_alias = {eid: alias for eid, alias in alias_rows if eid not in by_key}
    records = entity_records(conn, by_key | by_alias.keys())
    degree = _degrees(conn, records.keys())

    def rank(eid: int) -> tuple[int, int, int]:
        etype = records[eid].type
        type_rank = types.index(etype) if etype in types else len(types)
        return (type_rank, -degree.get(eid, 0), eid)

    out = [EntityMatch(records[i], "name", records[i].name) for i in sorted(by_key, key=rank)]
    out += [EntityMatch(records[i], "alias", by_alias[i]) for i in sorted(by_alias, key=rank)]
    return out


def _degrees(conn: Connection, ids: Iterable[int]) -> dict[int, int]:
    ids = list(ids)
    if not ids:
        return {}
    stmt = (
        select(fact_roles.c.entity_id, func.count())
        .where(fact_roles.c.entity_id.in_(ids))
        .group_by(fact_roles.c.entity_id)
    )
    return {eid: int(n) for eid, n in conn.execute(stmt)}


def suggest_names(conn: Connection, name: str, limit: int = 5) -> list[str]:
    """Close names for a "did you mean": canonical names ranked by fuzzy similarity.

    Candidates are narrowed in SQL to aliases sharing a word prefix with the query,
    so this does not read the whole alias table on a large database.
    """
    key = name_key(name)
    words = [w for w in key.split() if len(w) >= 2]
    if not words:
        return []
    clauses = [aliases.c.alias_key.like(f"{w[:3]}%") for w in words]
    clauses += [aliases.c.alias_key.like(f"% {w[:3]}%") for w in words]
    rows = conn.execute(
        select(aliases.c.alias_key, entities.c.name)
        .join(entities, entities.c.id == aliases.c.entity_id)
        .where(or_(*clauses))
        .limit(5000)
    ).all()
    best: dict[str, float] = {}
    choices = {i: alias_key for i, (alias_key, _) in enumerate(rows)}
    for _, score, i in process.extract(key, choices, scorer=fuzz.WRatio, limit=limit * 4):
        if score >= 60:
            canonical = rows[i][1]
            best[canonical] = max(best.get(canonical, 0.0), score)
    return sorted(best, key=lambda n: (-best[n], n))[:limit]


# --- facts ----------------------------------------------------------------------------


def _contract_order(fact_type: str, args: dict[str, Any]) -> dict[str, Any]:
    """Args in contract field order, extras after (PostgreSQL's JSONB keeps no key order)."""
    fields = FACT_FIELDS.get(fact_type, ())
    ordered = {name: args.get(name) for name in fields}
    ordered.update(sorted((k, v) for k, v in args.items() if k not in ordered))
    return ordered


def _fact_record(row: Row[Any], roles: tuple[RoleRecord, ...]) -> FactRecord:
    m = row._mapping
    doc = DocumentRef(
        id=m["document_id"], path=m["path"], title=m["title"], source=m["source"],
        published=m["published"], url=m["url"], kind=m["kind"],
    )
    return FactRecord(
        id=m["id"], type=m["type"], args=_contract_order(m["type"], m["args"] or {}),
        evidence=m["evidence"],
        span=(m["span_start"], m["span_end"]), confidence=m["confidence"],
        extractor=m["extractor"], extractor_version=m["extractor_version"],
        first_seen=utc(m["first_seen"]), last_seen=utc(m["last_seen"]), document=doc,
        roles=roles,
    )


def facts_by_ids(conn: Connection, ids: Iterable[str]) -> dict[str, FactRecord]:
    """Facts with their document and every role's entity, fetched in batches."""
    out: dict[str, FactRecord] = {}
    for batch in chunks(sorted(set(ids))):
        roles: dict[str, list[RoleRecord]] = defaultdict(list)
        for fid, role, pos, eid, ename, etype in conn.execute(
            select(
                fact_roles.c.fact_id, fact_roles.c.role, fact_roles.c.position,
                entities.c.id, entities.c.name, entities.c.type,
            )
            .join(entities, entities.c.id == fact_roles.c.entity_id)
            .where(fact_roles.c.fact_id.in_(batch))
        ):
            roles[fid].append(RoleRecord(role, pos, eid, ename, etype))
        stmt = (
            select(
                facts, documents.c.path, documents.c.title, documents.c.source,
                documents.c.published, documents.c.url, documents.c.kind,
            )
            .join(documents, documents.c.id == facts.c.document_id)
            .where(facts.c.id.in_(batch))
        )
        for row in conn.execute(stmt):
            fid = row._mapping["id"]
            ordered = sorted(roles[fid], key=lambda r: (r.role, r.position))
            out[fid] = _fact_record(row, tuple(ordered))
    return out


def facts_for_entity(
    conn: Connection, entity_id: int, types: Sequence[str] = ()
) -> list[FactRecord]:
    """Every fact naming the entity in any role, oldest publication first."""
    stmt = select(fact_roles.c.fact_id).where(fact_roles.c.entity_id == entity_id)
    if types:
        stmt = stmt.join(facts, facts.c.id == fact_roles.c.fact_id).where(facts.c.type.in_(types))
    records = facts_by_ids(conn, conn.scalars(stmt.distinct()))
    return sorted(records.values(), key=lambda f: (f.document.published or "", f.id))


def facts_of_document(conn: Connection, doc_id: str) -> list[FactRecord]:
    ids = conn.scalars(select(facts.c.id).where(facts.c.document_id == doc_id))
    return sorted(facts_by_ids(conn, ids).values(), key=lambda f: (f.span, f.id))


MAX_CANDIDATE_PRODUCTS = 40  # after ranking: a name query answers with its best matches
MAX_CANDIDATE_FACTS = 150


def recall_candidates(conn: Connection, fragments: Iterable[str]) -> list[RecallCandidate]:
    """Products named in recall facts whose name or alias key contains a fragment, the
    products containing the most fragments first, at most MAX_CANDIDATE_PRODUCTS of them.

    A coarse SQL filter and a cheap ranking; the caller decides what really matches.
    Fragments are compared with spaces removed on both sides, so "20392" finds "pac20 392".
    """
    frags = sorted({f.replace(" ", "").lower() for f in fragments} - {""})
    if not frags:
        return []
    squeezed = func.replace(aliases.c.alias_key, " ", "")
    # Letters-only fragments are whole words of a key: no need to squeeze its spaces out.
    clauses = [(aliases.c.alias_key if f.isalpha() else squeezed).contains(f, autoescape=True)
               for f in frags]
    matching = conn.execute(select(aliases.c.entity_id, aliases.c.alias_key).where(or_(*clauses))).all()
    # Only recall facts have a "products" role: these pairs are the recalled products.
    pairs: set[tuple[str, int]] = set()
    for batch in chunks(sorted({eid for eid, _ in matching})):
        pairs |= set(conn.execute(select(fact_roles.c.fact_id, fact_roles.c.entity_id).where(
            fact_roles.c.role == "products", fact_roles.c.entity_id.in_(batch))).all())
    recalled = {eid for _, eid in pairs}
    # Rank by the fragments a product's best name holds, a rare fragment counting more
    # than a common one ("walker" over "infant"): a small idf-weighted text search.
    holds: dict[int, list[set[str]]] = defaultdict(list)
    for eid, key in matching:
        if eid in recalled:
            flat = key.replace(" ", "")
            holds[eid].append({f for f in frags if f in flat})
    df = {f: sum(any(f in h for h in names) for names in holds.values()) for f in frags}
    idf = {f: math.log((len(holds) + 1) / (df[f] + 0.5)) + 1 for f in frags}
    score = {eid: max(sum(idf[f] for f in h) for h in names) for eid, names in holds.items()}
    best = sorted(score, key=lambda e: (-score[e], e))[:MAX_CANDIDATE_PRODUCTS]
    rank = {eid: n for n, eid in enumerate(best)}
    chosen = sorted((p for p in pairs if p[1] in rank), key=lambda p: (rank[p[1]], p[0]))
    chosen = chosen[:MAX_CANDIDATE_FACTS]
    records = facts_by_ids(conn, {fid for fid, _ in chosen})
    products = entity_records(conn, {eid for _, eid in chosen})
    return [RecallCandidate(products[eid], records[fid]) for fid, eid in sorted(chosen)]


def counts(conn: Connection) -> dict[str, int]:
    from supplywatch.store.schema import records

    tables = {"documents": documents, "entities": entities, "facts": facts, "records": records}
    return {
        name: int(conn.scalar(select(func.count()).select_from(t)) or 0)
        for name, t in tables.items()
    }
