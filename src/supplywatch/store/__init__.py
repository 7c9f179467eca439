"""The store stage: the only place with SQL.

`Store.open(url)` connects to SQLite or PostgreSQL, runs the bundled Alembic
migrations to head, and offers the writes the pipeline needs and the reads the
query stage needs, all returning plain records.
"""

from supplywatch.store.migrate import migrate
from supplywatch.store.records import (
    ApiToken,
    CodeHit,
    DocumentRef,
    DocumentSummary,
    EntityMatch,
    EntityRecord,
    ExposureGraph,
    FactRecord,
    GraphEdge,
    RecallCandidate,
    RecallEdge,
    RecordInfo,
    RecordSave,
    RecordVersion,
    RoleRecord,
    SavedExtraction,
    StoredDocument,
    VehicleHit,
)
from supplywatch.store.store import DEFAULT_MAX_DEPTH, Store
from supplywatch.store.write import fact_id

__all__ = [
    "DEFAULT_MAX_DEPTH",
    "ApiToken",
    "CodeHit",
    "DocumentRef",
    "DocumentSummary",
    "EntityMatch",
    "EntityRecord",
    "ExposureGraph",
    "FactRecord",
    "GraphEdge",
    "RecallCandidate",
    "RecallEdge",
    "RecordInfo",
    "RecordSave",
    "RecordVersion",
    "RoleRecord",
    "SavedExtraction",
    "Store",
    "StoredDocument",
    "VehicleHit",
    "fact_id",
    "migrate",
]
