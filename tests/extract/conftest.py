from __future__ import annotations

from pathlib import Path

import pytest

from supplywatch.extract import Extractor
from supplywatch.model import Document

FIXTURES = Path(__file__).parent.parent / "fixtures" / "extract"


@pytest.fixture(scope="session")
def extractor() -> Extractor:
    # The real spaCy pipeline, loaded once: it is what users run.
    return Extractor.load()


@pytest.fixture
def extract_text(extractor: Extractor):
    def run(text: str, path: str = "story.txt") -> dict:
        return extractor.extract(Document.from_text(text, path)).contract()

    return run


@pytest.fixture
def extract_fixture(extract_text):
    def run(name: str) -> dict:
        return extract_text((FIXTURES / name).read_text("utf-8"), name)

    return run
