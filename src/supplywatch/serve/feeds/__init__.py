"""Feeds: RSS/Atom polling with conditional GET, a per-host rate limit and robots.txt;
new items are ingested through the pipeline once each, failing feeds back off.

    poller = Poller(store, settings, extractor_slot)
    results = poller.poll_due()          # every feed whose next poll is due
"""

from supplywatch.serve.feeds.manage import FeedError, add_feed
from supplywatch.serve.feeds.poll import ExtractorSlot, FeedPoll, Poller, backoff

__all__ = ["ExtractorSlot", "FeedError", "FeedPoll", "Poller", "add_feed", "backoff"]
