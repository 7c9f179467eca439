"""Exposure walks in SQL: subsidiaries, supply tiers, cycles, and a large graph."""

from __future__ import annotations

import random
from collections import defaultdict, deque

from supplywatch.model import CanonicalEntity, Document, Extraction, Fact, Resolution, name_key
from supplywatch.store import Store


def _chain(new_doc, save_doc, links: list[tuple[str, str]], path: str = "news/chain.txt") -> None:
    b = new_doc(path, source="Test Wire")
    for supplier, customer in links:
        b.entity(supplier)
        b.entity(customer)
        b.fact("supplies", f"{supplier} supplies {customer}.", supplier=supplier,
               customer=customer, status="active")
    save_doc(b)


def _id(store: Store, name: str) -> int:
    return store.find_entities(name)[0].entity.id


def _names(store: Store, ids) -> list[str]:
    records = store.get_entities(ids)
    return [records[i].name for i in ids]


def test_subsidiaries_and_downstream_from_the_parent(volta_story: Store) -> None:
    store = volta_story
    graph = store.exposure_graph(_id(store, "Kestrel Holdings"))
    (owns,) = graph.subsidiaries
    assert graph.entities[owns.target_id].name == "Volta Cells"
    assert owns.fact.evidence == "Volta Cells is a unit of Kestrel Holdings."

    tiers = {graph.entities[e.target_id].name: e.depth for e in graph.supplies}
    assert tiers == {"Nimbus Audio": 1, "Orbit Retail": 2}
    orbit = next(e for e in graph.supplies if e.depth == 2)
    assert _names(store, orbit.path) == ["Kestrel Holdings", "Volta Cells", "Nimbus Audio",
                                         "Orbit Retail"]
    products = {(e.kind, graph.entities[e.target_id].name) for e in graph.products}
    assert products == {("supplies", "Nimbus NA-220"), ("makes", "Nimbus NA-220"),
                        ("recall", "Nimbus NA-220")}
    (recall,) = graph.recalls
    assert recall.reasons == ("product", "cause")
    assert recall.fact.args["units"] == 12000
    assert recall.fact.document.path == "recalls/na220.txt"


def test_subsidiaries_alone(volta_story: Store) -> None:
    edges = volta_story.subsidiaries(_id(volta_story, "Kestrel Holdings"))
    assert [(e.depth, e.fact.args["child"]) for e in edges] == [(1, "Volta Cells")]
    assert volta_story.subsidiaries(_id(volta_story, "Volta Cells")) == []


def test_three_tiers_and_the_depth_limit(store: Store, new_doc, save_doc) -> None:
    _chain(new_doc, save_doc, [("Anode Works", "Cell Maker"), ("Cell Maker", "Pack Maker"),
                               ("Pack Maker", "Brand Co")])
    start = _id(store, "Anode Works")
    full = store.exposure_graph(start)
    assert [(store.get_entities([e.target_id])[e.target_id].name, e.depth)
            for e in full.supplies] == [("Cell Maker", 1), ("Pack Maker", 2), ("Brand Co", 3)]
    limited = store.exposure_graph(start, max_depth=2)
    assert [e.depth for e in limited.supplies] == [1, 2]


def test_a_supply_cycle_does_not_loop(store: Store, new_doc, save_doc) -> None:
    _chain(new_doc, save_doc, [("Alpha Parts", "Beta Assembly"),
                               ("Beta Assembly", "Gamma Brands"),
                               ("Gamma Brands", "Alpha Parts"),
                               ("Gamma Brands", "Beta Assembly")])
    graph = store.exposure_graph(_id(store, "Alpha Parts"), max_depth=50)
    targets = {graph.entities[e.target_id].name: e.depth for e in graph.supplies
               if e.source_id != e.target_id}
    # Gamma → Alpha leads back to the start: not downstream exposure.
    assert set(targets) == {"Beta Assembly", "Gamma Brands"}
    paths = {graph.entities[e.target_id].name: _names(store, e.path) for e in graph.supplies}
    assert paths["Gamma Brands"] == ["Alpha Parts", "Beta Assembly", "Gamma Brands"]
    # Gamma → Beta is kept as evidence, but Beta's shortest path stays the direct one.
    assert paths["Beta Assembly"] == ["Alpha Parts", "Beta Assembly"]


def test_an_ownership_cycle_does_not_loop(store: Store, new_doc, save_doc) -> None:
    b = new_doc("news/owners.txt")
    for parent, child in (("Holdco One", "Holdco Two"), ("Holdco Two", "Holdco One"),
                          ("Holdco Two", "Opco Three")):
        b.entity(parent)
        b.entity(child)
        b.fact("owns", f"{parent} owns {child}.", parent=parent, child=child)
    save_doc(b)
    edges = store.subsidiaries(_id(store, "Holdco One"), max_depth=40)
    assert sorted((e.depth, e.fact.args["child"]) for e in edges) == [(1, "Holdco Two"),
                                                                      (2, "Opco Three")]


def _big_graph(seed: int = 7, companies: int = 4000, supply_facts: int = 19000,
               owns_facts: int = 1000) -> list[tuple[str, str, str]]:
    rng = random.Random(seed)
    names = [f"Company {i:05d}" for i in range(companies)]
    edges: list[tuple[str, str, str]] = []
    for _ in range(supply_facts):
        a, b = rng.sample(range(companies), 2)
        edges.append(("supplies", names[a], names[b]))
    for _ in range(owns_facts):
        a, b = rng.sample(range(companies), 2)
        edges.append(("owns", names[a], names[b]))
    return edges


def _save_edges(store: Store, edges: list[tuple[str, str, str]], per_doc: int = 1000) -> None:
    roles = {"supplies": ("supplier", "customer"), "owns": ("parent", "child")}
    for start in range(0, len(edges), per_doc):
        batch = edges[start : start + per_doc]
        doc = Document.from_text(f"generated batch {start}", f"gen/{start}.txt")
        facts, by_name = [], {}
        for i, (ftype, a, b) in enumerate(batch):
            r1, r2 = roles[ftype]
            facts.append(Fact(ftype, {r1: a, r2: b}, f"{a} {ftype} {b}.", (i, i + 1), 0.9))
            for n in (a, b):
                by_name[n] = CanonicalEntity(name_key(n), n, "company")
        store.save_extraction(Extraction(doc, [], facts), Resolution({}, by_name))


def _expected(edges: list[tuple[str, str, str]], start: str, max_depth: int):
    """The same walk in plain Python: owned group, then min supply tier per customer."""
    children, customers = defaultdict(set), defaultdict(set)
    for ftype, a, b in edges:
        (children if ftype == "owns" else customers)[a].add(b)
    owned, queue = {start: 0}, deque([start])
    while queue:
        node = queue.popleft()
        for child in children[node]:
            if child not in owned and owned[node] < max_depth:
                owned[child] = owned[node] + 1
                queue.append(child)
    tier, queue = dict.fromkeys(owned, 0), deque(owned)
    while queue:
        node = queue.popleft()
        for customer in customers[node]:
            if customer not in tier and tier[node] < max_depth:
                tier[customer] = tier[node] + 1
                queue.append(customer)
    return owned, {n: t for n, t in tier.items() if n not in owned}


def test_large_generated_graph_matches_a_plain_walk(store: Store) -> None:
    edges = _big_graph()
    _save_edges(store, edges)
    assert store.counts()["facts"] == len(edges) == 20000
    start, max_depth = "Company 00001", 3
    graph = store.exposure_graph(_id(store, start), max_depth=max_depth)
    owned, tiers = _expected(edges, start, max_depth)

    got_owned = {graph.entities[e.target_id].name for e in graph.subsidiaries} | {start}
    assert got_owned == set(owned)
    got_tiers: dict[str, int] = {}
    for e in graph.supplies:
        name = graph.entities[e.target_id].name
        got_tiers[name] = min(e.depth, got_tiers.get(name, e.depth))
        assert len(e.path) == got_tiers[name] + 1 or e.depth > got_tiers[name]
    assert got_tiers == tiers
    assert 0 < len(tiers) < 4000  # a real walk, not the whole graph
