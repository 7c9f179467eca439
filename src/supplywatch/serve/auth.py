"""API tokens: every write needs one; reads need one when settings.read_access is "token".

A client sends `Authorization: Bearer <token>`. The web UI keeps the token of a
signed-in user in an HttpOnly cookie (`SESSION_COOKIE`); a request that comes with
that cookie and writes must also pass the UI's CSRF check (see web/csrf.py), which
the UI's routes apply.
"""

from __future__ import annotations

from fastapi import Request
from fastapi.security import HTTPBearer

from supplywatch.serve.errors import ApiError
from supplywatch.store import ApiToken

SESSION_COOKIE = "sw_session"

# Declares the bearer scheme in the OpenAPI document; the check itself is below.
bearer_scheme = HTTPBearer(auto_error=False, description="An API token from `supplywatch token create`.")


def presented_token(request: Request, *, cookie: bool) -> str | None:
    header = request.headers.get("authorization", "")
    scheme, _, value = header.partition(" ")
    if scheme.lower() == "bearer" and value.strip():
        return value.strip()
    if cookie:
        return request.cookies.get(SESSION_COOKIE) or None
    return None


def authenticate(request: Request, *, cookie: bool = True) -> ApiToken | None:
    """The token this request presents, checked; 401 for one that is unknown or revoked."""
    secret = presented_token(request, cookie=cookie)
    if secret is None:
        return None
    token = request.app.state.store.verify_token(secret)
    if token is None:
        raise ApiError(401, "the API token is unknown or revoked; create one with "
                       "`supplywatch token create NAME`",
                       headers={"WWW-Authenticate": 'Bearer error="invalid_token"'})
    request.state.token = token
    return token


def _missing(action: str) -> ApiError:
    return ApiError(401, f"{action} needs an API token: send `Authorization: Bearer <token>` "
                    "(create one with `supplywatch token create NAME`)",
                    headers={"WWW-Authenticate": "Bearer"})


def reader(request: Request) -> ApiToken | None:
    """Reading: open, or token-protected when settings.read_access is "token"."""
    token = authenticate(request)
    if token is None and request.app.state.settings.read_access == "token":
        raise _missing("reading this server")
    return token


def writer(request: Request) -> ApiToken:
    """Writing through the API: always a bearer token. The session cookie does not count
    here, so a page on another site can never write with a signed-in user's cookie."""
    token = authenticate(request, cookie=False)
    if token is None:
        raise _missing("this change")
    return token


def session_writer(request: Request) -> ApiToken:
    """Writing through the UI's forms: the signed-in user's cookie (or a bearer token).
    Every such route also checks the form's CSRF token (web/csrf.py)."""
    token = authenticate(request)
    if token is None:
        raise _missing("this change")
    return token
