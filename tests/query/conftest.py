"""A database built once per dialect from real recall data, for the query tests over
official records: the bundled samples (CPSC battery recalls 1973-2013, the Takata
inflator campaigns of NHTSA's flat file, the CPSC API sample, the upower battery list,
an example BOM, the seed story), one GSA page with UPCs, and a short news story about
the Dell battery recall (written for these tests)."""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url
from sqlalchemy.exc import SQLAlchemyError

from supplywatch.extract import Extractor
from supplywatch.pipeline import ingest_inputs
from supplywatch.settings import Settings
from supplywatch.store import Store

REPO = Path(__file__).resolve().parents[2]
RECALLS = (REPO / ".." / "shared" / "data" / "recalls").resolve()
SAMPLES = REPO / "src" / "supplywatch" / "samples"
STORY = REPO / "tests" / "fixtures" / "records" / "dell-battery-story.txt"
UPC_PAGE = RECALLS / "gsa-federal-recalls-api-2013" / "data" / "Candles+Candle+Holders.json"
PG_ADMIN = os.environ.get("SUPPLYWATCH_TEST_PG_URL") or \
    "postgresql+psycopg://postgres@127.0.0.1:5432/postgres"


def _postgres() -> Iterator[str]:
    admin = create_engine(PG_ADMIN, isolation_level="AUTOCOMMIT", connect_args={"connect_timeout": 3})
    try:
        with admin.connect() as conn:
            conn.execute(text("SELECT 1"))
    except (SQLAlchemyError, OSError) as exc:
        admin.dispose()
        reason = f"PostgreSQL not reachable ({exc.__class__.__name__})"
        if os.environ.get("SUPPLYWATCH_REQUIRE_PG") == "1":
            pytest.fail(f"{reason}: PostgreSQL tests FAILED (SUPPLYWATCH_REQUIRE_PG=1)", pytrace=False)
        pytest.skip(f"{reason}: PostgreSQL tests SKIPPED")
    name = f"supplywatch_records_{uuid.uuid4().hex[:12]}"
    with admin.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    try:
        yield make_url(PG_ADMIN).set(database=name).render_as_string(hide_password=False)
    finally:
        with admin.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


@pytest.fixture(scope="session", params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def records_db(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Store]:
    if not UPC_PAGE.exists():
        pytest.skip(f"REAL RECALL DATA MISSING: {RECALLS} not found; put the project's shared/ "
                    "folder beside the repository to run the recall query tests")
    if request.param == "sqlite":
        urls: Iterator[str] = iter([f"sqlite:///{tmp_path_factory.mktemp('records') / 'r.db'}"])
    else:
        urls = _postgres()
    url = next(urls)
    try:
        with Store.open(url) as store:
            summary = ingest_inputs([str(SAMPLES), str(UPC_PAGE), str(STORY)], Settings(), store,
                                    Extractor.load())
            assert summary.failures == [], summary.failures
            yield store
    finally:
        for _ in urls:  # drops the PostgreSQL database
            pass
