"""Entity profile: everything the database states about one company or product."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from supplywatch.errors import NotFound
from supplywatch.model import ENTITY_ROLES
from supplywatch.query.lookup import resolve_name
from supplywatch.query.recalls import source_of
from supplywatch.query.results import (
    EntityRef,
    Evidence,
    ResolvedEntity,
    describe_fact,
    plain,
    role_name,
    role_names,
    whole_number,
)
from supplywatch.store import FactRecord, RoleRecord, Store

PROFILE_SCHEMA = "supplywatch.profile/1"

# Per fact type and the role the profiled entity plays in it: which profile section
# the fact goes to, and which role holds "the other side".
_SECTIONS: dict[tuple[str, str], tuple[str, str]] = {
    ("owns", "child"): ("owners", "parent"),
    ("owns", "parent"): ("subsidiaries", "child"),
    ("supplies", "customer"): ("suppliers", "supplier"),
    ("supplies", "supplier"): ("customers", "customer"),
    ("supplies", "product"): ("suppliers", "supplier"),
    ("makes", "company"): ("products", "product"),
    ("makes", "product"): ("makers", "company"),
    ("partnership", "parties"): ("partnerships", "parties"),
}


@dataclass(frozen=True, slots=True)
class Relation:
    """A link from the profiled entity to another, with the fact's details."""

    other: EntityRef
    relation: str  # the fact type
    status: str | None
    details: dict[str, Any]  # component, quantity, share, product ... as the fact states
    evidence: Evidence


@dataclass(frozen=True, slots=True)
class ProfileRecall:
    recall_id: str  # the agency's number for an official record, else the statement's id
    # how the entity figures in it: company | products | cause | manufacturers | importers
    # | distributors | retailers | named
    role: str
    company: str | None
    products: tuple[str, ...]
    units: int | None
    hazard: str | None
    cause: str | None
    date: str | None
    evidence: Evidence
    source: str | None = None  # the agency, or the story's publication
    url: str | None = None


@dataclass(frozen=True, slots=True)
class DatedEvent:
    date: str | None  # the source document's publication date
    type: str
    summary: str
    evidence: Evidence


@dataclass(frozen=True, slots=True)
class EntityProfile:
    entity: ResolvedEntity
    owners: tuple[Relation, ...]
    subsidiaries: tuple[Relation, ...]
    suppliers: tuple[Relation, ...]
    customers: tuple[Relation, ...]
    products: tuple[Relation, ...]
    makers: tuple[Relation, ...]
    partnerships: tuple[Relation, ...]
    recalls: tuple[ProfileRecall, ...]
    events: tuple[DatedEvent, ...]

    @property
    def aliases(self) -> tuple[str, ...]:
        return self.entity.aliases

    @property
    def type(self) -> str:
        return self.entity.type

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {"schema": PROFILE_SCHEMA}
        out.update(plain(self))
        return out


def entity_profile(store: Store, name: str) -> EntityProfile:
    """The profile of the entity called `name`; raises NotFound (with suggestions)."""
    return profile_of(store, resolve_name(store, name, types=("company", "product")))


def entity_profile_by_id(store: Store, entity_id: int) -> EntityProfile:
    """The profile of the entity with this id (of any type); raises NotFound."""
    record = store.get_entities([entity_id]).get(entity_id)
    if record is None:
        raise NotFound(f"no entity with id {entity_id}; search for it by name first")
    return profile_of(store, ResolvedEntity(str(entity_id), record.id, record.name, record.type,
                                            record.key, "name", record.name, record.aliases))


def profile_of(store: Store, entity: ResolvedEntity) -> EntityProfile:
    """The profile of an entity already resolved."""
    sections: dict[str, list[Relation]] = {s: [] for s, _ in _SECTIONS.values()}
    recalls: list[ProfileRecall] = []
    events: list[DatedEvent] = []
    for fact in store.facts_for_entity(entity.id):
        mine = [r for r in fact.roles if r.entity_id == entity.id]
        for role in sorted({r.role for r in mine}):
            if fact.type == "recall":
                recalls.append(_recall(fact, role))
                continue
            section = _SECTIONS.get((fact.type, role))
            if section is not None:
                sections[section[0]].extend(_relations(fact, section[1], entity.id))
        events.append(DatedEvent(fact.document.published, fact.type, describe_fact(fact),
                                 Evidence.of(fact)))
    events.sort(key=lambda e: (e.date or "9999", e.evidence.fact_id))
    return EntityProfile(
        entity=entity, recalls=tuple(recalls), events=tuple(events),
        **{name: tuple(rels) for name, rels in sections.items()},
    )


def _relations(fact: FactRecord, other_role: str, self_id: int) -> list[Relation]:
    others: list[RoleRecord] = [
        r for r in fact.role_entities(other_role) if r.entity_id != self_id
    ]
    roles = ENTITY_ROLES.get(fact.type, ())
    details = {k: v for k, v in fact.args.items()
               if k not in roles and k != "status" and v is not None}
    product = role_name(fact, "product")
    if fact.type == "supplies" and product and self_id not in fact.role_ids("product"):
        details["product"] = product  # the canonical name, not the text's spelling
    return [
        Relation(EntityRef(r.entity_id, r.entity_name, r.entity_type), fact.type,
                 fact.args.get("status"), details, Evidence.of(fact))
        for r in others
    ]


def _recall(fact: FactRecord, role: str) -> ProfileRecall:
    origin = source_of(fact)
    return ProfileRecall(
        recall_id=origin.recall_id, role=role, source=origin.source, url=origin.url,
        company=role_name(fact, "company"),
        products=role_names(fact, "products"),
        units=whole_number(fact.args.get("units")),
        hazard=fact.args.get("hazard"),
        cause=role_name(fact, "cause"),
        date=fact.args.get("date"),
        evidence=Evidence.of(fact),
    )
