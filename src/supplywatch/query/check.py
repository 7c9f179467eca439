"""The recall check: is this product recalled? (shared/spec/check.md, supplywatch.check/1)

Model numbers match exactly after normalisation, on token boundaries (modelnums.py);
product names match by ranked fuzzy text search. Scores stay below 1.0 and differ by
strength of evidence: a model number with the brand beside it > a model number alone >
an exact product name > a partial name; the statement's confidence shades each.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any, Literal

from rapidfuzz import fuzz

from supplywatch.model import CHECK_SCHEMA, name_key
from supplywatch.query.modelnums import ModelCode, digit_fragments, model_codes
from supplywatch.query.results import plain, role_name, whole_number
from supplywatch.store import FactRecord, RecallCandidate, Store

Status = Literal["recalled", "possible", "no_record"]
NO_RECORD_CAVEAT = "no recall known to this database — not a statement that the product is safe"

CONFIDENT = 0.85  # a match at or above this makes the status "recalled"
MODEL_BASE = 0.93
CONTEXT_BONUS = 0.04  # the query also names the brand, company or product line
NAME_BASE = 0.88
MIN_NAME_SIMILARITY = 0.63
_NOISE_WORDS = frozenset({"the", "and", "for", "with", "recall", "recalled", "model", "product"})


@dataclass(frozen=True, slots=True)
class CheckMatch:
    """One recall the query matched; fields and order as in the check contract."""

    recall_id: str
    source: str | None
    jurisdiction: str | None
    company: str | None
    product: str
    matched_on: str  # model | upc | name | vehicle
    matched_text: str  # the product's text that matched, as the database spells it
    score: float
    date: str | None
    units: int | None
    hazard: str | None
    remedy: str | None
    caveat: str | None
    url: str | None
    last_verified: str | None
    evidence: str | None

    def to_dict(self) -> dict[str, Any]:
        return dict(plain(self))


@dataclass(frozen=True, slots=True)
class CheckResult:
    query: str
    status: Status
    matches: tuple[CheckMatch, ...]
    freshness: datetime | None  # newest ingest: for the human output, not the JSON contract
    documents: int

    def to_dict(self) -> dict[str, Any]:
        """Exactly the supplywatch.check/1 shape."""
        return {
            "schema": CHECK_SCHEMA,
            "query": self.query,
            "status": self.status,
            "matches": [m.to_dict() for m in self.matches],
        }


def check(store: Store, query: str) -> CheckResult:
    """Every recall in the database matching a model number or product name, ranked."""
    codes = model_codes(query)
    words = _words(query, codes)
    fragments = [f for c in codes for f in digit_fragments(c.code)] + words
    best: dict[tuple[str, int], CheckMatch] = {}
    for candidate in store.recall_candidates(fragments):
        match = _match(candidate, codes, words, query)
        key = (candidate.fact.id, candidate.product.id)
        if match is not None and (key not in best or match.score > best[key].score):
            best[key] = match
    matches = sorted(best.values(), key=lambda m: m.date or "", reverse=True)
    matches.sort(key=lambda m: -m.score)  # stable: newest first among equal scores
    status: Status = "no_record"
    if matches:
        status = "recalled" if matches[0].score >= CONFIDENT else "possible"
    return CheckResult(query, status, tuple(matches), store.latest_ingest(),
                       store.count_documents())


def _words(query: str, codes: list[ModelCode]) -> list[str]:
    """The query's name words, model numbers taken out."""
    text = query
    for code in codes:
        text = text.replace(code.text, " ")
    return [w for w in name_key(text).split() if len(w) >= 3 and w not in _NOISE_WORDS]


def _match(
    candidate: RecallCandidate, codes: list[ModelCode], words: list[str], query: str
) -> CheckMatch | None:
    product = candidate.product
    names = (product.name, *product.aliases)
    product_codes: dict[str, ModelCode] = {}
    for name in names:
        for code in model_codes(name):
            product_codes.setdefault(code.code, code)
    shared = [c.code for c in codes if c.code in product_codes]
    # Confidence shades a score within its band, never across: any model-number match
    # outranks any name match.
    factor = 0.95 + 0.05 * max(0.0, min(1.0, candidate.fact.confidence))
    if shared:
        context = _context_words(candidate)
        bonus = CONTEXT_BONUS if any(w in context for w in words) else 0.0
        score = (MODEL_BASE + bonus) * factor
        return _check_match(candidate, "model", product_codes[shared[0]].text, score)
    if codes and product_codes:
        return None  # both name a model number, and they differ: another product
    similarity, alias = _name_similarity(candidate, words, "" if codes else name_key(query))
    if similarity < MIN_NAME_SIMILARITY:
        return None
    return _check_match(candidate, "name", alias, NAME_BASE * similarity * factor)


def _context_words(candidate: RecallCandidate) -> set[str]:
    names = [candidate.product.name, *candidate.product.aliases]
    names += [r.entity_name for r in candidate.fact.role_entities("company")]
    return {w for n in names for w in name_key(n).split()}


def _name_similarity(
    candidate: RecallCandidate, words: list[str], query_key: str
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


def _check_match(
    candidate: RecallCandidate, matched_on: str, matched_text: str, score: float
) -> CheckMatch:
    fact: FactRecord = candidate.fact
    args = fact.args
    return CheckMatch(
        recall_id=fact.id,
        source=fact.document.source,
        jurisdiction=args.get("jurisdiction"),
        company=role_name(fact, "company"),
        product=candidate.product.name,
        matched_on=matched_on,
        matched_text=matched_text,
        score=round(min(score, 0.99), 3),
        date=args.get("date"),
        units=whole_number(args.get("units")),
        hazard=args.get("hazard"),
        remedy=args.get("remedy"),
        caveat=args.get("caveat"),
        url=fact.document.url or fact.document.path,
        last_verified=fact.last_seen.date().isoformat(),
        evidence=fact.evidence,
    )
