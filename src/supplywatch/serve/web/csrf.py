"""CSRF protection for the UI's forms: a token signed with HMAC, checked on every POST.

Each browser gets a random nonce in an HttpOnly, SameSite=Strict cookie (`CSRF_COOKIE`);
a form carries `<issued>.<HMAC(secret, nonce.issued)>` in its `csrf_token` field (or the
`X-CSRF-Token` header). Another site can neither read the cookie nor compute the HMAC,
so it cannot forge a form that passes. Tokens expire after `MAX_AGE` seconds.

The key is settings.secret_key or, when that is empty, a random value kept in the
database (`Store.server_value`), so that every worker of one server agrees on it.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
import time
from typing import Annotated

from fastapi import Depends, Request, Response

from supplywatch.serve.errors import ApiError

CSRF_COOKIE = "sw_csrf"
FIELD = "csrf_token"
HEADER = "x-csrf-token"
MAX_AGE = 12 * 3600


def _secret(request: Request) -> bytes:
    state = request.app.state
    cached: bytes | None = getattr(state, "csrf_secret", None)
    if cached is None:
        key = state.settings.secret_key or state.store.server_value(
            "csrf_secret", secrets.token_urlsafe(32))
        cached = key.encode()
        state.csrf_secret = cached
    return cached


def _nonce(request: Request) -> str:
    """This browser's nonce: its cookie's, else a new one (set on the response by
    `set_cookie`)."""
    nonce = request.cookies.get(CSRF_COOKIE) or getattr(request.state, "csrf_nonce", None)
    if not nonce:
        nonce = secrets.token_urlsafe(24)
        request.state.csrf_nonce = nonce
    return nonce


def _sign(request: Request, nonce: str, issued: int) -> str:
    return hmac.new(_secret(request), f"{nonce}.{issued}".encode(), hashlib.sha256).hexdigest()


def issue(request: Request) -> str:
    """A token for the forms of the page answering this request."""
    issued = int(time.time())
    return f"{issued}.{_sign(request, _nonce(request), issued)}"


def set_cookie(request: Request, response: Response) -> None:
    """Give the browser its nonce cookie, when this request made one."""
    nonce = getattr(request.state, "csrf_nonce", None)
    if nonce and not request.cookies.get(CSRF_COOKIE):
        response.set_cookie(CSRF_COOKIE, nonce, httponly=True, samesite="strict",
                            secure=request.url.scheme == "https", path="/")


def _refuse(why: str) -> ApiError:
    return ApiError(403, f"this form could not be accepted: {why} (CSRF check). Reload the "
                    "page and submit the form again; your browser must accept cookies from "
                    "this site.", code="csrf_failed")


def verify(request: Request, token: str | None) -> None:
    """Raise a 403 ApiError unless `token` was issued to this browser and is fresh."""
    nonce = request.cookies.get(CSRF_COOKIE)
    if not nonce:
        raise _refuse("the browser sent no CSRF cookie")
    if not token:
        raise _refuse("the form carries no CSRF token")
    issued_text, _, mac = token.partition(".")
    if not issued_text.isdigit():
        raise _refuse("the CSRF token is malformed")
    issued = int(issued_text)
    if not hmac.compare_digest(mac, _sign(request, nonce, issued)):
        raise _refuse("the CSRF token does not match this browser")
    if not 0 <= time.time() - issued <= MAX_AGE:
        raise _refuse("the form has expired")


async def require_csrf(request: Request) -> None:
    """Route dependency for every form POST: the token from the form or the header."""
    token = request.headers.get(HEADER)
    if token is None:
        content_type = request.headers.get("content-type", "")
        if content_type.startswith(("application/x-www-form-urlencoded", "multipart/form-data")):
            value = (await request.form()).get(FIELD)
            token = value if isinstance(value, str) else None
    verify(request, token)


CsrfChecked = Annotated[None, Depends(require_csrf)]
