"""records: a structured record (an official recall notice, a BOM product) -> its facts.

    if is_record(doc):
        extraction = record_extraction(doc, extractor_reading)   # reading: None for BOMs

The recall fact and the companies' roles come from the record's fields; supply facts
from the record's own words come from the extraction stage's reading of the rendered
record (see notices.py). Like extract, this stage never touches the database.
"""

from __future__ import annotations

from supplywatch.model import Document, Extraction
from supplywatch.notice import BomProduct, Notice
from supplywatch.records.bom import bom_extraction
from supplywatch.records.notices import RecordMismatch, notice_extraction

RECORDS_NAME = "supplywatch.records"
# Bump when what a record becomes changes: stored records are then read again.
RECORDS_VERSION = "1.0.0"


def is_record(doc: Document) -> bool:
    return isinstance(doc.record, Notice | BomProduct)


def needs_reading(doc: Document) -> bool:
    """Whether the extraction stage reads this record's text (a notice's prose does; BOM
    rows state their facts directly)."""
    return isinstance(doc.record, Notice)


def records_version(reader_version: str | None) -> str:
    """The version stored with a record's facts: this stage's, plus the reader's."""
    return f"{RECORDS_VERSION}+{reader_version}" if reader_version else RECORDS_VERSION


def record_extraction(doc: Document, reading: Extraction | None,
                      reader: tuple[str, str] | None = None) -> Extraction:
    """The record's facts; `reading` is the extraction stage's output for the same
    document (None for BOMs), `reader` its (name, version)."""
    if isinstance(doc.record, BomProduct):
        extraction = bom_extraction(doc, doc.record)
        extraction.extractor_version = RECORDS_VERSION
    elif isinstance(doc.record, Notice):
        extraction = notice_extraction(doc, doc.record, reading)
        extraction.extractor_version = records_version(reader[1] if reader else None)
    else:
        raise TypeError(f"{doc.path} holds no record")
    extraction.extractor = RECORDS_NAME
    return extraction


__all__ = ["RECORDS_NAME", "RECORDS_VERSION", "RecordMismatch", "is_record", "needs_reading",
           "record_extraction", "records_version"]
