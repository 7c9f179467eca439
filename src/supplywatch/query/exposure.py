"""Exposure: if this supplier is at fault, who and what downstream is touched?

The walk itself runs in the database (`Store.exposure_graph`); this module shapes
its edges into a report where every link carries its evidence and source.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from supplywatch.model import FACT_FIELDS
from supplywatch.query.lookup import resolve_name
from supplywatch.query.results import (
    EntityRef,
    Evidence,
    ResolvedEntity,
    plain,
    role_name,
    role_names,
    whole_number,
)
from supplywatch.store import DEFAULT_MAX_DEPTH, ExposureGraph, GraphEdge, RecallEdge, Store

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
    recall_id: str
    company: str | None
    products: tuple[str, ...]
    exposed_products: tuple[str, ...]  # which of `products` the exposure reached
    units: int | None  # as this one recall states it: never summed across recalls
    hazard: str | None
    cause: str | None
    date: str | None
    reasons: tuple[str, ...]  # product | cause | company
    evidence: Evidence
    details: dict[str, Any]  # fields beyond the contract's (remedy, units_shared ...)


@dataclass(frozen=True, slots=True)
class ExposureReport:
    supplier: ResolvedEntity
    max_depth: int
    subsidiaries: tuple[SubsidiaryLink, ...]
    customers: tuple[CustomerLink, ...]
    products: tuple[ProductLink, ...]
    recalls: tuple[RecallLink, ...]

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
    return ExposureReport(
        supplier=supplier,
        max_depth=max_depth,
        subsidiaries=tuple(_subsidiary(graph, e) for e in graph.subsidiaries),
        customers=tuple(_customer(graph, e) for e in graph.supplies),
        products=tuple(_product(graph, e) for e in graph.products),
        recalls=tuple(_recall(graph, r) for r in graph.recalls),
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


def _recall(graph: ExposureGraph, hit: RecallEdge) -> RecallLink:
    fact = hit.fact
    return RecallLink(
        recall_id=fact.id,
        company=role_name(fact, "company"),
        products=role_names(fact, "products"),
        exposed_products=tuple(graph.entities[i].name for i in hit.matched_product_ids),
        units=whole_number(fact.args.get("units")),
        hazard=fact.args.get("hazard"),
        cause=role_name(fact, "cause"),
        date=fact.args.get("date"),
        reasons=hit.reasons,
        evidence=Evidence.of(fact),
        details={k: v for k, v in fact.args.items()
                 if k not in FACT_FIELDS["recall"] and v is not None},
    )
