"""Home `/`: the latest recalls, supplier changes and partnerships, newest first,
filterable by fact type, supply status and text, and paged."""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Annotated

from fastapi import APIRouter, Query, Request
from fastapi.responses import Response

from supplywatch.query.recalls import group as recall_groups
from supplywatch.query.recalls import official, source_of
from supplywatch.query.results import EntityRef, describe_fact, whole_number
from supplywatch.serve.deps import StoreDep
from supplywatch.serve.errors import ApiError
from supplywatch.serve.pagination import Paging
from supplywatch.serve.web.access import PageReader
from supplywatch.serve.web.render import html_path, page
from supplywatch.store import FactRecord

FEED_TYPES = ("recall", "supplies", "partnership")
STATUSES = ("active", "planned", "ended")

router = APIRouter(dependencies=[PageReader], include_in_schema=False)


@dataclass(frozen=True, slots=True)
class SourceDocument:
    id: str
    title: str | None
    source: str | None
    kind: str


@dataclass(frozen=True, slots=True)
class FeedItem:
    fact_id: str
    type: str
    date: str | None
    statement: str
    status: str | None  # a supply relation's: active | planned | ended
    units: int | None
    hazard: str | None
    recall_id: str | None
    evidence: str
    entities: tuple[EntityRef, ...]
    document: SourceDocument
    # The same recall from other sources on this page (an agency record and the news
    # stories about it are one row; the official record leads).
    also: tuple[SourceDocument, ...] = ()


@dataclass(frozen=True, slots=True)
class Filters:
    type: str | None
    status: str | None
    q: str | None


@dataclass(frozen=True, slots=True)
class PageLinks:
    total: int
    limit: int
    offset: int
    next: str | None
    previous: str | None


@dataclass(frozen=True, slots=True)
class HomePage:
    filters: Filters
    items: tuple[FeedItem, ...]
    paging: PageLinks
    types: tuple[str, ...] = FEED_TYPES
    statuses: tuple[str, ...] = STATUSES


def _choice(name: str, value: str | None, allowed: tuple[str, ...]) -> str | None:
    value = (value or "").strip() or None
    if value is not None and value not in allowed:
        raise ApiError(400, f"{name} must be one of {', '.join(allowed)} (or empty for all), "
                       f"not {value!r}")
    return value


def feed_item(fact: FactRecord) -> FeedItem:
    doc = fact.document
    refs = {r.entity_id: EntityRef(r.entity_id, r.entity_name, r.entity_type) for r in fact.roles}
    recall = fact.type == "recall"
    return FeedItem(
        fact_id=fact.id, type=fact.type,
        date=(fact.args.get("date") if recall else None) or doc.published,
        statement=describe_fact(fact), status=fact.args.get("status"),
        units=whole_number(fact.args.get("units")), hazard=fact.args.get("hazard"),
        recall_id=source_of(fact).recall_id if recall and doc.kind == "recall" else None,
        evidence=fact.evidence, entities=tuple(refs.values()),
        document=SourceDocument(doc.id, doc.title, doc.source, doc.kind),
    )


def feed_items(facts: list[FactRecord]) -> tuple[FeedItem, ...]:
    """One row per statement, but one row per recall: the recall facts of the page are
    grouped as `check` groups them, the official record (else the first) leading."""
    groups = recall_groups([f for f in facts if f.type == "recall"])
    group_of: dict[str, list[FactRecord]] = {f.id: g for g in groups for f in g}
    items: list[FeedItem] = []
    shown: set[str] = set()
    for fact in facts:
        if fact.id in shown:
            continue
        members = group_of.get(fact.id, [fact])
        lead = official(members) or members[0]
        shown.update(m.id for m in members)
        others = [m for m in members if m.id != lead.id]
        item = feed_item(lead)
        items.append(replace(item, also=tuple(
            SourceDocument(m.document.id, m.document.title, m.document.source, m.document.kind)
            for m in others if m.document.id != lead.document.id)))
    return tuple(items)


def page_links(request: Request, total: int, limit: int, offset: int) -> PageLinks:
    def at(start: int) -> str:
        # the page's own link, also in its JSON twin (which holds what the page shows)
        url = request.url.include_query_params(limit=limit, offset=start)
        return f"{html_path(request)}?{url.query}"

    return PageLinks(total, limit, offset,
                     at(offset + limit) if offset + limit < total else None,
                     at(max(0, offset - limit)) if offset > 0 else None)


@router.get("/")
@router.get("/.json")
def home(request: Request, store: StoreDep, paging: Paging,
         kind: Annotated[str | None, Query(alias="type", max_length=20)] = None,
         status: Annotated[str | None, Query(max_length=20)] = None,
         q: Annotated[str | None, Query(max_length=200)] = None) -> Response:
    filters = Filters(_choice("type", kind, FEED_TYPES), _choice("status", status, STATUSES),
                      (q or "").strip() or None)
    types = (filters.type,) if filters.type else FEED_TYPES
    facts, total = store.list_feed(limit=paging.limit, offset=paging.offset, types=types,
                                   q=filters.q, status=filters.status)
    context = HomePage(filters, feed_items(facts),
                       page_links(request, total, paging.limit, paging.offset))
    return page(request, "home.html", context)
