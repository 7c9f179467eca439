"""The feeds API's typed answers and request bodies."""

from __future__ import annotations

from typing import Annotated

from pydantic import BaseModel, Field, StringConstraints

from supplywatch.serve.feeds.manage import MAX_INTERVAL, MIN_INTERVAL
from supplywatch.serve.models import Model, Timestamp

MAX_URL_CHARS = 2000
Url = Annotated[str, StringConstraints(min_length=1, max_length=MAX_URL_CHARS, pattern=r"^[^\x00]*$")]


class Feed(Model):
    """A feed and how it is doing. `status` is new (never polled), ok, or failing (with
    `last_error`; it is retried with backoff at `next_poll_at`, never dropped)."""

    id: int
    url: str
    title: str | None
    added_at: Timestamp
    interval_seconds: int
    status: str = Field(description="new | ok | failing")
    failures: int = Field(description="Failed polls in a row.")
    last_error: str | None
    last_polled_at: Timestamp | None
    last_ok_at: Timestamp | None
    next_poll_at: Timestamp
    items_ingested: int
    etag: str | None = Field(description="Sent back as If-None-Match on the next poll.")
    last_modified: str | None = Field(description="Sent back as If-Modified-Since.")


class FeedIn(BaseModel):
    url: Url = Field(description="An RSS or Atom feed's http(s) address.")
    interval_seconds: int | None = Field(
        default=None, ge=MIN_INTERVAL, le=MAX_INTERVAL,
        description="Seconds between polls; default: the server's SUPPLYWATCH_FEED_INTERVAL.")


class FeedItem(Model):
    """An item taken from a feed: the document it became, or why it could not be read."""

    item_key: str
    link: str | None
    document_id: str | None
    seen_at: Timestamp
    error: str | None


class FeedPollResult(BaseModel):
    feed: Feed
    outcome: str = Field(description="ok | not-modified | failing")
    new_items: int
    item_errors: list[str]
    error: str | None
