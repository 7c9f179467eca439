"""Facts: every stored statement with its evidence, newest publication first, by entity
(an id or a name), by type and by date."""

from __future__ import annotations

from datetime import date
from typing import Annotated

from fastapi import APIRouter, Query, Request, Response, Security

from supplywatch.model import FactType
from supplywatch.query import resolve_name
from supplywatch.serve.api.params import MAX_ID, MAX_QUERY_CHARS, NO_NUL
from supplywatch.serve.auth import bearer_scheme
from supplywatch.serve.deps import Reader, StoreDep
from supplywatch.serve.errors import ApiError
from supplywatch.serve.models import Fact
from supplywatch.serve.pagination import Page, Paging, make_page
from supplywatch.store import Store

router = APIRouter(tags=["facts"], dependencies=[Security(bearer_scheme)])


@router.get("/facts", response_model=Page[Fact], summary="List facts")
def list_facts(
    request: Request, response: Response, store: StoreDep, _: Reader, paging: Paging,
    entity: Annotated[str | None, Query(
        max_length=MAX_QUERY_CHARS, pattern=NO_NUL,
        description="An entity id, or a name or alias (unknown names get 404 with suggestions).",
    )] = None,
    type: Annotated[list[FactType] | None, Query(
        description="Only facts of these types; repeat the parameter for several.")] = None,
    since: Annotated[date | None, Query(
        description="Only facts from documents published on or after this date (YYYY-MM-DD).",
    )] = None,
) -> Page[Fact]:
    entity_id = _entity_id(store, entity) if entity else None
    items, total = store.list_facts(
        limit=paging.limit, offset=paging.offset, entity_id=entity_id, types=type or (),
        since=since.isoformat() if since else None,
    )
    return make_page(request, response, [Fact.model_validate(f) for f in items], total, paging)


def _entity_id(store: Store, entity: str) -> int:
    """The id `entity` names: itself when it is a known id, else the entity of that name."""
    text = entity.strip()
    number = text.isascii() and text.isdigit()
    if number and int(text) <= MAX_ID and store.get_entities([int(text)]):
        return int(text)
    if number and not store.find_entities(text):
        raise ApiError(404, f"no entity with id {text}; find ids with GET /api/entities?q=NAME")
    return resolve_name(store, text, types=("company", "product")).id  # UnknownName: 404
