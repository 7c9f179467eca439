"""The watchlists API's typed answers and request bodies."""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import BaseModel, Field, StringConstraints

from supplywatch.serve.alerts.manage import MAX_NAME, MAX_VALUE
from supplywatch.serve.feeds.models import Url
from supplywatch.serve.models import Fact, Model, Timestamp

NoNul = r"^[^\x00]*$"
Kind = Literal["company", "supplier", "product", "model"]


class Watchlist(Model):
    id: int
    name: str
    created_at: Timestamp
    webhook_url: str | None
    items: int = Field(description="Watch items.")
    alerts: int = Field(description="Alerts raised so far.")


class NewWatchlist(Watchlist):
    webhook_secret: str | None = Field(
        description="Signs each webhook body (X-Supplywatch-Signature: sha256=HMAC-SHA256 of the "
        "body); shown only in this answer.")


class WatchlistIn(BaseModel):
    name: Annotated[str, StringConstraints(min_length=1, max_length=MAX_NAME, pattern=NoNul)]
    webhook_url: Url | None = Field(default=None, description="Where alerts are POSTed, signed.")


class WatchItem(Model):
    id: int
    watchlist_id: int
    kind: str = Field(description="company | supplier | product | model")
    value: str = Field(description="As written when it was added.")
    key: str = Field(description="How it is compared: a name key or a normalised model number.")
    created_at: Timestamp


class WatchItemIn(BaseModel):
    kind: Kind
    value: Annotated[str, StringConstraints(min_length=1, max_length=MAX_VALUE, pattern=NoNul)]


class WatchlistDetail(Watchlist):
    watch_items: list[WatchItem]
    deliveries: dict[str, int] = Field(description="Webhook deliveries by status.")


class Alert(Model):
    """A fact that touched a watched item, with its evidence and the names linking them."""

    id: int
    watchlist_id: int
    created_at: Timestamp
    reason: str
    path: list[str] = Field(description="Names from the watched item to the one the fact names.")
    watch_item: WatchItem
    fact: Fact
    delivery: str | None = Field(description="The webhook delivery's status: pending, "
                                 "delivered or failed; none without a webhook.")
