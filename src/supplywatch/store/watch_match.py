"""The reads that decide which new facts touch a watched item (serve/alerts uses them).

A watched item names entities (by name key or alias key, or for a model number the
products whose names carry it). Around them the graph gives linked entities: owners
and subsidiaries (recursive walks, as in graph.py), a product's suppliers, the
products a supplier's parts go into, a company's suppliers. Facts first seen after a
time and naming one of these entities, in any role, are the candidates for alerts.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime

from sqlalchemy import and_, func, select
from sqlalchemy.engine import Connection

from supplywatch.codes.models import model_codes
from supplywatch.store.db import chunks
from supplywatch.store.graph import owners_cte, shortest_paths, subsidiaries
from supplywatch.store.read import entity_records, utc
from supplywatch.store.records import EntityRecord
from supplywatch.store.schema import aliases, entities, fact_roles, facts, recall_codes

# (fact id, fact type, role, entity id, first seen, document id)
Touch = tuple[str, str, str, int, datetime, str]
# linked entity -> (ids from the watched entity to it, how it is linked)
Links = dict[int, tuple[tuple[int, ...], str]]


def max_first_seen(conn: Connection) -> datetime | None:
    value = conn.scalar(select(func.max(facts.c.first_seen)))
    return None if value is None else utc(value)


def entities_for_key(conn: Connection, key: str) -> list[EntityRecord]:
    """Entities whose own name key or one of whose alias keys is `key`."""
    ids = set(conn.scalars(select(entities.c.id).where(entities.c.key == key)))
    ids |= set(conn.scalars(select(aliases.c.entity_id).where(aliases.c.alias_key == key)))
    return sorted(entity_records(conn, ids).values(), key=lambda e: e.id)


def products_with_model(conn: Connection, code: str) -> list[EntityRecord]:
    """Products whose name or an alias carries the model number `code` as a whole token."""
    squeezed = func.replace(aliases.c.alias_key, " ", "")
    ids = set(conn.scalars(
        select(aliases.c.entity_id).join(entities, entities.c.id == aliases.c.entity_id)
        .where(entities.c.type == "product", squeezed.contains(code.lower(), autoescape=True))
        .limit(500)))
    found = entity_records(conn, ids)
    return sorted((e for e in found.values()
                   if any(code in {m.code for m in model_codes(n)} for n in (e.name, *e.aliases))),
                  key=lambda e: e.id)


def _owner_edges(conn: Connection, start_id: int, max_depth: int) -> list[tuple[int, int, int]]:
    """(child, parent, depth) owns edges above `start_id`, transitively."""
    up = owners_cte(start_id, max_depth)
    child = fact_roles.alias("owned_child")
    parent = fact_roles.alias("owner_parent")
    stmt = (
        select(child.c.entity_id, parent.c.entity_id, up.c.depth + 1)
        .select_from(up)
        .join(child, and_(child.c.entity_id == up.c.entity_id, child.c.role == "child"))
        .join(parent, and_(parent.c.fact_id == child.c.fact_id, parent.c.role == "parent"))
        .where(up.c.depth < max_depth, parent.c.entity_id != start_id)
    )
    return [(s, t, d) for s, t, d in conn.execute(stmt)]


def owns_links(conn: Connection, ids: Iterable[int], max_depth: int) -> Links:
    """Owners (`parent`) and subsidiaries (`subsidiary`) of the entities, transitively."""
    out: Links = {}
    for start in sorted(set(ids)):
        for edge in subsidiaries(conn, start, max_depth):
            out.setdefault(edge.target_id, (edge.path, "subsidiary"))
        paths = shortest_paths([start], _owner_edges(conn, start, max_depth))
        for target, path in paths.items():
            if target != start:
                out.setdefault(target, (path, "parent"))
    for start in ids:
        out.pop(start, None)
    return out


def supply_links(conn: Connection, ids: Iterable[int], from_role: str, to_role: str) -> Links:
    """Across `supplies` facts: entities in `to_role` of a fact naming one of `ids` in
    `from_role` (a product's suppliers: product -> supplier)."""
    a = fact_roles.alias("link_from")
    b = fact_roles.alias("link_to")
    out: Links = {}
    for batch in chunks(sorted(set(ids))):
        stmt = (
            select(a.c.entity_id, b.c.entity_id)
            .join(b, and_(b.c.fact_id == a.c.fact_id, b.c.role == to_role))
            .join(facts, and_(facts.c.id == a.c.fact_id, facts.c.type == "supplies"))
            .where(a.c.role == from_role, a.c.entity_id.in_(batch))
            .order_by(a.c.entity_id, b.c.entity_id)
        )
        for source, target in conn.execute(stmt):
            out.setdefault(target, ((source, target), to_role))
    return out


def touching(conn: Connection, entity_ids: Iterable[int], since: datetime,
             recalls_only: bool = False) -> list[Touch]:
    """Facts first seen after `since` that name one of the entities in any role."""
    out: list[Touch] = []
    for batch in chunks(sorted(set(entity_ids))):
        stmt = (
            select(fact_roles.c.fact_id, facts.c.type, fact_roles.c.role, fact_roles.c.entity_id,
                   facts.c.first_seen, facts.c.document_id)
            .join(facts, facts.c.id == fact_roles.c.fact_id)
            .where(fact_roles.c.entity_id.in_(batch), facts.c.first_seen > since)
        )
        if recalls_only:
            stmt = stmt.where(facts.c.type == "recall")
        out += [(f, ty, r, e, utc(t), d) for f, ty, r, e, t, d in conn.execute(stmt)]
    return sorted(out, key=lambda t: (t[0], t[2], t[3]))


def model_hits(conn: Connection, code: str, since: datetime) -> list[tuple[str, datetime, str, str]]:
    """(fact id, first seen, document id, text as written) of recall facts first seen
    after `since` listing model number `code` (stated, or in a product's name)."""
    stmt = (
        select(recall_codes.c.fact_id, facts.c.first_seen, facts.c.document_id, recall_codes.c.text)
        .join(facts, facts.c.id == recall_codes.c.fact_id)
        .where(recall_codes.c.kind == "model", recall_codes.c.code == code,
               facts.c.first_seen > since)
        .order_by(recall_codes.c.fact_id)
    )
    return [(f, utc(t), d, text) for f, t, d, text in conn.execute(stmt)]


def names(conn: Connection, ids: Iterable[int]) -> dict[int, str]:
    return {eid: rec.name for eid, rec in entity_records(conn, ids).items()}

