"""Rich renderables for the CLI's human output. The CLI prints them; nothing here prints.

Every edge shown carries its evidence sentence and source, as the JSON does. Text
from documents goes in through `Text` objects, never markup, so brackets in a
headline cannot break the layout.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence

from rich.console import Group, RenderableType
from rich.table import Table
from rich.text import Text
from rich.tree import Tree

from supplywatch.model import Extraction
from supplywatch.query import (
    NO_RECORD_CAVEAT,
    CheckResult,
    CustomerLink,
    EntityProfile,
    Evidence,
    ExposureReport,
    ProductLink,
    RecallLink,
    Relation,
    SubsidiaryLink,
)
from supplywatch.query.recalls import RecallSource

EVIDENCE_WIDTH = 220
_STATUS_STYLE = {"recalled": "bold red", "possible": "bold yellow", "no_record": "bold green"}


def _clip(text: str, width: int = EVIDENCE_WIDTH) -> str:
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 1] + "…"


def titled_table(title: str, columns: Sequence[str], lines: bool = True) -> Table:
    """A table with a left-aligned title whose columns wrap long text instead of cutting it."""
    table = Table(title=title, title_justify="left", show_lines=lines)
    for column in columns:
        table.add_column(column, overflow="fold")
    return table


def evidence_text(ev: Evidence) -> Text:
    """“sentence” — source, date, title (path) · confidence"""
    src = ev.source
    where = ", ".join(x for x in (src.source, src.published, src.title) if x)
    cite = f"{where} ({src.path})" if where else src.path
    kind = f" · {ev.evidence_type}" if ev.evidence_type != "news" else ""
    return Text.assemble(
        ("“" + _clip(ev.sentence) + "”", "italic"),
        (f" — {cite} · confidence {ev.confidence:.2f}{kind}", "dim"),
    )


def _edge(label: Text, ev: Evidence) -> Group:
    return Group(label, evidence_text(ev))


def _units(units: int | None) -> str:
    return f"{units:,} units" if units is not None else "units not stated"


def _recall_label(r: RecallLink) -> Text:
    units = _units(r.units)
    if r.units is not None and r.details.get("units_shared"):
        units += " (one figure for the companies recalling together)"
    bits = [units, _clip(r.hazard, 80) if r.hazard else None, r.date,
            f"cause: {r.cause}" if r.cause else None, _listed(r.vehicles, "vehicles"),
            *(_listed(names, role) for role, names in r.parties.items())]
    official = f"{r.source} {r.recall_id} " if any(s.kind == "record" for s in r.sources) else ""
    label = Text.assemble(
        ("RECALL ", "bold red"), (official, "bold red"),
        (f"by {r.company or '?'} of {_listed(r.products, '') or '?'}", "red"),
        (" — " + "; ".join(b for b in bits if b), ""),
    )
    if r.named_in:
        label.append(f"\nnamed in the notice: “{_clip(r.named_in, 200)}”", "italic")
    if len(r.sources) > 1:
        label.append("\n" + sources_line(r.sources), "dim")
    return label


def _listed(names: Sequence[str], what: str, most: int = 4) -> str | None:
    """"a, b, c and 5 more" (with "what: " before it), or None for no names."""
    if not names:
        return None
    shown = ", ".join(names[:most]) + (f" and {len(names) - most} more" if len(names) > most else "")
    return f"{what}: {shown}" if what else shown


def sources_line(sources: Sequence[RecallSource]) -> str:
    """"one recall, 2 sources: CPSC record 06231 (2006-08-15); news: Wire (2006-10-01, 4.1M units)"."""
    bits = []
    for src in sources:
        units = f", {src.units:,} units" if src.units is not None else ""
        if src.kind == "record":
            bits.append(f"{src.source} record {src.recall_id} ({src.date or 'undated'}{units})")
        else:
            bits.append(f"news: {src.source or src.path} ({src.date or 'undated'}{units})")
    return f"one recall, {len(sources)} sources: " + "; ".join(bits)


# --- exposure -------------------------------------------------------------------------

_LINK_WORDS = {"supplies": "contains the supplied parts", "makes": "made by {company}",
               "recall": "recalled by {company}"}


class _ExposureIndex:
    """The report's edges grouped by the entity they leave, for growing the tree."""

    def __init__(self, report: ExposureReport) -> None:
        self.owns: dict[int, list[SubsidiaryLink]] = defaultdict(list)
        self.supplies: dict[int, list[CustomerLink]] = defaultdict(list)
        self.products: dict[int, dict[int, list[ProductLink]]] = defaultdict(dict)
        self.recalls: dict[str, list[RecallLink]] = defaultdict(list)
        for sub in report.subsidiaries:
            self.owns[sub.parent.id].append(sub)
        for c in report.customers:
            self.supplies[c.supplier.id].append(c)
        for p in report.products:
            self.products[p.company.id].setdefault(p.product.id, []).append(p)
        for r in report.recalls:
            for name in r.exposed_products:
                self.recalls[name].append(r)
        self.seen: set[int] = set()

    def grow(self, node: Tree, entity_id: int) -> None:
        if entity_id in self.seen:  # a cycle or a second route: shown once
            node.add(Text("(already shown above)", "dim"))
            return
        self.seen.add(entity_id)
        for sub in self.owns[entity_id]:
            label = Text.assemble("owns ", (sub.child.name, "bold"))
            if sub.share is not None:
                label.append(f" ({sub.share:.0%})")
            self.grow(node.add(_edge(label, sub.evidence)), sub.child.id)
        for c in self.supplies[entity_id]:
            details = [f"tier {c.tier}", c.status, c.component,
                       f"qty {c.quantity:,}" if c.quantity is not None else None,
                       f"for {c.product}" if c.product else None]
            label = Text.assemble("supplies ", (c.customer.name, "bold"),
                                  (" (" + ", ".join(d for d in details if d) + ")", "cyan"))
            self.grow(node.add(_edge(label, c.evidence)), c.customer.id)
        for links in self.products[entity_id].values():
            self._product(node, links)

    def _product(self, node: Tree, links: list[ProductLink]) -> None:
        product = links[0].product.name
        how = [_LINK_WORDS.get(p.link, p.link).format(company=p.company.name) for p in links]
        branch = node.add(Text.assemble("product ", (product, "bold magenta"),
                                        (" — " + "; ".join(how), "magenta")))
        recalls = self.recalls.get(product, [])
        # Each sentence once: the recall nodes below cite their own, and one sentence
        # often carries several facts.
        shown = {(r.evidence.sentence, r.evidence.source.path) for r in recalls}
        for p in links:
            key = (p.evidence.sentence, p.evidence.source.path)
            if key not in shown:
                shown.add(key)
                branch.add(evidence_text(p.evidence))
        for r in recalls:
            branch.add(_edge(_recall_label(r), r.evidence))


def render_exposure(report: ExposureReport) -> Tree:
    """supplier → subsidiaries / customers (by tier) → products → recalls, with evidence."""
    s = report.supplier
    head = Text.assemble((s.name, "bold"), f" ({s.type})")
    if s.matched_on == "alias":
        head.append(f" — matched alias “{s.matched_alias}” for “{s.query}”", "dim")
    tree = Tree(head)
    _ExposureIndex(report).grow(tree, s.id)
    direct = [r for r in report.recalls if not r.exposed_products]
    if direct:
        branch = tree.add(Text("recalls issued by or blaming the supplier or a subsidiary", "bold"))
        for r in direct:
            branch.add(_edge(_recall_label(r), r.evidence))
    if not (report.subsidiaries or report.customers or report.recalls):
        tree.add(Text("no downstream customers or recalls known to this database", "dim"))
    if report.reached:
        branch = tree.add(Text(f"companies reached ({len(report.reached)})", "bold"))
        for company in report.reached:
            branch.add(Text.assemble((company.name, "bold"), (" — " + "; ".join(company.how), "dim")))
    return tree


# --- check ----------------------------------------------------------------------------


def render_check(result: CheckResult) -> Group:
    """The verdict, a table of matches, and the no_record caveat with the data's freshness."""
    parts: list[RenderableType] = [
        Text.assemble((result.status.upper().replace("_", " "), _STATUS_STYLE[result.status]),
                      f"  {result.query}")
    ]
    for n, m in enumerate(result.matches, 1):
        # One block per match: the evidence sentence needs the full width to be readable.
        head = Text.assemble((f"{n}. {m.product}", "bold"), f"  score {m.score:.3f}, matched on "
                             f"{m.matched_on} '{m.matched_text}'")
        facts = [f"{k}: {v}" for k, v in (
            ("company", m.company), ("recall", m.recall_id), ("date", m.date),
            ("units", f"{m.units:,}" if m.units is not None else None),
            ("hazard", _clip(m.hazard, 160) if m.hazard else None),
            ("remedy", _clip(m.remedy, 160) if m.remedy else None), ("caveat", m.caveat),
            ("source", m.source or m.url), ("url", m.url if m.source else None),
            ("last verified", m.last_verified),
        ) if v]
        parts.append(head)
        parts.append(Text("   " + "; ".join(facts)))
        if m.explanation:
            parts.append(Text(f"   why: {m.explanation}", "cyan"))
        if len(m.sources) > 1:
            parts.append(Text("   " + sources_line(m.sources), "dim"))
        if m.evidence:
            parts.append(Text(f"   “{_clip(m.evidence, 300)}”", "italic"))
    if result.status == "no_record":
        parts.append(Text(NO_RECORD_CAVEAT.capitalize() + ".", "bold"))
    elif result.status == "possible":
        parts.append(Text("Only partial matches: check the model number on the product.",
                          "yellow"))
    parts.append(Text(_freshness(result), "dim"))
    return Group(*parts)


def _freshness(result: CheckResult) -> str:
    if result.freshness is None:
        return "The database is empty: nothing has been ingested yet."
    when = result.freshness.strftime("%Y-%m-%d %H:%M UTC")
    line = f"Database: {result.documents:,} documents; newest ingested {when}."
    db = result.database
    if db is not None and db.records:
        agencies = ", ".join(f"{n:,} {a}" for a, n in db.by_agency.items())
        line += (f" Official recall records: {db.records:,} ({agencies}), the newest dated "
                 f"{db.newest_recall or 'unknown'}; recalls after that are not known here.")
    return line


# --- profile --------------------------------------------------------------------------


def render_entity(profile: EntityProfile) -> Group:
    """Name, type and aliases, then one table per non-empty section, then dated events."""
    e = profile.entity
    head = Text.assemble((e.name, "bold"), f" ({e.type})")
    if e.aliases:
        head.append("\naliases: " + ", ".join(e.aliases), "dim")
    parts: list[RenderableType] = [head]
    sections: Sequence[tuple[str, Iterable[Relation]]] = (
        ("Owners", profile.owners), ("Subsidiaries", profile.subsidiaries),
        ("Suppliers", profile.suppliers), ("Customers", profile.customers),
        ("Products", profile.products), ("Made by", profile.makers),
        ("Partnerships", profile.partnerships),
    )
    for title, relations in sections:
        rows = list(relations)
        if rows:
            parts.append(_relation_table(title, rows))
    if profile.recalls:
        table = titled_table("Recalls", ("as", "recall", "company", "products", "units",
                                         "hazard", "cause", "date", "evidence"))
        for r in profile.recalls:
            official = f"{r.source} {r.recall_id}" if r.evidence.evidence_type == "recall notice" else ""
            table.add_row(r.role, official, r.company or "", _listed(r.products, "") or "",
                          _units(r.units), _clip(r.hazard, 120) if r.hazard else "",
                          r.cause or "", r.date or "", evidence_text(r.evidence))
        parts.append(table)
    if profile.events:
        table = titled_table("Dated events", ("published", "event", "evidence"))
        for ev in profile.events:
            table.add_row(ev.date or "undated", ev.summary, evidence_text(ev.evidence))
        parts.append(table)
    return Group(*parts)


def _relation_table(title: str, relations: list[Relation]) -> Table:
    table = titled_table(title, ("name", "details", "evidence"))
    for rel in relations:
        details = [rel.status] if rel.status else []
        details += [f"{k}: {v}" for k, v in rel.details.items()
                    if k != "more_evidence" and k not in _BOOKKEEPING]
        evidence = evidence_text(rel.evidence)
        for extra in rel.details.get("more_evidence") or []:
            evidence.append(f"\nalso: “{extra['evidence']}”", "italic")
        table.add_row(Text(rel.other.name, "bold"), "; ".join(details), evidence)
    return table


# Fields a record's facts carry for provenance, shown elsewhere (evidence type beside the
# evidence) or of no use to a reader (the record key, the CSV row number).
_BOOKKEEPING = frozenset({"record_key", "row", "field", "evidence_type"})

render_profile = render_entity  # the query function is entity_profile; both names work


# --- extraction -----------------------------------------------------------------------


def render_extraction(extraction: Extraction) -> Group:
    """One document's entities and facts, as `supplywatch extract` shows them."""
    doc = extraction.document
    head = Text.assemble((doc.title or doc.path, "bold"))
    meta = ", ".join(x for x in (doc.source, doc.published, doc.kind) if x)
    head.append(f"\n{doc.path} · {meta} · id {doc.id[:12]}", "dim")
    parts: list[RenderableType] = [head]
    if extraction.entities:
        table = titled_table("Entities", ("id", "name", "type", "aliases", "mentions"), lines=False)
        for e in extraction.entities:
            table.add_row(e.id, Text(e.name, "bold"), e.type, ", ".join(e.aliases),
                          str(len(e.mentions)))
        parts.append(table)
    if extraction.facts:
        table = titled_table("Facts", ("type", "statement", "conf.", "evidence"))
        for f in extraction.facts:
            fields = [f"{k}: {v}" for k, v in f.contract().items()
                      if k not in ("type", "evidence", "span", "confidence") and v is not None]
            table.add_row(f.type, "\n".join(fields), f"{f.confidence:.2f}",
                          Text(_clip(f.evidence), "italic"))
        parts.append(table)
    else:
        parts.append(Text("no facts found in this document", "dim"))
    return Group(*parts)
