"""The document page, `/documents/{id}` (and its JSON twin `/documents/{id}.json`)."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import Response

from supplywatch.serve.deps import StoreDep
from supplywatch.serve.web.access import PageReader
from supplywatch.serve.web.document_view import document_page
from supplywatch.serve.web.render import page

router = APIRouter(dependencies=[PageReader], include_in_schema=False)


# Decorators register bottom up: the twin's route must come first, since "{doc_id}"
# alone would also match "abc.json".
@router.get("/documents/{doc_id}")
@router.get("/documents/{doc_id}.json")
def document(request: Request, doc_id: str, store: StoreDep) -> Response:
    return page(request, "document.html", document_page(store, doc_id))
