"""Fetch a URL into a RawInput; httpx errors become FetchError / TooLarge here, at the boundary."""

from __future__ import annotations

import time
from urllib.parse import urljoin

import httpx

from supplywatch.errors import FetchError
from supplywatch.ingest.files import too_large
from supplywatch.ingest.guard import check_url, public_only_client
from supplywatch.ingest.raw import RawInput
from supplywatch.settings import Settings


def is_url(item: str) -> bool:
    return item.lower().startswith(("http://", "https://"))


MAX_REDIRECTS = 5


def fetch_url(url: str, settings: Settings, client: httpx.Client | None = None, *,
              guarded: bool = False) -> RawInput:
    """GET `url`, streaming, and stop as soon as the body passes settings.max_input_bytes
    or the whole fetch takes longer than settings.fetch_timeout.

    `guarded` (the server fetching for a user): the URL and every redirect must pass
    `guard.check_url` (public addresses only, unless settings.allow_private_urls), and
    the connection is made by `guard.public_only_client`, which checks the address it
    connects to. `client` lets the caller share connections or inject a transport (tests do);
    without one, a client is made for this request and closed after it.
    """
    if client is not None:
        return _fetch(client, url, settings, guarded)
    with public_only_client(settings) if guarded else httpx.Client() as own:
        return _fetch(own, url, settings, guarded)


def _fetch(client: httpx.Client, url: str, settings: Settings, guarded: bool) -> RawInput:
    deadline = time.monotonic() + settings.fetch_timeout
    target = url
    for _ in range(MAX_REDIRECTS + 1):
        if guarded:
            check_url(target, settings.allow_private_urls)
        result = _fetch_once(client, url, target, settings, deadline, follow=not guarded)
        if isinstance(result, RawInput):
            return result
        target = result  # a redirect, followed here so that each hop is checked
    raise FetchError(url, "too many redirects; open it in a browser to find the final URL")


def _fetch_once(client: httpx.Client, url: str, target: str, settings: Settings,
                deadline: float, follow: bool) -> RawInput | str:
    """The body at `target`, or (when not following) the address it redirects to."""
    limit = settings.max_input_bytes
    try:
        with client.stream(
            "GET",
            target,
            headers={"User-Agent": settings.user_agent},
            timeout=settings.fetch_timeout,
            follow_redirects=follow,
        ) as response:
            if response.has_redirect_location and not follow:
                return urljoin(str(response.url), response.headers.get("location", ""))
            if response.status_code >= 400:
                raise FetchError(url, _status_message(response))
            return RawInput(
                path=url,
                data=read_capped(url, response, limit, deadline),
                content_type=response.headers.get("content-type"),
                url=str(response.url),
            )
    except httpx.TimeoutException:
        raise FetchError(
            url,
            f"timed out after {settings.fetch_timeout:g} s; try again later, or allow more "
            "time with SUPPLYWATCH_FETCH_TIMEOUT",
        ) from None
    except httpx.TooManyRedirects:
        raise FetchError(
            url, "too many redirects; open it in a browser to find the final URL"
        ) from None
    except (httpx.InvalidURL, httpx.UnsupportedProtocol) as exc:
        raise FetchError(url, f"not a valid http(s) URL ({exc}); check it") from None
    except httpx.HTTPError as exc:
        raise FetchError(
            url,
            f"could not be fetched ({type(exc).__name__}: {exc or 'no details'}); check the "
            "address and your network connection",
        ) from None


def read_capped(url: str, response: httpx.Response, limit: int, deadline: float) -> bytes:
    """The body of a streamed response, refused (TooLarge) as soon as it passes `limit`
    bytes, declared or received, and (ReadTimeout) once time.monotonic() passes `deadline`."""
    declared = response.headers.get("content-length", "")
    if declared.isdigit() and int(declared) > limit:
        raise too_large(url, int(declared), limit)
    chunks: list[bytes] = []
    total = 0
    for chunk in response.iter_bytes():
        total += len(chunk)
        if total > limit:
            raise too_large(url, total, limit, at_least=True)
        if time.monotonic() > deadline:
            raise httpx.ReadTimeout("the whole response took too long")
        chunks.append(chunk)
    return b"".join(chunks)


def _status_message(response: httpx.Response) -> str:
    code = response.status_code
    reason = f"HTTP {code} {response.reason_phrase}".rstrip()
    if code in (401, 403):
        return f"{reason}; the site refuses the request — save the page from a browser instead"
    if code == 404 or code == 410:
        return f"{reason}; the page does not exist — check the URL"
    if code == 429 or code >= 500:
        return f"{reason}; the server is busy or failing — try again later"
    return f"{reason}; check the URL"
