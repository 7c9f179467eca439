"""Provenance: raw_sha256 is the input's bytes' hash; ids are stable across loads."""

from __future__ import annotations

import hashlib
from pathlib import Path

from supplywatch.ingest import load
from supplywatch.model import document_id
from supplywatch.settings import Settings


def test_raw_sha256_is_the_hash_of_the_original_bytes(seed_path: str, settings: Settings) -> None:
    expected = hashlib.sha256(Path(seed_path).read_bytes()).hexdigest()
    assert [d.raw_sha256 for d in load(seed_path, settings)] == [expected] * 4


def test_ids_are_stable_across_loads(seed_path: str, fixtures: Path, settings: Settings) -> None:
    for path in (seed_path, str(fixtures / "widget-deal.html"), str(fixtures / "header-page.txt")):
        first, second = load(path, settings), load(path, settings)
        assert [d.id for d in first] == [d.id for d in second]
        assert [d.id for d in first] == [document_id(d.text) for d in first]
        assert len({d.id for d in first}) == len(first)


def test_same_text_elsewhere_gets_the_same_id(
    seed_path: str, tmp_path: Path, settings: Settings
) -> None:
    copy = tmp_path / "copy.txt"
    copy.write_bytes(Path(seed_path).read_bytes())

    assert [d.id for d in load(str(copy), settings)] == [d.id for d in load(seed_path, settings)]
