"""Official records in the store: identity across imports, versions with what changed,
old versions out of the graph, and the indexes `check` looks codes and vehicles up in.
On SQLite and PostgreSQL, with the real CPSC API file."""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from pathlib import Path

import pytest

from supplywatch.model import Document, Extraction
from supplywatch.pipeline import ingest_inputs
from supplywatch.settings import Settings
from supplywatch.store import Store

CPSC_API = (Path(__file__).resolve().parents[2] / ".." / "shared" / "data" / "recalls"
            / "cpsc-api-json-sample" / "cpsc_sample.json").resolve()


class NoReading:
    """An extraction stage that reads nothing: the records' own fields still make facts."""

    name, version = "test.noreading", "1"

    def extract_many(self, documents: Iterable[Document], batch_size: int = 16) -> Iterator[Extraction]:
        for doc in documents:
            yield Extraction(doc, [], [], self.name, self.version)


@pytest.fixture
def recall_file(tmp_path: Path) -> Path:
    if not CPSC_API.exists():
        pytest.skip(f"REAL RECALL DATA MISSING: {CPSC_API} not found")
    path = tmp_path / "recalls.json"
    path.write_bytes(CPSC_API.read_bytes())
    return path


def _import(store: Store, path: Path):
    return ingest_inputs([str(path)], Settings(), store, NoReading())


def _edit(path: Path, number: str, units: str) -> None:
    items = json.loads(path.read_text())
    item = next(i for i in items if i["RecallNumber"] == number)
    item["Products"][0]["NumberOfUnits"] = units
    path.write_text(json.dumps(items))


def test_records_are_stored_with_their_identity_and_indexes(store: Store, recall_file: Path) -> None:
    summary = _import(store, recall_file)
    assert (summary.records_new, summary.failures) == (4, [])
    (walker,) = store.find_records("26609")
    assert (walker.key, walker.agency, walker.version, walker.kind) == ("CPSC:26609", "CPSC", 1, "recall")
    assert store.find_records("cpsc:26609") == [walker]
    assert store.find_records(walker.url) == [walker]
    hits = store.recall_codes("model", ["616", "6161", "61"])
    assert {(h.code, h.text, h.origin) for h in hits} == {("616", "616", "field"), ("6161", "616-1", "field")}
    (fact,) = store.recall_facts_of_documents([walker.document_id])
    assert {h.fact_id for h in hits} == {fact.id}
    assert store.record_stats()["by_agency"] == {"CPSC": 4}
    assert store.counts()["records"] == 4


def test_reimport_adds_nothing_and_marks_records_verified(store: Store, recall_file: Path) -> None:
    _import(store, recall_file)
    before = {r.key: r for r in (store.find_records(n)[0] for n in ("26609", "26780"))}
    counts = store.counts()
    summary = _import(store, recall_file)
    assert (summary.documents_new, summary.records_unchanged, summary.records_changed) == (0, 4, 0)
    assert store.counts() == counts
    after = store.find_records("26609")[0]
    assert after.version == 1 and after.last_seen >= before["CPSC:26609"].last_seen


def test_a_changed_record_is_updated_in_place_and_keeps_its_history(store: Store,
                                                                   recall_file: Path) -> None:
    _import(store, recall_file)
    old = store.find_records("26609")[0]
    _edit(recall_file, "26609", "About 700")
    summary = _import(store, recall_file)
    assert (summary.records_new, summary.records_changed, summary.records_unchanged) == (0, 1, 3)
    (record,) = store.find_records("26609")
    assert record.version == 2 and record.document_id != old.document_id
    assert store.counts()["records"] == 4  # no duplicate
    # The graph holds only the current version: one recall fact, with the new units.
    (fact,) = store.recall_facts_of_documents([record.document_id])
    assert fact.args["units"] == 700
    assert store.recall_facts_of_documents([old.document_id]) == []
    assert {h.fact_id for h in store.recall_codes("model", ["616"])} == {fact.id}
    # The old version stays readable, with what changed.
    v1, v2 = store.record_versions("CPSC:26609")
    assert (v1.document_id, v2.document_id) == (old.document_id, record.document_id)
    assert v1.data["units"] == 70 and v2.data["units"] == 700
    changed = {c["field"]: (c["old"], c["new"]) for c in v2.changes}
    assert changed["units"] == (70, 700)
    assert changed["units_text"] == ("About 70", "About 700")
    assert store.get_document(old.document_id).text.count("About 70") == 1


def test_importing_an_older_file_again_makes_its_version_current(store: Store,
                                                                 recall_file: Path) -> None:
    """The latest import wins, and every step is in the history."""
    original = recall_file.read_bytes()
    _import(store, recall_file)
    _edit(recall_file, "26609", "About 700")
    _import(store, recall_file)
    recall_file.write_bytes(original)
    summary = _import(store, recall_file)
    assert summary.records_changed == 1
    record = store.find_records("26609")[0]
    assert record.version == 3
    (fact,) = store.recall_facts_of_documents([record.document_id])
    assert fact.args["units"] == 70
    assert [v.data["units"] for v in store.record_versions("CPSC:26609")] == [70, 700, 70]


def test_big_inputs_report_progress_per_batch_of_records(store: Store) -> None:
    flat = CPSC_API.parents[1] / "nhtsa-flat-rcl-sample" / "FLAT_RCL_sample.txt"
    if not flat.exists():
        pytest.skip(f"REAL RECALL DATA MISSING: {flat} not found")
    from supplywatch.pipeline import ImportOptions

    seen: list[tuple[str, int, int]] = []
    summary = ingest_inputs([str(flat)], Settings(), store, NoReading(),
                            progress=lambda item, done, total: seen.append((item, done, total)),
                            options=ImportOptions(limit=120))
    assert summary.records_new == 120 and store.counts()["records"] == 120
    assert seen == [(f"{flat}: records", 50, 120), (f"{flat}: records", 100, 120), (str(flat), 1, 1)]
