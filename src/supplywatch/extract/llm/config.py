"""The LLM extractor's settings, checked once, with errors that name the variable to set."""

from __future__ import annotations

from dataclasses import dataclass, field
from urllib.parse import urlsplit

from supplywatch.extract.llm.errors import LlmConfigError
from supplywatch.settings import Settings

# Below this a piece holds too little text for the prompt's instructions to pay off,
# and a fact's evidence sentence may not fit into one piece at all.
MIN_PIECE_CHARS = 500


@dataclass(frozen=True)
class LlmConfig:
    base_url: str
    model: str
    api_key: str = field(default="", repr=False)  # never shown in logs or tracebacks
    timeout: float = 60.0
    max_chars: int = 12_000
    user_agent: str = "supplywatch"

    @classmethod
    def from_settings(cls, settings: Settings) -> LlmConfig:
        config = cls(
            base_url=settings.llm_url.strip().rstrip("/"),
            model=settings.llm_model.strip(),
            api_key=settings.llm_api_key.strip(),
            timeout=float(settings.llm_timeout),
            max_chars=int(settings.llm_max_chars),
            user_agent=settings.user_agent,
        )
        config.check()
        return config

    def check(self) -> None:
        if not self.base_url:
            raise LlmConfigError(
                "the LLM extractor needs an endpoint: set SUPPLYWATCH_LLM_URL to the base URL "
                "of an OpenAI-compatible API (e.g. http://127.0.0.1:8000/v1)")
        parts = urlsplit(self.base_url)
        if parts.scheme not in ("http", "https") or not parts.netloc:
            raise LlmConfigError(
                f"SUPPLYWATCH_LLM_URL={self.base_url!r} is not an http(s) URL; set it to the "
                "base URL of an OpenAI-compatible API (e.g. http://127.0.0.1:8000/v1)")
        if not self.model:
            raise LlmConfigError(
                "the LLM extractor needs a model: set SUPPLYWATCH_LLM_MODEL to a model name "
                "the endpoint serves")
        if self.timeout <= 0:
            raise LlmConfigError(
                f"SUPPLYWATCH_LLM_TIMEOUT must be a positive number of seconds, not {self.timeout}")
        if self.max_chars < MIN_PIECE_CHARS:
            raise LlmConfigError(
                f"SUPPLYWATCH_LLM_MAX_CHARS must be at least {MIN_PIECE_CHARS}, not {self.max_chars}")

    @property
    def endpoint(self) -> str:
        return f"{self.base_url}/chat/completions"
