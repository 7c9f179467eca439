"""Entities: search by name or alias, and one entity's profile (aliases, relations,
recalls and a dated timeline, each with evidence)."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query, Request, Response, Security

from supplywatch.errors import NotFound
from supplywatch.model import EntityType
from supplywatch.query import entity_profile_by_id
from supplywatch.serve.api.params import MAX_QUERY_CHARS, NO_NUL, EntityId
from supplywatch.serve.auth import bearer_scheme
from supplywatch.serve.deps import Reader, StoreDep
from supplywatch.serve.errors import ApiError
from supplywatch.serve.models import Entity, EntityProfile
from supplywatch.serve.pagination import Page, Paging, make_page

router = APIRouter(tags=["entities"], dependencies=[Security(bearer_scheme)])


@router.get("/entities", response_model=Page[Entity], summary="Search entities")
def search_entities(
    request: Request, response: Response, store: StoreDep, _: Reader, paging: Paging,
    q: Annotated[str | None, Query(max_length=MAX_QUERY_CHARS, pattern=NO_NUL,
                                   description="Part of a name or alias.")] = None,
    type: Annotated[EntityType | None, Query(description="Only entities of this type.")] = None,
) -> Page[Entity]:
    """Entities whose name or an alias contains `q`, best connected first."""
    items, total = store.search_entities(limit=paging.limit, offset=paging.offset, q=q, type_=type)
    return make_page(request, response, [Entity.model_validate(e) for e in items], total, paging)


@router.get("/entities/{entity_id}", response_model=EntityProfile, summary="One entity's profile")
def get_entity(entity_id: EntityId, store: StoreDep, _: Reader) -> EntityProfile:
    """What the database states about the entity: owners and subsidiaries, suppliers and
    customers, products and makers, partnerships, recalls, and every event by date."""
    try:
        profile = entity_profile_by_id(store, entity_id)
    except NotFound as exc:
        raise ApiError(404, f"{exc} (GET /api/entities?q=NAME)") from None
    _, facts = store.list_facts(limit=1, entity_id=entity_id)
    return EntityProfile.model_validate({**profile.to_dict(), "facts": facts})
