"""Who may see and change what, for pages: the same rules as the API (serve/auth.py).

Reading is open unless settings.read_access is "token"; then a browser must sign in
(a 401 on a page sends it to /signin). Writing (comments) always needs a signed-in
token, and every form POST also passes the CSRF check (web/csrf.py). A session cookie
whose token was revoked counts as signed out (and is cleared): it must not lock a
reader out of an open server.
"""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends, Request

from supplywatch.serve.auth import authenticate, presented_token, session_writer
from supplywatch.serve.errors import ApiError
from supplywatch.store import ApiToken


def session_token(request: Request) -> ApiToken | None:
    """The token this request is signed in with, or None."""
    if presented_token(request, cookie=False) is not None:
        return authenticate(request)  # an explicit bearer token must be valid: 401 if not
    try:
        return authenticate(request)
    except ApiError:
        request.state.stale_session = True  # render.secure() clears the cookie
        return None


def page_reader(request: Request) -> ApiToken | None:
    token = session_token(request)
    if token is None and request.app.state.settings.read_access == "token":
        raise ApiError(401, "reading this server needs an API token: sign in at /signin "
                       "(create a token with `supplywatch token create NAME`)")
    return token


PageReader = Depends(page_reader)
SignedIn = Annotated[ApiToken, Depends(session_writer)]
