"""The `gsa-recalls` source: the GSA / DigitalGov federal Recalls API JSON (2013 shape).

One response page: `{"success": {"total": n, "results": [...]}}` mixing CPSC records
(`recall_number`, `manufacturers[]`, `descriptions[]`, `upcs`, `hazards[]`), NHTSA
campaigns (`records[]` of make/model/year, defect, consequence and corrective
summaries) and FDA records (`prodname`, `company`, `reason`, dates as MM/DD/YYYY).

This API gives CPSC records no headline; their recall URL's last segment is CPSC's
headline ("Dell-Announces-Recall-of-Notebook-Computer-Batteries..."), so it is used
as the title (marked as not written by the agency: the extractor does not read it).
"""

from __future__ import annotations

import re
from typing import Any
from urllib.parse import urlparse

from supplywatch.codes.units import parse_units
from supplywatch.codes.vehicles import parse_year
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
)
from supplywatch.model import name_key
from supplywatch.notice import Notice, NoticeProduct, Party, Vehicle, clean

FDA_SITE = "http://www.fda.gov"


class GsaRecallsSource:
    name = "gsa-recalls"
    sniffed_suffixes = (".json",)

    def sniff(self, raw: RawInput) -> bool:
        head = json_head(raw)
        return (head.startswith("{") and '"success"' in head and '"results"' in head
                and any(k in head for k in ('"recall_number"', '"prodname"', '"organization"')))

    def parse(self, raw: RawInput) -> list:
        return self.parse_input(raw).documents

    def parse_input(self, raw: RawInput) -> Parsed:
        data = load_json(raw, "a federal Recalls API response")
        results = (data.get("success") or {}).get("results") if isinstance(data, dict) else None
        if not isinstance(results, list):
            raise MalformedInput(raw.path, 'is JSON but has no "success": {"results": [...]} '
                                 "list; check that it is a federal Recalls API response")
        parsed = Parsed([], total=len(results), unit="records")
        seen: set[str] = set()
        for n, item in enumerate(results, 1):
            try:
                notice = gsa_notice(item)
            except (KeyError, TypeError, ValueError, AttributeError) as exc:
                what = f"no {exc.args[0]} field" if isinstance(exc, KeyError) else str(exc)
                parsed.problems.append(f"result {n}: {what}")
                continue
            if notice.key not in seen:  # a page can list one record twice
                seen.add(notice.key)
                parsed.documents.append(notice_document(raw, notice))
        return parsed


def gsa_notice(item: dict[str, Any]) -> Notice:
    if not isinstance(item, dict):
        raise ValueError("not a JSON object")
    organization = clean(item.get("organization")).upper()
    if organization == "NHTSA":
        return _nhtsa(item)
    if organization == "CPSC" or "recall_number" in item:
        return _cpsc(item)
    if "prodname" in item:
        return _fda(item)
    raise ValueError(f"unknown organization {organization or '(none)'}")


def _list(value: Any) -> list[str]:
    if value is None:
        return []
    values = value if isinstance(value, list) else [value]
    return [v for v in (clean(x) for x in values) if v]


def _slug_title(url: str | None) -> str | None:
    """CPSC's headline from its recall URL: .../2006/Dell-Announces-Recall-of-...-Hazard/."""
    path = urlparse(url or "").path.rstrip("/")
    if "/recalls/" not in path.lower():
        return None  # the retired search pages carry no headline
    slug = path.rsplit("/", 1)[-1]
    return slug.replace("-", " ").strip() or None


def _cpsc(item: dict[str, Any]) -> Notice:
    number = clean(item["recall_number"])
    if not number:
        raise ValueError("empty recall_number")
    url = clean(item.get("recall_url")) or None
    title = _slug_title(url)
    parties = [p for m in _list(item.get("manufacturers")) if (p := party(m, "manufacturer"))]
    descriptions = list(dict.fromkeys(_list(item.get("descriptions"))))
    upcs = tuple(_list(item.get("upcs")))
    products = [NoticeProduct(d, (), upcs if n == 0 else (), prose=True)
                for n, d in enumerate(descriptions)]
    if not products and upcs:
        products = [NoticeProduct(", ".join(_list(item.get("product_types"))) or "product", (), upcs)]
    firm = firm_in_title(title, parties) or _named(title, parties) or (parties[0] if parties else None)
    details = [(label, "; ".join(values)) for label, values in (
        ("Product types", _list(item.get("product_types"))),
        ("Made in", _list(item.get("countries"))),
    ) if values]
    return Notice(
        agency="CPSC", number=number, title=title, title_official=False,
        date=iso_date(item.get("recall_date")), company=firm.name if firm else None,
        parties=tuple(parties), products=tuple(products),
        hazard="; ".join(_list(item.get("hazards"))) or None, url=url, details=tuple(details),
    )


def _named(title: str | None, parties: list[Party]) -> Party | None:
    named, _, _ = parse_headline(title)
    if not named:
        return None
    key = name_key(named)
    return next((p for p in parties if name_key(p.name) == key), None)


def _nhtsa(item: dict[str, Any]) -> Notice:
    number = clean(item["recall_number"])
    records = [r for r in item.get("records") or [] if isinstance(r, dict)]
    vehicles = [Vehicle(clean(r.get("make")), clean(r.get("model")), parse_year(r.get("year")))
                for r in records if clean(r.get("make"))]
    makers = list(dict.fromkeys(clean(r.get("manufacturer")) for r in records))
    company = clean(item.get("manufacturer")) or (makers[0] if makers else "")
    parties = [Party(m, "manufacturer") for m in makers if m and m != company]
    products = list(dict.fromkeys(f"{v.make} {v.model}".strip() for v in vehicles))
    narrative = tuple((label, clean(item.get(key))) for label, key in (
        ("Defect summary", "defect_summary"), ("Consequence", "consequence_summary"),
        ("Corrective action", "corrective_summary"), ("Notes", "notes"),
    ) if clean(item.get(key)))
    components = _list(item.get("component_description"))
    components += [clean(r.get("component_description")) for r in records]
    details = [(label, value) for label, value in (
        ("Initiator", clean(item.get("initiator"))),
        ("Manufacturer campaign", clean(item.get("manufacturer_campaign_number"))),
        ("Owner notification", iso_date(item.get("notification_date")) or ""),
        ("Report date", iso_date(item.get("report_date")) or ""),
    ) if value]
    units = parse_units(item.get("potential_units_affected"))
    return Notice(
        agency="NHTSA", number=number,
        title=clean(item.get("recall_subject")) or (components[0] if components else None),
        date=iso_date(item.get("recall_date")), company=company or None,
        parties=tuple(parties), products=tuple(NoticeProduct(p) for p in products),
        vehicles=tuple(dict.fromkeys(vehicles)), components=tuple(dict.fromkeys(c for c in components if c)),
        units=units, units_text=f"{units:,} potentially affected" if units else None,
        url=clean(item.get("recall_url")) or None, narrative=narrative, details=tuple(details),
    )


def _fda(item: dict[str, Any]) -> Notice:
    path = clean(item.get("recall_url"))
    number = re.sub(r"\.\w+$", "", path.rstrip("/").rsplit("/", 1)[-1]) if path else ""
    if not number:
        raise ValueError("FDA record without recall_url, so without an id")
    url = path if "://" in path else f"{FDA_SITE}{path}" if path else None
    product = clean(item.get("prodname")) or clean(item.get("description"))
    reason = clean(item.get("reason"))
    details = [("Product type", clean(item.get("description")))] if item.get("description") else []
    return Notice(
        agency="FDA", number=number, title=product or None, date=iso_date(item.get("recall_date")),
        company=clean(item.get("company")) or None,
        products=(NoticeProduct(product),) if product else (),
        hazard=reason or None, url=url, details=tuple(details),
    )

