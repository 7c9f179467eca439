"""Creating watchlists and watch items, checked: what the CLI and the API share."""

from __future__ import annotations

import secrets

from supplywatch.codes.models import is_model_code, normalise_code
from supplywatch.errors import SupplywatchError
from supplywatch.model import name_key
from supplywatch.serve.feeds.http import check_address
from supplywatch.settings import Settings
from supplywatch.store import Store
from supplywatch.store.watch import WatchItem, Watchlist

KINDS = ("company", "supplier", "product", "model")
MAX_NAME = 200
MAX_VALUE = 300


class WatchError(SupplywatchError):
    """A watchlist or watch item that cannot be made as asked; the message says why."""


class Conflict(WatchError):
    """It exists already."""


def create_watchlist(store: Store, settings: Settings, name: str,
                     webhook_url: str | None = None) -> tuple[Watchlist, str | None]:
    """A new watchlist and, with a webhook, the secret its deliveries are signed with
    (shown once: keep it)."""
    name = " ".join(name.split())
    if not name or len(name) > MAX_NAME:
        raise WatchError(f"a watchlist needs a name of 1 to {MAX_NAME} characters")
    secret = None
    if webhook_url:
        webhook_url = check_address(webhook_url, settings)
        secret = "whsec_" + secrets.token_urlsafe(32)
    created = store.create_watchlist(name, webhook_url or None, secret)
    if created is None:
        raise Conflict(f"a watchlist named {name!r} exists already; pick another name")
    return created, secret


def watch_key(kind: str, value: str) -> str:
    """How a watched value is compared: a name's key, or a normalised model number."""
    if kind not in KINDS:
        raise WatchError(f"unknown kind {kind!r}; watch one of: {', '.join(KINDS)}")
    value = value.strip()
    if not value or len(value) > MAX_VALUE:
        raise WatchError(f"the value to watch needs 1 to {MAX_VALUE} characters")
    if kind == "model":
        code = normalise_code(value)
        if not is_model_code(code):
            raise WatchError(f"{value!r} does not read as a model number (letters and digits, "
                             "such as A1681 or PAC20-392); watch it as a product instead")
        return code
    key = name_key(value)
    if not key:
        raise WatchError(f"{value!r} has no letters or digits to compare names by")
    return key


def add_watch_item(store: Store, watchlist: Watchlist, kind: str,
                   value: str) -> tuple[WatchItem, bool]:
    """Watch `value` as `kind` in the watchlist; False when it was watched already."""
    key = watch_key(kind, value)
    return store.add_watch_item(watchlist.id, kind, value.strip(), key)
