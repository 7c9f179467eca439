"""Writing documents and extractions. Every function here runs inside the caller's transaction.

An extraction is first turned into a plan of plain rows (where every problem with
the input surfaces, before anything is written), then the document's previous
facts and entity links are replaced by the plan's in one go.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from sqlalchemy import and_, delete, exists, select, update
from sqlalchemy.engine import Connection

from supplywatch.errors import DatabaseError
from supplywatch.model import (
    FACT_FIELDS,
    CanonicalEntity,
    Document,
    Extraction,
    Fact,
    Resolution,
    name_key,
)
from supplywatch.store.db import chunks, insert_ignore, upsert
from supplywatch.store.indexing import code_rows, vehicle_rows
from supplywatch.store.records import SavedExtraction
from supplywatch.store.schema import (
    aliases,
    document_entities,
    documents,
    entities,
    fact_roles,
    facts,
    recall_codes,
    recall_vehicles,
)

EntityKey = tuple[str, str]  # (type, key): an entity's identity across documents

# Roles whose value may be free text rather than an entity (recall.cause can be
# "defective battery cells"): linked only when the resolution maps the name.
OPTIONAL_ROLES = frozenset({"cause"})
_FACT_META = ("type", "evidence", "span", "confidence")


def fact_id(document_id: str, fact: Fact) -> str:
    """Deterministic id of a statement: the same fact read from the same document again
    gets the same id, so re-extraction is an upsert and never a duplicate."""
    return hashlib.sha256(f"{document_id}|{fact.key()}".encode()).hexdigest()[:32]


def document_row(doc: Document, now: datetime) -> dict[str, Any]:
    return {
        "id": doc.id, "path": doc.path, "title": doc.title, "source": doc.source,
        "published": doc.published, "language": doc.language, "url": doc.url,
        "kind": doc.kind, "parent_path": doc.parent_path, "raw_sha256": doc.raw_sha256,
        "text": doc.text, "ingested_at": now,
    }


def save_document(conn: Connection, doc: Document, now: datetime) -> bool:
    return insert_ignore(conn, documents, document_row(doc, now), ["id"])


@dataclass
class Plan:
    """The rows one extraction becomes, entities still named by (type, key)."""

    document_id: str
    entities: dict[EntityKey, str] = field(default_factory=dict)  # -> canonical name
    aliases: dict[EntityKey, dict[str, str]] = field(default_factory=dict)  # alias_key -> alias
    mentions: dict[EntityKey, list[list[int]]] = field(default_factory=dict)
    facts: dict[str, dict[str, Any]] = field(default_factory=dict)  # fact id -> row
    roles: list[tuple[str, str, int, EntityKey]] = field(default_factory=list)

    def add_entity(self, canon: CanonicalEntity, *names: str) -> EntityKey:
        ek = (canon.type, canon.key or name_key(canon.name))
        self.entities[ek] = canon.name
        self.mentions.setdefault(ek, [])
        known = self.aliases.setdefault(ek, {})
        for alias in (canon.name, *canon.aliases, *names):
            key = name_key(alias)
            if key:
                known.setdefault(key, alias)
        return ek


def plan_extraction(extraction: Extraction, resolution: Resolution) -> Plan:
    doc_id = extraction.document.id
    plan = Plan(doc_id)
    for ent in extraction.entities:
        canon = resolution.by_local_id.get(ent.id)
        if canon is None:
            continue  # the resolver kept no entity for it: its mentions go unlinked
        ek = plan.add_entity(canon, ent.name, *ent.aliases)
        plan.mentions[ek].extend([int(s), int(e)] for s, e in ent.mentions)
    for name, canon in resolution.by_name.items():
        plan.add_entity(canon, name)
    for index, fact in enumerate(extraction.facts):
        _plan_fact(plan, extraction, resolution, index, fact)
    return plan


def _plan_fact(
    plan: Plan, extraction: Extraction, resolution: Resolution, index: int, fact: Fact
) -> None:
    if fact.type not in FACT_FIELDS:
        raise DatabaseError(
            f"document {plan.document_id}: fact #{index} has unknown type {fact.type!r}; "
            f"the facts contract knows {', '.join(FACT_FIELDS)}"
        )
    fid = fact_id(plan.document_id, fact)
    if fid in plan.facts:
        return  # the same statement twice in one extraction (same names, same span)
    positions: dict[str, int] = {}
    for role, name in fact.names():
        position = positions[role] = positions.get(role, -1) + 1
        canon = resolution.by_name.get(name)
        if canon is None:
            if role in OPTIONAL_ROLES:
                continue
            raise DatabaseError(
                f"document {plan.document_id}: {fact.type} fact #{index} names {name!r} as "
                f"{role}, but the resolution has no entity for that name; resolve the "
                "extraction (Resolution.by_name must cover every name in its facts) and save again"
            )
        plan.roles.append((fid, role, position, plan.add_entity(canon, name)))
    args = {k: v for k, v in fact.contract().items() if k not in _FACT_META}
    plan.facts[fid] = {
        "id": fid, "document_id": plan.document_id, "type": fact.type, "args": args,
        "evidence": fact.evidence, "span_start": int(fact.span[0]),
        "span_end": int(fact.span[1]), "confidence": float(fact.confidence),
        "extractor": extraction.extractor, "extractor_version": extraction.extractor_version,
    }


def save_extraction(
    conn: Connection, extraction: Extraction, resolution: Resolution, now: datetime
) -> SavedExtraction:
    plan = plan_extraction(extraction, resolution)
    doc_id = plan.document_id
    save_document(conn, extraction.document, now)
    ids = _upsert_entities(conn, plan)
    upsert(
        conn, aliases,
        [{"entity_id": ids[ek], "alias_key": k, "alias": a}
         for ek, known in plan.aliases.items() for k, a in known.items()],
        conflict=["entity_id", "alias_key"],
    )
    old_facts = select(facts.c.id, facts.c.first_seen).where(facts.c.document_id == doc_id)
    old_first_seen = dict(conn.execute(old_facts).all())
    old_entity_ids = document_entity_ids(conn, doc_id)
    clear_document(conn, doc_id)
    fact_rows = [
        {**row, "first_seen": old_first_seen.get(fid, now), "last_seen": now}
        for fid, row in plan.facts.items()
    ]
    upsert(conn, facts, fact_rows, conflict=["id"])
    upsert(
        conn, fact_roles,
        [{"fact_id": fid, "role": role, "position": pos, "entity_id": ids[ek]}
         for fid, role, pos, ek in plan.roles],
        conflict=["fact_id", "role", "position"],
    )
    upsert(
        conn, document_entities,
        [{"document_id": doc_id, "entity_id": ids[ek],
          "mentions": [list(p) for p in sorted({tuple(p) for p in m})]}
         for ek, m in plan.mentions.items()],
        conflict=["document_id", "entity_id"],
    )
    _index_recalls(conn, plan)
    conn.execute(
        update(documents).where(documents.c.id == doc_id).values(
            extracted_at=now, extractor=extraction.extractor,
            extractor_version=extraction.extractor_version,
        )
    )
    drop_orphans(conn, old_entity_ids - set(ids.values()))
    return SavedExtraction(
        document_id=doc_id, facts=len(fact_rows),
        new_facts=len(plan.facts.keys() - old_first_seen.keys()),
        removed_facts=len(old_first_seen.keys() - plan.facts.keys()),
        entities=len(ids),
    )


def _index_recalls(conn: Connection, plan: Plan) -> None:
    """Model numbers, UPCs and vehicles of the plan's recall facts, for `check`."""
    recalls = [(fid, row["args"]) for fid, row in plan.facts.items() if row["type"] == "recall"]
    upsert(conn, recall_codes, [r for fid, args in recalls for r in code_rows(fid, args)],
           conflict=["fact_id", "kind", "code"])
    upsert(conn, recall_vehicles, [r for fid, args in recalls for r in vehicle_rows(fid, args)],
           conflict=["fact_id", "make_key", "model_key", "year"])


def _upsert_entities(conn: Connection, plan: Plan) -> dict[EntityKey, int]:
    # The resolver owns canonical names: the latest spelling of a (type, key) wins.
    upsert(
        conn, entities,
        [{"type": t, "key": k, "name": name} for (t, k), name in plan.entities.items()],
        conflict=["type", "key"], update=["name"],
    )
    ids: dict[EntityKey, int] = {}
    keys = sorted({k for _, k in plan.entities})
    for batch in chunks(keys):
        rows = conn.execute(
            select(entities.c.id, entities.c.type, entities.c.key).where(entities.c.key.in_(batch))
        )
        for eid, etype, key in rows:
            if (etype, key) in plan.entities:
                ids[(etype, key)] = eid
    return ids


def document_entity_ids(conn: Connection, doc_id: str) -> set[int]:
    linked = select(document_entities.c.entity_id).where(document_entities.c.document_id == doc_id)
    named = (
        select(fact_roles.c.entity_id)
        .join(facts, facts.c.id == fact_roles.c.fact_id)
        .where(facts.c.document_id == doc_id)
    )
    return set(conn.scalars(linked.union(named)).all())


def clear_document(conn: Connection, doc_id: str) -> None:
    """Remove the document's facts, their graph edges and index rows, and its entity links."""
    doc_facts = select(facts.c.id).where(facts.c.document_id == doc_id)
    conn.execute(delete(fact_roles).where(fact_roles.c.fact_id.in_(doc_facts)))
    conn.execute(delete(recall_codes).where(recall_codes.c.fact_id.in_(doc_facts)))
    conn.execute(delete(recall_vehicles).where(recall_vehicles.c.fact_id.in_(doc_facts)))
    conn.execute(delete(facts).where(facts.c.document_id == doc_id))
    conn.execute(delete(document_entities).where(document_entities.c.document_id == doc_id))


def drop_orphans(conn: Connection, candidates: Iterable[int]) -> None:
    """Delete entities this document alone supported and no longer mentions."""
    for batch in chunks(sorted(candidates)):
        unused = and_(
            entities.c.id.in_(batch),
            ~exists().where(document_entities.c.entity_id == entities.c.id),
            ~exists().where(fact_roles.c.entity_id == entities.c.id),
        )
        orphan_ids = select(entities.c.id).where(unused)
        conn.execute(delete(aliases).where(aliases.c.entity_id.in_(orphan_ids)))
        conn.execute(delete(entities).where(unused))
