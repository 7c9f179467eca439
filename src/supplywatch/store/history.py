"""Structured records across imports: identity, versions, what changed, and lookups.

A record's identity is its key (agency + number), not its document: re-importing an
updated file stores the changed record as a new document, makes it the record's
current version, keeps the old version's fields and document for the history, and
takes the old version's facts out of the graph so nothing is counted twice.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from datetime import datetime
from typing import Any

from sqlalchemy import func, or_, select, update
from sqlalchemy.engine import Connection

from supplywatch.codes.urls import url_key
from supplywatch.model import Document
from supplywatch.store.db import chunks
from supplywatch.store.read import utc
from supplywatch.store.records import RecordInfo, RecordSave, RecordVersion
from supplywatch.store.schema import documents, record_versions, records
from supplywatch.store.write import clear_document, document_entity_ids, drop_orphans


def _plain(value: Any) -> Any:
    """JSON values as the database hands them back (tuples become lists)."""
    return json.loads(json.dumps(value, default=str))


def _summary(doc: Document, data: dict[str, Any]) -> dict[str, Any]:
    kind = "bom" if doc.kind == "bom" else "recall"
    agency = data.get("agency") or ("BOM" if kind == "bom" else "")
    number = data.get("number") or data.get("product") or ""
    url = data.get("url")
    return {"kind": kind, "agency": agency, "number": str(number), "title": data.get("title") or doc.title,
            "date": data.get("date") or doc.published, "company": data.get("company") or data.get("brand"),
            "url": url, "url_key": url_key(url)}


def save_record(conn: Connection, doc: Document, key: str, data: dict[str, Any],
                now: datetime) -> RecordSave:
    """Make `doc` the current version of record `key` (inside the caller's transaction)."""
    data = _plain(data)
    current = conn.execute(select(records).where(records.c.key == key)).mappings().first()
    fields = _summary(doc, data)
    if current is None:
        conn.execute(records.insert().values(key=key, document_id=doc.id, version=1, first_seen=now,
                                             last_seen=now, changed_at=now, **fields))
        _add_version(conn, key, 1, doc, now, data, [])
        return RecordSave(key, "new", 1)
    if current["document_id"] == doc.id:
        conn.execute(update(records).where(records.c.key == key).values(last_seen=now))
        return RecordSave(key, "same", current["version"])
    previous = conn.scalar(select(record_versions.c.data).where(
        record_versions.c.key == key, record_versions.c.version == current["version"]))
    changes = diff(previous or {}, data)
    version = current["version"] + 1
    _add_version(conn, key, version, doc, now, data, changes)
    conn.execute(update(records).where(records.c.key == key).values(
        document_id=doc.id, version=version, last_seen=now, changed_at=now, **fields))
    retire_document(conn, current["document_id"])
    return RecordSave(key, "changed", version, tuple(changes))


def _add_version(conn: Connection, key: str, version: int, doc: Document, now: datetime,
                 data: dict[str, Any], changes: list[dict[str, Any]]) -> None:
    conn.execute(record_versions.insert().values(
        key=key, version=version, document_id=doc.id, path=doc.path, seen_at=now, data=data,
        changes=changes))


def diff(old: dict[str, Any], new: dict[str, Any]) -> list[dict[str, Any]]:
    """Fields whose values differ, in the new record's field order."""
    names = list(new) + [k for k in old if k not in new]
    return [{"field": k, "old": old.get(k), "new": new.get(k)}
            for k in names if old.get(k) != new.get(k)]


def retire_document(conn: Connection, doc_id: str) -> None:
    """An old version's document stays (its text is the history) but leaves the graph; it
    is marked unextracted, so importing that version again makes it current again."""
    entity_ids = document_entity_ids(conn, doc_id)
    clear_document(conn, doc_id)
    conn.execute(update(documents).where(documents.c.id == doc_id).values(
        extracted_at=None, extractor=None, extractor_version=None))
    drop_orphans(conn, entity_ids)


def touch_records(conn: Connection, doc_ids: Iterable[str], now: datetime) -> int:
    """Records whose current version was seen again unchanged: verified now."""
    total = 0
    for batch in chunks(sorted(set(doc_ids))):
        result = conn.execute(update(records).where(records.c.document_id.in_(batch))
                              .values(last_seen=now))
        total += result.rowcount or 0
    return total


def _info(row: Any) -> RecordInfo:
    m = dict(row)
    m.pop("url_key", None)
    for name in ("first_seen", "last_seen", "changed_at"):
        m[name] = utc(m[name])
    return RecordInfo(**m)


def records_by_documents(conn: Connection, doc_ids: Iterable[str]) -> dict[str, RecordInfo]:
    out: dict[str, RecordInfo] = {}
    for batch in chunks(sorted(set(doc_ids))):
        for row in conn.execute(select(records).where(records.c.document_id.in_(batch))).mappings():
            out[row["document_id"]] = _info(row)
    return out


def find_records(conn: Connection, ident: str) -> list[RecordInfo]:
    """Records called `ident`: a key ("CPSC:06231"), a number ("06231", "16V-937"), or a
    notice URL; newest first."""
    text = ident.strip()
    numbers = {text, text.upper(), text.replace("-", "").upper()}
    stmt = select(records).where(or_(
        func.upper(records.c.key) == text.upper(), records.c.number.in_(numbers),
        records.c.url_key == url_key(text),
    )).order_by(records.c.date.desc(), records.c.key)
    return [_info(r) for r in conn.execute(stmt).mappings()]


def versions(conn: Connection, key: str) -> list[RecordVersion]:
    stmt = select(record_versions).where(record_versions.c.key == key).order_by(
        record_versions.c.version)
    return [RecordVersion(r["key"], r["version"], r["document_id"], r["path"], utc(r["seen_at"]),
                          r["data"] or {}, tuple(r["changes"] or ()))
            for r in conn.execute(stmt).mappings()]


def documents_by_url_keys(conn: Connection, keys: Iterable[str]) -> dict[str, list[str]]:
    """url_key -> current documents of records with that notice URL."""
    out: dict[str, list[str]] = {}
    for batch in chunks(sorted(set(k for k in keys if k))):
        for key, doc_id in conn.execute(select(records.c.url_key, records.c.document_id)
                                        .where(records.c.url_key.in_(batch))):
            out.setdefault(key, []).append(doc_id)
    return out


def record_stats(conn: Connection) -> dict[str, Any]:
    """Records per agency, the newest recall date and the last import that saw one."""
    rows = conn.execute(select(records.c.agency, func.count(), func.max(records.c.date),
                               func.max(records.c.last_seen))
                        .where(records.c.kind == "recall").group_by(records.c.agency)).all()
    dates = [d for _, _, d, _ in rows if d]
    seen = [utc(s) for _, _, _, s in rows if s]
    return {"records": sum(int(n) for _, n, _, _ in rows),
            "by_agency": {a: int(n) for a, n, _, _ in sorted(rows)},
            "newest_recall": max(dates) if dates else None,
            "last_verified": max(seen) if seen else None}
