"""One official record as the database holds it: its current version, every earlier
version and what changed, and the facts it states (`supplywatch recall ID`)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from supplywatch.errors import NotFound
from supplywatch.query.results import Evidence, describe_fact, plain
from supplywatch.store import RecordInfo, RecordVersion, Store

RECORD_SCHEMA = "supplywatch.record/1"


@dataclass(frozen=True, slots=True)
class StatedFact:
    type: str
    summary: str
    field: str | None  # the record field the statement was read from
    evidence: Evidence


@dataclass(frozen=True, slots=True)
class RecordReport:
    record: RecordInfo
    current: dict[str, Any]  # the current version's fields
    versions: tuple[RecordVersion, ...]  # oldest first; each with its changes
    facts: tuple[StatedFact, ...]
    others: tuple[RecordInfo, ...]  # other records with the same number (other agencies)

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {"schema": RECORD_SCHEMA}
        out.update(plain(self))
        return out


def recall_record(store: Store, ident: str) -> RecordReport:
    """The record called `ident` (key "CPSC:06231", number "06231" or notice URL); raises
    NotFound, saying how many records the database holds, when there is none."""
    found = store.find_records(ident)
    if not found:
        stats = store.record_stats()
        raise NotFound(f"no official record {ident!r} in the database (it holds "
                       f"{stats['records']:,} recall records); check the number, or ingest "
                       "the agency's file that has it")
    record = found[0]
    versions = store.record_versions(record.key)
    order = {"recall": 0, "supplies": 1, "makes": 2, "owns": 3, "partnership": 4}
    facts = sorted(store.facts_of_document(record.document_id),
                   key=lambda f: (order.get(f.type, 9), f.span, f.id))
    stated = tuple(StatedFact(f.type, describe_fact(f), f.args.get("field"), Evidence.of(f))
                   for f in facts)
    return RecordReport(record, versions[-1].data if versions else {}, tuple(versions), stated,
                        tuple(found[1:]))
