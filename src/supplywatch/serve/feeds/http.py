"""HTTP for the poller: guarded GETs (conditional when asked), spaced per host.

Every request the poller sends (feeds, robots.txt, item pages, and each redirect hop)
goes through `Fetcher.get`: the address guard first (public addresses only unless
settings.allow_private_urls), then the host's turn (at least settings.host_interval
seconds after the previous request to that host, whichever feed or item it was for),
then the request, capped in size and time like `ingest.fetch`.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from urllib.parse import urljoin, urlsplit

import httpx

from supplywatch.errors import FetchError
from supplywatch.ingest.fetch import read_capped
from supplywatch.ingest.guard import check_url, is_public, resolve
from supplywatch.settings import Settings

MAX_REDIRECTS = 5


class Stopped(Exception):
    """The poll was asked to stop (the server is shutting down)."""


class HttpStatusError(FetchError):
    """The server answered with an error status."""

    def __init__(self, url: str, status: int, message: str) -> None:
        super().__init__(url, message)
        self.status = status


class HostThrottle:
    """At least `interval` seconds between two requests to one host, across threads.

    A caller reserves the host's next free slot under the lock, then sleeps until it
    outside the lock, so requests to other hosts are not held up."""

    def __init__(self, interval: float, clock: Callable[[], float] = time.monotonic,
                 stop: threading.Event | None = None) -> None:
        self.interval = interval
        self.clock = clock
        self.stop = stop or threading.Event()
        self._next: dict[str, float] = {}
        self._lock = threading.Lock()

    def wait(self, url: str) -> None:
        host = (urlsplit(url).hostname or "").lower()
        with self._lock:
            now = self.clock()
            slot = max(now, self._next.get(host, now))
            self._next[host] = slot + self.interval
        if slot > now and self.stop.wait(slot - now):
            raise Stopped
        if self.stop.is_set():
            raise Stopped


@dataclass(frozen=True)
class Fetched:
    """One answer: 200 with its body, or 304 (nothing changed) with none."""

    url: str  # after redirects
    status: int
    data: bytes = b""
    headers: Mapping[str, str] = field(default_factory=dict)

    @property
    def content_type(self) -> str | None:
        return self.headers.get("content-type")


@dataclass
class Fetcher:
    """Guarded, throttled GETs over one shared client."""

    client: httpx.Client
    settings: Settings
    throttle: HostThrottle

    def get(self, url: str, headers: Mapping[str, str] | None = None) -> Fetched:
        deadline = time.monotonic() + self.settings.fetch_timeout
        target = url
        for _ in range(MAX_REDIRECTS + 1):
            check_url(target, self.settings.allow_private_urls)
            self.throttle.wait(target)
            result = self._once(url, target, dict(headers or {}), deadline)
            if isinstance(result, Fetched):
                return result
            target = result
        raise FetchError(url, "too many redirects; open it in a browser to find the final URL")

    def _once(self, url: str, target: str, headers: dict[str, str],
              deadline: float) -> Fetched | str:
        settings = self.settings
        headers["User-Agent"] = settings.user_agent
        try:
            with self.client.stream("GET", target, headers=headers, follow_redirects=False,
                                    timeout=settings.fetch_timeout) as response:
                if response.has_redirect_location:
                    return urljoin(str(response.url), response.headers.get("location", ""))
                if response.status_code == 304:
                    return Fetched(str(response.url), 304, b"", dict(response.headers))
                if response.status_code >= 400:
                    raise HttpStatusError(url, response.status_code, _status(response))
                return Fetched(str(response.url), response.status_code,
                               read_capped(url, response, settings.max_input_bytes, deadline),
                               dict(response.headers))
        except httpx.TimeoutException:
            raise FetchError(url, f"timed out after {settings.fetch_timeout:g} s "
                             "(SUPPLYWATCH_FETCH_TIMEOUT allows more time)") from None
        except (httpx.InvalidURL, httpx.UnsupportedProtocol) as exc:
            raise FetchError(url, f"not a valid http(s) URL ({exc}); check it") from None
        except httpx.HTTPError as exc:
            raise FetchError(url, f"could not be fetched ({type(exc).__name__}: "
                             f"{exc or 'no details'}); is the server up?") from None


def _status(response: httpx.Response) -> str:
    code = response.status_code
    reason = f"HTTP {code} {response.reason_phrase}".rstrip()
    if code in (404, 410):
        return f"{reason}; the address no longer exists — check it, or remove the feed"
    if code == 429 or code >= 500:
        return f"{reason}; the server is busy or failing"
    return f"{reason}; the server refuses the request"


def check_address(url: str, settings: Settings) -> str:
    """A URL the server may send to or fetch from, as far as can be told now: http(s) with
    a host, and not a private address unless allowed. A name that does not resolve yet is
    accepted (the fetch or delivery will say if it still does not)."""
    url = url.strip()
    check_url(url, allow_private=True)  # the form: http(s) and a host
    if settings.allow_private_urls:
        return url
    parts = urlsplit(url)
    try:
        port = parts.port or (443 if parts.scheme == "https" else 80)
        addresses = resolve(parts.hostname or "", port)
    except ValueError:
        raise FetchError(url, "the port is not a number; check the URL") from None
    except FetchError:
        return url
    if any(not is_public(a) for a in addresses):
        check_url(url, allow_private=False)  # raises, naming the address and the setting
    return url
