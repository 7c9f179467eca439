"""Watchlists and what they watch: companies, suppliers, products, model numbers.
Their alerts are in alerts.py."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Path, Request, Response, Security

from supplywatch.serve.alerts import Conflict, add_watch_item, create_watchlist
from supplywatch.serve.alerts.models import (
    NewWatchlist,
    WatchItem,
    WatchItemIn,
    Watchlist,
    WatchlistDetail,
    WatchlistIn,
)
from supplywatch.serve.api.params import MAX_ID
from supplywatch.serve.auth import bearer_scheme
from supplywatch.serve.deps import Reader, SettingsDep, StoreDep, Writer
from supplywatch.serve.errors import ApiError
from supplywatch.serve.pagination import Page, Paging, make_page
from supplywatch.store import Store
from supplywatch.store.watch import Watchlist as WatchlistRecord

router = APIRouter(tags=["watchlists"], dependencies=[Security(bearer_scheme)])

WatchlistId = Annotated[int, Path(ge=1, le=MAX_ID, description="The watchlist's id.")]
ItemId = Annotated[int, Path(ge=1, le=MAX_ID, description="The watch item's id.")]


def watchlist_or_404(store: Store, watchlist_id: int) -> WatchlistRecord:
    found = store.get_watchlist(watchlist_id)
    if found is None:
        raise ApiError(404, f"no watchlist with id {watchlist_id}; list them with "
                       "GET /api/watchlists")
    return found


@router.get("/watchlists", response_model=Page[Watchlist], summary="List watchlists")
def list_watchlists(request: Request, response: Response, store: StoreDep, _: Reader,
                    paging: Paging) -> Page[Watchlist]:
    """By name, with how many items each watches and how many alerts it has."""
    found, total = store.list_watchlists(limit=paging.limit, offset=paging.offset)
    return make_page(request, response, [Watchlist.model_validate(w) for w in found], total,
                     paging)


@router.post("/watchlists", response_model=NewWatchlist, status_code=201,
             summary="Create a watchlist")
def post_watchlist(body: WatchlistIn, store: StoreDep, settings: SettingsDep,
                   _: Writer) -> NewWatchlist:
    """With `webhook_url`, alerts are POSTed there signed with `webhook_secret`, which this
    answer shows once."""
    try:
        created, secret = create_watchlist(store, settings, body.name, body.webhook_url)
    except Conflict as exc:
        raise ApiError(409, str(exc)) from None
    return NewWatchlist.model_validate({**Watchlist.model_validate(created).model_dump(),
                                        "webhook_secret": secret})


@router.get("/watchlists/{watchlist_id}", response_model=WatchlistDetail, summary="One watchlist")
def get_watchlist(watchlist_id: WatchlistId, store: StoreDep, _: Reader) -> WatchlistDetail:
    """Its items and its webhook deliveries by status."""
    found = watchlist_or_404(store, watchlist_id)
    return WatchlistDetail.model_validate({
        **Watchlist.model_validate(found).model_dump(),
        "watch_items": [WatchItem.model_validate(i) for i in store.watch_items(found.id)],
        "deliveries": store.delivery_counts(found.id),
    })


@router.delete("/watchlists/{watchlist_id}", status_code=204, response_class=Response,
               summary="Delete a watchlist")
def delete_watchlist(watchlist_id: WatchlistId, store: StoreDep, _: Writer) -> Response:
    """With its items and alerts; the facts stay."""
    if not store.delete_watchlist(watchlist_id):
        watchlist_or_404(store, watchlist_id)
    return Response(status_code=204)


@router.get("/watchlists/{watchlist_id}/items", response_model=Page[WatchItem],
            summary="A watchlist's items")
def list_items(watchlist_id: WatchlistId, request: Request, response: Response, store: StoreDep,
               _: Reader, paging: Paging) -> Page[WatchItem]:
    watchlist_or_404(store, watchlist_id)
    items = store.watch_items(watchlist_id)
    page = items[paging.offset: paging.offset + paging.limit]
    return make_page(request, response, [WatchItem.model_validate(i) for i in page], len(items),
                     paging)


@router.post("/watchlists/{watchlist_id}/items", response_model=WatchItem, status_code=201,
             summary="Watch something",
             responses={200: {"model": WatchItem, "description": "It was watched already."}})
def post_item(watchlist_id: WatchlistId, body: WatchItemIn, response: Response, store: StoreDep,
              _: Writer) -> WatchItem:
    """Alerts come for facts first seen from now on."""
    item, new = add_watch_item(store, watchlist_or_404(store, watchlist_id), body.kind, body.value)
    if not new:
        response.status_code = 200
    return WatchItem.model_validate(item)


@router.delete("/watchlists/{watchlist_id}/items/{item_id}", status_code=204,
               response_class=Response, summary="Stop watching something")
def delete_item(watchlist_id: WatchlistId, item_id: ItemId, store: StoreDep,
                _: Writer) -> Response:
    """Its alerts go with it."""
    watchlist_or_404(store, watchlist_id)
    if not store.remove_watch_item(watchlist_id, item_id):
        raise ApiError(404, f"watchlist {watchlist_id} has no item {item_id}; see "
                       f"GET /api/watchlists/{watchlist_id}")
    return Response(status_code=204)
