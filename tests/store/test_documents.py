"""Documents: stored once, read back whole, with extraction bookkeeping."""

from __future__ import annotations

from supplywatch.model import Document
from supplywatch.store import Store


def test_save_document_twice_stores_nothing_new(store: Store) -> None:
    doc = Document.from_text("Volta Cells opened a plant.", "news/a.txt", title="Plant",
                             source="Test Wire", published="2025-01-02",
                             url="https://example.test/a", kind="article")
    assert store.save_document(doc) is True
    assert store.save_document(doc) is False
    assert store.count_documents() == 1

    stored = store.get_document(doc.id)
    assert stored is not None
    assert stored.to_document() == doc
    assert stored.ingested_at.tzinfo is not None
    assert stored.extracted_at is None
    assert store.latest_ingest() == stored.ingested_at


def test_unknown_document_and_empty_database(store: Store) -> None:
    assert store.get_document("0" * 64) is None
    assert store.latest_ingest() is None
    assert store.has_extraction("0" * 64, "x", "1") is False


def test_has_extraction_tracks_extractor_and_version(store: Store, new_doc, save_doc) -> None:
    builder = new_doc("news/b.txt")
    builder.entity("Volta Cells")
    builder.entity("Nimbus Audio")
    builder.fact("supplies", "Volta Cells supplies Nimbus Audio.", supplier="Volta Cells",
                 customer="Nimbus Audio", status="active")
    extraction = save_doc(builder)
    doc_id = extraction.document.id
    assert store.has_extraction(doc_id, "test.extractor", "1")
    assert not store.has_extraction(doc_id, "test.extractor", "2")
    assert not store.has_extraction(doc_id, "other", "1")
    stored = store.get_document(doc_id)
    assert stored is not None and stored.extracted_at is not None
