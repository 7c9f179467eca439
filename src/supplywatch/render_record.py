"""The human view of one official record (`supplywatch recall ID`): its fields, the facts
it states with their evidence, and its versions. Nothing here prints."""

from __future__ import annotations

from rich.console import Group, RenderableType
from rich.table import Table
from rich.text import Text

from supplywatch.codes.vehicles import year_ranges
from supplywatch.query import RecordReport
from supplywatch.render import _clip, evidence_text, titled_table


def render_record(report: RecordReport) -> Group:
    """The record's fields, the facts it states with their evidence, and its versions."""
    r = report.record
    head = Text.assemble((f"{r.agency} {r.number}", "bold red"), f"  {r.title or ''}")
    head.append(f"\n{r.key} · version {r.version} · first seen {r.first_seen:%Y-%m-%d}, last "
                f"verified {r.last_seen:%Y-%m-%d}" + (f" · {r.url}" if r.url else ""), "dim")
    parts: list[RenderableType] = [head]
    table = Table(title="Record", title_justify="left", show_header=False)
    table.add_column("field")
    table.add_column("value", overflow="fold")
    for name, value in report.current.items():
        if value not in (None, "", [], {}) and name not in _HIDDEN_FIELDS:
            table.add_row(name, _clip(_value_text(name, value), 600))
    parts.append(table)
    if report.facts:
        facts = titled_table("Facts it states", ("fact", "field", "evidence"))
        for f in report.facts:
            facts.add_row(f.summary, f.field or "record fields", evidence_text(f.evidence))
        parts.append(facts)
    if len(report.versions) > 1:
        history = titled_table("History", ("version", "imported", "from", "changes"))
        for v in report.versions:
            changes = "; ".join(
                f"{c['field']}: {_clip(_value_text(c['field'], c['old']), 80)} → "
                f"{_clip(_value_text(c['field'], c['new']), 80)}" for c in v.changes
            ) or "first import"
            history.add_row(str(v.version), f"{v.seen_at:%Y-%m-%d %H:%M}", v.path or "", changes)
        parts.append(history)
    for other in report.others:
        parts.append(Text(f"also: {other.key} — {other.title or ''}", "dim"))
    return Group(*parts)


_HIDDEN_FIELDS = frozenset({"title_official", "narrative", "details"})


def _value_text(name: str, value: object) -> str:
    """A record field for people: parties by role, products with their models and units,
    vehicles with year ranges, prose and labelled details as they are."""
    if value is None:
        return "—"
    if not isinstance(value, list):
        return str(value)
    if name == "parties":
        return "; ".join(f"{p.get('role')}: {p.get('name')}"
                         + (f" (also {', '.join(p['aliases'])})" if p.get("aliases") else "")
                         for p in value if isinstance(p, dict))
    if name == "products":
        return "; ".join(_product_text(p) for p in value if isinstance(p, dict))
    if name == "vehicles":
        years: dict[tuple[str, str], list[int | None]] = {}
        for v in value:
            if isinstance(v, dict):
                years.setdefault((v.get("make", ""), v.get("model", "")), []).append(v.get("year"))
        return "; ".join(f"{year_ranges(y)} {m} {mo}" for (m, mo), y in years.items())
    return "; ".join(str(v) if not isinstance(v, list) else ": ".join(map(str, v)) for v in value)


def _product_text(p: dict) -> str:
    bits = [f"models {', '.join(p['models'])}" if p.get("models") else "",
            f"UPC {', '.join(p['upcs'])}" if p.get("upcs") else "",
            f"{p['units']:,} units" if isinstance(p.get("units"), int) else ""]
    extra = "; ".join(b for b in bits if b)
    return f"{p.get('name')}" + (f" ({extra})" if extra else "")
