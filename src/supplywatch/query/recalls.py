"""One recall, many sources: an official record and the news stories about the same recall
are shown as one recall that lists every source.

Two recall statements are the same recall when
- both are official records of one agency with the same notice URL and dates that
  agree (a CPSC API record and its RSS item), or
- one is an official record and the other a story, they name the same recalling
  company (and no different jurisdictions), their dates are within `SAME_RECALL_DAYS`
  (a story's date is its publication date when it gives none), and their products
  agree (a shared product or model number, a shared product word, or one side naming
  no product).
Two different official records are never merged (an agency numbers each recall once),
and two stories only through a record they both match: notices of one model in two
jurisdictions stay two recalls.
Units are never added up across sources: each source keeps the figure it states.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from supplywatch.codes.models import index_codes
from supplywatch.codes.urls import url_key
from supplywatch.model import name_key
from supplywatch.query.results import whole_number
from supplywatch.store import FactRecord

SAME_RECALL_DAYS = 75
_GENERIC = frozenset({"recall", "recalls", "recalled", "product", "products", "units", "unit",
                      "the", "and", "with", "for", "sold", "used", "certain", "model", "models"})


@dataclass(frozen=True, slots=True)
class RecallSource:
    """One statement of a recall: an agency's record or a story that reports it."""

    kind: str  # record | news
    source: str | None  # the agency or the publication
    recall_id: str  # the official number, else the statement's id
    date: str | None
    units: int | None  # as this source states it
    url: str | None
    title: str | None
    path: str
    evidence_type: str  # recall notice | news | teardown | bom
    fact_id: str


def is_record(fact: FactRecord) -> bool:
    return bool(fact.args.get("record_key")) and fact.document.kind == "recall"


def source_of(fact: FactRecord) -> RecallSource:
    doc = fact.document
    record = is_record(fact)
    return RecallSource(
        kind="record" if record else "news",
        source=(fact.args.get("source") if record else None) or doc.source,
        recall_id=str(fact.args.get("recall_id") or fact.id) if record else fact.id,
        date=fact.args.get("date") or doc.published,
        units=whole_number(fact.args.get("units")),
        url=(fact.args.get("url") if record else None) or doc.url or doc.path,
        title=(fact.args.get("title") if record else None) or doc.title,
        path=doc.path,
        evidence_type=str(fact.args.get("evidence_type") or evidence_type_of(doc.kind)),
        fact_id=fact.id,
    )


def evidence_type_of(kind: str) -> str:
    return {"recall": "recall notice", "bom": "bom"}.get(kind, "news")


def _day(value: str | None) -> date | None:
    try:
        return date.fromisoformat(value[:10]) if value else None
    except ValueError:
        return None


Words = tuple[set[int], set[str], set[str]]


def _product_words(fact: FactRecord) -> Words:
    """(product entity ids, model codes, content words) of a recall's products."""
    products = fact.role_entities("products")
    names = [r.entity_name for r in products] + [str(p) for p in fact.args.get("products") or []]
    codes = {c for n in names for c in index_codes(n)}
    codes |= {str(m).upper() for m in fact.args.get("models") or []}
    # the brand is shared by every recall of the company: it says nothing about the product
    brand = {w for r in fact.role_entities("company") for w in name_key(r.entity_name).split()}
    words = {w for n in names for w in name_key(n).split()
             if len(w) > 3 and w not in _GENERIC and w not in brand}
    words |= {w[:-1] for w in words if w.endswith("s")}
    return {r.entity_id for r in products}, codes, words


def same_recall(a: FactRecord, b: FactRecord, words: dict[str, Words] | None = None) -> bool:
    """Whether two statements are one recall (see the module's docstring); `words` caches
    each fact's product words across many comparisons."""
    if a.id == b.id:
        return True
    if is_record(a) and is_record(b):
        # One agency's notice page, read twice (its API record and its feed item): the
        # same URL, and dates that agree. A shared programme page ("/batteryprogram") of
        # undated lists does not make two recalls one.
        ua, ub = url_key(a.args.get("url")), url_key(b.args.get("url"))
        gap = _gap(a, b)
        return (ua is not None and ua == ub and a.args.get("source") == b.args.get("source")
                and gap is not None and gap <= SAME_RECALL_DAYS)
    if not (is_record(a) or is_record(b)):
        return False  # two stories are joined only through the record they both report
    if not set(a.role_ids("company")) & set(b.role_ids("company")):
        return False
    ja, jb = a.args.get("jurisdiction"), b.args.get("jurisdiction")
    if ja and jb and ja != jb:
        return False
    gap = _gap(a, b)
    if gap is None or gap > SAME_RECALL_DAYS:
        return False  # "dates close": an undated story cannot be shown to be the same recall
    words = {} if words is None else words
    for fact in (a, b):
        if fact.id not in words:
            words[fact.id] = _product_words(fact)
    ids_a, codes_a, words_a = words[a.id]
    ids_b, codes_b, words_b = words[b.id]
    if not (ids_a or words_a or codes_a) or not (ids_b or words_b or codes_b):
        return True
    return bool(ids_a & ids_b or codes_a & codes_b or words_a & words_b)


def _gap(a: FactRecord, b: FactRecord) -> int | None:
    da = _day(a.args.get("date") or a.document.published)
    db = _day(b.args.get("date") or b.document.published)
    return abs((da - db).days) if da and db else None


def group(facts: Iterable[FactRecord]) -> list[list[FactRecord]]:
    """The facts in groups of one recall each, in first-seen order.

    Official records group by notice URL; each story joins the one record group it
    matches best (the closest date), so a story never chains two records together.
    """
    items = list({f.id: f for f in facts}.values())
    words: dict[str, Words] = {}
    groups: list[list[FactRecord]] = []
    by_url: dict[str, list[FactRecord]] = {}
    for fact in (f for f in items if is_record(f)):
        key = url_key(fact.args.get("url"))
        home = by_url.get(key) if key else None  # records join only by notice URL
        if home is not None and same_recall(fact, home[0]):
            home.append(fact)
        else:
            home = [fact]
            groups.append(home)
            if key:
                by_url.setdefault(key, home)
    record_groups = list(groups)
    for fact in (f for f in items if not is_record(f)):
        fits = [(min(_gap(fact, m) or 0 for m in g), n) for n, g in enumerate(record_groups)
                if any(same_recall(fact, m, words) for m in g)]
        if fits:
            record_groups[min(fits)[1]].append(fact)
        else:
            groups.append([fact])
    order = {f.id: n for n, f in enumerate(items)}
    return sorted(groups, key=lambda g: min(order[f.id] for f in g))


def sources(facts: Iterable[FactRecord]) -> tuple[RecallSource, ...]:
    """Every source of one recall: official records first, then stories, oldest first."""
    out = [source_of(f) for f in facts]
    return tuple(sorted(out, key=lambda s: (s.kind != "record", s.date or "9999", s.fact_id)))


def official(facts: Iterable[FactRecord]) -> FactRecord | None:
    records = [f for f in facts if is_record(f)]
    return min(records, key=lambda f: (f.args.get("date") or "9999", f.id)) if records else None
