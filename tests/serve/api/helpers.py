"""Small helpers shared by the API tests."""

from __future__ import annotations

import httpx


def assert_error(response: httpx.Response, status: int, code: str) -> dict:
    """The response is the API's one error shape, with this status and code; its body."""
    assert response.status_code == status, response.text
    body = response.json()
    assert list(body) == ["error"]
    error = body["error"]
    assert set(error) == {"status", "code", "message", "details"}
    assert (error["status"], error["code"]) == (status, code)
    assert isinstance(error["message"], str) and error["message"]
    assert isinstance(error["details"], list)
    return error


def bearer(secret: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {secret}"}
