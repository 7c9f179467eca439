"""Signing in with an API token, and out.

The token is checked, then kept in an HttpOnly, SameSite=Strict cookie
(auth.SESSION_COOKIE): page scripts cannot read it and other sites cannot send it.
Both forms are CSRF-checked.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Annotated

from fastapi import APIRouter, Form, Query, Request
from fastapi.responses import RedirectResponse, Response

from supplywatch.serve.auth import SESSION_COOKIE
from supplywatch.serve.deps import StoreDep
from supplywatch.serve.web.csrf import CsrfChecked
from supplywatch.serve.web.render import page, render_html, secure

router = APIRouter(include_in_schema=False)

Next = Annotated[str, Query(max_length=2000)]


@dataclass(frozen=True, slots=True)
class SigninPage:
    next: str
    error: str | None = None


def safe_next(target: str | None) -> str:
    """Where to go after signing in: a path on this site only (never another host)."""
    if target and target.startswith("/") and not target.startswith("//") and "\\" not in target:
        return target
    return "/"


@router.get("/signin")
@router.get("/signin.json")
def signin_form(request: Request, next: Next = "/") -> Response:
    return page(request, "signin.html", SigninPage(safe_next(next)))


@router.post("/signin")
def signin(request: Request, store: StoreDep, _csrf: CsrfChecked,
           token: Annotated[str, Form(max_length=500)],
           next: Annotated[str, Form(max_length=2000)] = "/") -> Response:
    secret = token.strip()
    if not secret or store.verify_token(secret) is None:
        context = SigninPage(safe_next(next), "That token is unknown or revoked. Create one with "
                             "`supplywatch token create NAME` and paste it whole.")
        return render_html(request, "signin.html", context, status=401, twin=False)
    response = RedirectResponse(safe_next(next), status_code=303)
    response.set_cookie(SESSION_COOKIE, secret, httponly=True, samesite="strict",
                        secure=request.url.scheme == "https", path="/")
    return secure(request, response)


@router.post("/signout")
def signout(request: Request, _csrf: CsrfChecked) -> Response:
    response = RedirectResponse("/", status_code=303)
    response.delete_cookie(SESSION_COOKIE, path="/", httponly=True, samesite="strict")
    return secure(request, response)
