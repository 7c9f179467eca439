"""The optional LLM extractor: any OpenAI-compatible chat endpoint reads the documents.

    extractor = LlmExtractor.from_settings(settings)   # SUPPLYWATCH_LLM_URL, _MODEL, _API_KEY
    for extraction in extractor.extract_many(documents):
        ...

Modules, one job each: config (settings, checked), client (HTTP, retries), prompt (the
versioned prompt file in prompts/), schema (the answer validated against the facts
contract), evidence (verbatim evidence, spans), names (canonical names, mentions),
extractor (the whole read). The model is trusted with nothing it cannot show: a fact
whose evidence is not in the text is dropped, and mentions are found in the text.
"""

from __future__ import annotations

from supplywatch.extract.llm.config import LlmConfig
from supplywatch.extract.llm.errors import (
    LlmAuthError,
    LlmBadResponse,
    LlmConfigError,
    LlmError,
    LlmRequestRejected,
    LlmUnavailable,
)
from supplywatch.extract.llm.extractor import LLM_EXTRACTOR_NAME, LLM_EXTRACTOR_VERSION, LlmExtractor
from supplywatch.extract.llm.prompt import PROMPT_VERSION
from supplywatch.extract.llm.report import Drops

__all__ = [
    "LLM_EXTRACTOR_NAME",
    "LLM_EXTRACTOR_VERSION",
    "PROMPT_VERSION",
    "Drops",
    "LlmAuthError",
    "LlmBadResponse",
    "LlmConfig",
    "LlmConfigError",
    "LlmError",
    "LlmExtractor",
    "LlmRequestRejected",
    "LlmUnavailable",
]
