"""A recall notice -> its facts: the recall itself from the record's fields, and the supply
facts its own words state, read by the extraction stage.

The recall fact carries the official id, date, jurisdiction, units, hazard, remedy,
URL, model numbers, UPCs and vehicles, and links the companies the record names in
their roles. From the extractor's reading of the rendered record only facts whose
evidence lies inside one prose field are kept (the label lines are the record's
structure, not statements), each tagged with that field; the extractor's own recall
facts are dropped — the record states the recall exactly — but a cause they name is
kept on the record's recall.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from supplywatch.model import Document, Entity, Extraction, Fact, name_key
from supplywatch.notice import PARTY_ROLES, Notice, Rendered, render_notice
from supplywatch.records.entities import EntityBook

RECORD_CONFIDENCE = 0.99  # the agency's own record: below 1.0, so evidence strengths never tie
# Prose whose company names count as "named by the notice": what was recalled and why,
# not who to call or what the remedy is.
NAMING_FIELDS = ("title", "product[", "description", "defect_summary")


class RecordMismatch(ValueError):
    """The document's text is not its record's rendering (the record was changed after)."""


def notice_extraction(doc: Document, notice: Notice, read: Extraction | None) -> Extraction:
    rendered = render_notice(notice)
    if rendered.text != doc.text:
        raise RecordMismatch(f"{doc.path}: text differs from its record's rendering")
    book = EntityBook(doc.text)
    _record_entities(book, notice)
    products = [book.canonical(p.name) or p.name for p in notice.products]
    kept = _kept_facts(read, rendered, book, products) if read else []
    recall = _recall_fact(notice, rendered, book, read)
    entities = book.entities()
    return Extraction(document=doc, entities=entities, facts=[recall, *kept])


def _record_entities(book: EntityBook, notice: Notice) -> None:
    if notice.company:
        book.add(notice.company, "company")
    for party in notice.parties:
        book.add(party.name, "company", party.aliases)
    for product in notice.products:
        book.add(product.name, "product")


def _kept_facts(read: Extraction, rendered: Rendered, book: EntityBook,
                products: list[str]) -> list[Fact]:
    """The extractor's non-recall facts stated inside one prose field, names made canonical."""
    local = {e.name: e for e in read.entities}
    kept: list[Fact] = []
    for fact in read.facts:
        where = rendered.field_at(*fact.span)
        if fact.type == "recall" or where is None or not where.narrative:
            continue
        renames: dict[str, str] = {}
        for _, name in fact.names():
            entity = local.get(name)
            known = _record_spelling(entity, fact.evidence, book) if entity else None
            if known and not book.canonical(name):
                renames[name] = known  # "Acer America Corporation" where the text says "Acer"
            elif entity is not None:
                book.merge(entity)
        args = _canonical_args(fact, book, renames)
        args.update(field=where.name, evidence_type="recall notice")
        if fact.type == "supplies" and not args.get("product") and where.name.startswith("product["):
            # Read from a recalled product's own description: the parts go into it.
            args["product"] = products[int(where.name[8:-1])]
        kept.append(replace(fact, args=args))
    return kept


def _record_spelling(entity: Entity, evidence: str, book: EntityBook) -> str | None:
    """One of the record's own names that the reading folded into a longer one (from the
    headline, say) and that the evidence itself spells: the record's name is used."""
    words = f" {name_key(evidence)} "
    for alias in entity.aliases:
        canon = book.canonical(alias)
        if canon and f" {name_key(alias)} " in words:
            return canon
    return None


def _canonical_args(fact: Fact, book: EntityBook, renames: dict[str, str]) -> dict[str, Any]:
    args = dict(fact.args)
    for role, name in fact.names():
        canon = renames.get(name) or book.canonical(name) or book.add(name, "company")
        value = args.get(role)
        if isinstance(value, list):
            args[role] = [canon if v == name else v for v in value]
        elif value == name:
            args[role] = canon
    return args


def _named_companies(read: Extraction | None, rendered: Rendered, notice: Notice,
                     book: EntityBook) -> list[str]:
    """Companies the notice's prose names besides its own parties ("Takata" in a defect
    summary), as the extractor typed them."""
    if read is None:
        return []
    own = {name_key(n) for p in notice.parties for n in (p.name, *p.aliases)}
    own.add(name_key(notice.company or ""))
    # Products, vehicle makes and models the reading took for companies are not named ones.
    own |= {name_key(p.name) for p in notice.products}
    own |= {name_key(x) for v in notice.vehicles for x in (v.make, v.model, f"{v.make} {v.model}")}
    out: list[str] = []
    for entity in read.entities:
        if entity.type != "company" or name_key(entity.name) in own:
            continue
        # A mention spelled like one of the record's own companies is that company, even
        # where the reading folded it into another name.
        mentions = [m for m in entity.mentions
                    if name_key(rendered.text[m[0]:m[1]]) not in own]
        if any(_in_naming_field(rendered, m) for m in mentions):
            name = book.merge(entity)
            if name and name not in out:
                out.append(name)
    return out


def _in_naming_field(rendered: Rendered, mention: tuple[int, int]) -> bool:
    where = rendered.field_at(*mention)
    return where is not None and where.narrative and where.name.startswith(NAMING_FIELDS)


def _cause(read: Extraction | None, rendered: Rendered, book: EntityBook) -> str | None:
    """A cause the extractor's recall reading names inside the prose, if any."""
    local = {e.name: e for e in read.entities} if read else {}
    for fact in read.facts if read else []:
        where = rendered.field_at(*fact.span)
        cause = fact.args.get("cause")
        if fact.type == "recall" and where is not None and where.narrative and cause:
            if cause in local:
                return book.merge(local[cause])
            return str(cause)
    return None


def _recall_fact(notice: Notice, rendered: Rendered, book: EntityBook,
                 read: Extraction | None) -> Fact:
    products = [n for p in notice.products if (n := book.canonical(p.name))]
    # The evidence is the notice's head: headline, id line and what is recalled (at most
    # three product lines; vehicles are listed, by year, in the recall's fields).
    shown = 0 if notice.vehicles else min(len(notice.products), 3)
    span = rendered.span("title", "id", *(f"product[{i}]" for i in range(shown)))
    start, end = span or (0, len(rendered.text))
    args: dict[str, Any] = {
        "company": book.canonical(notice.company) if notice.company else None,
        "products": products, "units": notice.units, "hazard": notice.hazard,
        "cause": _cause(read, rendered, book), "date": notice.date,
        "recall_id": notice.number, "source": notice.agency, "jurisdiction": notice.jurisdiction,
        "remedy": notice.remedy, "url": notice.url, "caveat": notice.caveat,
        "title": notice.title, "units_text": notice.units_text,
        "models": list(dict.fromkeys(m for p in notice.products for m in p.models)),
        "upcs": list(dict.fromkeys(u for p in notice.products for u in p.upcs)),
        "identifiers": [{"product": book.canonical(p.name) or p.name, "models": list(p.models),
                         "upcs": list(p.upcs)} for p in notice.products if p.models or p.upcs],
        "vehicles": [{"make": v.make, "model": v.model, "year": v.year} for v in notice.vehicles],
        "components": list(notice.components), "evidence_type": notice.evidence_type,
        "record_key": notice.key,
    }
    for role in PARTY_ROLES:
        names = [book.canonical(p.name) for p in notice.parties if p.role == role]
        args[f"{role}s"] = list(dict.fromkeys(n for n in names if n))
    args["named"] = _named_companies(read, rendered, notice, book)
    return Fact("recall", args, rendered.text[start:end], (start, end), RECORD_CONFIDENCE)

