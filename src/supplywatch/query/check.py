"""The recall check: is this product recalled? (shared/spec/check.md, supplywatch.check/1)

A query is looked up four ways, each exact where it can be (query/identify.py):
UPC/GTIN (as GTIN-14, check digit verified), model numbers (normalised, whole tokens
only, from the recall's model fields or its product names), vehicles (model year,
make, model) and product names (ranked fuzzy text search). Scores stay below 1.0 and
differ by strength of evidence:

    UPC 0.97 > vehicle with its year 0.95 > model number 0.93 (+0.04 with a brand word)
    > model number found in a product name 0.91 > exact product name 0.88
    > vehicle of unknown year 0.86 > vehicle without a year 0.80 > partial names

and the statement's confidence shades each within its band. Matches of one recall
from several sources (an agency's record, the news) are one match listing every
source (query/recalls.py); units are never summed across them.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from supplywatch.codes.urls import url_key
from supplywatch.model import CHECK_SCHEMA
from supplywatch.query.identify import ParsedQuery, parse_query, vehicle_of
from supplywatch.query.matching import (
    CONFIDENT,
    Hit,
    candidate_hits,
    code_hits,
    upc_hits,
    vehicle_hits,
)
from supplywatch.query.recalls import RecallSource, group, official, sources
from supplywatch.query.results import plain, role_name, whole_number
from supplywatch.store import FactRecord, RecordInfo, Store

NO_RECORD_CAVEAT = "no recall known to this database — not a statement that the product is safe"
_CONTRACT = ("recall_id", "source", "jurisdiction", "company", "product", "matched_on",
             "matched_text", "score", "date", "units", "hazard", "remedy", "caveat", "url",
             "last_verified", "evidence")


@dataclass(frozen=True, slots=True)
class CheckMatch:
    """One recall the query matched; the contract's fields in order, then what explains it."""

    recall_id: str
    source: str | None
    jurisdiction: str | None
    company: str | None
    product: str
    matched_on: str  # model | upc | name | vehicle
    matched_text: str  # the recall's text that matched, as the database spells it
    score: float
    date: str | None
    units: int | None
    hazard: str | None
    remedy: str | None
    caveat: str | None
    url: str | None
    last_verified: str | None
    evidence: str | None
    explanation: str = ""
    sources: tuple[RecallSource, ...] = ()  # every source of this recall, records first

    def to_dict(self) -> dict[str, Any]:
        return dict(plain(self))


@dataclass(frozen=True, slots=True)
class Freshness:
    """How much the database knows and how recent it is: `no_record` means only this."""

    documents: int
    records: int
    by_agency: dict[str, int]
    newest_recall: str | None  # the latest recall date among official records
    last_ingest: str | None  # when anything was last stored
    last_verified: str | None  # when an official record was last seen in an import


@dataclass(frozen=True, slots=True)
class CheckResult:
    query: str
    status: str  # recalled | possible | no_record
    matches: tuple[CheckMatch, ...]
    freshness: Any  # datetime of the newest ingest (kept for the human view)
    documents: int
    database: Freshness | None = None

    def to_dict(self) -> dict[str, Any]:
        """The supplywatch.check/1 shape, then how fresh the database is."""
        out: dict[str, Any] = {
            "schema": CHECK_SCHEMA,
            "query": self.query,
            "status": self.status,
            "matches": [m.to_dict() for m in self.matches],
        }
        if self.database is not None:
            out["database"] = plain(self.database)
        return out


def check(store: Store, query: str) -> CheckResult:
    """Every recall in the database matching the query, one per recall, best first."""
    parsed = parse_query(query)
    hits, named_vehicle = _index_hits(store, parsed)
    # A query naming a vehicle is answered for vehicle recalls by the vehicle index alone,
    # which knows the model years: "2021 Acura ILX" must not match a 2013-2016 campaign
    # by its product name.
    # Model numbers the index found need no second search through product names (which
    # remains for news recalls whose products learned a model number later, as an alias).
    codes_found = any(h.matched_on in ("model", "upc") for h in hits.values())
    vehicle_found = any(h.matched_on == "vehicle" for h in hits.values())
    if not vehicle_found:  # a vehicle the index knows is not also a product name
        for hit in candidate_hits(store, parsed, skip_vehicle_recalls=named_vehicle,
                                  codes_found=codes_found):
            _keep(hits, hit)
    matches = _recalls(store, hits)
    matches.sort(key=lambda m: m.date or "", reverse=True)
    matches.sort(key=lambda m: -m.score)  # stable: newest first among equal scores
    status = "no_record"
    if matches:
        status = "recalled" if matches[0].score >= CONFIDENT else "possible"
    latest = store.latest_ingest()
    return CheckResult(query, status, tuple(matches), latest, store.count_documents(),
                       _freshness(store, latest))


def _keep(hits: dict[str, Hit], hit: Hit) -> None:
    if hit.fact_id not in hits or hit.score > hits[hit.fact_id].score:
        hits[hit.fact_id] = hit


def _index_hits(store: Store, parsed: ParsedQuery) -> tuple[dict[str, Hit], bool]:
    """Hits by UPC, model number and vehicle; and whether the query names a vehicle."""
    hits: dict[str, Hit] = {}
    for hit in upc_hits(store, parsed):
        _keep(hits, hit)
    for hit in code_hits(store, parsed):
        _keep(hits, hit)
    vehicle = vehicle_of(parsed, store.vehicle_makes()) if parsed.rest else None
    named = vehicle is not None and bool(vehicle.model_key)
    if vehicle is not None and vehicle.model_key:
        for hit in vehicle_hits(store, vehicle):
            _keep(hits, hit)
    return hits, named


def _recalls(store: Store, hits: dict[str, Hit]) -> list[CheckMatch]:
    """One match per recall: matched facts grouped with the other sources of their recall."""
    matched = [h.fact for h in hits.values()]
    everything = [*matched, *_siblings(store, matched)]
    records = store.records_by_documents(f.document.id for f in everything)
    out = []
    for members in group(everything):
        mine = [f for f in members if f.id in hits]
        if mine:
            best = max(mine, key=lambda f: (hits[f.id].score, f.id))
            out.append(_match(hits[best.id], best, members, records))
    return out


def _siblings(store: Store, matched: list[FactRecord]) -> list[FactRecord]:
    """Other recall facts that may state the same recalls: the same companies' recalls
    from the other kind of source, and records with the same notice URL."""
    if not matched:
        return []
    ids = [f.id for f in matched]
    companies = {i for f in matched for i in f.role_ids("company")}
    only_records = all(f.document.kind == "recall" for f in matched)
    found = store.recalls_of_companies(companies, exclude=ids, news_only=only_records)
    urls = {f.args.get("url") for f in matched if f.document.kind == "recall"}
    docs = store.documents_by_url_keys(k for u in urls if (k := url_key(u)))
    mine = {f.document.id for f in matched}
    same_url = store.recall_facts_of_documents(d for ds in docs.values() for d in ds if d not in mine)
    return [f for f in (*found, *same_url) if f.id not in ids]


def _match(hit: Hit, fact: FactRecord, members: Iterable[FactRecord],
           records: dict[str, RecordInfo]) -> CheckMatch:
    members = list(members)
    lead = official(members) if fact.document.kind != "recall" else fact
    lead = lead or fact
    record = records.get(lead.document.id)
    args, own = lead.args, fact.args
    return CheckMatch(
        recall_id=str(args.get("recall_id") or lead.id),
        source=args.get("source") or lead.document.source,
        jurisdiction=args.get("jurisdiction") or own.get("jurisdiction"),
        company=role_name(fact, "company"),
        product=hit.product or _first_product(fact),
        matched_on=hit.matched_on, matched_text=hit.matched_text,
        score=round(min(hit.score, 0.99), 3),
        date=args.get("date") or own.get("date"),
        units=whole_number(own.get("units")),  # the matched source's own figure
        hazard=own.get("hazard") or args.get("hazard"),
        remedy=own.get("remedy") or args.get("remedy"),
        caveat=own.get("caveat") or args.get("caveat"),
        url=args.get("url") or lead.document.url or lead.document.path,
        last_verified=(record.last_seen if record else lead.last_seen).date().isoformat(),
        evidence=fact.evidence, explanation=hit.explanation,
        sources=sources(members) if len(members) > 1 or record else (),
    )


def _first_product(fact: FactRecord) -> str:
    products = fact.role_entities("products")
    return products[0].entity_name if products else str(fact.args.get("title") or "?")


def _freshness(store: Store, latest: Any) -> Freshness:
    stats = store.record_stats()
    verified = stats.get("last_verified")
    return Freshness(
        documents=store.count_documents(), records=stats["records"], by_agency=stats["by_agency"],
        newest_recall=stats["newest_recall"],
        last_ingest=latest.isoformat() if latest else None,
        last_verified=verified.isoformat() if verified else None,
    )


__all__ = ["NO_RECORD_CAVEAT", "CheckMatch", "CheckResult", "Freshness", "check"]
