"""Typed pieces shared by every query result: evidence with its source, resolved names."""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from supplywatch.store import EntityMatch, EntityRecord, FactRecord


def plain(value: Any) -> Any:
    """A result turned into JSON-ready values: dataclasses to dicts, tuples to lists,
    datetimes to ISO text."""
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: plain(getattr(value, f.name)) for f in dataclasses.fields(value)}
    if isinstance(value, dict):
        return {str(k): plain(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [plain(v) for v in value]
    if isinstance(value, datetime):
        return value.isoformat()
    return value


@dataclass(frozen=True, slots=True)
class SourceRef:
    """The document a statement was read from."""

    document_id: str
    path: str
    title: str | None
    source: str | None
    published: str | None
    url: str | None


@dataclass(frozen=True, slots=True)
class Evidence:
    """Why an edge is in the answer: the sentence, where it sits, how sure, and where from."""

    fact_id: str
    sentence: str
    span: tuple[int, int]
    confidence: float
    source: SourceRef
    first_seen: datetime
    last_seen: datetime
    evidence_type: str = "news"  # news | recall notice | teardown | bom

    @classmethod
    def of(cls, fact: FactRecord) -> Evidence:
        doc = fact.document
        kind = {"recall": "recall notice", "bom": "bom"}.get(doc.kind, "news")
        return cls(
            fact_id=fact.id, sentence=fact.evidence, span=fact.span,
            confidence=round(fact.confidence, 3),
            source=SourceRef(doc.id, doc.path, doc.title, doc.source, doc.published, doc.url),
            first_seen=fact.first_seen, last_seen=fact.last_seen,
            evidence_type=str(fact.args.get("evidence_type") or kind),
        )


@dataclass(frozen=True, slots=True)
class EntityRef:
    id: int
    name: str
    type: str

    @classmethod
    def of(cls, record: EntityRecord) -> EntityRef:
        return cls(record.id, record.name, record.type)


@dataclass(frozen=True, slots=True)
class ResolvedEntity:
    """The entity a query name was resolved to, and which of its names matched."""

    query: str
    id: int
    name: str
    type: str
    key: str
    matched_on: str  # "name": its own name; "alias": one of its aliases
    matched_alias: str
    aliases: tuple[str, ...]

    @classmethod
    def of(cls, query: str, match: EntityMatch) -> ResolvedEntity:
        e = match.entity
        return cls(query, e.id, e.name, e.type, e.key, match.matched_on, match.matched_alias,
                   e.aliases)

    def ref(self) -> EntityRef:
        return EntityRef(self.id, self.name, self.type)


def role_name(fact: FactRecord, role: str) -> str | None:
    """The canonical name in a single-entity role, else the text the fact gave for it
    (an unlinked cause such as "defective battery cells")."""
    linked = fact.role_entities(role)
    if linked:
        return linked[0].entity_name
    raw = fact.args.get(role)
    return raw if isinstance(raw, str) else None


def role_names(fact: FactRecord, role: str) -> tuple[str, ...]:
    return tuple(r.entity_name for r in fact.role_entities(role))


def whole_number(value: Any) -> int | None:
    return value if isinstance(value, int) and not isinstance(value, bool) else None


def describe_fact(fact: FactRecord) -> str:
    """One line saying what a fact states, in the entities' canonical names."""
    def one(role: str) -> str:
        return role_name(fact, role) or "?"

    def many(role: str) -> str:
        return ", ".join(role_names(fact, role)) or "?"

    a = fact.args
    if fact.type == "supplies":
        extras = [x for x in (a.get("component"), a.get("product") and f"for {one('product')}",
                              a.get("status")) if x]
        tail = f" ({'; '.join(map(str, extras))})" if extras else ""
        return f"{one('supplier')} supplies {one('customer')}{tail}"
    if fact.type == "owns":
        share = f" ({a['share']:.0%})" if isinstance(a.get("share"), int | float) else ""
        return f"{one('parent')} owns {one('child')}{share}"
    if fact.type == "makes":
        return f"{one('company')} makes {one('product')}"
    if fact.type == "recall":
        units = f" ({a['units']:,} units)" if isinstance(a.get("units"), int) else ""
        cause = f"; cause: {one('cause')}" if a.get("cause") else ""
        return f"{one('company')} recalls {many('products')}{units}{cause}"
    if fact.type == "partnership":
        return f"partnership: {many('parties')}"
    return fact.type
