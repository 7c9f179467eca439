"""Fixtures for the records stage: the real recall files and the real extraction stage."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from supplywatch.extract import Extractor
from supplywatch.ingest import load
from supplywatch.model import Extraction
from supplywatch.records import record_extraction
from supplywatch.settings import Settings

RECALLS = (Path(__file__).resolve().parents[2] / ".." / "shared" / "data" / "recalls").resolve()


@pytest.fixture(scope="session")
def extractor() -> Extractor:
    return Extractor.load()


@pytest.fixture
def recalls() -> Path:
    if not RECALLS.is_dir():
        pytest.skip(f"REAL RECALL DATA MISSING: {RECALLS} not found; put the project's shared/ "
                    "folder beside the repository to run the records tests")
    return RECALLS


@pytest.fixture
def read_records(extractor: Extractor, recalls: Path) -> Callable[..., dict[str, Extraction]]:
    """Extractions of records in a real file, by recall number (only `numbers` if given)."""

    def run(relative: str, *numbers: str) -> dict[str, Extraction]:
        docs = [d for d in load(str(recalls / relative), Settings())
                if not numbers or d.record.number in numbers]
        reader = (extractor.name, extractor.version)
        return {doc.record.number: record_extraction(doc, reading, reader)
                for doc, reading in zip(docs, extractor.extract_many(docs), strict=True)}

    return run
