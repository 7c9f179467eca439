"""Which new facts touch a watched item, and how: the alert's reason and path of names.

Directly: any fact naming a watched entity in any role (found by name key or alias
key; for a model number, the products whose names carry it), or a recall listing a
watched model number. Through the graph, recalls only (what a watcher must not miss,
without every deal of every neighbour): a recall naming

- for a company: an owner or subsidiary (transitively), or one of its suppliers;
- for a supplier: an owner or subsidiary, or a product its parts go into;
- for a product or model number: one of the product's suppliers, or their owners
  and subsidiaries.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from supplywatch.store import Store
from supplywatch.store.watch import NewAlert, WatchItem

# How a linked entity relates to the one before it on the path, as the reason says it.
PHRASES = {
    "parent": "an owner of",
    "subsidiary": "a subsidiary of",
    "supplier": "a supplier of",
    "product": "a product with parts from",
}


@dataclass(frozen=True)
class Link:
    """A path from a watched entity to a linked one, with the relation of each hop."""

    path: tuple[int, ...]
    labels: tuple[str, ...]

    def then(self, other: Link) -> Link:
        return Link(self.path + other.path[1:], self.labels + other.labels)


@dataclass(frozen=True)
class Candidate:
    alert: NewAlert
    rank: tuple[int, int]  # direct before linked, shorter paths first


def watched_entities(store: Store, item: WatchItem) -> list[int]:
    """The entities a watch item names today (names resolve as the graph grows)."""
    if item.kind == "model":
        return [e.id for e in store.products_with_model(item.key)]
    found = store.entities_for_key(item.key)
    wanted = "product" if item.kind == "product" else "company"
    typed = [e.id for e in found if e.type == wanted]
    return typed or [e.id for e in found]


def links_of(store: Store, item: WatchItem, ids: list[int]) -> dict[int, Link]:
    """Entities linked to the watched ones through the graph, each by a short path."""
    out: dict[int, Link] = {}
    start = {i: Link((i,), ()) for i in ids}

    def add(found: dict[int, tuple[tuple[int, ...], str]]) -> None:
        """Add links found from watched or already linked entities (their paths go first)."""
        for target, (path, label) in sorted(found.items(), key=lambda kv: (len(kv[1][0]), kv[0])):
            before = start.get(path[0]) or out.get(path[0])
            if before is None or target in start or target in out:
                continue
            out[target] = before.then(Link(path, (label,) * (len(path) - 1)))

    if item.kind in ("company", "supplier"):
        add(store.owns_links(ids))
        group = [*ids, *out]
        if item.kind == "company":
            add(store.supply_links(group, "customer", "supplier"))
        else:
            add(store.supply_links(group, "supplier", "product"))
        return out
    add(store.supply_links(ids, "product", "supplier"))
    add(store.owns_links(list(out)))
    return out


def item_candidates(store: Store, item: WatchItem, since: datetime) -> list[Candidate]:
    """Alerts the item would raise for facts first seen after `since` (and not before the
    item was added: watching something reports what comes next, not its history)."""
    since = max(since, item.created_at)
    ids = watched_entities(store, item)
    links = links_of(store, item, ids)
    names = store.entity_names({*ids, *(i for link in links.values() for i in link.path)})
    out: list[Candidate] = []
    for fact_id, ftype, role, eid, _, doc_id in store.facts_touching(ids, since):
        out.append(Candidate(NewAlert(item.watchlist_id, item.id, fact_id, doc_id,
                                      f"{ftype} fact naming {names[eid]} ({role})",
                                      (names[eid],)), (0, 1)))
    if item.kind == "model":
        for fact_id, _, doc_id, text in store.model_code_facts(item.key, since):
            out.append(Candidate(NewAlert(item.watchlist_id, item.id, fact_id, doc_id,
                                          f"recall listing model {text}", (item.value,)), (0, 0)))
    for fact_id, _, role, eid, _, doc_id in store.facts_touching(links.keys(), since, recalls_only=True):
        link = links[eid]
        path = tuple(names[i] for i in link.path)
        chain = ", ".join(f"{PHRASES.get(label, label)} {path[k]}"
                          for k, label in reversed(list(enumerate(link.labels))))
        out.append(Candidate(NewAlert(item.watchlist_id, item.id, fact_id, doc_id,
                                      f"recall naming {path[-1]} ({role}): {chain}", path),
                             (1, len(path))))
    return out


def best_per_fact(candidates: list[Candidate]) -> list[NewAlert]:
    """One alert per watchlist and fact: the most direct reason wins."""
    best: dict[tuple[int, str], Candidate] = {}
    for c in sorted(candidates, key=lambda c: (c.rank, c.alert.watch_item_id, c.alert.reason)):
        best.setdefault((c.alert.watchlist_id, c.alert.fact_id), c)
    return [c.alert for c in best.values()]
