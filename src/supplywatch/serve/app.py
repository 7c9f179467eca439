"""The FastAPI application: settings and store on `app.state`, the error shape, the
request limits, the API routers (one module per resource under `api/`) and the pages."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from importlib import import_module, resources

from fastapi import FastAPI
from fastapi.staticfiles import StaticFiles

from supplywatch import __version__
from supplywatch.serve import errors
from supplywatch.serve.limits import BodyLimit, RateLimit
from supplywatch.settings import Settings
from supplywatch.store import Store

API_VERSION = "1"
# One router per resource: each module has a `router`, mounted under /api.
API_MODULES = (
    "health",
    "documents",
    "entities",
    "facts",
    "exposure",
    "check",
    "comments",
    "tokens",
    "feeds",
    "watchlists",
    "alerts",
)
# The web UI: modules under web/ with a `router` of pages (mounted at /).
WEB_MODULES: tuple[str, ...] = (
    "errorpages", "home", "documents", "comments", "entities", "exposure", "check", "search",
    "signin", "watchlists", "feeds",
)

DESCRIPTION = f"""
Read news and recall notices into an evidence-backed supply-chain graph, and query it.

**Versioning.** This is version {API_VERSION} of the API, served under `/api/`. Within a
version, changes are additive only: new endpoints, new optional parameters and new
fields in answers may appear, so clients must ignore fields they do not know. A change
that removes or renames anything comes as a new version under `/api/v2/`, served
beside this one for at least six months. Every answer carries the header
`X-Supplywatch-API: {API_VERSION}`.

**Errors** all have one shape: `{{"error": {{"status", "code", "message", "details"}}}}`.
**Lists** are paged with `limit` and `offset`; the answer has `total` and `next`.
**Writes** need an API token (`Authorization: Bearer ...`, from `supplywatch token create`).
"""


def create_app(settings: Settings, *, store: Store | None = None) -> FastAPI:
    """The application. Without `store`, it opens settings.database_url at start-up and
    closes it at shutdown."""

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        own = store is None
        app.state.store = store if store is not None else Store.open(settings.database_url)
        worker = None
        if settings.poll_feeds:  # feeds, alerts and webhooks in the background
            from supplywatch.serve.background import start_background

            worker = start_background(app)
        try:
            yield
        finally:
            if worker is not None:
                await worker.stop()
            if own:
                app.state.store.close()

    app = FastAPI(
        title="supplywatch", version=__version__, description=DESCRIPTION,
        openapi_url="/openapi.json", docs_url="/api/docs", redoc_url=None, lifespan=lifespan,
    )
    app.state.settings = settings
    if store is not None:
        app.state.store = store
    errors.install(app)

    app.add_middleware(BodyLimit, max_bytes=settings.max_request_bytes)
    app.add_middleware(RateLimit, per_minute=settings.rate_limit)

    # Added last, so outermost: the limits' own 413 and 429 answers get these headers too.
    @app.middleware("http")
    async def common_headers(request, call_next):  # type: ignore[no-untyped-def]
        response = await call_next(request)
        response.headers["X-Supplywatch-API"] = API_VERSION
        # Pages add their Content-Security-Policy; these hold for every answer (API, static).
        response.headers.setdefault("X-Content-Type-Options", "nosniff")
        response.headers.setdefault("Referrer-Policy", "same-origin")
        return response

    for name in API_MODULES:
        module = import_module(f"supplywatch.serve.api.{name}")
        app.include_router(module.router, prefix="/api", responses=errors.ERROR_RESPONSES)
    for name in WEB_MODULES:
        app.include_router(import_module(f"supplywatch.serve.web.{name}").router)
    static = resources.files("supplywatch.serve.web") / "static"
    app.mount("/static", StaticFiles(directory=str(static)), name="static")
    return app
