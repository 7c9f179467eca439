"""Shared fixtures. `db_url` runs a test on SQLite and on PostgreSQL.

PostgreSQL: SUPPLYWATCH_TEST_PG_URL names a server where we may create databases
(default postgresql+psycopg://postgres@127.0.0.1:5432/postgres). Each test gets a
fresh, uniquely named database, dropped afterwards. When the server is unreachable
the PostgreSQL variants are skipped, loudly; with SUPPLYWATCH_REQUIRE_PG=1 (CI)
they fail instead.
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Callable, Iterator

import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.engine import Engine, make_url
from sqlalchemy.exc import SQLAlchemyError

from supplywatch.model import CanonicalEntity, Document, Entity, Extraction, Fact, Resolution, name_key
from supplywatch.store import Store

DEFAULT_PG_URL = "postgresql+psycopg://postgres@127.0.0.1:5432/postgres"
_PG_STATE = pytest.StashKey[dict[str, str]]()


def _pg_admin_url() -> str:
    return os.environ.get("SUPPLYWATCH_TEST_PG_URL") or DEFAULT_PG_URL


def _pg_admin(config: pytest.Config) -> tuple[Engine | None, str | None]:
    """An AUTOCOMMIT engine on the admin database, or why there is none (checked once)."""
    state = config.stash.setdefault(_PG_STATE, {})
    if state.get("error"):
        return None, state["error"]
    url = _pg_admin_url()
    engine = create_engine(url, isolation_level="AUTOCOMMIT", connect_args={"connect_timeout": 3})
    try:
        with engine.connect() as conn:
            conn.execute(text("SELECT 1"))
    except (SQLAlchemyError, OSError) as exc:
        engine.dispose()
        first_line = str(exc).splitlines()[0] if str(exc) else ""
        shown = make_url(url).render_as_string(hide_password=True)
        state["error"] = (
            f"PostgreSQL not reachable at {shown} ({exc.__class__.__name__}: {first_line})"
        )
        return None, state["error"]
    return engine, None


@pytest.fixture(
    params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)],
)
def db_url(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[str]:
    """A URL to an empty database: a SQLite file, or a fresh PostgreSQL database."""
    if request.param == "sqlite":
        # A folder of its own: tests that ingest their whole tmp_path must not meet it.
        yield f"sqlite:///{tmp_path_factory.mktemp('db') / 'supplywatch.db'}"
        return
    admin, reason = _pg_admin(request.config)
    if admin is None:
        state = request.config.stash[_PG_STATE]
        if os.environ.get("SUPPLYWATCH_REQUIRE_PG") == "1":
            state["outcome"] = "FAILED (SUPPLYWATCH_REQUIRE_PG=1)"
            pytest.fail(f"{reason}: PostgreSQL tests FAILED (SUPPLYWATCH_REQUIRE_PG=1)",
                        pytrace=False)
        state["outcome"] = "SKIPPED"
        pytest.skip(f"{reason}: PostgreSQL tests SKIPPED")
    name = f"supplywatch_test_{uuid.uuid4().hex[:12]}"
    with admin.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    try:
        yield make_url(_pg_admin_url()).set(database=name).render_as_string(hide_password=False)
    finally:
        with admin.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


@pytest.fixture
def free_port() -> int:
    """A local port nothing listens on (bound, then released): an unreachable server."""
    import socket

    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def pytest_terminal_summary(
    terminalreporter: pytest.TerminalReporter, exitstatus: int, config: pytest.Config
) -> None:
    state = config.stash.get(_PG_STATE, {})
    if state.get("error"):
        outcome = state.get("outcome", "SKIPPED")
        terminalreporter.write_sep("!", "WARNING", red=True, bold=True)
        terminalreporter.write_line(f"{state['error']}: PostgreSQL tests {outcome}",
                                    red=True, bold=True)
        terminalreporter.write_line(
            "Start PostgreSQL or set SUPPLYWATCH_TEST_PG_URL to cover the PostgreSQL code paths.",
            red=True,
        )


# --- building extractions by hand -----------------------------------------------------


class DocBuilder:
    """One synthetic document: facts are added with their evidence sentence, which
    becomes part of the text, so spans are real offsets."""

    def __init__(self, path: str, **meta: object) -> None:
        self.path = path
        self.meta = meta
        self.sentences: list[str] = []
        self.entities: dict[str, tuple[str, tuple[str, ...]]] = {}  # name -> (type, aliases)
        self.canon: dict[str, str] = {}  # a name as written -> its canonical name
        self.facts: list[tuple[str, dict[str, object], str, float]] = []

    def entity(self, name: str, type: str = "company", aliases: tuple[str, ...] = ()) -> str:
        self.entities[name] = (type, aliases)
        self.canon[name] = name
        for alias in aliases:
            self.canon[alias] = name
        return name

    def fact(self, type: str, evidence: str, confidence: float = 0.9, **args: object) -> None:
        if evidence not in self.sentences:
            self.sentences.append(evidence)
        self.facts.append((type, args, evidence, confidence))

    def build(self, *, drop_names: tuple[str, ...] = ()) -> tuple[Extraction, Resolution]:
        """The extraction and its resolution; `drop_names` leaves names unresolved."""
        text = " ".join(self.sentences) or "empty"
        doc = Document.from_text(text, self.path, **self.meta)  # type: ignore[arg-type]
        canon = {
            name: CanonicalEntity(name_key(name), name, etype, aliases)
            for name, (etype, aliases) in self.entities.items()
        }
        local: dict[str, CanonicalEntity] = {}
        ents: list[Entity] = []
        for i, (name, (etype, aliases)) in enumerate(self.entities.items(), 1):
            start = doc.text.find(name)
            mentions = [(start, start + len(name))] if start >= 0 else []
            ents.append(Entity(f"e{i}", name, etype, list(aliases), mentions))
            local[f"e{i}"] = canon[name]
        by_name = {n: canon[c] for n, c in self.canon.items() if n not in drop_names}
        facts = []
        for ftype, args, evidence, confidence in self.facts:
            start = doc.text.index(evidence)
            facts.append(Fact(ftype, dict(args), evidence, (start, start + len(evidence)),
                              confidence))
        return Extraction(doc, ents, facts, "test.extractor", "1"), Resolution(local, by_name)


@pytest.fixture
def store(db_url: str) -> Iterator[Store]:
    with Store.open(db_url) as opened:
        yield opened


def save(store: Store, builder: DocBuilder) -> Extraction:
    extraction, resolution = builder.build()
    store.save_document(extraction.document)
    store.save_extraction(extraction, resolution)
    return extraction


@pytest.fixture
def volta_story(store: Store) -> Store:
    """Kestrel Holdings owns Volta Cells (alias "Volta"), which supplies battery cells to
    Nimbus Audio for its NA-220 speaker; Nimbus recalls the NA-220 for fire risk, and
    Nimbus supplies Orbit Retail (tier 2). A second, unrelated recall exists."""
    news = DocBuilder("news/volta.txt", source="Test Wire", title="Volta deal",
                      published="2025-03-01", url="https://example.test/volta")
    kestrel = news.entity("Kestrel Holdings")
    volta = news.entity("Volta Cells", aliases=("Volta",))
    nimbus = news.entity("Nimbus Audio", aliases=("Nimbus",))
    speaker = news.entity("Nimbus NA-220", "product", aliases=("NA-220",))
    orbit = news.entity("Orbit Retail")
    news.fact("owns", "Volta Cells is a unit of Kestrel Holdings.", parent=kestrel, child=volta,
              share=0.8)
    news.fact("supplies", "Volta supplies battery cells to Nimbus for the NA-220 speaker.",
              supplier="Volta", customer="Nimbus", component="battery cells",
              product="NA-220", quantity=200000, status="active")
    news.fact("makes", "Nimbus Audio makes the Nimbus NA-220.", company=nimbus, product=speaker)
    news.fact("supplies", "Nimbus Audio sells speakers through Orbit Retail.",
              supplier=nimbus, customer=orbit, status="planned")
    save(store, news)
    recall = DocBuilder("recalls/na220.txt", source="Safety Board", title="NA-220 recall",
                        published="2025-04-02")
    nimbus = recall.entity("Nimbus Audio")
    speaker = recall.entity("Nimbus NA-220", "product")
    recall.entity("Volta Cells")
    recall.fact("recall", "Nimbus Audio recalls 12,000 Nimbus NA-220 speakers over fire risk.",
                company=nimbus, products=[speaker], units=12000, hazard="fire",
                cause="Volta Cells", date="2025-04-01", remedy="refund")
    save(store, recall)
    other = DocBuilder("recalls/other.txt", source="Safety Board", published="2025-05-05")
    other.entity("Zephyr Toys")
    other.entity("Zephyr ZT-9 Kite", "product")
    other.fact("recall", "Zephyr Toys recalls 500 Zephyr ZT-9 Kite units.", company="Zephyr Toys",
               products=["Zephyr ZT-9 Kite"], units=500, hazard="choking",
               cause="defective string")
    save(store, other)
    return store


@pytest.fixture
def new_doc() -> type[DocBuilder]:
    """The DocBuilder class, to build synthetic documents: `new_doc("path", source=...)`."""
    return DocBuilder


@pytest.fixture
def save_doc(store: Store) -> Callable[[DocBuilder], Extraction]:
    """Save a built document and its extraction into the test's store."""
    return lambda builder: save(store, builder)
