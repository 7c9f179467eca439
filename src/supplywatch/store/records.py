"""Plain records the store's read methods return: no SQLAlchemy object leaves the store."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, Literal

from supplywatch.model import Document

MatchedOn = Literal["name", "alias"]


@dataclass(frozen=True, slots=True)
class StoredDocument:
    """A document row: the ingested Document plus what the store knows about it."""

    id: str
    path: str
    text: str
    title: str | None
    source: str | None
    published: str | None
    language: str
    url: str | None
    kind: str
    parent_path: str | None
    raw_sha256: str | None
    ingested_at: datetime
    extracted_at: datetime | None
    extractor: str | None
    extractor_version: str | None

    def to_document(self) -> Document:
        return Document(
            id=self.id, path=self.path, text=self.text, title=self.title,
            source=self.source, published=self.published, language=self.language,
            url=self.url, raw_sha256=self.raw_sha256, kind=self.kind,
            parent_path=self.parent_path,
        )


@dataclass(frozen=True, slots=True)
class DocumentSummary:
    """A document in a list: what it is and how many facts were read from it."""

    id: str
    title: str | None
    source: str | None
    published: str | None
    url: str | None
    kind: str
    path: str
    ingested_at: datetime
    facts: int


@dataclass(frozen=True, slots=True)
class ApiToken:
    """An API token as listed: never its secret, which only its creator saw once."""

    id: int
    name: str
    prefix: str
    created_at: datetime
    last_used_at: datetime | None
    revoked_at: datetime | None


@dataclass(frozen=True, slots=True)
class DocumentRef:
    """Where a fact was read: enough to cite it."""

    id: str
    path: str
    title: str | None
    source: str | None
    published: str | None
    url: str | None
    kind: str = "article"  # article | teaser | recall | bom


@dataclass(frozen=True, slots=True)
class EntityRecord:
    id: int
    type: str
    key: str
    name: str
    aliases: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class EntityMatch:
    """An entity found for a name, and how: its own name key, or one of its aliases."""

    entity: EntityRecord
    matched_on: MatchedOn
    matched_alias: str


@dataclass(frozen=True, slots=True)
class RoleRecord:
    role: str
    position: int
    entity_id: int
    entity_name: str
    entity_type: str


@dataclass(frozen=True, slots=True)
class FactRecord:
    """A stored statement with its provenance and the entities it links."""

    id: str
    type: str
    args: dict[str, Any]
    evidence: str
    span: tuple[int, int]
    confidence: float
    extractor: str
    extractor_version: str
    first_seen: datetime
    last_seen: datetime
    document: DocumentRef
    roles: tuple[RoleRecord, ...] = ()

    def role_entities(self, role: str) -> list[RoleRecord]:
        return sorted((r for r in self.roles if r.role == role), key=lambda r: r.position)

    def role_ids(self, role: str) -> list[int]:
        return [r.entity_id for r in self.role_entities(role)]


EdgeKind = Literal["owns", "supplies", "makes", "recall"]


@dataclass(frozen=True, slots=True)
class GraphEdge:
    """One edge of an exposure walk: `source` → `target` by `fact`.

    `depth` counts hops from the start (ownership depth for `owns`, supply tier for
    `supplies`); `path` is the entity ids of a shortest route from the start to
    `target`, cycles excluded.
    """

    kind: EdgeKind
    source_id: int
    target_id: int
    depth: int
    path: tuple[int, ...]
    fact: FactRecord


@dataclass(frozen=True, slots=True)
class RecallEdge:
    """A recall fact touching the exposure, and why: its products or its cause."""

    fact: FactRecord
    reasons: tuple[str, ...]  # "product", "cause", "company"
    matched_product_ids: tuple[int, ...]


@dataclass(slots=True)
class ExposureGraph:
    """What `Store.exposure_graph` found downstream of one entity."""

    start_id: int
    max_depth: int
    entities: dict[int, EntityRecord] = field(default_factory=dict)
    subsidiaries: list[GraphEdge] = field(default_factory=list)
    supplies: list[GraphEdge] = field(default_factory=list)
    products: list[GraphEdge] = field(default_factory=list)
    recalls: list[RecallEdge] = field(default_factory=list)


@dataclass(frozen=True, slots=True)
class RecallCandidate:
    """A product named in a recall fact, with every spelling the store knows for it."""

    product: EntityRecord
    fact: FactRecord


@dataclass(frozen=True, slots=True)
class SavedExtraction:
    """Counts from one `save_extraction`, for the pipeline's per-stage report."""

    document_id: str
    facts: int
    new_facts: int
    removed_facts: int
    entities: int


# --- official records -----------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class RecordInfo:
    """A structured record's identity and history at a glance."""

    key: str  # "CPSC:06231"
    kind: str  # recall | bom
    agency: str
    number: str
    document_id: str  # the document of its current version
    title: str | None
    date: str | None
    company: str | None
    url: str | None
    version: int
    first_seen: datetime
    last_seen: datetime  # the last import that saw it: how recently it was verified
    changed_at: datetime


@dataclass(frozen=True, slots=True)
class RecordVersion:
    key: str
    version: int
    document_id: str
    path: str | None
    seen_at: datetime
    data: dict[str, Any]  # the record's fields as imported
    changes: tuple[dict[str, Any], ...]  # {"field", "old", "new"} against the version before


@dataclass(frozen=True, slots=True)
class RecordSave:
    """What saving a record did: new, unchanged (same version seen again) or changed."""

    key: str
    outcome: Literal["new", "same", "changed"]
    version: int
    changes: tuple[dict[str, Any], ...] = ()


@dataclass(frozen=True, slots=True)
class CodeHit:
    """A model number or UPC of a recall fact equal to one asked for."""

    fact_id: str
    kind: str  # model | upc
    code: str
    text: str
    product: str | None
    origin: str  # field | text
    valid: bool


@dataclass(frozen=True, slots=True)
class VehicleHit:
    fact_id: str
    make: str
    model: str
    year: int | None
