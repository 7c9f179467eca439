"""The `bom` source: a BOM or teardown list as CSV — "product P contains part C from S".

Columns (header names, any order, case ignored):

| column | required | what |
|---|---|---|
| brand | yes | the company selling the product |
| product | yes (or model) | the product's name |
| model | no | its model number |
| component | yes | the part ("lithium-ion cells", "air bag inflator") |
| supplier | yes | the part's maker |
| source | no | evidence type: teardown, bom, recall notice or news, then optionally |
|        |    | ": who" ("teardown: iFixit"); default bom |
| date | no | when it was established (YYYY-MM-DD) |
| reference | no | URL or citation (`url` is read too) |
| part_number | no | the part's number |
| note | no | anything else |

Rows of one brand, product and model make one document, so re-importing a changed
row updates that product's document and keeps its history.
"""

from __future__ import annotations

import re

from supplywatch.ingest.raw import RawInput
from supplywatch.ingest.registry import Parsed
from supplywatch.ingest.sources.records import EXTRA, bom_document, csv_header, iso_date, read_csv
from supplywatch.notice import BomLine, BomProduct

REQUIRED = ("brand", "component", "supplier")
_TYPES = (
    ("teardown", re.compile(r"^tear-?\s?down\b", re.I)),
    ("bom", re.compile(r"^(?:bom|bill of materials?)\b", re.I)),
    ("recall notice", re.compile(r"^recall(?: notice)?\b", re.I)),
    ("news", re.compile(r"^(?:news|press|article)\b", re.I)),
)


def evidence_type(source: str) -> str | None:
    """"teardown: iFixit" -> teardown; "Bill of materials" -> bom; unknown -> None."""
    return next((name for name, pattern in _TYPES if pattern.match(source.strip())), None)


class BomCsvSource:
    name = "bom"
    sniffed_suffixes = (".csv", ".tsv")

    def sniff(self, raw: RawInput) -> bool:
        header = set(csv_header(raw))
        return {"component", "supplier"} <= header and bool({"brand", "product"} & header)

    def parse(self, raw: RawInput) -> list:
        return self.parse_input(raw).documents

    def parse_input(self, raw: RawInput) -> Parsed:
        from supplywatch.errors import MalformedInput

        header, rows = read_csv(raw, "BOM file")
        missing = [c for c in REQUIRED if c not in header]
        if missing or not {"product", "model"} & set(header):
            need = missing or ["product or model"]
            raise MalformedInput(raw.path, f"is a BOM file without the column(s) {', '.join(need)}; "
                                 "a BOM file needs brand, product (or model), component, supplier")
        groups: dict[tuple[str, str, str], list[BomLine]] = {}
        parsed = Parsed([], total=len(rows), unit="rows")
        for line, row in rows:
            item = _line(line, row)
            if isinstance(item, str):
                parsed.problems.append(f"line {line}: {item}")
                continue
            key = (row["brand"], row.get("product") or row.get("model", ""), row.get("model", ""))
            groups.setdefault(key, []).append(item)
        parsed.documents = [
            bom_document(raw, BomProduct(brand, product, model or None, tuple(lines)))
            for (brand, product, model), lines in groups.items()
        ]
        return parsed


def _line(number: int, row: dict[str, str]) -> BomLine | str:
    """The row as a BOM line, or what is wrong with it."""
    if row.get(EXTRA):
        return f"{row[EXTRA]} more values than the header has columns"
    empty = [c for c in REQUIRED if not row.get(c)]
    if not (row.get("product") or row.get("model")):
        empty.append("product")
    if empty:
        return f"empty {', '.join(empty)}"
    source = row.get("source", "")
    kind = evidence_type(source) if source else "bom"
    if kind is None:
        return (f"source {source!r} is not teardown, bom, recall notice or news "
                "(optionally followed by ': who')")
    date = row.get("date", "")
    if date and iso_date(date) is None:
        return f"date {date!r} is not YYYY-MM-DD"
    return BomLine(number, row["component"], row["supplier"], kind, source or None,
                   row.get("part_number") or None, iso_date(date) if date else None,
                   row.get("reference") or row.get("url") or None, row.get("note") or None)
