"""Comment forms: a signed-in user adds a note to a document or an entity.

A comment is stored beside its target (store/comments.py) and changes no fact or
evidence. The forms are CSRF-checked; the answer sends the browser back to the page.
"""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Form
from fastapi.responses import RedirectResponse, Response

from supplywatch.errors import NotFound
from supplywatch.serve.deps import StoreDep
from supplywatch.serve.errors import ApiError
from supplywatch.serve.models import MAX_COMMENT_CHARS
from supplywatch.serve.web.access import PageReader, SignedIn
from supplywatch.serve.web.csrf import CsrfChecked

MAX_COMMENT = MAX_COMMENT_CHARS  # the same limit as the API's

router = APIRouter(dependencies=[PageReader], include_in_schema=False)

Body = Annotated[str, Form(max_length=MAX_COMMENT)]


def _text(body: str) -> str:
    text = body.strip()
    if not text:
        raise ApiError(400, "the comment is empty; write something, then send it")
    return text


@router.post("/documents/{doc_id}/comments")
def comment_document(doc_id: str, store: StoreDep, _csrf: CsrfChecked, token: SignedIn,
                     body: Body) -> Response:
    if store.get_document(doc_id) is None:
        raise NotFound(f"no document with id {doc_id!r} to comment on")
    store.add_comment("document", doc_id, _text(body), token.name)
    return RedirectResponse(f"/documents/{doc_id}#comments", status_code=303)


@router.post("/entities/{entity_id}/comments")
def comment_entity(entity_id: int, store: StoreDep, _csrf: CsrfChecked, token: SignedIn,
                   body: Body) -> Response:
    if entity_id not in store.get_entities([entity_id]):
        raise NotFound(f"no entity with id {entity_id} to comment on")
    store.add_comment("entity", str(entity_id), _text(body), token.name)
    return RedirectResponse(f"/entities/{entity_id}#comments", status_code=303)
