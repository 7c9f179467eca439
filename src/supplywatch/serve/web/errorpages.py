"""HTML error pages for browsers; the API (and every JSON twin) keeps the JSON error shape.

Installed as `app.state.html_error` (the hook serve/errors.py calls) by this module's
router lifespan, so listing "errorpages" in WEB_MODULES is all it takes. A page that
needs sign-in (401) sends a browser to /signin and back.
"""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass
from http import HTTPStatus
from urllib.parse import quote

from fastapi import APIRouter, FastAPI, Request
from fastapi.responses import RedirectResponse, Response

from supplywatch.serve.web.render import render_html, secure, wants_json

log = logging.getLogger(__name__)

# Paths that are never pages: they answer errors in JSON whatever the client accepts.
NOT_PAGES = ("/api/", "/static/", "/openapi.json")


@dataclass(frozen=True, slots=True)
class ErrorPage:
    status: int
    title: str
    message: str


def html_error(request: Request, status: int, message: str) -> Response | None:
    """The hook: an HTML page for a page request, None (JSON) for everything else."""
    if request.url.path.startswith(NOT_PAGES) or wants_json(request):
        return None
    if status == 401 and request.method in ("GET", "HEAD"):
        target = request.url.path + (f"?{request.url.query}" if request.url.query else "")
        return secure(request, RedirectResponse(f"/signin?next={quote(target, safe='')}",
                                                status_code=303))
    try:
        title = HTTPStatus(status).phrase
    except ValueError:
        title = "Error"
    try:
        return render_html(request, "error.html", ErrorPage(status, title, message),
                           status=status, twin=False)
    except Exception:  # the page itself failed (e.g. the database is down): answer in JSON
        log.exception("could not render the error page")
        return None


@asynccontextmanager
async def install(app: FastAPI) -> AsyncIterator[None]:
    app.state.html_error = html_error
    yield


# No routes: this router only carries the lifespan that installs the hook.
router = APIRouter(lifespan=install)
