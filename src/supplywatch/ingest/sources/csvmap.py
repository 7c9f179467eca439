"""The `csv` source: any recall list as CSV (or TSV), read through a column mapping.

    supplywatch ingest battery_recall_models.csv \\
        --map model=battery_model_name,company=recall_vendor,url=recall_url

`--map` names, for each record field, the column holding it; a value in single quotes
is a constant for every row (`agency='upower'`). Without `--map`, columns named like
the fields are taken as they are. Rows that share a `recall_id` (or, without one, the
same company, url, date and title) are one recall; each row adds its product, model
number, UPC or vehicle. A row without any of those is reported and skipped.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Mapping
from dataclasses import dataclass, field

from supplywatch.codes.units import parse_units
from supplywatch.codes.urls import url_key
from supplywatch.codes.vehicles import parse_year
from supplywatch.errors import MalformedInput, SupplywatchError
from supplywatch.ingest.raw import RawInput
from supplywatch.ingest.registry import Parsed
from supplywatch.ingest.sources.records import (
    EXTRA,
    csv_header,
    iso_date,
    notice_document,
    party,
    read_csv,
)
from supplywatch.notice import Notice, NoticeProduct, Party, Vehicle

FIELDS: dict[str, str] = {
    "recall_id": "the recall's id; rows sharing it are one recall",
    "agency": "who published the recall (CPSC, NHTSA, a vendor ...); default CSV",
    "jurisdiction": "country or region (default US)",
    "date": "recall date (YYYY-MM-DD, YYYYMMDD or MM/DD/YYYY)",
    "title": "headline",
    "company": "the recalling firm",
    "manufacturer": "manufacturer", "importer": "importer", "distributor": "distributor",
    "retailer": "retailer",
    "product": "product name", "model": "model number", "upc": "UPC/EAN/GTIN",
    "make": "vehicle make", "vehicle_model": "vehicle model", "year": "vehicle model year",
    "units": "units affected", "hazard": "hazard", "remedy": "remedy", "caveat": "which units",
    "url": "the notice's URL", "description": "prose about the recall (read for supply facts)",
}
_ITEM_FIELDS = ("product", "model", "upc", "make")
_GROUP_FIELDS = ("company", "url", "date", "title")


class MappingError(SupplywatchError):
    """A --map that cannot be used: a usage error, so it ends the run before any input."""


def parse_mapping(spec: str | None) -> dict[str, str]:
    """"model=battery_model_name,agency='upower'" -> {"model": "battery_model_name", ...}."""
    out: dict[str, str] = {}
    for part in (spec or "").split(","):
        if not part.strip():
            continue
        name, sep, column = part.partition("=")
        name = name.strip().lower()
        if not sep or not column.strip():
            raise MappingError(f"--map: {part.strip()!r} is not field=column; e.g. "
                               "--map model=battery_model_name,company=recall_vendor")
        if name not in FIELDS:
            raise MappingError(f"--map: unknown field {name!r}; fields are: {', '.join(FIELDS)}")
        out[name] = column.strip()
    return out


@dataclass
class _Group:
    first: Mapping[str, str]
    products: list[NoticeProduct] = field(default_factory=list)
    vehicles: list[Vehicle] = field(default_factory=list)
    parties: dict[tuple[str, str], Party] = field(default_factory=dict)


class MappedCsvSource:
    name = "csv"
    sniffed_suffixes = (".csv", ".tsv")

    def __init__(self, mapping: Mapping[str, str] | None = None) -> None:
        self.mapping = dict(mapping or {})

    def sniff(self, raw: RawInput) -> bool:
        header = csv_header(raw)
        if not header:
            return False
        if self.mapping:
            return all(_constant(c) is not None or c.lower() in header
                       for c in self.mapping.values())
        return "recall_id" in header and any(f in header for f in _ITEM_FIELDS)

    def parse(self, raw: RawInput) -> list:
        return self.parse_input(raw).documents

    def parse_input(self, raw: RawInput) -> Parsed:
        header, rows = read_csv(raw, "CSV file")
        mapping = self._columns(raw, header)
        groups: dict[tuple[str, ...], _Group] = {}
        parsed = Parsed([], total=len(rows), unit="rows")
        for line, row in rows:
            record = {f: _value(row, c) for f, c in mapping.items()}
            problem = _problem(row, record)
            if problem:
                parsed.problems.append(f"line {line}: {problem}")
                continue
            key = (record["recall_id"],) if record.get("recall_id") else tuple(
                record.get(f, "") for f in _GROUP_FIELDS)
            group = groups.setdefault(key, _Group(record))
            _add_item(group, record)
        parsed.documents = [notice_document(raw, _notice(g)) for g in groups.values()]
        if not parsed.documents and rows:
            raise MalformedInput(raw.path, f"no row could be read ({parsed.problems[0]}); "
                                 "check the --map columns")
        return parsed

    def _columns(self, raw: RawInput, header: list[str]) -> dict[str, str]:
        mapping = self.mapping or {f: f for f in FIELDS if f in header}
        missing = [c for c in mapping.values() if _constant(c) is None and c.lower() not in header]
        if missing:
            raise MalformedInput(raw.path, f"has no column {missing[0]!r} (named in --map); its "
                                 f"columns are: {', '.join(header)}")
        if not any(f in mapping for f in _ITEM_FIELDS):
            raise MalformedInput(raw.path, "no column mapped to product, model, upc or make: "
                                 "nothing to recognise a recalled item by; pass --map "
                                 "model=COLUMN (fields: " + ", ".join(FIELDS) + ")")
        return {f: c if _constant(c) is not None else c.lower() for f, c in mapping.items()}


def _constant(column: str) -> str | None:
    return column[1:-1] if len(column) >= 2 and column[0] == column[-1] == "'" else None


def _value(row: Mapping[str, str], column: str) -> str:
    constant = _constant(column)
    return constant if constant is not None else row.get(column, "")


def _problem(row: Mapping[str, str], record: Mapping[str, str]) -> str | None:
    extra = row.get(EXTRA)
    if extra:
        return f"{extra} more values than the header has columns"
    if not any(record.get(f) for f in _ITEM_FIELDS):
        return "no product, model, UPC or vehicle make"
    if record.get("date") and iso_date(record["date"]) is None:
        return f"date {record['date']!r} is not YYYY-MM-DD, YYYYMMDD or MM/DD/YYYY"
    return None


def _add_item(group: _Group, record: Mapping[str, str]) -> None:
    for role in ("manufacturer", "importer", "distributor", "retailer"):
        p = party(record.get(role), role)
        if p is not None:
            group.parties.setdefault((role, p.name.lower()), p)
    if record.get("make"):
        group.vehicles.append(Vehicle(record["make"], record.get("vehicle_model", ""),
                                      parse_year(record.get("year"))))
    if record.get("product") or record.get("model") or record.get("upc"):
        model = record.get("model", "")
        brand = record.get("company", "")
        name = record.get("product") or (f"{brand} {model}".strip() if model else "")
        if model and brand and name.lower().startswith(model.lower()):
            name = f"{brand} {name}"
        group.products.append(NoticeProduct(
            name or record.get("upc", ""), (model,) if model else (),
            (record["upc"],) if record.get("upc") else (), parse_units(record.get("units"))))


def _notice(group: _Group) -> Notice:
    r = group.first
    agency = r.get("agency") or "CSV"
    number = r.get("recall_id") or _derived_id(r)
    parties = list(group.parties.values())
    products = list({(p.name, p.models, p.upcs): p for p in group.products}.values())
    if group.vehicles:
        products += [NoticeProduct(f"{v.make} {v.model}".strip()) for v in dict.fromkeys(
            Vehicle(v.make, v.model, None) for v in group.vehicles)]
    what = products[0].name if len(products) == 1 else f"{len(products)} products"
    title = r.get("title") or f"{r.get('company') or agency} recall: {what} ({agency} list)"
    return Notice(
        agency=agency, number=number, title=title, title_official=bool(r.get("title")),
        date=iso_date(r.get("date")),
        jurisdiction=r.get("jurisdiction") or "US", company=r.get("company") or None,
        parties=tuple(parties), products=tuple(products), vehicles=tuple(dict.fromkeys(group.vehicles)),
        units=parse_units(r.get("units")), units_text=r.get("units") or None,
        hazard=r.get("hazard") or None, remedy=r.get("remedy") or None,
        caveat=r.get("caveat") or None, url=r.get("url") or None,
        narrative=(("Description", r["description"]),) if r.get("description") else (),
    )


def _derived_id(r: Mapping[str, str]) -> str:
    """An id for a recall the file gives none: the company plus a short hash of what
    groups its rows, so the same rows get the same id on every import."""
    basis = "|".join([r.get("company", ""), url_key(r.get("url")) or "", r.get("date", ""),
                      r.get("title", "")])
    company = re.sub(r"[^0-9A-Za-z]+", "-", r.get("company", "") or "recall").strip("-")
    return f"{company}-{hashlib.sha256(basis.lower().encode()).hexdigest()[:8]}"


__all__ = ["FIELDS", "MappedCsvSource", "MappingError", "Party", "parse_mapping"]
