"""The entity page's graph: the entity and its owners, subsidiaries, suppliers,
customers, products and makers, as nodes and directed edges for Cytoscape.js."""

from __future__ import annotations

from dataclasses import dataclass

from supplywatch.query.profile import EntityProfile, Relation

MAX_NODES = 120  # beyond this a picture stops being readable; the tables list everything

# profile section -> (the other entity's role in the picture, does the edge point at us?)
SECTIONS = (
    ("owners", "owner", True),
    ("subsidiaries", "subsidiary", False),
    ("suppliers", "supplier", True),
    ("customers", "customer", False),
    ("makers", "maker", True),
    ("products", "product", False),
    ("partnerships", "partner", False),
)


@dataclass(frozen=True, slots=True)
class Node:
    id: str  # "e<entity id>"
    entity_id: int
    label: str
    type: str  # company | product | ...
    role: str  # self | owner | subsidiary | supplier | customer | maker | product | partner
    href: str


@dataclass(frozen=True, slots=True)
class Edge:
    id: str
    source: str
    target: str
    relation: str  # owns | supplies | makes | partnership
    status: str | None  # a supply relation's: active | planned | ended
    label: str


@dataclass(frozen=True, slots=True)
class Graph:
    nodes: tuple[Node, ...]
    edges: tuple[Edge, ...]
    truncated: bool  # more neighbours exist than the picture shows


def _label(rel: Relation) -> str:
    parts = [rel.relation]
    component = rel.details.get("component")
    if component:
        parts.append(str(component))
    if rel.status:
        parts.append(f"({rel.status})")
    return " ".join(parts)


def entity_graph(profile: EntityProfile) -> Graph:
    me = profile.entity
    nodes = {f"e{me.id}": Node(f"e{me.id}", me.id, me.name, me.type, "self", f"/entities/{me.id}")}
    edges: dict[str, Edge] = {}
    truncated = False
    for section, role, inward in SECTIONS:
        for rel in getattr(profile, section):
            other = f"e{rel.other.id}"
            if other not in nodes:
                if len(nodes) >= MAX_NODES:
                    truncated = True
                    continue
                nodes[other] = Node(other, rel.other.id, rel.other.name, rel.other.type, role,
                                    f"/entities/{rel.other.id}")
            source, target = (other, f"e{me.id}") if inward else (f"e{me.id}", other)
            key = f"{source}-{rel.relation}-{rel.status or ''}-{target}"
            edges.setdefault(key, Edge(key, source, target, rel.relation, rel.status, _label(rel)))
    return Graph(tuple(nodes.values()), tuple(edges.values()), truncated)
