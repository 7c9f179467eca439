"""Sources plug in through the registry, built-in ones exactly like a third-party one."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import pytest

from supplywatch.ingest import (
    RawInput,
    Source,
    SourceRegistry,
    UnknownFormat,
    default_registry,
    load,
)
from supplywatch.model import Document
from supplywatch.settings import Settings


class NoticeListSource:
    """A stand-in for a later recall-file source: a JSON list of notices."""

    name = "notices"

    def sniff(self, raw: RawInput) -> bool:
        return raw.head.lstrip().startswith(b'[{"notice"')

    def parse(self, raw: RawInput) -> list[Document]:
        items = json.loads(raw.data)
        return [Document.from_text(i["notice"], raw.path, kind="recall") for i in items]


NOTICES = b'[{"notice": "Kettle recall: overheating."}, {"notice": "Heater recall: fire risk."}]'


RECORD_SOURCES = ["cpsc-api", "gsa-recalls", "nhtsa-flat", "cpsc-rss", "bom", "csv"]


def test_builtins_are_registered_in_sniffing_order() -> None:
    registry = default_registry()
    # The record formats recognise their own shapes first; text, which takes anything, last.
    assert registry.names() == [*RECORD_SOURCES, "html", "text"]
    assert all(isinstance(source, Source) for source in registry)


def test_registered_source_is_picked_before_the_text_fallback(
    tmp_path: Path, settings: Settings
) -> None:
    path = tmp_path / "notices.json"
    path.write_bytes(NOTICES)
    registry = default_registry()
    registry.register_source(NoticeListSource(), before="text")

    docs = load(str(path), settings, registry=registry)

    assert registry.names() == [*RECORD_SOURCES, "html", "notices", "text"]
    assert [d.text for d in docs] == ["Kettle recall: overheating.", "Heater recall: fire risk."]
    # The loader numbers split-out documents and stamps provenance for every source.
    assert [d.path for d in docs] == [str(path), f"{path}#2"]
    assert [d.parent_path for d in docs] == [None, str(path)]
    assert {d.raw_sha256 for d in docs} == {hashlib.sha256(NOTICES).hexdigest()}
    # Without the source, the same file is plain text.
    (plain,) = load(str(path), settings)
    assert plain.kind == "article" and plain.text.startswith('[{"notice"')


def test_registering_last_leaves_the_fallback_first(tmp_path: Path, settings: Settings) -> None:
    path = tmp_path / "notices.json"
    path.write_bytes(NOTICES)
    registry = default_registry()
    registry.register_source(NoticeListSource())  # after "text", which accepts any text

    assert load(str(path), settings, registry=registry)[0].kind == "article"
    assert len(load(str(path), settings, registry=registry, format="notices")) == 2


def test_registries_are_independent() -> None:
    mine = default_registry()
    mine.register_source(NoticeListSource())
    assert default_registry().names() == [*RECORD_SOURCES, "html", "text"]


def test_registry_rejects_bad_registrations() -> None:
    registry = SourceRegistry([NoticeListSource()])
    with pytest.raises(ValueError, match="already registered"):
        registry.register_source(NoticeListSource())
    with pytest.raises(TypeError, match="not a source"):
        registry.register_source(object())  # type: ignore[arg-type]
    with pytest.raises(UnknownFormat, match="unknown format 'csv'; choose one of: notices"):
        registry.register_source(default_registry().get("text"), before="csv")
