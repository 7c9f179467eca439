"""Feed pages: `/feeds` (status of every feed, add one, poll now, remove) and
`/feeds/{id}` (its items: the document each became, or why not), with JSON twins.

A failing feed is shown with its error and next try; forms need a signed-in token and
pass the CSRF check.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Annotated

from fastapi import APIRouter, Form, Request
from fastapi.responses import RedirectResponse, Response

from supplywatch.serve.deps import SettingsDep, StoreDep
from supplywatch.serve.errors import ApiError
from supplywatch.serve.feeds import add_feed
from supplywatch.serve.pagination import Paging
from supplywatch.serve.web.access import PageReader, SignedIn
from supplywatch.serve.web.csrf import CsrfChecked
from supplywatch.serve.web.home import PageLinks, page_links
from supplywatch.serve.web.render import page
from supplywatch.store import Store
from supplywatch.store.feeds import FeedItemRecord, FeedRecord

router = APIRouter(dependencies=[PageReader], include_in_schema=False)


@dataclass(frozen=True, slots=True)
class FeedsPage:
    feeds: tuple[FeedRecord, ...]
    paging: PageLinks
    default_interval: int
    polling: bool  # whether this server polls in the background


@dataclass(frozen=True, slots=True)
class FeedPage:
    feed: FeedRecord
    items: tuple[FeedItemRecord, ...]
    paging: PageLinks


def _feed(store: Store, feed_id: int) -> FeedRecord:
    found = store.get_feed(feed_id)
    if found is None:
        raise ApiError(404, f"no feed with id {feed_id}; see the list at /feeds")
    return found


@router.get("/feeds")
@router.get("/feeds.json")
def feeds(request: Request, store: StoreDep, settings: SettingsDep, paging: Paging) -> Response:
    found, total = store.list_feeds(limit=paging.limit, offset=paging.offset)
    context = FeedsPage(tuple(found), page_links(request, total, paging.limit, paging.offset),
                        settings.feed_interval, settings.poll_feeds)
    return page(request, "feeds.html", context)


@router.post("/feeds")
def create(request: Request, store: StoreDep, settings: SettingsDep, _csrf: CsrfChecked,
           _token: SignedIn, url: Annotated[str, Form(max_length=2000)],
           interval: Annotated[str, Form(max_length=12)] = "") -> Response:
    seconds = int(interval) if interval.strip().isdigit() else None
    if interval.strip() and seconds is None:
        raise ApiError(400, f"the interval must be a whole number of seconds, not {interval!r}")
    feed, new = add_feed(store, settings, url, seconds)
    background = getattr(request.app.state, "background", None)
    if new and background is not None:
        background.wake()
    return RedirectResponse(f"/feeds/{feed.id}", status_code=303)


# The twin's route comes first: "{feed_id}" alone would also match "3.json".
@router.get("/feeds/{feed_id}")
@router.get("/feeds/{feed_id}.json")
def feed(request: Request, feed_id: int, store: StoreDep, paging: Paging) -> Response:
    found = _feed(store, feed_id)
    items, total = store.feed_items(feed_id, limit=paging.limit, offset=paging.offset)
    context = FeedPage(found, tuple(items), page_links(request, total, paging.limit, paging.offset))
    return page(request, "feed.html", context)


@router.post("/feeds/{feed_id}/poll")
def poll(request: Request, feed_id: int, store: StoreDep, _csrf: CsrfChecked,
         _token: SignedIn) -> Response:
    from supplywatch.serve.background import poller_for

    poller = poller_for(request.app)
    try:
        poller.poll_feed(_feed(store, feed_id))
    finally:
        poller.close()
    return RedirectResponse(f"/feeds/{feed_id}", status_code=303)


@router.post("/feeds/{feed_id}/delete")
def remove(feed_id: int, store: StoreDep, _csrf: CsrfChecked, _token: SignedIn) -> Response:
    store.remove_feed(_feed(store, feed_id).id)
    return RedirectResponse("/feeds", status_code=303)
