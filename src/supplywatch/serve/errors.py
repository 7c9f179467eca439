"""One JSON error shape for the whole API, pinned by a test:

    {"error": {"status": 404, "code": "not_found", "message": "...", "details": [...]}}

`message` says what was wrong and what to do; `details` lists field problems for
invalid requests (each with `field` and `message`).
"""

from __future__ import annotations

from collections.abc import Mapping
from http import HTTPStatus
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, Response
from pydantic import BaseModel
from starlette.exceptions import HTTPException as StarletteHTTPException

from supplywatch.errors import DatabaseError, FetchError, NotFound, SkipInput, SupplywatchError

CODES = {
    400: "bad_request", 401: "unauthorized", 403: "forbidden", 404: "not_found",
    405: "method_not_allowed", 409: "conflict", 413: "too_large", 415: "unsupported_media_type",
    422: "invalid_request", 429: "rate_limited", 500: "internal_error", 502: "bad_gateway",
    503: "unavailable",
}


class ErrorDetail(BaseModel):
    field: str
    message: str


class ErrorBody(BaseModel):
    status: int
    code: str
    message: str
    details: list[ErrorDetail] = []


class ErrorResponse(BaseModel):
    """What every failed API request answers with."""

    error: ErrorBody


class ApiError(Exception):
    """Raise from a route to answer with the error shape."""

    def __init__(self, status: int, message: str, *, code: str | None = None,
                 headers: Mapping[str, str] | None = None) -> None:
        super().__init__(message)
        self.status = status
        self.message = message
        self.code = code or CODES.get(status, "error")
        self.headers = dict(headers or {})


def error_response(status: int, message: str, *, code: str | None = None,
                   details: list[dict[str, str]] | None = None,
                   headers: Mapping[str, str] | None = None) -> JSONResponse:
    body = ErrorBody(status=status, code=code or CODES.get(status, "error"), message=message,
                     details=[ErrorDetail(**d) for d in details or []])
    return JSONResponse({"error": body.model_dump()}, status_code=status, headers=headers)


# Documented on every API route, so clients (and schemathesis) know the error shape.
ERROR_RESPONSES: dict[int | str, dict[str, Any]] = {
    status: {"model": ErrorResponse, "description": HTTPStatus(status).phrase}
    for status in (400, 401, 404, 413, 422, 429)
}

# Pages may answer errors as HTML: a callable set by the web package, (request, status,
# message) -> Response or None to fall back to JSON.
HtmlErrorHook = Any


def _field(loc: tuple[Any, ...]) -> str:
    # Only the first item says where (body, query ...): a field may itself be called "body".
    if loc and loc[0] in ("body", "query", "path", "header", "cookie"):
        loc = loc[1:]
    return ".".join(str(p) for p in loc) or "request"


def install(app: FastAPI) -> None:
    """Route every error, expected or not, through the one shape."""

    def respond(request: Request, status: int, message: str, **kw: Any) -> Response:
        hook = getattr(request.app.state, "html_error", None)
        if hook is not None:
            page = hook(request, status, message)
            if page is not None:
                # Retry-After, WWW-Authenticate ... mean the same on a page.
                for name, value in (kw.get("headers") or {}).items():
                    page.headers.setdefault(name, value)
                return page
        return error_response(status, message, **kw)

    @app.exception_handler(ApiError)
    async def api_error(request: Request, exc: ApiError) -> Response:
        return respond(request, exc.status, exc.message, code=exc.code, headers=exc.headers)

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, exc: StarletteHTTPException) -> Response:
        message = exc.detail if isinstance(exc.detail, str) else HTTPStatus(exc.status_code).phrase
        if exc.status_code == 404 and message == "Not Found":
            message = f"no such page or resource: {request.url.path}; see /openapi.json"
        return respond(request, exc.status_code, message, headers=exc.headers)

    @app.exception_handler(RequestValidationError)
    async def invalid(request: Request, exc: RequestValidationError) -> Response:
        details = [{"field": _field(tuple(e.get("loc", ()))), "message": e.get("msg", "invalid")}
                   for e in exc.errors()]
        summary = "; ".join(f"{d['field']}: {d['message']}" for d in details[:3])
        return respond(request, 422, f"invalid request ({summary})", details=details)

    @app.exception_handler(NotFound)
    async def not_found(request: Request, exc: NotFound) -> Response:
        return respond(request, 404, str(exc))

    @app.exception_handler(DatabaseError)
    async def database(request: Request, exc: DatabaseError) -> Response:
        return respond(request, 503, f"the database is unavailable: {exc}")

    @app.exception_handler(FetchError)
    async def fetch(request: Request, exc: FetchError) -> Response:
        return respond(request, 400, str(exc), code="fetch_failed")

    @app.exception_handler(SkipInput)
    async def unusable(request: Request, exc: SkipInput) -> Response:
        return respond(request, 400, str(exc), code="unusable_input")

    @app.exception_handler(SupplywatchError)
    async def other(request: Request, exc: SupplywatchError) -> Response:
        return respond(request, 400, str(exc))

    @app.exception_handler(Exception)
    async def unexpected(request: Request, exc: Exception) -> Response:
        return respond(request, 500, "internal error; the server log has the details")
