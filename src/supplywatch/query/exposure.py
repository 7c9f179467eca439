"""Exposure: if this supplier is at fault, who and what downstream is touched?

The walk itself runs in the database (`Store.exposure_graph`); this module shapes
its edges into a report where every link carries its evidence and source.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from supplywatch.codes.vehicles import year_ranges
from supplywatch.model import FACT_FIELDS, name_key
from supplywatch.query.lookup import resolve_name
from supplywatch.query.mentions import recalls_naming
from supplywatch.query.recalls import RecallSource, group, is_record, official, source_of, sources
from supplywatch.query.results import (
    EntityRef,
    Evidence,
    ResolvedEntity,
    plain,
    role_name,
    role_names,
    whole_number,
)
from supplywatch.store import (
    DEFAULT_MAX_DEPTH,
    ExposureGraph,
    FactRecord,
    GraphEdge,
    RecallEdge,
    Store,
)

EXPOSURE_SCHEMA = "supplywatch.exposure/1"


@dataclass(frozen=True, slots=True)
class SubsidiaryLink:
    parent: EntityRef
    child: EntityRef
    depth: int  # 1: owned by the supplier directly, 2: by one of its subsidiaries ...
    share: float | None
    path: tuple[str, ...]  # names from the supplier down to the child
    evidence: Evidence


@dataclass(frozen=True, slots=True)
class CustomerLink:
    supplier: EntityRef
    customer: EntityRef
    tier: int  # 1: buys from the supplier (or a subsidiary); 2: from a tier-1 customer ...
    status: str | None  # active | planned | ended
    component: str | None
    quantity: int | float | None
    product: str | None  # the customer's product the parts go into, where stated
    path: tuple[str, ...]
    evidence: Evidence


@dataclass(frozen=True, slots=True)
class ProductLink:
    company: EntityRef
    product: EntityRef
    link: str  # supplies: named on a supply edge; makes: the customer makes it;
    #            recall: the customer recalled it
    tier: int
    evidence: Evidence


@dataclass(frozen=True, slots=True)
class RecallLink:
    recall_id: str  # the agency's number for an official record, else the statement's id
    company: str | None
    products: tuple[str, ...]
    exposed_products: tuple[str, ...]  # which of `products` the exposure reached
    units: int | None  # as this one notice states it: never summed across notices
    hazard: str | None
    cause: str | None
    date: str | None
    # product | cause | company | manufacturer | importer | distributor | retailer | named
    reasons: tuple[str, ...]
    evidence: Evidence
    details: dict[str, Any]  # fields beyond the contract's (remedy, units_shared ...)
    source: str | None = None  # the agency, or the story's publication
    url: str | None = None
    parties: dict[str, tuple[str, ...]] = field(default_factory=dict)  # role -> companies
    vehicles: tuple[str, ...] = ()  # "2001-2005 HONDA CIVIC"
    sources: tuple[RecallSource, ...] = ()  # every source of this recall, records first
    named_in: str | None = None  # the record's sentence naming the supplier (reason "named")


@dataclass(frozen=True, slots=True)
class ReachedCompany:
    """A company the exposure reaches, and how: as a customer, or through recalls."""

    name: str
    how: tuple[str, ...]  # "customer (tier 1)", "recalls 06231", "vehicle make in 19V852000"


@dataclass(frozen=True, slots=True)
class ExposureReport:
    supplier: ResolvedEntity
    max_depth: int
    subsidiaries: tuple[SubsidiaryLink, ...]
    customers: tuple[CustomerLink, ...]
    products: tuple[ProductLink, ...]
    recalls: tuple[RecallLink, ...]
    reached: tuple[ReachedCompany, ...] = ()  # every company downstream, once

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {"schema": EXPOSURE_SCHEMA}
        out.update(plain(self))
        return out


def exposure(store: Store, name: str, *, max_depth: int = DEFAULT_MAX_DEPTH) -> ExposureReport:
    """What lies downstream of the supplier called `name` (a name or alias).

    Raises NotFound (UnknownName, with close-name suggestions) for an unknown name.
    """
    supplier = resolve_name(store, name)
    graph = store.exposure_graph(supplier.id, max_depth)
    named = recalls_naming(store, graph)
    _add_named(graph, named)
    customers = tuple(_customer(graph, e) for e in graph.supplies)
    naming = {fid: sentence for fid, (_, sentence) in named.items()}
    recalls = tuple(_recalls(graph, naming, _stories(store, graph)))
    return ExposureReport(
        supplier=supplier,
        max_depth=max_depth,
        subsidiaries=tuple(_subsidiary(graph, e) for e in graph.subsidiaries),
        customers=customers,
        products=tuple(_product(graph, e) for e in graph.products),
        recalls=recalls,
        reached=reached_companies(graph, customers, recalls),
    )


def _ref(graph: ExposureGraph, entity_id: int) -> EntityRef:
    return EntityRef.of(graph.entities[entity_id])


def _names(graph: ExposureGraph, path: tuple[int, ...]) -> tuple[str, ...]:
    return tuple(graph.entities[i].name for i in path)


def _number(value: Any) -> int | float | None:
    return value if isinstance(value, int | float) and not isinstance(value, bool) else None


def _subsidiary(graph: ExposureGraph, edge: GraphEdge) -> SubsidiaryLink:
    return SubsidiaryLink(
        parent=_ref(graph, edge.source_id), child=_ref(graph, edge.target_id),
        depth=edge.depth, share=_number(edge.fact.args.get("share")),
        path=_names(graph, edge.path), evidence=Evidence.of(edge.fact),
    )


def _customer(graph: ExposureGraph, edge: GraphEdge) -> CustomerLink:
    args = edge.fact.args
    return CustomerLink(
        supplier=_ref(graph, edge.source_id), customer=_ref(graph, edge.target_id),
        tier=edge.depth, status=args.get("status"), component=args.get("component"),
        quantity=_number(args.get("quantity")),
        product=role_name(edge.fact, "product"),
        path=_names(graph, edge.path), evidence=Evidence.of(edge.fact),
    )


def _product(graph: ExposureGraph, edge: GraphEdge) -> ProductLink:
    return ProductLink(
        company=_ref(graph, edge.source_id), product=_ref(graph, edge.target_id),
        link=edge.kind, tier=edge.depth, evidence=Evidence.of(edge.fact),
    )


def _add_named(graph: ExposureGraph, named: dict[str, tuple[FactRecord, str]]) -> None:
    """Recalls whose official text names the supplier join the walk's, reason "named"."""
    edges = {hit.fact.id: hit for hit in graph.recalls}
    for fid, (fact, _) in named.items():
        old = edges.get(fid)
        if old is None:
            edges[fid] = RecallEdge(fact, ("named",), ())
        elif "named" not in old.reasons:
            edges[fid] = RecallEdge(old.fact, (*old.reasons, "named"), old.matched_product_ids)
    graph.recalls = list(edges.values())


def _stories(store: Store, graph: ExposureGraph) -> list[FactRecord]:
    """News recalls by the companies of the official records reached: possibly other
    sources of those same recalls (grouping decides)."""
    reached = {hit.fact.id for hit in graph.recalls}
    companies = {i for hit in graph.recalls if is_record(hit.fact) for i in hit.fact.role_ids("company")}
    return store.recalls_of_companies(companies, exclude=reached, news_only=True)


def _recalls(graph: ExposureGraph, naming: dict[str, str],
             stories: Iterable[FactRecord] = ()) -> list[RecallLink]:
    """One link per recall: the edges of one recall's several sources (its record, the
    stories about it) merged, reasons and exposed products pooled. A story the walk did
    not reach itself joins as a source of a recall it did reach, never on its own."""
    by_fact = {hit.fact.id: hit for hit in graph.recalls}
    reached = set(by_fact)
    by_fact.update({f.id: RecallEdge(f, (), ()) for f in stories if f.id not in by_fact})
    links = []
    for members in group(hit.fact for hit in by_fact.values()):
        if reached.isdisjoint(f.id for f in members):
            continue
        hits = [by_fact[f.id] for f in members]
        lead = official(members) or members[0]
        sentence = next((naming[f.id] for f in members if f.id in naming), None)
        links.append(_recall(graph, by_fact[lead.id], hits, sentence))
    return sorted(links, key=lambda r: (r.date or "", r.recall_id))


def _recall(graph: ExposureGraph, lead: RecallEdge, hits: list[RecallEdge],
            naming: str | None = None) -> RecallLink:
    fact = lead.fact
    reasons = {r for h in hits for r in h.reasons}
    order = ("product", "cause", "company", "manufacturer", "importer", "distributor",
             "retailer", "named")
    exposed = dict.fromkeys(graph.entities[i].name for h in hits for i in h.matched_product_ids)
    record = is_record(fact)
    return RecallLink(
        recall_id=str(fact.args.get("recall_id") or fact.id) if record else fact.id,
        company=role_name(fact, "company"),
        products=role_names(fact, "products"),
        exposed_products=tuple(exposed),
        units=whole_number(fact.args.get("units")),
        hazard=fact.args.get("hazard"),
        cause=next((c for h in hits if (c := role_name(h.fact, "cause"))), None),
        date=fact.args.get("date") or (None if record else fact.document.published),
        reasons=tuple(r for r in order if r in reasons),
        evidence=Evidence.of(fact),
        details={k: v for k, v in fact.args.items()
                 if k not in FACT_FIELDS["recall"] and v not in (None, [], "")},
        source=source_of(fact).source,
        url=source_of(fact).url,
        parties={role: names for role in ("manufacturers", "importers", "distributors",
                                          "retailers", "named")
                 if (names := role_names(fact, role))},
        vehicles=tuple(_vehicles(fact.args.get("vehicles") or [])),
        sources=sources(h.fact for h in hits) if len(hits) > 1 or record else (),
        named_in=naming,
    )


def _vehicles(rows: list[Any]) -> list[str]:
    years: dict[tuple[str, str], list[int | None]] = {}
    for v in rows:
        if isinstance(v, dict) and v.get("make"):
            years.setdefault((v["make"], v.get("model") or ""), []).append(v.get("year"))
    return [f"{year_ranges(ys)} {make} {model}".strip() for (make, model), ys in years.items()]


def reached_companies(graph: ExposureGraph, customers: tuple[CustomerLink, ...],
                      recalls: tuple[RecallLink, ...]) -> tuple[ReachedCompany, ...]:
    """Every company downstream of the supplier, once (spellings that differ only in case
    or legal suffix are one), with how the exposure reached it: as a customer by tier,
    as the recalling firm, or as a company or vehicle make a recall's record lists. The
    supplier's own group is left out."""
    own = {name_key(graph.entities[graph.start_id].name)}
    own |= {name_key(graph.entities[e.target_id].name) for e in graph.subsidiaries}
    names: dict[str, str] = {}
    how: dict[str, dict[str, list[str]]] = {}

    def add(name: str | None, kind: str, what: str) -> None:
        key = name_key(name or "")
        if key and key not in own:
            names.setdefault(key, name or "")
            items = how.setdefault(key, {}).setdefault(kind, [])
            if what not in items:
                items.append(what)

    for c in customers:
        add(c.customer.name, "customer", f"tier {c.tier}" + (f" ({c.status})" if c.status else ""))
    for r in recalls:
        label = f"{r.source} {r.recall_id}" if r.sources else "a news report"
        add(r.company, "recalling firm", label)
        for role, listed in r.parties.items():
            for n in listed if role != "named" else ():
                if name_key(n) != name_key(r.company or ""):
                    add(n, role[:-1], label)
        for make in dict.fromkeys(v["make"] for v in r.details.get("vehicles") or []
                                  if isinstance(v, dict) and v.get("make")):
            add(make, "vehicle make", label)
    return tuple(
        ReachedCompany(names[key], tuple(f"{kind}: {_few(items)}" for kind, items in how[key].items()))
        for key in sorted(names, key=lambda k: names[k].lower())
    )


def _few(items: list[str], most: int = 3) -> str:
    return ", ".join(items[:most]) + (f" and {len(items) - most} more" if len(items) > most else "")
