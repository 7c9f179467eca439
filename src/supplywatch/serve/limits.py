"""Request limits, as ASGI middleware: a body size cap (413) and a per-client rate
limit (429 with Retry-After)."""

from __future__ import annotations

import contextlib
import math
import threading
import time
from collections.abc import Callable
from typing import Any

from starlette.types import ASGIApp, Message, Receive, Scope, Send

from supplywatch.serve.errors import error_response


class BodyTooLarge(Exception):
    pass


class BodyLimit:
    """Refuse bodies over `max_bytes`, by Content-Length up front or while they stream."""

    def __init__(self, app: ASGIApp, max_bytes: int) -> None:
        self.app = app
        self.max_bytes = max_bytes

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        declared = dict(scope["headers"]).get(b"content-length", b"")
        if declared.isdigit() and int(declared) > self.max_bytes:
            await self._refuse(scope, receive, send)
            return
        seen = 0
        exceeded = False  # the body passed the cap: whatever the app answers, ours is 413
        started = False

        async def counting_receive() -> Message:
            nonlocal seen, exceeded
            message = await receive()
            if message["type"] == "http.request":
                seen += len(message.get("body", b""))
                if seen > self.max_bytes:
                    exceeded = True
                    raise BodyTooLarge
            return message

        async def guarded_send(message: Message) -> None:
            nonlocal started
            if exceeded and not started:
                return  # e.g. the 400 FastAPI makes of the interrupted body: 413 replaces it
            started = started or message["type"] == "http.response.start"
            await send(message)

        with contextlib.suppress(BodyTooLarge):  # the app may let it through, or not
            await self.app(scope, counting_receive, guarded_send)
        if exceeded and not started:
            await self._refuse(scope, receive, send)

    async def _refuse(self, scope: Scope, receive: Receive, send: Send) -> None:
        response = error_response(
            413, f"the request body is over {self.max_bytes:,} bytes; send less, or raise "
            "SUPPLYWATCH_MAX_REQUEST_BYTES on the server")
        await response(scope, receive, send)


class TokenBuckets:
    """A token bucket per client: `per_minute` requests a minute, bursts up to that many."""

    def __init__(self, per_minute: int, clock: Callable[[], float] = time.monotonic) -> None:
        self.rate = per_minute / 60.0
        self.capacity = float(per_minute)
        self.clock = clock
        self._buckets: dict[str, tuple[float, float]] = {}
        self._lock = threading.Lock()

    def take(self, client: str) -> float:
        """0 when the request may go; else the seconds until it could."""
        now = self.clock()
        with self._lock:
            tokens, last = self._buckets.get(client, (self.capacity, now))
            tokens = min(self.capacity, tokens + (now - last) * self.rate)
            if tokens >= 1:
                self._buckets[client] = (tokens - 1, now)
                return 0.0
            self._buckets[client] = (tokens, now)
            if len(self._buckets) > 100_000:  # forget idle clients rather than grow forever
                self._buckets = {k: v for k, v in self._buckets.items() if now - v[1] < 120}
            return (1 - tokens) / self.rate


class RateLimit:
    def __init__(self, app: ASGIApp, per_minute: int, clock: Callable[[], float] = time.monotonic,
                 exempt: tuple[str, ...] = ("/static/",)) -> None:
        self.app = app
        self.buckets = TokenBuckets(per_minute, clock) if per_minute > 0 else None
        self.exempt = exempt

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if (self.buckets is None or scope["type"] != "http"
                or scope["path"].startswith(self.exempt)):
            await self.app(scope, receive, send)
            return
        client: Any = scope.get("client") or ("unknown", 0)
        wait = self.buckets.take(str(client[0]))
        if wait <= 0:
            await self.app(scope, receive, send)
            return
        retry = max(1, math.ceil(wait))
        response = error_response(
            429, f"too many requests from this client; retry in {retry} s",
            headers={"Retry-After": str(retry)})
        await response(scope, receive, send)
