"""The entity page, `/entities/{id}`: profile, graph, timeline, recalls and comments."""

from __future__ import annotations

from dataclasses import dataclass

from fastapi import APIRouter, Request
from fastapi.responses import Response

from supplywatch.query import entity_profile_by_id
from supplywatch.query.profile import EntityProfile
from supplywatch.serve.deps import StoreDep
from supplywatch.serve.web.access import PageReader
from supplywatch.serve.web.graph import Graph, entity_graph
from supplywatch.serve.web.render import page
from supplywatch.store import Store
from supplywatch.store.comments import Comment

router = APIRouter(dependencies=[PageReader], include_in_schema=False)


@dataclass(frozen=True, slots=True)
class EntityPage:
    profile: EntityProfile  # aliases, relations with evidence, recalls, dated events
    graph: Graph
    comments: tuple[Comment, ...]
    comments_total: int


def entity_page(store: Store, entity_id: int) -> EntityPage:
    profile = entity_profile_by_id(store, entity_id)
    notes, total = store.list_comments("entity", str(entity_id), limit=200)
    return EntityPage(profile, entity_graph(profile), tuple(notes), total)


@router.get("/entities/{entity_id:int}.json")
@router.get("/entities/{entity_id:int}")
def entity(request: Request, entity_id: int, store: StoreDep) -> Response:
    return page(request, "entity.html", entity_page(store, entity_id))
