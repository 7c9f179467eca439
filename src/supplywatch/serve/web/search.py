"""Search, `/search?q=` (JSON twin `/search.json`): the nav box's answer, companies and
products whose name or alias contains the words, and documents whose title or source does."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Annotated

from fastapi import APIRouter, Query, Request
from fastapi.responses import Response

from supplywatch.serve.deps import StoreDep
from supplywatch.serve.web.access import PageReader
from supplywatch.serve.web.render import page
from supplywatch.store import DocumentSummary, EntityRecord

router = APIRouter(dependencies=[PageReader], include_in_schema=False)

SHOWN = 50


@dataclass(frozen=True, slots=True)
class SearchPage:
    q: str | None
    entities: tuple[EntityRecord, ...]
    entities_total: int
    documents: tuple[DocumentSummary, ...]
    documents_total: int


@router.get("/search")
@router.get("/search.json")
def search(request: Request, store: StoreDep,
           q: Annotated[str | None, Query(max_length=200)] = None) -> Response:
    q = (q or "").strip() or None
    if q is None:
        return page(request, "search.html", SearchPage(None, (), 0, (), 0))
    entities, n_entities = store.search_entities(q=q, limit=SHOWN)
    documents, n_documents = store.list_documents(q=q, limit=SHOWN)
    return page(request, "search.html",
                SearchPage(q, tuple(entities), n_entities, tuple(documents), n_documents))
