"""How each kind of query part finds recall facts, and how strongly: see check.py's bands."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from rapidfuzz import fuzz

from supplywatch.codes.models import ModelCode, model_codes
from supplywatch.codes.vehicles import model_key, year_ranges
from supplywatch.model import name_key
from supplywatch.query.identify import ParsedQuery, VehicleQuery
from supplywatch.store import CodeHit, FactRecord, RecallCandidate, Store, VehicleHit

CONFIDENT = 0.85  # a match at or above this makes the status "recalled"
UPC_BASE, UPC_BAD_DIGIT = 0.97, 0.90
MODEL_BASE, MODEL_IN_NAME = 0.93, 0.91
CONTEXT_BONUS = 0.04  # the query also names the brand, company or product line
VEHICLE_YEAR, VEHICLE_UNKNOWN_YEAR, VEHICLE_NO_YEAR = 0.95, 0.86, 0.80
VEHICLE_PARTIAL = 0.78  # "ILX" asked, "ILX HYBRID" recalled
NAME_BASE = 0.88
MIN_NAME_SIMILARITY = 0.63


@dataclass(frozen=True, slots=True)
class Hit:
    """One recall fact a query part found, with its score and why."""

    fact: FactRecord
    matched_on: str  # upc | model | vehicle | name
    matched_text: str
    score: float
    product: str | None
    explanation: str

    @property
    def fact_id(self) -> str:
        return self.fact.id


def _factor(fact: FactRecord) -> float:
    """Confidence shades a score within its band, never across bands."""
    return 0.95 + 0.05 * max(0.0, min(1.0, fact.confidence))


def _context(fact: FactRecord, product: str | None) -> set[str]:
    names = [product or ""] + [r.entity_name for r in fact.role_entities("products")]
    names += [r.entity_name for r in fact.role_entities("company")]
    names += [str(p) for p in fact.args.get("products") or []]
    return {w for n in names for w in name_key(n).split()}


def _load(store: Store, found: Iterable[CodeHit | VehicleHit]) -> dict[str, FactRecord]:
    return store.facts_by_ids({h.fact_id for h in found})


def upc_hits(store: Store, parsed: ParsedQuery) -> Iterator[Hit]:
    readings = {g.gtin14: g for g in parsed.gtins}
    found = store.recall_codes("upc", readings)
    facts = _load(store, found)
    for h in found:
        asked = readings[h.code]
        base = UPC_BASE if asked.valid and h.valid else UPC_BAD_DIGIT
        why = f"{asked.kind} {asked.text} equals the recall's UPC {h.text} (GTIN {h.code})"
        if not asked.valid:
            why += f"; its check digit should be {asked.expected_check_digit}"
        yield Hit(facts[h.fact_id], "upc", h.text, base * _factor(facts[h.fact_id]), h.product, why)


def code_hits(store: Store, parsed: ParsedQuery) -> Iterator[Hit]:
    found = store.recall_codes("model", parsed.code_keys)
    facts = _load(store, found)
    for h in found:
        fact = facts[h.fact_id]
        base = MODEL_BASE if h.origin == "field" else MODEL_IN_NAME
        bonus = CONTEXT_BONUS if set(parsed.words) & _context(fact, h.product) else 0.0
        where = ("listed among its model numbers" if h.origin == "field"
                 else f"in its product name “{h.product}”")
        why = f"model number {h.code} matches the recall's “{h.text}” ({where}; whole token)"
        if bonus:
            why += "; the query also names its brand or product"
        yield Hit(fact, "model", h.text, (base + bonus) * _factor(fact), h.product, why)


def vehicle_hits(store: Store, vehicle: VehicleQuery) -> Iterator[Hit]:
    found = store.recall_vehicles(vehicle.make_key, [vehicle.model_key], vehicle.model_key,
                                  vehicle.years)
    facts = _load(store, found)
    by_fact: dict[str, list[VehicleHit]] = {}
    for h in found:
        by_fact.setdefault(h.fact_id, []).append(h)
    for fid, rows in by_fact.items():
        best = max(rows, key=lambda r: _vehicle_score(vehicle, r))
        fact = facts[fid]
        score = _vehicle_score(vehicle, best)
        same_model = [r for r in rows if r.model == best.model]
        text = f"{year_ranges([r.year for r in same_model])} {best.make} {best.model}".strip()
        asked = " ".join(str(y) for y in vehicle.years[:1]) + f" {vehicle.make_text} {vehicle.model_text}"
        why = f"vehicle {asked.strip()} is in the recall's vehicles: {text}"
        if not vehicle.years:
            why += "; no model year given, so every recalled year is listed"
        yield Hit(fact, "vehicle", text, score * _factor(fact), f"{best.make} {best.model}", why)


def _vehicle_score(vehicle: VehicleQuery, row: VehicleHit) -> float:
    exact = model_key(row.model) == vehicle.model_key
    if not vehicle.years:
        return VEHICLE_NO_YEAR if exact else VEHICLE_PARTIAL - 0.08
    if row.year is None:
        return VEHICLE_UNKNOWN_YEAR if exact else VEHICLE_PARTIAL - 0.1
    return VEHICLE_YEAR if exact else VEHICLE_PARTIAL


# --- names: products and their aliases, news recalls included ---------------------------


def candidate_hits(store: Store, parsed: ParsedQuery, *, skip_vehicle_recalls: bool,
                   codes_found: bool = False) -> Iterator[Hit]:
    """Recalled products found by name fragments: model numbers in their names and their
    aliases, and ranked name similarity. With `codes_found` (the code index answered),
    only the name words are searched."""
    codes = list(parsed.codes)
    fragments = [] if codes_found else [c.code.lower() for c in codes]
    fragments += list(parsed.words)
    if not fragments:
        return
    for candidate in store.recall_candidates(fragments):
        if skip_vehicle_recalls and candidate.fact.args.get("vehicles"):
            continue  # the vehicle lookup, with its model years, answers for these
        hit = _candidate(candidate, codes, list(parsed.words), parsed.text)
        if hit is not None:
            yield hit


def _candidate(candidate: RecallCandidate, codes: list[ModelCode], words: list[str],
               query: str) -> Hit | None:
    product, fact = candidate.product, candidate.fact
    product_codes: dict[str, ModelCode] = {}
    for name in (product.name, *product.aliases):
        for code in model_codes(name):
            product_codes.setdefault(code.code, code)
    shared = [c.code for c in codes if c.code in product_codes]
    if shared:
        bonus = CONTEXT_BONUS if set(words) & _context(fact, product.name) else 0.0
        text = product_codes[shared[0]].text
        why = f"model number {shared[0]} is in the recalled product's name {product.name!r}"
        return Hit(fact, "model", text, (MODEL_IN_NAME + bonus) * _factor(fact), product.name, why)
    if codes and product_codes:
        return None  # both name a model number, and they differ: another product
    similarity, alias = _name_similarity(candidate, words, "" if codes else name_key(query))
    if similarity < MIN_NAME_SIMILARITY:
        return None
    why = (f"the query is the recalled product's name {alias!r}" if similarity >= 1.0 else
           f"the query's words match the recalled product {alias!r} ({similarity:.0%} of them)")
    return Hit(fact, "name", alias, NAME_BASE * similarity * _factor(fact), product.name, why)


def _name_similarity(candidate: RecallCandidate, words: list[str], query_key: str
                     ) -> tuple[float, str]:
    """How well the query's words describe the recalled product, 0..1, and the product
    name that matched best.

    1.0 only when the query is one of the product's names. Otherwise each query word
    counts by where it is found: in the product's names (1), the recalling company's
    name (0.9) or the recall's evidence sentence (0.6, "power banks"); at least one must
    hit a name, so the evidence alone never makes a match. Coverage tops out at 0.9.
    """
    product = candidate.product
    names = (product.name, *product.aliases)
    for name in names:
        if query_key and name_key(name) == query_key:
            return 1.0, name
    if not words:
        return 0.0, product.name
    name_words = {n: set(name_key(n).split()) for n in names}
    company = {w for r in candidate.fact.role_entities("company")
               for w in name_key(r.entity_name).split()}
    evidence = set(name_key(candidate.fact.evidence).split())
    all_names = set().union(*name_words.values())
    total, anchored = 0.0, False
    for word in words:
        if _found(word, all_names):
            total, anchored = total + 1.0, True
        elif _found(word, company):
            total, anchored = total + 0.9, True
        elif _found(word, evidence):
            total += 0.6
    if not anchored:
        return 0.0, product.name
    best = max(names, key=lambda n: sum(_found(w, name_words[n]) for w in words))
    return 0.9 * total / len(words), best


def _found(word: str, pool: set[str]) -> bool:
    """The word, or a close spelling of it ("speaker"/"speakers") for words of 4+ letters."""
    if word in pool:
        return True
    return len(word) >= 4 and any(
        abs(len(p) - len(word)) <= 2 and fuzz.ratio(word, p) >= 85 for p in pool
    )
