"""Index rows for recall facts: their model numbers, UPC/GTINs and vehicles, normalised by
`supplywatch.codes` exactly as `check` normalises a query. Plain functions, no SQL."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

from supplywatch.codes import gtin
from supplywatch.codes.models import index_codes, normalise_code
from supplywatch.codes.vehicles import make_key, model_key, parse_year

CODE_CHARS = 64


def _items(args: Mapping[str, Any]) -> Iterator[tuple[str | None, list[Any], list[Any]]]:
    """(product, models, upcs): per product where the fact says which is whose."""
    items = args.get("identifiers")
    if isinstance(items, list) and items:
        for item in items:
            if isinstance(item, dict):
                yield item.get("product"), list(item.get("models") or []), list(item.get("upcs") or [])
        return
    yield None, list(args.get("models") or []), list(args.get("upcs") or [])


def code_rows(fact_id: str, args: Mapping[str, Any]) -> list[dict[str, Any]]:
    """recall_codes rows: model numbers stated as such ("field"), model numbers found in
    product names ("text"; never in a vehicle's name, which the vehicle index covers),
    and every reading of each UPC."""
    rows: dict[tuple[str, str], dict[str, Any]] = {}

    def add(kind: str, code: str, text: str, product: str | None, origin: str, valid: bool) -> None:
        if code and len(code) <= CODE_CHARS:
            rows.setdefault((kind, code), {
                "fact_id": fact_id, "kind": kind, "code": code, "text": str(text)[:200],
                "product": product, "origin": origin, "valid": valid,
            })

    for product, models, upcs in _items(args):
        for model in models:
            add("model", normalise_code(str(model)), model, product, "field", True)
        for upc in upcs:
            for reading in gtin.index_keys(str(upc)):
                add("upc", reading.gtin14, upc, product, "field", reading.valid)
    vehicles = {f"{v.get('make', '')} {v.get('model', '')}".strip().lower()
                for v in args.get("vehicles") or [] if isinstance(v, dict)}
    for name in args.get("products") or []:
        if isinstance(name, str) and name.lower() not in vehicles:
            for code, text in index_codes(name).items():
                add("model", code, text, name, "text", True)
    return list(rows.values())


def vehicle_rows(fact_id: str, args: Mapping[str, Any]) -> list[dict[str, Any]]:
    rows: dict[tuple[str, str, int], dict[str, Any]] = {}
    for v in args.get("vehicles") or []:
        if not isinstance(v, dict) or not v.get("make"):
            continue
        make, model = str(v["make"]), str(v.get("model") or "")
        key = (make_key(make)[:64], model_key(model)[:128], parse_year(v.get("year")) or 0)
        rows.setdefault(key, {"fact_id": fact_id, "make_key": key[0], "model_key": key[1],
                              "year": key[2], "make": make, "model": model})
    return list(rows.values())
