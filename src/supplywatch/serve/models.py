"""The API's typed answers and request bodies (pydantic), built from the store's records
and the query stage's results, so that /openapi.json describes exactly what is sent.

Store records (dataclasses) are read by attribute (`from_attributes`). Query results
(exposure, profile, check) are validated from their `to_dict()`, the same JSON the CLI
prints with `--json`; those models allow extra keys, so a field the query stage adds
later reaches clients before it is described here (additive changes, see the
versioning policy). Timestamps are ISO 8601 with their UTC offset, as in the CLI.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Annotated, Any, Literal

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    PlainSerializer,
    StringConstraints,
    WithJsonSchema,
    model_validator,
)
from pydantic_core import PydanticCustomError

from supplywatch.model import FactType

Timestamp = Annotated[
    datetime,
    PlainSerializer(lambda value: value.isoformat(), return_type=str, when_used="json"),
    WithJsonSchema({"type": "string", "format": "date-time"}),
]
Span = tuple[int, int]
MAX_COMMENT_CHARS = 4000


class Model(BaseModel):
    model_config = ConfigDict(from_attributes=True)


class Open(BaseModel):
    """A query result's shape: the known fields typed, any newer ones passed through."""

    model_config = ConfigDict(extra="allow", populate_by_name=True)


# --- documents ------------------------------------------------------------------------


class DocumentSummary(Model):
    id: str = Field(description="sha256 of the document's normalised text.")
    title: str | None
    source: str | None
    published: str | None = Field(description="Publication date, YYYY-MM-DD.")
    url: str | None
    kind: str = Field(description="article | teaser | recall | bom | feed-item")
    path: str = Field(description="Where it was read from (file, URL, or `api:` for a posted body).")
    ingested_at: Timestamp
    facts: int = Field(description="Facts read from it.")


class DocumentRef(Model):
    id: str
    path: str
    title: str | None
    source: str | None
    published: str | None
    url: str | None
    kind: str


class Role(Model):
    role: str
    position: int
    entity_id: int
    entity_name: str
    entity_type: str


class Fact(Model):
    """A stored statement with its provenance: `span` indexes the document's text."""

    id: str
    type: FactType
    args: dict[str, Any] = Field(description="The contract's fields, names as the text wrote them.")
    evidence: str
    span: Span
    confidence: float
    extractor: str
    extractor_version: str
    first_seen: Timestamp
    last_seen: Timestamp
    document: DocumentRef
    roles: list[Role] = Field(description="The entities the fact links, in their roles.")


class Entity(Model):
    id: int
    type: str
    key: str
    name: str
    aliases: list[str]


class MentionedEntity(Model):
    entity: Entity
    mentions: list[Span] = Field(description="[start, end) offsets into the document's text.")


class RecordInfo(Model):
    """An official record's identity and history at a glance."""

    key: str
    kind: str
    agency: str
    number: str
    document_id: str
    title: str | None
    date: str | None
    company: str | None
    url: str | None
    version: int
    first_seen: Timestamp
    last_seen: Timestamp
    changed_at: Timestamp


class DocumentDetail(Model):
    id: str
    path: str
    title: str | None
    source: str | None
    published: str | None
    language: str
    url: str | None
    kind: str
    parent_path: str | None
    raw_sha256: str | None
    ingested_at: Timestamp
    extracted_at: Timestamp | None
    extractor: str | None
    extractor_version: str | None
    text: str = Field(description="The clean text every span and mention indexes into.")
    facts: list[Fact]
    entities: list[MentionedEntity]
    record: RecordInfo | None = Field(description="Set when the document is an official record.")
    comments: int = Field(description="Comments on it (GET .../comments).")


class PostedDocument(DocumentDetail):
    created: bool = Field(description="False when the same text was already stored.")
    others: list[DocumentSummary] = Field(
        description="Further documents the input held (teasers, further records), stored too.")
    problems: list[str] = Field(description="Parts of the input that could not be read.")


Text = Annotated[str, StringConstraints(min_length=1)]
Label = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=500)]


class DocumentIn(BaseModel):
    """Exactly one of `text`, `html` or `url`; the metadata fields override what is read."""

    model_config = ConfigDict(extra="forbid")

    text: Text | None = Field(None, description="Plain text (a story; a header block is read).")
    html: Text | None = Field(None, description="An HTML page; its main text is extracted.")
    url: Annotated[str, StringConstraints(min_length=1, max_length=2000)] | None = Field(
        None, description="An http(s) URL the server fetches (public addresses only, "
        "unless the server allows private ones).")
    title: Label | None = None
    source: Label | None = None
    published: date | None = Field(None, description="Publication date, YYYY-MM-DD.")

    @model_validator(mode="after")
    def one_input(self) -> DocumentIn:
        given = [name for name in ("text", "html", "url") if getattr(self, name) is not None]
        if len(given) != 1:
            raise PydanticCustomError(
                "one_input", "give exactly one of `text`, `html` or `url` (got {given})",
                {"given": ", ".join(given) or "none"})
        return self


# --- query results (validated from to_dict) -------------------------------------------


class SourceRef(Open):
    document_id: str
    path: str
    title: str | None
    source: str | None
    published: str | None
    url: str | None


class Evidence(Open):
    fact_id: str
    sentence: str
    span: Span
    confidence: float
    source: SourceRef
    first_seen: Timestamp
    last_seen: Timestamp
    evidence_type: str = Field(description="news | recall notice | teardown | bom")


class EntityRef(Open):
    id: int
    name: str
    type: str


class ResolvedEntity(Open):
    query: str
    id: int
    name: str
    type: str
    key: str
    matched_on: str
    matched_alias: str
    aliases: list[str]


class Relation(Open):
    other: EntityRef
    relation: str
    status: str | None
    details: dict[str, Any]
    evidence: Evidence


class RecallSource(Open):
    kind: str = Field(description="record | news")
    source: str | None
    recall_id: str
    date: str | None
    units: int | None
    url: str | None
    title: str | None
    path: str
    evidence_type: str
    fact_id: str


class ProfileRecall(Open):
    recall_id: str
    role: str
    company: str | None
    products: list[str]
    units: int | None
    hazard: str | None
    cause: str | None
    date: str | None
    evidence: Evidence
    source: str | None = None
    url: str | None = None


class DatedEvent(Open):
    date: str | None
    type: str
    summary: str
    evidence: Evidence


class EntityProfile(Open):
    """`supplywatch entity NAME --json`, plus how many facts name the entity."""

    schema_: str = Field(alias="schema")
    entity: ResolvedEntity
    owners: list[Relation]
    subsidiaries: list[Relation]
    suppliers: list[Relation]
    customers: list[Relation]
    products: list[Relation]
    makers: list[Relation]
    partnerships: list[Relation]
    recalls: list[ProfileRecall]
    events: list[DatedEvent] = Field(description="Dated timeline, oldest first.")
    facts: int = Field(description="Facts naming the entity (GET /api/facts?entity=ID).")


class SubsidiaryLink(Open):
    parent: EntityRef
    child: EntityRef
    depth: int
    share: float | None
    path: list[str]
    evidence: Evidence


class CustomerLink(Open):
    supplier: EntityRef
    customer: EntityRef
    tier: int
    status: str | None
    component: str | None
    quantity: int | float | None
    product: str | None
    path: list[str]
    evidence: Evidence


class ProductLink(Open):
    company: EntityRef
    product: EntityRef
    link: str
    tier: int
    evidence: Evidence


class RecallLink(Open):
    recall_id: str
    company: str | None
    products: list[str]
    exposed_products: list[str]
    units: int | None = Field(description="As this one notice states it; never summed.")
    hazard: str | None
    cause: str | None
    date: str | None
    reasons: list[str]
    evidence: Evidence
    details: dict[str, Any]
    source: str | None = None
    url: str | None = None
    parties: dict[str, list[str]] = {}
    vehicles: list[str] = []
    sources: list[RecallSource] = []
    named_in: str | None = None


class ReachedCompany(Open):
    name: str
    how: list[str]


class ExposureReport(Open):
    """`supplywatch exposure NAME --json` (supplywatch.exposure/1)."""

    schema_: str = Field(alias="schema")
    supplier: ResolvedEntity
    max_depth: int
    subsidiaries: list[SubsidiaryLink]
    customers: list[CustomerLink]
    products: list[ProductLink]
    recalls: list[RecallLink]
    reached: list[ReachedCompany]


class CheckMatch(Open):
    recall_id: str
    source: str | None
    jurisdiction: str | None
    company: str | None
    product: str
    matched_on: Literal["model", "upc", "name", "vehicle"]
    matched_text: str
    score: float = Field(ge=0, le=1)
    date: str | None
    units: int | None
    hazard: str | None
    remedy: str | None
    caveat: str | None
    url: str | None
    last_verified: str | None
    evidence: str | None
    explanation: str = ""
    sources: list[RecallSource] = []


class Freshness(Open):
    documents: int
    records: int
    by_agency: dict[str, int]
    newest_recall: str | None
    last_ingest: str | None
    last_verified: str | None


class CheckResult(Open):
    """The recall check contract, supplywatch.check/1 (`supplywatch check Q --json`)."""

    schema_: str = Field(alias="schema")
    query: str
    status: Literal["recalled", "possible", "no_record"] = Field(
        description="no_record: no recall known to this database, never 'safe'.")
    matches: list[CheckMatch]
    database: Freshness | None = None


# --- comments and tokens --------------------------------------------------------------


class Comment(Model):
    id: int
    target_kind: Literal["document", "entity"]
    target_id: str
    body: str
    author: str = Field(description="The name of the API token that wrote it.")
    created_at: Timestamp


class CommentIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    body: Annotated[str, StringConstraints(strip_whitespace=True, min_length=1,
                                           max_length=MAX_COMMENT_CHARS)]


class Token(Model):
    """An API token as listed: its prefix, never its secret."""

    id: int
    name: str
    prefix: str
    created_at: Timestamp
    last_used_at: Timestamp | None
    revoked_at: Timestamp | None


class NewToken(Token):
    token: str = Field(description="The secret: shown this once, only its hash is stored.")


class TokenIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    name: Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=100)]

