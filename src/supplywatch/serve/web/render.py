"""One typed context per page, rendered two ways: HTML from the page's template, or the
same data as the page's JSON twin (the URL with `.json` appended, or a request that
asks for `application/json`), datasette style.

Templates autoescape everything: ingested text reaches a page only as escaped text.
Every page answer carries the security headers (`SECURITY_HEADERS`): scripts only from
this server's /static files, never inline.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import lru_cache
from typing import Any
from urllib.parse import urlsplit

from fastapi import Request
from fastapi.responses import HTMLResponse, JSONResponse, Response
from jinja2 import Environment, PackageLoader, select_autoescape

from supplywatch.query.results import plain
from supplywatch.serve.auth import SESSION_COOKIE
from supplywatch.serve.errors import ApiError
from supplywatch.serve.web import csrf
from supplywatch.serve.web.access import session_token

CSP = ("default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
       "object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'")
SECURITY_HEADERS = {
    "Content-Security-Policy": CSP,
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "same-origin",
    "X-Frame-Options": "DENY",
}


@lru_cache(maxsize=1)
def environment() -> Environment:
    env = Environment(
        loader=PackageLoader("supplywatch.serve.web", "templates"),
        autoescape=select_autoescape(default=True, default_for_string=True),
        trim_blocks=True, lstrip_blocks=True,
    )
    env.filters["number"] = _number
    env.filters["show"] = show
    env.filters["safe_url"] = safe_url
    # `tojson` takes page contexts (dataclasses) too; its output is safe in HTML and in
    # single-quoted attributes (Jinja escapes <, >, & and ').
    env.policies["json.dumps_function"] = lambda obj, **kw: json.dumps(plain(obj), **kw)
    return env


def _number(value: Any) -> str:
    if isinstance(value, int) and not isinstance(value, bool):
        return f"{value:,}"
    return "" if value is None else str(value)


def show(value: Any) -> str:
    """A fact's detail as text: numbers with separators, lists joined, objects as JSON."""
    if isinstance(value, list | tuple):
        return ", ".join(show(v) for v in value)
    if isinstance(value, dict):
        return json.dumps(plain(value), ensure_ascii=False)
    return _number(value)


def safe_url(value: Any) -> str | None:
    """A link target from ingested data only when it is http(s): never `javascript:`."""
    if isinstance(value, str) and urlsplit(value.strip()).scheme.lower() in ("http", "https"):
        return value.strip()
    return None


@dataclass(frozen=True, slots=True)
class UI:
    """What the layout needs besides the page's own data (not part of the JSON twin)."""

    user: str | None
    csrf_token: str
    json_url: str | None
    path: str
    q: str


def wants_json(request: Request) -> bool:
    """The JSON twin: a `.json` URL, or an Accept header that asks for JSON, not HTML."""
    if request.url.path.endswith(".json"):
        return True
    accept = request.headers.get("accept", "")
    return "application/json" in accept and "text/html" not in accept


def html_path(request: Request) -> str:
    """The HTML page's path for this request, also when it asks for the JSON twin."""
    path = request.url.path
    if path.endswith(".json"):
        path = path[: -len(".json")] or "/"
    return path


def json_url(request: Request) -> str:
    """This page's JSON twin: `/` becomes `/.json`, `/check?q=x` becomes `/check.json?q=x`."""
    path = request.url.path
    if not path.endswith(".json"):
        path = path + ".json" if path != "/" else "/.json"
    query = request.url.query
    return f"{path}?{query}" if query else path


def current_user(request: Request) -> str | None:
    """The name of the token this browser signed in with, if it is still valid."""
    token = getattr(request.state, "token", None)
    if token is None:
        try:
            token = session_token(request)
        except ApiError:
            return None
    return None if token is None else token.name


def secure(request: Request, response: Response) -> Response:
    """The security headers, the CSRF cookie when new, and a stale session cleared."""
    response.headers.update(SECURITY_HEADERS)
    csrf.set_cookie(request, response)
    if getattr(request.state, "stale_session", False):
        response.delete_cookie(SESSION_COOKIE, path="/", httponly=True, samesite="strict")
    return response


def ui_of(request: Request, *, twin: bool = True) -> UI:
    return UI(user=current_user(request), csrf_token=csrf.issue(request),
              json_url=json_url(request) if twin else None, path=request.url.path,
              q=request.query_params.get("q", "") if request.url.path == "/search" else "")


def render_html(request: Request, template: str, context: Any, *, status: int = 200,
                twin: bool = True) -> Response:
    html = environment().get_template(template).render(page=context, ui=ui_of(request, twin=twin))
    return secure(request, HTMLResponse(html, status_code=status))


def page(request: Request, template: str, context: Any, *, status: int = 200) -> Response:
    """The page answering this request: its JSON twin, or `template` rendered with
    `page` (the context) and `ui`."""
    if wants_json(request):
        return secure(request, JSONResponse(plain(context), status_code=status))
    return render_html(request, template, context, status=status)
