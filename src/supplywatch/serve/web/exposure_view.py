"""The exposure report as a tree: from the supplier through its subsidiaries and
customers (tier by tier) to products and the recalls touching them, with units; and the
same rows flattened for the CSV export.

The report (query/exposure.py) is a graph, not a tree: an entity reached twice is
expanded where it is first reached and marked "see above" elsewhere.
"""

from __future__ import annotations

import csv
import io
from collections import defaultdict
from dataclasses import dataclass, field, replace

from supplywatch.model import name_key
from supplywatch.query.exposure import CustomerLink, ExposureReport, ProductLink, RecallLink
from supplywatch.query.results import Evidence


@dataclass(frozen=True, slots=True)
class TreeNode:
    kind: str  # supplier | subsidiary | customer | product | recall
    name: str
    entity_id: int | None = None
    relation: str | None = None  # how it hangs from its parent: "owns 80%", "supplies cells"
    status: str | None = None  # a supply relation's: active | planned | ended
    tier: int | None = None
    units: int | None = None  # a recall's, as its notice states it
    hazard: str | None = None
    date: str | None = None
    recall_id: str | None = None  # the agency's number; none for a recall only the news states
    source: str | None = None  # the agency or publication of a recall
    evidence: Evidence | None = None
    repeated: bool = False  # already expanded above
    children: tuple[TreeNode, ...] = ()


@dataclass
class _Links:
    """The report's links by the entity they hang from."""

    below: dict[int, list[TreeNode]] = field(default_factory=lambda: defaultdict(list))
    recalls_of_product: dict[str, list[RecallLink]] = field(default_factory=lambda: defaultdict(list))
    recalls_of_company: dict[str, list[RecallLink]] = field(default_factory=lambda: defaultdict(list))


def _customer(c: CustomerLink) -> TreeNode:
    what = " ".join(x for x in ("supplies", c.component, c.product and f"for {c.product}") if x)
    return TreeNode("customer", c.customer.name, c.customer.id, what, c.status, c.tier,
                    evidence=c.evidence)


def _product(p: ProductLink) -> TreeNode:
    what = {"supplies": "contains the supplied parts", "makes": "made by",
            "recall": "recalled by"}.get(p.link, p.link)
    return TreeNode("product", p.product.name, p.product.id, what, tier=p.tier,
                    evidence=p.evidence)


def _recall(r: RecallLink) -> TreeNode:
    products = ", ".join(r.exposed_products or r.products)
    official = any(s.kind == "record" for s in r.sources)
    return TreeNode("recall", f"{r.company or '?'} recalls {products or 'products'}",
                    relation="; ".join(r.reasons), units=r.units, hazard=r.hazard, date=r.date,
                    recall_id=r.recall_id if official else None,
                    source=r.source if official else (r.source or "news report"),
                    evidence=r.evidence)


def _links(report: ExposureReport) -> _Links:
    links = _Links()
    for s in report.subsidiaries:
        share = f" {s.share:.0%}" if s.share is not None else ""
        links.below[s.parent.id].append(TreeNode("subsidiary", s.child.name, s.child.id,
                                                 f"owns{share}", evidence=s.evidence))
    for c in report.customers:
        links.below[c.supplier.id].append(_customer(c))
    for p in report.products:
        links.below[p.company.id].append(_product(p))
    for r in report.recalls:
        for name in r.exposed_products:
            links.recalls_of_product[name_key(name)].append(r)
        if not r.exposed_products:
            links.recalls_of_company[name_key(r.company or "")].append(r)
    return links


def exposure_tree(report: ExposureReport) -> TreeNode:
    """The report as a tree rooted at the supplier; recalls reached without a product
    hang from their company where it is in the tree, else from the supplier."""
    links = _links(report)
    expanded: set[tuple[str, int | str]] = set()
    placed: set[int] = set()  # the recall links already hung somewhere

    def grow(node: TreeNode) -> TreeNode:
        key = (node.kind, node.entity_id if node.entity_id is not None else node.name)
        if node.kind != "recall" and key in expanded:
            return replace(node, repeated=True)
        expanded.add(key)
        kids = [grow(child) for child in _dedupe(links.below.get(node.entity_id or -1, []))]
        recalls = (links.recalls_of_product.get(name_key(node.name), []) if node.kind == "product"
                   else links.recalls_of_company.get(name_key(node.name), []))
        for r in recalls:
            placed.add(id(r))
            kids.append(_recall(r))
        return replace(node, children=tuple(kids))

    s = report.supplier
    root = grow(TreeNode("supplier", s.name, s.id))
    stray = [_recall(r) for r in report.recalls if id(r) not in placed]
    return replace(root, children=root.children + tuple(stray)) if stray else root


def _dedupe(nodes: list[TreeNode]) -> list[TreeNode]:
    """One node per product under a company (a product made and recalled is shown once,
    with both relations); other links stay as they are."""
    out: list[TreeNode] = []
    products: dict[int | None, int] = {}
    for n in nodes:
        if n.kind != "product":
            out.append(n)
        elif n.entity_id not in products:
            products[n.entity_id] = len(out)
            out.append(n)
        else:
            old = out[products[n.entity_id]]
            if n.relation and n.relation not in (old.relation or "").split("; "):
                out[products[n.entity_id]] = replace(old, relation=f"{old.relation}; {n.relation}")
    return out


# --- CSV --------------------------------------------------------------------------------

CSV_COLUMNS = ("level", "path", "kind", "name", "relation", "status", "tier", "units", "hazard",
               "date", "recall_id", "recall_source", "evidence", "source_title", "source_url",
               "document_id")


def _cell(value: object) -> str:
    """A CSV cell; text a spreadsheet would run as a formula is quoted with an apostrophe."""
    text = "" if value is None else str(value)
    return "'" + text if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text


def _rows(node: TreeNode, path: tuple[str, ...], level: int) -> list[list[str]]:
    here = (*path, node.name)
    ev = node.evidence
    row = [level, " > ".join(here), node.kind, node.name, node.relation, node.status, node.tier,
           node.units, node.hazard, node.date, node.recall_id, node.source,
           ev.sentence if ev else None, ev.source.title if ev else None,
           (ev.source.url or ev.source.path) if ev else None, ev.source.document_id if ev else None]
    out = [[_cell(v) for v in row]]
    for child in node.children:
        out.extend(_rows(child, here, level + 1))
    return out


def exposure_csv(tree: TreeNode) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(CSV_COLUMNS)
    writer.writerows(_rows(tree, (), 0))
    return buffer.getvalue()
