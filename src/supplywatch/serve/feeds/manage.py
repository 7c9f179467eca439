"""Adding a feed, checked: what the CLI and the API share."""

from __future__ import annotations

from supplywatch.errors import SupplywatchError
from supplywatch.serve.feeds.http import check_address
from supplywatch.settings import Settings
from supplywatch.store import Store
from supplywatch.store.feeds import FeedRecord

MIN_INTERVAL = 60  # seconds: polling one feed more often than this is not being a good guest
MAX_INTERVAL = 7 * 24 * 3600


class FeedError(SupplywatchError):
    """A feed that cannot be added as asked; the message says why."""


def add_feed(store: Store, settings: Settings, url: str,
             interval: int | None = None) -> tuple[FeedRecord, bool]:
    """Add the feed at `url`, polled every `interval` seconds (default settings.feed_interval);
    False when it was there already (it is left as it was)."""
    url = check_address(url, settings)
    interval = settings.feed_interval if interval is None else interval
    if not MIN_INTERVAL <= interval <= MAX_INTERVAL:
        raise FeedError(f"the interval must be {MIN_INTERVAL} to {MAX_INTERVAL} seconds "
                        f"(got {interval})")
    return store.add_feed(url, interval)
