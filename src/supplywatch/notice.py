"""Official recall notices and BOM/teardown lines as plain typed records.

An ingest source turns one agency record (a CPSC API object, a GSA result, an NHTSA
campaign's FLAT_RCL rows, an RSS item, a CSV row group) into a `Notice`, or one
product's BOM rows into a `BomProduct`. Either is rendered into a plain text
(`render`): the text is what the Document stores and what the extraction stage reads,
so every fact's evidence is a verbatim piece of it, and `Rendered.fields` says which
record field each piece came from. Nothing here does I/O.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import asdict, dataclass, field
from typing import Any

from supplywatch.codes.vehicles import year_ranges

PARTY_ROLES = ("manufacturer", "importer", "distributor", "retailer")
EVIDENCE_TYPES = ("teardown", "bom", "recall notice", "news")


def clean(value: Any) -> str:
    """One line of text: NFC, every run of whitespace one space, trimmed."""
    if value is None:
        return ""
    return " ".join(unicodedata.normalize("NFC", str(value)).split())


@dataclass(frozen=True, slots=True)
class Party:
    """A company a notice names, in its role; `aliases` holds "dba" and short names."""

    name: str
    role: str  # manufacturer | importer | distributor | retailer
    aliases: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Vehicle:
    make: str
    model: str
    year: int | None  # None: unknown (NHTSA's 9999)


@dataclass(frozen=True, slots=True)
class NoticeProduct:
    """A recalled product as the notice names it, with what identifies it."""

    name: str
    models: tuple[str, ...] = ()  # model numbers as written
    upcs: tuple[str, ...] = ()  # UPC/EAN/GTIN as written
    units: int | None = None
    prose: bool = False  # the name is the agency's descriptive prose, read for facts


@dataclass(frozen=True, slots=True)
class Notice:
    """One official recall record. `key` (agency + number) is its identity across
    imports: a changed record with the same key is a new version of the same recall."""

    agency: str  # CPSC | NHTSA | FDA | ... or the CSV's source label
    number: str  # the recall id as the agency writes it
    title: str | None = None
    title_official: bool = True  # False: made from the URL, not written by the agency
    date: str | None = None  # ISO date
    jurisdiction: str | None = "US"
    company: str | None = None  # the recalling firm
    parties: tuple[Party, ...] = ()
    products: tuple[NoticeProduct, ...] = ()
    vehicles: tuple[Vehicle, ...] = ()
    components: tuple[str, ...] = ()  # NHTSA component descriptions
    units: int | None = None
    units_text: str | None = None
    hazard: str | None = None
    remedy: str | None = None
    caveat: str | None = None
    url: str | None = None
    narrative: tuple[tuple[str, str], ...] = ()  # (label, prose): what the extractor reads
    details: tuple[tuple[str, str], ...] = ()  # (label, value): shown, not read for facts
    evidence_type: str = "recall notice"

    @property
    def key(self) -> str:
        return f"{self.agency.upper()}:{self.number.strip().upper()}"

    def snapshot(self) -> dict[str, Any]:
        """The record's fields as plain JSON values: what a version keeps, and what a
        change is computed over."""
        return asdict(self)


@dataclass(frozen=True, slots=True)
class BomLine:
    """One row of a BOM or teardown file: the product contains `component` from `supplier`."""

    row: int
    component: str
    supplier: str
    evidence_type: str  # teardown | bom | recall notice | news
    source: str | None = None  # the row's source column as written ("teardown: iFixit")
    part_number: str | None = None
    date: str | None = None
    reference: str | None = None  # URL or citation
    note: str | None = None


@dataclass(frozen=True, slots=True)
class BomProduct:
    """All rows about one product of one brand: one document, so a changed row updates it."""

    brand: str
    product: str
    model: str | None
    lines: tuple[BomLine, ...]

    @property
    def key(self) -> str:
        parts = (self.brand, self.product, self.model or "")
        return "BOM:" + "/".join(re.sub(r"\s+", " ", p.strip().lower()) for p in parts)

    def snapshot(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(frozen=True, slots=True)
class FieldSpan:
    """Where one record field sits in the rendered text."""

    name: str
    start: int
    end: int
    narrative: bool  # prose the extraction stage reads for facts


@dataclass(frozen=True, slots=True)
class Rendered:
    text: str
    fields: tuple[FieldSpan, ...]

    def field_at(self, start: int, end: int) -> FieldSpan | None:
        """The field wholly holding [start, end), if one does."""
        return next((f for f in self.fields if f.start <= start and end <= f.end), None)

    def span(self, *names: str) -> tuple[int, int] | None:
        """From the start of the first named field present to the end of the last one."""
        hits = [f for f in self.fields if f.name in names]
        return (hits[0].start, hits[-1].end) if hits else None


@dataclass
class _Writer:
    lines: list[str] = field(default_factory=list)
    fields: list[FieldSpan] = field(default_factory=list)
    size: int = 0

    def add(self, name: str, text: str, *, narrative: bool = False, label: str = "") -> None:
        """Append a line; `label` goes before the text and outside the field's span."""
        text = clean(text)
        if not text:
            return
        if label:
            self._line(label + ":")
        start = self.size + (1 if self.lines else 0)
        self._line(text)
        self.fields.append(FieldSpan(name, start, start + len(text), narrative))

    def labelled(self, name: str, label: str, values: list[str] | tuple[str, ...],
                 end: str = ".") -> None:
        """One line "Label: a; b." whose field span covers the values only."""
        values = [v for v in (clean(x) for x in values) if v]
        if not values:
            return
        body = "; ".join(values)
        prefix = f"{label}: "
        start = self.size + (1 if self.lines else 0) + len(prefix)
        self._line(prefix + body + ("" if body.endswith(".") else end))
        self.fields.append(FieldSpan(name, start, start + len(body), False))

    def _line(self, line: str) -> None:
        self.size += len(line) + (1 if self.lines else 0)
        self.lines.append(line)

    def done(self) -> Rendered:
        return Rendered("\n".join(self.lines), tuple(self.fields))


def _sentence(text: str) -> str:
    text = clean(text)
    return text if not text or text[-1] in ".!?" else text + "."


def render_notice(notice: Notice) -> Rendered:
    """The notice as a document text: headline, id line, products, then labelled fields
    and the prose sections (each under its own heading line)."""
    w = _Writer()
    w.add("title", notice.title or f"{notice.agency} recall {notice.number}",
          narrative=bool(notice.title) and notice.title_official)
    id_bits = [f"{notice.agency} recall {notice.number}", notice.jurisdiction, notice.date]
    w.add("id", _sentence(", ".join(b for b in id_bits if b)))
    for n, product in enumerate(notice.products):
        w.add(f"product[{n}]", _sentence(product.name), narrative=product.prose)
    w.labelled("company", "Recalling firm", [notice.company] if notice.company else [])
    models = [m for p in notice.products for m in p.models]
    w.labelled("models", "Model numbers", list(dict.fromkeys(models)))
    w.labelled("upcs", "UPC", list(dict.fromkeys(u for p in notice.products for u in p.upcs)))
    w.labelled("vehicles", "Vehicles", _vehicle_lines(notice.vehicles))
    w.labelled("components", "Components", list(notice.components))
    w.labelled("units", "Units", [notice.units_text or (f"{notice.units:,}" if notice.units else "")])
    for role in PARTY_ROLES:
        names = [p.name + (f" (also {', '.join(p.aliases)})" if p.aliases else "")
                 for p in notice.parties if p.role == role]
        w.labelled(f"{role}s", role.capitalize() + "s", names)
    w.labelled("caveat", "Caveat", [notice.caveat] if notice.caveat else [])
    for label, value in notice.details:
        w.labelled(label.lower().replace(" ", "_"), label, [value])
    if notice.hazard:
        w.add("hazard", notice.hazard, narrative=True, label="Hazard")
    for label, prose in notice.narrative:
        w.add(label.lower().replace(" ", "_"), prose, narrative=True, label=label)
    if notice.remedy:
        w.add("remedy", notice.remedy, narrative=False, label="Remedy")
    w.labelled("url", "URL", [notice.url] if notice.url else [], end="")
    return w.done()


def _vehicle_lines(vehicles: tuple[Vehicle, ...]) -> list[str]:
    """"2003-2006 ACURA MDX" per make and model, years collapsed into ranges."""
    years: dict[tuple[str, str], list[int | None]] = {}
    for v in vehicles:
        years.setdefault((v.make, v.model), []).append(v.year)
    return [f"{year_ranges(ys)} {make} {model}".strip() for (make, model), ys in years.items()]


def render_bom(product: BomProduct) -> Rendered:
    """One line per BOM row, each its own field ("line[n]"): the evidence of its fact."""
    w = _Writer()
    name = f"{product.brand} {product.product}".strip()
    w.add("product", name + (f" (model {product.model})" if product.model else ""))
    for n, line in enumerate(product.lines):
        bits = [f"{name} contains {line.component} from {line.supplier}"]
        if line.part_number:
            bits.append(f"part number {line.part_number}")
        source = line.source or line.evidence_type
        bits.append(f"source: {source}" + (f", {line.date}" if line.date else ""))
        if line.reference:
            bits.append(line.reference)
        if line.note:
            bits.append(line.note)
        w.add(f"line[{n}]", _sentence("; ".join(bits)))
    return w.done()
