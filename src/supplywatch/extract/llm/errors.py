"""What can go wrong talking to an LLM endpoint, each error saying what to do about it.

Set-up problems (no URL, a refused key, an endpoint that cannot be reached) abort the
run: every other document would fail the same way. A response that is unusable for one
document is a `SkipInput`, so a batch goes on without that document's facts.
"""

from __future__ import annotations

from supplywatch.errors import SkipInput, SupplywatchError


class LlmError(SupplywatchError):
    """Base of the LLM extractor's errors."""


class LlmConfigError(LlmError):
    """A setting is missing or wrong (the message names the SUPPLYWATCH_* variable)."""


class LlmAuthError(LlmError):
    """The endpoint refused the API key (HTTP 401 or 403)."""


class LlmUnavailable(LlmError):
    """The endpoint could not be reached, or kept failing after every retry."""


class LlmBadResponse(SkipInput, LlmError):
    """The endpoint's answer for this document is not usable (not JSON, wrong shape)."""


class LlmRequestRejected(SkipInput, LlmError):
    """The endpoint refused the request for this document (HTTP 400, 413, 422)."""


__all__ = [
    "LlmAuthError",
    "LlmBadResponse",
    "LlmConfigError",
    "LlmError",
    "LlmRequestRejected",
    "LlmUnavailable",
]
