"""The `cpsc-api` source: the CPSC SaferProducts.gov Recall API JSON (current shape).

A JSON array of recall objects (`RecallID`, `RecallNumber`, `RecallDate`, `Title`,
`Description`, `Products[]`, `Manufacturers[]`, `Importers[]`, `Distributors[]`,
`Retailers[]`, `Hazards[]`, `Remedies[]`, `ProductUPCs[]` ...); one response object
with such an array under a key is read too. Model numbers come from `Products[].Model`
and from "Model No:" labels in the prose, where CPSC usually writes them.
"""

from __future__ import annotations

from typing import Any

from supplywatch.codes.models import labelled_models
from supplywatch.codes.units import parse_units
from supplywatch.errors import MalformedInput
from supplywatch.ingest.raw import RawInput
from supplywatch.ingest.registry import Parsed
from supplywatch.ingest.sources.records import (
    firm_in_title,
    iso_date,
    json_head,
    load_json,
    notice_document,
    parse_headline,
    party,
    retailers,
)
from supplywatch.model import name_key
from supplywatch.notice import Notice, NoticeProduct, Party, clean

_ROLES = (("Manufacturers", "manufacturer"), ("Importers", "importer"),
          ("Distributors", "distributor"))


class CpscApiSource:
    name = "cpsc-api"
    sniffed_suffixes = (".json",)

    def sniff(self, raw: RawInput) -> bool:
        head = json_head(raw)
        return head[:1] in ("[", "{") and '"RecallID"' in head and '"RecallNumber"' in head

    def parse(self, raw: RawInput) -> list:
        return self.parse_input(raw).documents

    def parse_input(self, raw: RawInput) -> Parsed:
        data = load_json(raw, "CPSC Recall API JSON")
        items = _records(data)
        if items is None:
            raise MalformedInput(raw.path, "is JSON but not a CPSC Recall API response (no list "
                                 "of objects with RecallID); check that it came from "
                                 "saferproducts.gov/RestWebServices/Recall")
        parsed = Parsed([], total=len(items), unit="records")
        for n, item in enumerate(items, 1):
            try:
                parsed.documents.append(notice_document(raw, cpsc_notice(item)))
            except (KeyError, TypeError, ValueError, AttributeError) as exc:
                parsed.problems.append(f"record {n}: {_problem(exc)}")
        return parsed


def _records(data: Any) -> list[Any] | None:
    if isinstance(data, dict):
        data = next((v for v in data.values() if isinstance(v, list)), None)
    if isinstance(data, list) and all(isinstance(x, dict) for x in data):
        return data
    return None


def _problem(exc: Exception) -> str:
    if isinstance(exc, KeyError):
        return f"no {exc.args[0]} field"
    return f"{type(exc).__name__}: {exc}"


def _names(item: dict[str, Any], key: str, field: str = "Name") -> list[str]:
    return [clean(x.get(field)) for x in item.get(key) or [] if isinstance(x, dict) and x.get(field)]


def cpsc_notice(item: dict[str, Any]) -> Notice:
    number = clean(item["RecallNumber"]) or clean(item["RecallID"])
    if not number:
        raise ValueError("RecallNumber and RecallID are empty")
    title = clean(item.get("Title")) or None
    description = clean(item.get("Description"))
    parties = [p for key, role in _ROLES for n in _names(item, key)
               if (p := party(n, role)) is not None]
    for text in _names(item, "Retailers"):
        parties.extend(retailers(text))
    products = [_product(p, description) for p in item.get("Products") or [] if p.get("Name")]
    upcs = tuple(clean(u.get("UPC") if isinstance(u, dict) else u)
                 for u in item.get("ProductUPCs") or [])
    if upcs and products:
        products[0] = NoticeProduct(products[0].name, products[0].models,
                                    tuple(u for u in upcs if u), products[0].units)
    firm = firm_in_title(title, parties) or _firm(title, parties)
    units_text = "; ".join(clean(p.get("NumberOfUnits")) for p in item.get("Products") or []
                           if clean(p.get("NumberOfUnits")))
    countries = [clean(c.get("Country")) for c in item.get("ManufacturerCountries") or []]
    details = [(label, value) for label, value in (
        ("Made in", "; ".join(c for c in countries if c)),
        ("Injuries", "; ".join(_names(item, "Injuries"))),
        ("Remedy options", "; ".join(_names(item, "RemedyOptions", "Option"))),
        ("Consumer contact", clean(item.get("ConsumerContact"))),
        ("Last published", iso_date(item.get("LastPublishDate")) or ""),
    ) if value]
    return Notice(
        agency="CPSC", number=number, title=title,
        date=iso_date(item.get("RecallDate")),
        company=firm.name if firm else None, parties=tuple(parties), products=tuple(products),
        units=sum(p.units or 0 for p in products) or parse_units(units_text),
        units_text=units_text or None,
        hazard="; ".join(_names(item, "Hazards")) or None,
        remedy="; ".join(_names(item, "Remedies")) or None,
        url=clean(item.get("URL")) or None,
        narrative=(("Description", description),) if description else (),
        details=tuple(details),
    )


def _product(product: dict[str, Any], description: str) -> NoticeProduct:
    models = [clean(m) for m in str(product.get("Model") or "").split(",") if clean(m)]
    text = " ".join(x for x in (clean(product.get("Description")), description) if x)
    models += [c.text for c in labelled_models(text)]
    return NoticeProduct(clean(product["Name"]), tuple(dict.fromkeys(models)), (),
                         parse_units(clean(product.get("NumberOfUnits"))))


def _firm(title: str | None, parties: list[Party]) -> Party | None:
    """The recalling firm: the one the headline names, else the first manufacturer,
    importer or distributor (CPSC lists the recalling firm in one of those)."""
    named, _, _ = parse_headline(title)
    if named:
        key = name_key(named)
        same = [p for p in parties if key in {name_key(n) for n in (p.name, *p.aliases)}]
        return same[0] if same else Party(named, "recaller")
    return next((p for p in parties if p.role != "retailer"), None)
