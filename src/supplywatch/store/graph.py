"""Exposure walks, answered by recursive SQL in the database.

From a start entity: its subsidiaries (owns parent → child, transitively), then
everything downstream of that group through supplies supplier → customer, tier by
tier, then the products tied to those edges and customers, then the recalls touching
them. Only the rows of the answer come back to Python.

The recursive CTEs carry (entity, depth) pairs combined with UNION, not per-path
rows: UNION drops repeats, so a cycle cannot loop and a diamond-rich graph cannot
blow up into one row per path; the depth limit bounds the walk at nodes × depth
rows. Each entity's tier is then its smallest depth, and shortest paths are rebuilt
from the returned edges.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from typing import Any

from sqlalchemy import (
    CTE,
    CompoundSelect,
    Integer,
    Select,
    and_,
    exists,
    func,
    literal,
    or_,
    select,
    tuple_,
    union_all,
)
from sqlalchemy.engine import Connection

from supplywatch.store.read import entity_records, facts_by_ids
from supplywatch.store.records import EdgeKind, ExposureGraph, FactRecord, GraphEdge, RecallEdge
from supplywatch.store.schema import entities, fact_roles, facts

# Roles an official record gives companies, as exposure reasons (the role is the plural).
RECORD_PARTIES = ("manufacturer", "importer", "distributor", "retailer")


def _walk(name: str, base: Select, from_role: str, to_role: str, max_depth: int) -> CTE:
    """Recursive (entity_id, depth) walk along facts from `from_role` to `to_role`.

    UNION (not UNION ALL) over (entity, depth) pairs keeps cycles finite and the work
    bounded by nodes x depth."""
    walk = base.cte(name, recursive=True)
    source = fact_roles.alias(f"{name}_{from_role}")
    target = fact_roles.alias(f"{name}_{to_role}")
    step = (
        select(target.c.entity_id, (walk.c.depth + 1).label("depth"))
        .select_from(walk)
        .join(source, and_(source.c.entity_id == walk.c.entity_id, source.c.role == from_role))
        .join(target, and_(target.c.fact_id == source.c.fact_id, target.c.role == to_role))
        .where(walk.c.depth < max_depth)
    )
    return walk.union(step)


def _start(start_id: int) -> Select:
    return select(entities.c.id.label("entity_id"), literal(0, Integer).label("depth")).where(
        entities.c.id == start_id)


def owned_cte(start_id: int, max_depth: int) -> CTE:
    """(entity_id, depth): the start at depth 0 and its subsidiaries below it."""
    return _walk("owned", _start(start_id), "parent", "child", max_depth)


def owners_cte(start_id: int, max_depth: int) -> CTE:
    """(entity_id, depth): the start at depth 0 and its owners above it."""
    return _walk("owners", _start(start_id), "child", "parent", max_depth)


def exposed_cte(owned: CTE, max_depth: int) -> CTE:
    """(entity_id, tier): the owned group at tier 0, customers at their smallest tier."""
    base = select(owned.c.entity_id, literal(0, Integer).label("depth"))
    down = _walk("downstream", base, "supplier", "customer", max_depth)
    return (
        select(down.c.entity_id, func.min(down.c.depth).label("tier"))
        .group_by(down.c.entity_id)
        .cte("exposed")
    )


def _subsidiary_edges(owned: CTE, start_id: int, max_depth: int) -> Select[Any]:
    """(fact, parent, child, depth): every owns edge inside the owned group."""
    depth = (
        select(owned.c.entity_id, func.min(owned.c.depth).label("depth"))
        .group_by(owned.c.entity_id)
        .cte("owned_depth")
    )
    parent = fact_roles.alias("parent_role")
    child = fact_roles.alias("child_role")
    return (
        select(parent.c.fact_id, parent.c.entity_id, child.c.entity_id, depth.c.depth + 1)
        .select_from(depth)
        .join(parent, and_(parent.c.entity_id == depth.c.entity_id, parent.c.role == "parent"))
        .join(child, and_(child.c.fact_id == parent.c.fact_id, child.c.role == "child"))
        .where(depth.c.depth < max_depth, child.c.entity_id != start_id)
    )


def _supply_edges(owned: CTE, exposed: CTE, max_depth: int) -> Select[Any]:
    """(fact, supplier, customer, tier): supply edges leaving the exposed set, except
    those leading back into the owned group."""
    sup = fact_roles.alias("edge_supplier")
    cust = fact_roles.alias("edge_customer")
    return (
        select(sup.c.fact_id, sup.c.entity_id, cust.c.entity_id, exposed.c.tier + 1)
        .select_from(exposed)
        .join(sup, and_(sup.c.entity_id == exposed.c.entity_id, sup.c.role == "supplier"))
        .join(cust, and_(cust.c.fact_id == sup.c.fact_id, cust.c.role == "customer"))
        .where(exposed.c.tier < max_depth)
        .where(cust.c.entity_id.not_in(select(owned.c.entity_id)))
    )


def _product_edges(owned: CTE, exposed: CTE, max_depth: int) -> CompoundSelect[Any]:
    """(kind, fact, company, product): products named on an exposed supply edge, made by
    an exposed customer, or recalled by one."""
    edges = _supply_edges(owned, exposed, max_depth).subquery("supply_edges")
    fact_col, customer_col = edges.c[0], edges.c[2]
    prod = fact_roles.alias("supplied_product")
    supplied = (
        select(literal("supplies"), prod.c.fact_id, customer_col, prod.c.entity_id)
        .join(prod, and_(prod.c.fact_id == fact_col, prod.c.role == "product"))
    )
    # A customer's own products count only where parts already flow to it: under a
    # planned relation nothing the customer sells yet contains the supplier's parts.
    # Where the supply edge names the product the parts go into, only that product of
    # the customer counts (Sony's cells in Dell's battery packs expose those packs, not
    # every Dell recall).
    supplied_fact = facts.alias("supplied_fact")
    flowing = func.coalesce(supplied_fact.c.args["status"].as_string(), "active") != "planned"
    named = fact_roles.alias("named_product")
    customers = (
        select(customer_col)
        .join(supplied_fact, supplied_fact.c.id == fact_col)
        .where(flowing, ~exists().where(named.c.fact_id == fact_col, named.c.role == "product"))
    )
    pairs = (
        select(customer_col, named.c.entity_id)
        .join(supplied_fact, supplied_fact.c.id == fact_col)
        .join(named, and_(named.c.fact_id == fact_col, named.c.role == "product"))
        .where(flowing)
    )
    parts = [supplied]
    for kind, role in (("makes", "product"), ("recall", "products")):
        company = fact_roles.alias(f"{kind}_company")
        item = fact_roles.alias(f"{kind}_item")
        parts.append(
            select(literal(kind), company.c.fact_id, company.c.entity_id, item.c.entity_id)
            .join(facts, and_(facts.c.id == company.c.fact_id, facts.c.type == kind))
            .join(item, and_(item.c.fact_id == company.c.fact_id, item.c.role == role))
            .where(company.c.role == "company", or_(
                company.c.entity_id.in_(customers),
                tuple_(company.c.entity_id, item.c.entity_id).in_(pairs),
            ))
        )
    return union_all(*parts)


def _recall_hits(owned: CTE, exposed: CTE, max_depth: int) -> CompoundSelect[Any]:
    """(reason, recall fact, entity): recalls whose products are exposed, whose cause is
    the start or a subsidiary, that the start or a subsidiary issued, whose official
    record lists it as manufacturer, importer, distributor or retailer, or whose defect
    text names it."""
    products = _product_edges(owned, exposed, max_depth).subquery("exposed_products")
    hits = []
    group = select(owned.c.entity_id)
    for reason, role, pool in (
        ("product", "products", select(products.c[3])),
        ("cause", "cause", group),
        ("company", "company", group),
        *((reason, f"{reason}s", group) for reason in RECORD_PARTIES),
        ("named", "named", group),
    ):
        r = fact_roles.alias(f"recall_{reason}")
        hits.append(
            select(literal(reason), r.c.fact_id, r.c.entity_id)
            .join(facts, and_(facts.c.id == r.c.fact_id, facts.c.type == "recall"))
            .where(r.c.role == role, r.c.entity_id.in_(pool))
        )
    return union_all(*hits)


def subsidiaries(conn: Connection, start_id: int, max_depth: int) -> list[GraphEdge]:
    """The owns edges below `start_id`, transitively, each with a shortest path."""
    owned = owned_cte(start_id, max_depth)
    rows = conn.execute(_subsidiary_edges(owned, start_id, max_depth)).all()
    records = facts_by_ids(conn, {r[0] for r in rows})
    paths = shortest_paths([start_id], [(s, t, d) for _, s, t, d in rows])
    return _edges("owns", rows, paths, records)


def exposure_graph(conn: Connection, start_id: int, max_depth: int) -> ExposureGraph:
    owned = owned_cte(start_id, max_depth)
    exposed = exposed_cte(owned, max_depth)
    own_rows = conn.execute(_subsidiary_edges(owned, start_id, max_depth)).all()
    supply_rows = conn.execute(_supply_edges(owned, exposed, max_depth)).all()
    product_rows = set(conn.execute(_product_edges(owned, exposed, max_depth)).all())
    recall_rows = set(conn.execute(_recall_hits(owned, exposed, max_depth)).all())

    fact_ids = {r[0] for r in own_rows} | {r[0] for r in supply_rows}
    fact_ids |= {r[1] for r in product_rows} | {r[1] for r in recall_rows}
    records = facts_by_ids(conn, fact_ids)
    graph = ExposureGraph(start_id=start_id, max_depth=max_depth)

    own_paths = shortest_paths([start_id], [(s, t, d) for _, s, t, d in own_rows])
    graph.subsidiaries = _edges("owns", own_rows, own_paths, records)
    roots = list(own_paths)
    supply_paths = shortest_paths(roots, [(s, t, d) for _, s, t, d in supply_rows], own_paths)
    graph.supplies = _edges("supplies", supply_rows, supply_paths, records)
    tiers: dict[int, int] = {}  # customer -> its smallest tier
    for e in graph.supplies:
        tiers[e.target_id] = min(e.depth, tiers.get(e.target_id, e.depth))
    graph.products = sorted(
        (
            GraphEdge(kind, company, product, tiers.get(company, 0),
                      (*supply_paths.get(company, (company,)), product), records[fid])
            for kind, fid, company, product in product_rows
        ),
        key=lambda e: (e.depth, e.source_id, e.target_id, e.kind, e.fact.id),
    )
    graph.recalls = _recalls(recall_rows, records)
    ids = {start_id} | {i for e in (*graph.subsidiaries, *graph.supplies, *graph.products)
                        for i in (e.source_id, e.target_id)}
    ids |= {r.entity_id for hit in graph.recalls for r in hit.fact.roles}
    graph.entities = entity_records(conn, ids)
    return graph


def shortest_paths(
    roots: Iterable[int],
    edges: Iterable[tuple[int, int, int]],
    prefix: dict[int, tuple[int, ...]] | None = None,
) -> dict[int, tuple[int, ...]]:
    """Entity → a shortest path of ids from a root, over (source, target, depth) edges.

    The edges come from the database already limited to the exposed subgraph; ties go
    to the smallest source id so the answer is deterministic.
    """
    prefix = prefix or {}
    paths = {r: prefix.get(r, (r,)) for r in roots}
    by_depth: dict[int, list[tuple[int, int]]] = defaultdict(list)
    for source, target, depth in edges:
        by_depth[depth].append((source, target))
    for depth in sorted(by_depth):
        for source, target in sorted(by_depth[depth]):
            if target not in paths and source in paths:
                paths[target] = (*paths[source], target)
    return paths


def _edges(
    kind: EdgeKind,
    rows: Iterable[tuple[str, int, int, int]],
    paths: dict[int, tuple[int, ...]],
    records: dict[str, FactRecord],
) -> list[GraphEdge]:
    out = [
        GraphEdge(kind, source, target, depth,
                  paths.get(target, (*paths.get(source, (source,)), target)),
                  records[fid])
        for fid, source, target, depth in rows
    ]
    return sorted(out, key=lambda e: (e.depth, e.source_id, e.target_id, e.fact.id))


def _recalls(
    rows: Iterable[tuple[str, str, int]], records: dict[str, FactRecord]
) -> list[RecallEdge]:
    reasons: dict[str, set[str]] = defaultdict(set)
    products: dict[str, set[int]] = defaultdict(set)
    for reason, fid, entity_id in rows:
        reasons[fid].add(reason)
        if reason == "product":
            products[fid].add(entity_id)
    order = ("product", "cause", "company", *RECORD_PARTIES, "named")
    out = [
        RecallEdge(records[fid], tuple(r for r in order if r in reasons[fid]),
                   tuple(sorted(products[fid])))
        for fid in reasons
    ]
    return sorted(out, key=lambda h: (h.fact.args.get("date") or "", h.fact.id))
