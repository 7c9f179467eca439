"""Feeds: list, add, show, remove, and poll one now. The server polls due feeds in the
background (settings.poll_feeds); a failing feed stays listed with its error."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Path, Query, Request, Response, Security

from supplywatch.serve.api.params import MAX_ID
from supplywatch.serve.auth import bearer_scheme
from supplywatch.serve.deps import Reader, SettingsDep, StoreDep, Writer
from supplywatch.serve.errors import ApiError
from supplywatch.serve.feeds import add_feed
from supplywatch.serve.feeds.models import Feed, FeedIn, FeedItem, FeedPollResult
from supplywatch.serve.pagination import Page, Paging, make_page
from supplywatch.store import Store
from supplywatch.store.feeds import FeedRecord

router = APIRouter(tags=["feeds"], dependencies=[Security(bearer_scheme)])

FeedId = Annotated[int, Path(ge=1, le=MAX_ID, description="The feed's id.")]


def feed_or_404(store: Store, feed_id: int) -> FeedRecord:
    feed = store.get_feed(feed_id)
    if feed is None:
        raise ApiError(404, f"no feed with id {feed_id}; list them with GET /api/feeds")
    return feed


@router.get("/feeds", response_model=Page[Feed], summary="List feeds")
def list_feeds(
    request: Request, response: Response, store: StoreDep, _: Reader, paging: Paging,
    status: Annotated[str | None, Query(pattern="^(new|ok|failing)$",
                                        description="Only feeds in this state.")] = None,
) -> Page[Feed]:
    """In the order they were added, with their status, last error and next poll."""
    feeds, total = store.list_feeds(limit=paging.limit, offset=paging.offset, status=status)
    return make_page(request, response, [Feed.model_validate(f) for f in feeds], total, paging)


@router.post("/feeds", response_model=Feed, status_code=201, summary="Add a feed",
             responses={200: {"model": Feed, "description": "The feed was there already."}})
def create_feed(body: FeedIn, request: Request, response: Response, store: StoreDep,
                settings: SettingsDep, _: Writer) -> Feed:
    """Polled at once (when the server polls in the background), then every interval."""
    feed, new = add_feed(store, settings, body.url, body.interval_seconds)
    if not new:
        response.status_code = 200
    background = getattr(request.app.state, "background", None)
    if new and background is not None:
        background.wake()
    return Feed.model_validate(feed)


@router.get("/feeds/{feed_id}", response_model=Feed, summary="One feed")
def get_feed(feed_id: FeedId, store: StoreDep, _: Reader) -> Feed:
    return Feed.model_validate(feed_or_404(store, feed_id))


@router.get("/feeds/{feed_id}/items", response_model=Page[FeedItem], summary="A feed's items")
def feed_items(feed_id: FeedId, request: Request, response: Response, store: StoreDep,
               _: Reader, paging: Paging) -> Page[FeedItem]:
    """Items taken from the feed, newest first: the document each became, or its error."""
    feed_or_404(store, feed_id)
    items, total = store.feed_items(feed_id, limit=paging.limit, offset=paging.offset)
    return make_page(request, response, [FeedItem.model_validate(i) for i in items], total,
                     paging)


@router.delete("/feeds/{feed_id}", status_code=204, response_class=Response,
               summary="Remove a feed")
def remove_feed(feed_id: FeedId, store: StoreDep, _: Writer) -> Response:
    """The documents already ingested from it stay."""
    if not store.remove_feed(feed_id):
        raise ApiError(404, f"no feed with id {feed_id}; list them with GET /api/feeds")
    return Response(status_code=204)


@router.post("/feeds/{feed_id}/poll", response_model=FeedPollResult, summary="Poll a feed now")
def poll_feed(feed_id: FeedId, request: Request, store: StoreDep, _: Writer) -> FeedPollResult:
    """Whether or not it is due; answers when the new items are ingested."""
    from supplywatch.serve.background import poller_for

    feed = feed_or_404(store, feed_id)
    poller = poller_for(request.app)
    try:
        result = poller.poll_feed(feed)
    finally:
        poller.close()
    return FeedPollResult(feed=Feed.model_validate(feed_or_404(store, feed_id)),
                          outcome=result.outcome, new_items=result.new_items,
                          item_errors=result.item_errors, error=result.error)
