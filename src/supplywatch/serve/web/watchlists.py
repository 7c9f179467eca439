"""Watchlist pages: `/watchlists` (list, create) and `/watchlists/{id}` (what it watches,
add and remove items, its alerts with their evidence), each with its JSON twin.

Forms need a signed-in token and pass the CSRF check; they answer with a redirect back
to the page, except creating a watchlist with a webhook, whose answer is the new
watchlist's page showing the signing secret once.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Annotated

from fastapi import APIRouter, Form, Request
from fastapi.responses import RedirectResponse, Response

from supplywatch.serve.alerts import KINDS, Conflict, add_watch_item, create_watchlist
from supplywatch.serve.deps import SettingsDep, StoreDep
from supplywatch.serve.errors import ApiError
from supplywatch.serve.pagination import Paging
from supplywatch.serve.web.access import PageReader, SignedIn
from supplywatch.serve.web.csrf import CsrfChecked
from supplywatch.serve.web.home import PageLinks, page_links
from supplywatch.serve.web.render import page
from supplywatch.store import Store
from supplywatch.store.watch import Alert, WatchItem, Watchlist

router = APIRouter(dependencies=[PageReader], include_in_schema=False)

Name = Annotated[str, Form(max_length=200)]
Value = Annotated[str, Form(max_length=300)]
Url = Annotated[str, Form(max_length=2000)]


@dataclass(frozen=True, slots=True)
class WatchlistsPage:
    watchlists: tuple[Watchlist, ...]
    paging: PageLinks
    kinds: tuple[str, ...] = KINDS


@dataclass(frozen=True, slots=True)
class AlertView:
    """An alert as the page shows it: why, through which names, and the evidence."""

    id: int
    created_at: datetime
    item_kind: str
    item_value: str
    reason: str
    path: tuple[str, ...]
    fact_type: str
    evidence: str
    document_id: str
    document_title: str | None
    document_source: str | None
    published: str | None
    delivery: str | None


@dataclass(frozen=True, slots=True)
class WatchlistPage:
    id: int
    name: str
    created_at: datetime
    webhook_url: str | None
    items: tuple[WatchItem, ...]
    alerts: tuple[AlertView, ...]
    paging: PageLinks
    deliveries: dict[str, int]
    atom_url: str
    new_secret: str | None = None  # only in the answer to creating it
    kinds: tuple[str, ...] = KINDS


def alert_view(alert: Alert) -> AlertView:
    fact, doc = alert.fact, alert.fact.document
    return AlertView(
        id=alert.id, created_at=alert.created_at, item_kind=alert.watch_item.kind,
        item_value=alert.watch_item.value, reason=alert.reason, path=alert.path,
        fact_type=fact.type, evidence=fact.evidence, document_id=doc.id,
        document_title=doc.title, document_source=doc.source, published=doc.published,
        delivery=alert.delivery)


def _watchlist(store: Store, watchlist_id: int) -> Watchlist:
    found = store.get_watchlist(watchlist_id)
    if found is None:
        raise ApiError(404, f"no watchlist with id {watchlist_id}; see the list at /watchlists")
    return found


def watchlist_page(request: Request, store: Store, watchlist: Watchlist, limit: int, offset: int,
                   secret: str | None = None) -> WatchlistPage:
    alerts, total = store.list_alerts(watchlist_id=watchlist.id, limit=limit, offset=offset)
    return WatchlistPage(
        id=watchlist.id, name=watchlist.name, created_at=watchlist.created_at,
        webhook_url=watchlist.webhook_url, items=tuple(store.watch_items(watchlist.id)),
        alerts=tuple(alert_view(a) for a in alerts),
        paging=page_links(request, total, limit, offset),
        deliveries=store.delivery_counts(watchlist.id),
        atom_url=f"/api/watchlists/{watchlist.id}/alerts.atom", new_secret=secret)


@router.get("/watchlists")
@router.get("/watchlists.json")
def watchlists(request: Request, store: StoreDep, paging: Paging) -> Response:
    found, total = store.list_watchlists(limit=paging.limit, offset=paging.offset)
    context = WatchlistsPage(tuple(found), page_links(request, total, paging.limit, paging.offset))
    return page(request, "watchlists.html", context)


@router.post("/watchlists")
def create(request: Request, store: StoreDep, settings: SettingsDep, _csrf: CsrfChecked,
           _token: SignedIn, name: Name, webhook_url: Url = "") -> Response:
    try:
        created, secret = create_watchlist(store, settings, name, webhook_url.strip() or None)
    except Conflict as exc:
        raise ApiError(409, str(exc)) from None
    if secret is None:
        return RedirectResponse(f"/watchlists/{created.id}", status_code=303)
    # The secret is shown in this answer only: it is not kept anywhere a page can read.
    context = watchlist_page(request, store, created, 50, 0, secret)
    return page(request, "watchlist.html", context, status=201)


# The twin's route comes first: "{watchlist_id}" alone would also match "3.json".
@router.get("/watchlists/{watchlist_id}")
@router.get("/watchlists/{watchlist_id}.json")
def watchlist(request: Request, watchlist_id: int, store: StoreDep, paging: Paging) -> Response:
    context = watchlist_page(request, store, _watchlist(store, watchlist_id), paging.limit,
                             paging.offset)
    return page(request, "watchlist.html", context)


@router.post("/watchlists/{watchlist_id}/items")
def add_item(watchlist_id: int, store: StoreDep, _csrf: CsrfChecked, _token: SignedIn,
             kind: Annotated[str, Form(max_length=16)], value: Value) -> Response:
    add_watch_item(store, _watchlist(store, watchlist_id), kind, value)
    return RedirectResponse(f"/watchlists/{watchlist_id}#items", status_code=303)


@router.post("/watchlists/{watchlist_id}/items/{item_id}/delete")
def remove_item(watchlist_id: int, item_id: int, store: StoreDep, _csrf: CsrfChecked,
                _token: SignedIn) -> Response:
    if not store.remove_watch_item(_watchlist(store, watchlist_id).id, item_id):
        raise ApiError(404, f"watchlist {watchlist_id} has no item {item_id}")
    return RedirectResponse(f"/watchlists/{watchlist_id}#items", status_code=303)


@router.post("/watchlists/{watchlist_id}/delete")
def delete(watchlist_id: int, store: StoreDep, _csrf: CsrfChecked, _token: SignedIn) -> Response:
    store.delete_watchlist(_watchlist(store, watchlist_id).id)
    return RedirectResponse("/watchlists", status_code=303)
