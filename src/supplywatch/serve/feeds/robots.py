"""robots.txt, read once per host per poll and asked before every feed and item fetch.

Follows RFC 9309: a robots.txt that does not exist (any 4xx) allows everything; one
that cannot be fetched (5xx, network error) means the site cannot be crawled now, so
its URLs are not fetched this poll (the error says why).
"""

from __future__ import annotations

from urllib.parse import urlsplit, urlunsplit
from urllib.robotparser import RobotFileParser

from supplywatch.errors import FetchError
from supplywatch.serve.feeds.http import Fetcher, HttpStatusError


class RobotsCache:
    """Per-host robots rules for one poll, fetched through the poller's own guarded GET."""

    def __init__(self, fetcher: Fetcher) -> None:
        self.fetcher = fetcher
        self.agent = fetcher.settings.user_agent
        self._rules: dict[str, RobotFileParser | FetchError] = {}

    def allowed(self, url: str) -> bool:
        """Whether robots.txt lets us fetch `url`; FetchError when it could not be read."""
        rules = self._rules_for(url)
        if isinstance(rules, FetchError):
            raise rules
        return rules.can_fetch(self.agent, url)

    def _rules_for(self, url: str) -> RobotFileParser | FetchError:
        parts = urlsplit(url)
        origin = urlunsplit((parts.scheme, parts.netloc, "", "", ""))
        if origin not in self._rules:
            self._rules[origin] = self._load(origin + "/robots.txt")
        return self._rules[origin]

    def _load(self, robots_url: str) -> RobotFileParser | FetchError:
        parser = RobotFileParser(robots_url)
        try:
            fetched = self.fetcher.get(robots_url)
        except HttpStatusError as exc:
            if 400 <= exc.status < 500:
                parser.parse([])  # no robots.txt: everything is allowed
                return parser
            return FetchError(robots_url, f"robots.txt could not be read ({exc.message}); the "
                              "site's pages are not fetched until it can be")
        except FetchError as exc:  # the site is unreachable: say that first
            return FetchError(robots_url, f"{exc.message} (asking for robots.txt)")
        parser.parse(fetched.data.decode("utf-8", "replace").splitlines())
        return parser
