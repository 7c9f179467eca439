"""The server's background work: poll due feeds, raise alerts, deliver due webhooks.

Started by the app's lifespan when settings.poll_feeds is on. Every TICK seconds (or at
once when woken, e.g. after a feed is added) one round runs in a worker thread, so
requests are never blocked by fetching or extraction. At shutdown the round is told to
stop between two requests, and the lifespan waits for it.
"""

from __future__ import annotations

import asyncio
import logging
import threading
from contextlib import suppress

import httpx
from fastapi import FastAPI

from supplywatch.ingest.guard import public_only_client
from supplywatch.serve.alerts import deliver_due, raise_alerts
from supplywatch.serve.feeds import Poller
from supplywatch.serve.feeds.http import HostThrottle
from supplywatch.settings import Settings
from supplywatch.store import Store

log = logging.getLogger("supplywatch.background")

TICK = 5.0  # seconds between two rounds


def _shared(app: FastAPI) -> tuple[HostThrottle, threading.Event]:
    """The app's one per-host throttle and stop flag, shared by every poll it runs."""
    state = app.state
    if getattr(state, "feed_throttle", None) is None:
        state.feed_stop = threading.Event()
        state.feed_throttle = HostThrottle(state.settings.host_interval, stop=state.feed_stop)
    return state.feed_throttle, state.feed_stop


def poller_for(app: FastAPI, client: httpx.Client | None = None) -> Poller:
    """A poller over the app's store, extractor (shared with POST /api/documents) and
    per-host throttle."""
    from supplywatch.serve.api.ingesting import extractor_of

    throttle, _ = _shared(app)
    return Poller(app.state.store, app.state.settings, lambda: extractor_of(app), client=client,
                  throttle=throttle)


class Background:
    """One task in the app's event loop; the work itself runs in a thread."""

    def __init__(self, app: FastAPI, tick: float = TICK) -> None:
        self.app = app
        self.tick = tick
        self.store: Store = app.state.store
        self.settings: Settings = app.state.settings
        self._wake = asyncio.Event()
        self._loop = asyncio.get_running_loop()
        self._task: asyncio.Task[None] | None = None
        _, self._stop = _shared(app)

    def start(self) -> None:
        self._task = asyncio.create_task(self._run(), name="supplywatch-background")
        log.info("background work started: feeds, alerts and webhooks every %g s", self.tick)

    def wake(self) -> None:
        """Run a round now (callable from any thread)."""
        self._loop.call_soon_threadsafe(self._wake.set)

    async def stop(self) -> None:
        self._stop.set()
        self._wake.set()
        if self._task is not None:
            try:
                await asyncio.wait_for(self._task, timeout=self.settings.fetch_timeout + 10)
            except TimeoutError:
                log.warning("background work did not stop in time; leaving it")
            log.info("background work stopped")

    async def _run(self) -> None:
        with public_only_client(self.app.state.settings) as client:
            poller = poller_for(self.app, client)
            while not self._stop.is_set():
                self._wake.clear()
                await asyncio.to_thread(self.round, poller, client)
                with suppress(TimeoutError):
                    await asyncio.wait_for(self._wake.wait(), timeout=self.tick)

    def round(self, poller: Poller, client: httpx.Client) -> None:
        """One round; a failure is logged and the next round tries again."""
        for name, step in (
            ("feeds", lambda: poller.poll_due()),
            ("alerts", lambda: raise_alerts(self.store, self.settings)),
            ("webhooks", lambda: deliver_due(self.store, self.settings, client)),
        ):
            if self._stop.is_set():
                return
            try:
                step()
            except Exception:
                log.exception("background %s failed; trying again in %g s", name, self.tick)


def _show_progress() -> None:
    """Under `supplywatch serve` only uvicorn's own loggers have a handler: give
    supplywatch's one in uvicorn's style, so feed progress and failures are seen, unless
    the application has set up logging itself."""
    ours = logging.getLogger("supplywatch")
    if ours.handlers or logging.getLogger().handlers:
        return
    handler = logging.StreamHandler()
    handler.setFormatter(logging.Formatter("%(levelname)s:     %(name)s: %(message)s"))
    ours.addHandler(handler)
    ours.setLevel(logging.INFO)


def start_background(app: FastAPI) -> Background:
    _show_progress()
    worker = Background(app)
    app.state.background = worker
    worker.start()
    return worker
