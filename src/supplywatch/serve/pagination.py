"""Pagination for every list: `limit` and `offset` in, a `Page` with `total` and the
`next` link out (also sent as an RFC 8288 `Link: <...>; rel="next"` header)."""

from __future__ import annotations

from typing import Annotated, Generic, TypeVar

from fastapi import Depends, Query, Request, Response
from pydantic import BaseModel

T = TypeVar("T")

MAX_LIMIT = 200


class PageParams(BaseModel):
    limit: int
    offset: int


def page_params(
    limit: Annotated[int, Query(ge=1, le=MAX_LIMIT, description="Items per page.")] = 50,
    offset: Annotated[int, Query(ge=0, le=10_000_000, description="Items to skip.")] = 0,
) -> PageParams:
    return PageParams(limit=limit, offset=offset)


Paging = Annotated[PageParams, Depends(page_params)]


class Page(BaseModel, Generic[T]):
    """One page of a list."""

    items: list[T]
    total: int
    limit: int
    offset: int
    next: str | None = None  # URL of the next page; none on the last


def make_page(request: Request, response: Response | None, items: list[T], total: int,
              params: PageParams) -> Page[T]:
    next_url = None
    if params.offset + len(items) < total:
        next_url = str(request.url.include_query_params(
            limit=params.limit, offset=params.offset + params.limit))
        if response is not None:
            response.headers["Link"] = f'<{next_url}>; rel="next"'
    return Page[T](items=items, total=total, limit=params.limit, offset=params.offset,
                   next=next_url)
