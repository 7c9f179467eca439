"""Plain typed records shared by every stage.

Stages talk to each other only through these types: ingest yields `Document`s,
extract turns one into an `Extraction` (entities + facts in the facts contract of
`shared/spec/facts.md`), resolve maps extracted names onto canonical entities, and
store persists the lot. Nothing here knows about spaCy, SQL or HTTP.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from dataclasses import dataclass, field
from typing import Any, Literal

FACTS_SCHEMA = "supplywatch.facts/1"
CHECK_SCHEMA = "supplywatch.check/1"

EntityType = Literal["company", "product", "component", "place", "person"]
FactType = Literal["supplies", "owns", "makes", "recall", "partnership"]
RelationStatus = Literal["active", "planned", "ended"]

ENTITY_TYPES: tuple[str, ...] = ("company", "product", "component", "place", "person")
FACT_TYPES: tuple[str, ...] = ("supplies", "owns", "makes", "recall", "partnership")

# Per fact type: its fields in contract order, and which of them name entities
# (these become graph edges in the store). `products` and `parties` hold lists.
FACT_FIELDS: dict[str, tuple[str, ...]] = {
    "supplies": ("supplier", "customer", "component", "product", "quantity", "status"),
    "owns": ("parent", "child", "share"),
    "makes": ("company", "product"),
    "recall": ("company", "products", "units", "hazard", "cause", "date"),
    "partnership": ("parties",),
}
ENTITY_ROLES: dict[str, tuple[str, ...]] = {
    "supplies": ("supplier", "customer", "product"),
    "owns": ("parent", "child"),
    "makes": ("company", "product"),
    # A recall from an official record also links the companies it names in their roles,
    # and the companies its defect text names ("named"); news recalls leave them empty.
    "recall": ("company", "products", "cause", "manufacturers", "importers", "distributors",
               "retailers", "named"),
    "partnership": ("parties",),
}
LIST_ROLES = frozenset({"products", "parties", "manufacturers", "importers", "distributors",
                        "retailers", "named"})


def normalise_text(text: str) -> str:
    """The text a document id is computed over: NFC, unix newlines, trimmed."""
    text = unicodedata.normalize("NFC", text).replace("\r\n", "\n").replace("\r", "\n")
    return text.strip()


def document_id(text: str) -> str:
    """sha256 (hex) of the normalised text: the same text always gets the same id."""
    return hashlib.sha256(normalise_text(text).encode("utf-8")).hexdigest()


@dataclass(frozen=True, slots=True)
class Document:
    """One clean document: a news story, a teaser split from a page, a recall notice."""

    id: str
    path: str
    text: str
    title: str | None = None
    source: str | None = None
    published: str | None = None  # ISO date, YYYY-MM-DD
    language: str = "en"
    url: str | None = None
    raw_sha256: str | None = None  # hash of the input's original bytes
    kind: str = "article"  # article | teaser | recall | bom | feed-item
    parent_path: str | None = None  # the input a split-out document came from
    # A structured source's record (a notice.Notice or notice.BomProduct) whose rendering
    # is `text`; not stored as such, not part of the document's identity.
    record: Any = field(default=None, compare=False, hash=False, repr=False)

    @classmethod
    def from_text(cls, text: str, path: str, **meta: Any) -> Document:
        clean = normalise_text(text)
        return cls(id=document_id(clean), path=path, text=clean, **meta)

    def contract(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "path": self.path,
            "title": self.title,
            "source": self.source,
            "published": self.published,
            "language": self.language,
        }


def alias_order(name: str) -> tuple[str, str]:
    """Sort key for an entity's aliases: case-blind, the exact text breaking ties ("US",
    "Us") so that output is the same on every run."""
    return name.lower(), name


@dataclass(slots=True)
class Entity:
    """An entity as one document names it (`id` is local to that document: e1, e2 ...)."""

    id: str
    name: str
    type: str
    aliases: list[str] = field(default_factory=list)
    mentions: list[tuple[int, int]] = field(default_factory=list)

    def contract(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "name": self.name,
            "type": self.type,
            "aliases": list(self.aliases),
            "mentions": [list(m) for m in self.mentions],
        }


@dataclass(slots=True)
class Fact:
    """A statement with its evidence. `args` holds the type's fields (see FACT_FIELDS)."""

    type: str
    args: dict[str, Any]
    evidence: str
    span: tuple[int, int]
    confidence: float

    def names(self) -> list[tuple[str, str]]:
        """(role, entity name) pairs this fact links, lists flattened."""
        out: list[tuple[str, str]] = []
        for role in ENTITY_ROLES.get(self.type, ()):
            value = self.args.get(role)
            values = value if isinstance(value, list) else [value]
            out.extend((role, v) for v in values if isinstance(v, str) and v)
        return out

    def contract(self) -> dict[str, Any]:
        out: dict[str, Any] = {"type": self.type}
        for name in FACT_FIELDS[self.type]:
            out[name] = self.args.get(name)
        for name, value in self.args.items():  # extra fields are allowed by the contract
            out.setdefault(name, value)
        out["evidence"] = self.evidence
        out["span"] = list(self.span)
        out["confidence"] = round(self.confidence, 3)
        return out

    def key(self) -> str:
        """Deterministic identity of the statement within its document."""
        core = [self.type, *(f"{r}={n.lower()}" for r, n in sorted(self.names()))]
        core.append(f"{self.span[0]}:{self.span[1]}")
        return hashlib.sha256("|".join(core).encode()).hexdigest()[:32]


@dataclass(slots=True)
class Extraction:
    """What the extract stage read out of one document."""

    document: Document
    entities: list[Entity]
    facts: list[Fact]
    extractor: str = "supplywatch.spacy"
    extractor_version: str = "0"

    def contract(self) -> dict[str, Any]:
        return {
            "schema": FACTS_SCHEMA,
            "document": self.document.contract(),
            "entities": [e.contract() for e in self.entities],
            "facts": [f.contract() for f in self.facts],
        }


_LEGAL_SUFFIXES = (
    "inc", "incorporated", "ltd", "limited", "llc", "plc", "corp", "corporation", "co",
    "company", "ag", "sa", "se", "nv", "bv", "gmbh", "kk", "oy", "ab", "as", "spa",
    "srl", "pte", "pty", "lp", "llp",
)
_SUFFIX_RE = re.compile(r"(?:\s+(?:" + "|".join(_LEGAL_SUFFIXES) + r"))+$")


def name_key(name: str) -> str:
    """Comparison key for a name: case, punctuation, possessive and legal suffixes ignored.

    "Amperex Technology Limited" and "amperex technology ltd." share a key; a model
    number keeps its digits and letters ("PAC20-392" -> "pac20 392").
    """
    s = unicodedata.normalize("NFKC", name).lower()
    s = re.sub(r"[’'`]s\b", "", s)
    s = re.sub(r"[^\w]+", " ", s).strip()
    s = re.sub(r"\s+", " ", s)
    if " " in s:
        s = _SUFFIX_RE.sub("", s).strip() or s
    return s


@dataclass(frozen=True, slots=True)
class CanonicalEntity:
    """An entity in the graph across documents, as the resolver hands it to the store."""

    key: str
    name: str
    type: str
    aliases: tuple[str, ...] = ()


@dataclass(slots=True)
class Resolution:
    """Where each local entity of an extraction goes in the graph, and why."""

    by_local_id: dict[str, CanonicalEntity]
    by_name: dict[str, CanonicalEntity]
    explanations: dict[str, str] = field(default_factory=dict)
