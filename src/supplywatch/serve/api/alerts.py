"""A watchlist's alerts: paged JSON, and the same as an Atom feed for feed readers."""

from __future__ import annotations

from fastapi import APIRouter, Request, Response, Security

from supplywatch.serve.alerts.atom import render_atom
from supplywatch.serve.alerts.models import Alert
from supplywatch.serve.api.watchlists import WatchlistId, watchlist_or_404
from supplywatch.serve.auth import bearer_scheme
from supplywatch.serve.deps import Reader, StoreDep
from supplywatch.serve.pagination import Page, Paging, make_page

router = APIRouter(tags=["watchlists"], dependencies=[Security(bearer_scheme)])

ATOM_ENTRIES = 100  # the newest alerts a feed reader is shown


@router.get("/watchlists/{watchlist_id}/alerts", response_model=Page[Alert],
            summary="A watchlist's alerts")
def list_alerts(watchlist_id: WatchlistId, request: Request, response: Response,
                store: StoreDep, _: Reader, paging: Paging) -> Page[Alert]:
    """Newest first, each with its fact, evidence, document and the path of names that
    links it to the watched item."""
    watchlist_or_404(store, watchlist_id)
    found, total = store.list_alerts(watchlist_id=watchlist_id, limit=paging.limit,
                                     offset=paging.offset)
    return make_page(request, response, [Alert.model_validate(a) for a in found], total, paging)


@router.get("/watchlists/{watchlist_id}/alerts.atom", summary="A watchlist's alerts as Atom",
            response_class=Response,
            responses={200: {"content": {"application/atom+xml": {}},
                             "description": "An Atom 1.0 feed of the newest alerts."}})
def alerts_atom(watchlist_id: WatchlistId, request: Request, store: StoreDep,
                _: Reader) -> Response:
    """The newest alerts; each entry links to the document's page on this server."""
    watchlist = watchlist_or_404(store, watchlist_id)
    found, _total = store.list_alerts(watchlist_id=watchlist_id, limit=ATOM_ENTRIES)
    body = render_atom(watchlist, found, base_url=str(request.base_url).rstrip("/"),
                       self_url=str(request.url))
    return Response(body, media_type="application/atom+xml; charset=utf-8")

