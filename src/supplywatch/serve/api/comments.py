"""Comments on documents and entities: notes people leave. They annotate and never change
a fact, its evidence or an entity. Reading them is reading; writing needs a token, whose
name becomes the comment's author."""

from __future__ import annotations

from fastapi import APIRouter, Request, Response, Security

from supplywatch.serve.api.params import DocumentId, EntityId
from supplywatch.serve.auth import bearer_scheme
from supplywatch.serve.deps import Reader, StoreDep, Writer
from supplywatch.serve.errors import ApiError
from supplywatch.serve.models import Comment, CommentIn
from supplywatch.serve.pagination import Page, PageParams, Paging, make_page
from supplywatch.store import Store
from supplywatch.store.comments import CommentTarget

router = APIRouter(tags=["comments"], dependencies=[Security(bearer_scheme)])


def _document(store: Store, doc_id: str) -> str:
    if store.get_document(doc_id) is None:
        raise ApiError(404, f"no document with id {doc_id!r}; find documents with GET /api/documents")
    return doc_id


def _entity(store: Store, entity_id: int) -> str:
    if not store.get_entities([entity_id]):
        raise ApiError(404, f"no entity with id {entity_id}; find ids with GET /api/entities?q=NAME")
    return str(entity_id)


def _page(request: Request, response: Response, store: Store, kind: CommentTarget, target: str,
          paging: PageParams) -> Page[Comment]:
    items, total = store.list_comments(kind, target, limit=paging.limit, offset=paging.offset)
    return make_page(request, response, [Comment.model_validate(c) for c in items], total, paging)


@router.get("/documents/{doc_id}/comments", response_model=Page[Comment],
            summary="Comments on a document")
def document_comments(doc_id: DocumentId, request: Request, response: Response, store: StoreDep,
                      _: Reader, paging: Paging) -> Page[Comment]:
    """Oldest first."""
    return _page(request, response, store, "document", _document(store, doc_id), paging)


@router.post("/documents/{doc_id}/comments", response_model=Comment, status_code=201,
             summary="Comment on a document")
def comment_document(doc_id: DocumentId, body: CommentIn, store: StoreDep,
                     token: Writer) -> Comment:
    target = _document(store, doc_id)
    return Comment.model_validate(store.add_comment("document", target, body.body, token.name))


@router.get("/entities/{entity_id}/comments", response_model=Page[Comment],
            summary="Comments on an entity")
def entity_comments(entity_id: EntityId, request: Request, response: Response, store: StoreDep,
                    _: Reader, paging: Paging) -> Page[Comment]:
    """Oldest first."""
    return _page(request, response, store, "entity", _entity(store, entity_id), paging)


@router.post("/entities/{entity_id}/comments", response_model=Comment, status_code=201,
             summary="Comment on an entity")
def comment_entity(entity_id: EntityId, body: CommentIn, store: StoreDep,
                   token: Writer) -> Comment:
    target = _entity(store, entity_id)
    return Comment.model_validate(store.add_comment("entity", target, body.body, token.name))
