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


class FactViews:
    """The views of an `extract --json` result that tests compare (one home for them; the
    import mode, importlib, lets test modules share code only through fixtures)."""

    @staticmethod
    def of(result: dict, type_: str) -> list[dict]:
        return [f for f in result["facts"] if f["type"] == type_]

    @staticmethod
    def supplies(result: dict) -> set[tuple[str, str]]:
        return {(f["supplier"], f["customer"]) for f in FactViews.of(result, "supplies")}

    @staticmethod
    def makes(result: dict) -> set[tuple[str, str]]:
        return {(f["company"], f["product"]) for f in FactViews.of(result, "makes")}

    @staticmethod
    def entity_types(result: dict) -> dict[str, str]:
        return {e["name"]: e["type"] for e in result["entities"]}

    @staticmethod
    def owns(result: dict) -> set[tuple[str, str, float | None]]:
        return {(f["parent"], f["child"], f["share"]) for f in FactViews.of(result, "owns")}


@pytest.fixture
def views() -> type[FactViews]:
    return FactViews
