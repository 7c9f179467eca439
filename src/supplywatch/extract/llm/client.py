"""One chat completion from an OpenAI-compatible endpoint, with timeouts and retries.

httpx's own exceptions never leave this module: they become the `LlmError`s of
errors.py, each saying which setting to look at.
"""

from __future__ import annotations

import email.utils
import logging
import time
from collections.abc import Callable
from datetime import UTC, datetime
from typing import Any

import httpx

from supplywatch.extract.llm.config import LlmConfig
from supplywatch.extract.llm.errors import (
    LlmAuthError,
    LlmBadResponse,
    LlmConfigError,
    LlmRequestRejected,
    LlmUnavailable,
)

log = logging.getLogger(__name__)

RETRY_STATUS = frozenset({408, 409, 429, 500, 502, 503, 504})
REJECT_STATUS = frozenset({400, 413, 422})


class ChatClient:
    """POST {base_url}/chat/completions; returns the first choice's message content.

    Rate limits (429) and server errors (5xx), timeouts and dropped connections are
    retried with exponential backoff; a Retry-After header is honoured unless it asks
    for longer than `max_wait`, which then fails at once rather than hang the run.
    """

    def __init__(self, config: LlmConfig, client: httpx.Client | None = None, *,
                 attempts: int = 4, backoff: float = 1.0, max_wait: float = 60.0,
                 sleep: Callable[[float], None] = time.sleep) -> None:
        self.config = config
        self._client = client
        self._owns_client = client is None
        self.attempts = max(1, attempts)
        self.backoff = backoff
        self.max_wait = max_wait
        self.sleep = sleep

    @property
    def _timeout(self) -> httpx.Timeout:
        # Per request, so an injected client gets it too; a dead host fails fast.
        return httpx.Timeout(self.config.timeout, connect=min(10.0, self.config.timeout))

    @property
    def client(self) -> httpx.Client:
        if self._client is None:  # made on first use: building the extractor costs nothing
            self._client = httpx.Client()
        return self._client

    def close(self) -> None:
        if self._owns_client and self._client is not None:
            self._client.close()
            self._client = None

    def complete(self, messages: list[dict[str, str]], source: str) -> str:
        """The reply's text for `messages`; `source` names the document in errors."""
        payload = {
            "model": self.config.model,
            "messages": messages,
            "temperature": 0,
            "response_format": {"type": "json_object"},
        }
        response = self._post_with_retries(payload)
        return _content(response, source, self.config)

    def _post_with_retries(self, payload: dict[str, Any]) -> httpx.Response:
        problem = ""
        for attempt in range(1, self.attempts + 1):
            wait = self.backoff * 2 ** (attempt - 1)
            try:
                response = self.client.post(self.config.endpoint, json=payload,
                                            headers=self._headers(), timeout=self._timeout)
            except httpx.TimeoutException:
                problem = f"no answer within {self.config.timeout:g} s (SUPPLYWATCH_LLM_TIMEOUT)"
            except httpx.TransportError as exc:
                problem = f"connection failed ({type(exc).__name__}: {exc})"
            else:
                if response.status_code not in RETRY_STATUS:
                    return response
                problem = f"HTTP {response.status_code}: {_server_message(response)}"
                asked = retry_after(response.headers.get("Retry-After"))
                if asked is not None:
                    if asked > self.max_wait:
                        raise LlmUnavailable(
                            f"the LLM endpoint {self.config.endpoint} asks to wait {asked:.0f} s "
                            f"({problem}); try again later")
                    wait = asked
            if attempt < self.attempts:
                log.info("LLM endpoint: %s; retry %d in %.1f s", problem, attempt, wait)
                self.sleep(wait)
        raise LlmUnavailable(
            f"the LLM endpoint {self.config.endpoint} failed {self.attempts} times (last: "
            f"{problem}); check that the server runs and SUPPLYWATCH_LLM_URL points at it")

    def _headers(self) -> dict[str, str]:
        headers = {"User-Agent": self.config.user_agent, "Accept": "application/json"}
        if self.config.api_key:
            headers["Authorization"] = f"Bearer {self.config.api_key}"
        return headers


def retry_after(value: str | None) -> float | None:
    """Seconds a Retry-After header asks for: a number of seconds or an HTTP date."""
    if not value:
        return None
    value = value.strip()
    try:
        return max(0.0, float(value))
    except ValueError:
        pass
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    return max(0.0, (when - datetime.now(UTC)).total_seconds())


def _content(response: httpx.Response, source: str, config: LlmConfig) -> str:
    """The message text of a final (non-retried) response, or the error it means."""
    status = response.status_code
    if status in (401, 403):
        raise LlmAuthError(
            f"the LLM endpoint refused the API key (HTTP {status}: {_server_message(response)}); "
            "set SUPPLYWATCH_LLM_API_KEY to a key it accepts")
    if status == 404:
        raise LlmConfigError(
            f"the LLM endpoint answered 404 for {config.endpoint} ({_server_message(response)}); "
            "check SUPPLYWATCH_LLM_URL (usually ends in /v1) and SUPPLYWATCH_LLM_MODEL")
    if status in REJECT_STATUS:
        raise LlmRequestRejected(source, (
            f"the LLM endpoint rejected the request (HTTP {status}: {_server_message(response)}); "
            "if the text is too long for the model, lower SUPPLYWATCH_LLM_MAX_CHARS"))
    if status >= 400:
        raise LlmUnavailable(
            f"the LLM endpoint failed (HTTP {status}: {_server_message(response)})")
    try:
        body = response.json()
        choice = body["choices"][0]
        content = choice["message"]["content"]
    except (ValueError, KeyError, IndexError, TypeError):
        raise LlmBadResponse(source, (
            "the LLM endpoint's answer is not an OpenAI chat completion "
            f"({response.text[:120]!r}); check SUPPLYWATCH_LLM_URL")) from None
    if choice.get("finish_reason") == "length":
        raise LlmBadResponse(source, (
            "the model's answer was cut off (finish_reason=length); lower "
            "SUPPLYWATCH_LLM_MAX_CHARS so each piece needs a shorter answer"))
    if not isinstance(content, str) or not content.strip():
        raise LlmBadResponse(source, "the model gave an empty answer")
    return content


def _server_message(response: httpx.Response) -> str:
    """The endpoint's own explanation, short: OpenAI's {"error": {"message": ...}} or text."""
    try:
        body = response.json()
    except ValueError:
        return response.text[:200].strip() or response.reason_phrase
    error = body.get("error") if isinstance(body, dict) else None
    if isinstance(error, dict) and error.get("message"):
        return str(error["message"])[:200]
    if isinstance(error, str):
        return error[:200]
    return response.text[:200].strip()
