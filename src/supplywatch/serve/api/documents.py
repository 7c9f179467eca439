"""Documents: the paged list, one document with its facts, entities and record, and
POST to ingest text, HTML or a URL through the same pipeline as `supplywatch ingest`."""

from __future__ import annotations

from dataclasses import asdict
from typing import Annotated

from fastapi import APIRouter, Query, Request, Response, Security

from supplywatch.serve.api.ingesting import ingest_body
from supplywatch.serve.api.params import MAX_QUERY_CHARS, NO_NUL, DocumentId
from supplywatch.serve.auth import bearer_scheme
from supplywatch.serve.deps import Reader, StoreDep, Writer
from supplywatch.serve.errors import ApiError, ErrorResponse
from supplywatch.serve.models import (
    DocumentDetail,
    DocumentIn,
    DocumentSummary,
    Fact,
    MentionedEntity,
    PostedDocument,
    RecordInfo,
)
from supplywatch.serve.pagination import Page, Paging, make_page
from supplywatch.store import Store

router = APIRouter(tags=["documents"], dependencies=[Security(bearer_scheme)])

MAX_OTHERS = 100  # further documents of one posted input listed in the answer


@router.get("/documents", response_model=Page[DocumentSummary], summary="List documents")
def list_documents(
    request: Request, response: Response, store: StoreDep, _: Reader, paging: Paging,
    q: Annotated[str | None, Query(max_length=MAX_QUERY_CHARS, pattern=NO_NUL,
                                   description="Words in the title or source.")] = None,
    kind: Annotated[str | None, Query(max_length=32, pattern=NO_NUL,
                                      description="article, teaser, recall, bom, feed-item.")] = None,
) -> Page[DocumentSummary]:
    """Newest published first (then newest ingested)."""
    items, total = store.list_documents(limit=paging.limit, offset=paging.offset, kind=kind, q=q)
    return make_page(request, response, [DocumentSummary.model_validate(d) for d in items], total,
                     paging)


@router.get("/documents/{doc_id}", response_model=DocumentDetail, summary="One document")
def get_document(doc_id: DocumentId, store: StoreDep, _: Reader) -> DocumentDetail:
    """The clean text, its metadata, the facts read from it (each with its evidence span),
    the entities it names (with mention offsets), and its record if it is an official one."""
    return document_detail(store, doc_id)


@router.post(
    "/documents", response_model=PostedDocument, status_code=201, summary="Ingest a document",
    responses={200: {"model": PostedDocument, "description": "The text was already stored."},
               201: {"description": "Stored, with the facts read from it."},
               503: {"model": ErrorResponse, "description": "The extractor cannot be loaded."}},
)
def post_document(body: DocumentIn, request: Request, response: Response, store: StoreDep,
                  _: Writer) -> PostedDocument:
    """Exactly one of `text`, `html` or `url`. A URL is fetched by the server, from public
    addresses only unless it allows private ones, within its size and time limits. An
    input that cannot be read gets 400 and nothing is stored."""
    ingested = ingest_body(request.app, store, body)
    main, *others = ingested.documents
    if not ingested.created:
        response.status_code = 200
    response.headers["Location"] = str(request.url_for("get_document", doc_id=main.id))
    detail = document_detail(store, main.id)
    return PostedDocument(
        **detail.model_dump(), created=ingested.created, problems=ingested.problems,
        others=[_summary(store, d.id) for d in others[:MAX_OTHERS]],
    )


def document_detail(store: Store, doc_id: str) -> DocumentDetail:
    stored = store.get_document(doc_id)
    if stored is None:
        raise ApiError(404, f"no document with id {doc_id!r}; find documents with GET /api/documents")
    record = store.records_by_documents([doc_id]).get(doc_id)
    _, comments = store.list_comments("document", doc_id, limit=1)
    return DocumentDetail(
        **asdict(stored),
        facts=[Fact.model_validate(f) for f in store.facts_of_document(doc_id)],
        entities=[MentionedEntity.model_validate(e) for e in store.document_entities(doc_id)],
        record=RecordInfo.model_validate(record) if record else None,
        comments=comments,
    )


def _summary(store: Store, doc_id: str) -> DocumentSummary:
    stored = store.get_document(doc_id)
    assert stored is not None  # just stored
    return DocumentSummary(
        id=stored.id, title=stored.title, source=stored.source, published=stored.published,
        url=stored.url, kind=stored.kind, path=stored.path, ingested_at=stored.ingested_at,
        facts=len(store.facts_of_document(doc_id)),
    )
