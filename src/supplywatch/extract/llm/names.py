"""Entities and facts of a whole document out of the model's answers for its pieces.

Names in facts must be entity names: a fact naming an alias gets the canonical name, a
fact naming something the model did not list adds that entity (typed by its role).
Mentions are found in the text, never taken from the model; an entity the text never
names and no fact needs is dropped as made up.
"""

from __future__ import annotations

import re
from typing import Any

from supplywatch.extract.llm.report import ENTITY_NOT_IN_TEXT, SAME_ENTITY, TOO_FEW_PARTIES, Drops
from supplywatch.extract.llm.schema import RawEntity, RawFact
from supplywatch.model import Entity, Fact, name_key

# The entity type a name gets when a fact names it in this role and no listed entity
# matches (as the resolver does for the local extractor's facts).
ROLE_TYPES = {
    "supplier": "company", "customer": "company", "parent": "company", "child": "company",
    "company": "company", "parties": "company", "product": "product", "products": "product",
    "component": "component", "cause": "component",
}
# Which fields name entities: the contract's entity roles plus `component`, which the
# local extractor also lists as an entity of type component.
NAME_FIELDS = {
    "supplies": ("supplier", "customer", "component", "product"),
    "owns": ("parent", "child"),
    "makes": ("company", "product"),
    "recall": ("company", "products", "cause"),
    "partnership": ("parties",),
}
# Pairs of roles that must not name the same entity.
DISTINCT = {"supplies": ("supplier", "customer"), "owns": ("parent", "child")}


class EntityTable:
    """The document's entities, merged across pieces by name key and type."""

    def __init__(self) -> None:
        self.entities: list[RawEntity] = []
        self._keys: dict[str, list[RawEntity]] = {}
        self.used: set[int] = set()  # ids of entities some fact names

    def add(self, raw: RawEntity) -> RawEntity:
        names = [raw.name, *raw.aliases]
        known = self._find(names, raw.type)
        if known is None:
            known = RawEntity(raw.name, raw.type, [])
            self.entities.append(known)
        for name in names:
            if name != known.name and name not in known.aliases:
                known.aliases.append(name)
            key = name_key(name)
            if key and known not in self._keys.setdefault(key, []):
                self._keys[key].append(known)
        return known

    def canonical(self, name: str, role: str) -> str:
        """The canonical name for `name` in `role`, adding an entity when none matches."""
        type_ = ROLE_TYPES.get(role, "company")
        # a cause may blame a supplier as well as a component: there any type will do
        entity = self._find([name], None if role == "cause" else type_)
        if entity is None:
            entity = self.add(RawEntity(name, type_))
        self.used.add(id(entity))
        return entity.name

    def _find(self, names: list[str], type_: str | None) -> RawEntity | None:
        for name in names:
            for entity in self._keys.get(name_key(name), []):
                if type_ is None or entity.type == type_:
                    return entity
        return None


def assemble(text: str, raw_entities: list[RawEntity], located: list[tuple[RawFact, tuple[int, int]]],
             drops: Drops) -> tuple[list[Entity], list[Fact]]:
    """Contract entities (e1, e2 ... in order of first mention) and facts (in text order)."""
    table = EntityTable()
    for raw in raw_entities:
        table.add(raw)
    facts: list[Fact] = []
    seen: set[str] = set()
    for raw, span in located:
        fact = _fact(raw, span, text, table, drops)
        if fact is not None and fact.key() not in seen:  # the same fact from two pieces
            seen.add(fact.key())
            facts.append(fact)
    facts.sort(key=lambda f: (f.span[0], f.type))
    return _entities(text, table, drops), facts


def _fact(raw: RawFact, span: tuple[int, int], text: str, table: EntityTable,
          drops: Drops) -> Fact | None:
    args: dict[str, Any] = dict(raw.args)
    for role in NAME_FIELDS[raw.type]:
        value = args.get(role)
        if isinstance(value, list):
            args[role] = list(dict.fromkeys(table.canonical(v, role) for v in value))
        elif isinstance(value, str):
            args[role] = table.canonical(value, role)
    if raw.type == "partnership" and len(args["parties"]) < 2:
        drops.add(TOO_FEW_PARTIES, f"partnership of {args['parties']!r}")
        return None
    pair = DISTINCT.get(raw.type)
    if pair and args[pair[0]] == args[pair[1]]:
        drops.add(SAME_ENTITY, f"{raw.type}: {pair[0]} and {pair[1]} are both {args[pair[0]]!r}")
        return None
    return Fact(raw.type, args, text[span[0]:span[1]], span, raw.confidence)


def _entities(text: str, table: EntityTable, drops: Drops) -> list[Entity]:
    mentions = _mentions(text, table.entities)
    out: list[Entity] = []
    for raw in table.entities:
        found = mentions.get(id(raw), [])
        if not found and id(raw) not in table.used:
            drops.add(ENTITY_NOT_IN_TEXT, f"{raw.type} {raw.name!r}")
            continue
        out.append(Entity("", raw.name, raw.type, sorted(raw.aliases, key=str.lower), found))
    out.sort(key=lambda e: e.mentions[0] if e.mentions else (len(text), len(text)))
    for n, entity in enumerate(out, 1):
        entity.id = f"e{n}"
    return out


def _mentions(text: str, entities: list[RawEntity]) -> dict[int, list[tuple[int, int]]]:
    """Where each entity's name or aliases occur as whole words; longer names claim first,
    so "Nimbus" inside "Nimbus Audio Ltd" is not a second mention."""
    candidates: list[tuple[int, int, int]] = []
    for raw in entities:
        for name in {raw.name, *raw.aliases}:
            pattern = re.compile(r"(?<!\w)" + re.escape(name) + r"(?!\w)")
            candidates += [(m.start(), m.end(), id(raw)) for m in pattern.finditer(text)]
    candidates.sort(key=lambda c: (c[0] - c[1], c[0]))
    taken = [False] * (len(text) + 1)
    out: dict[int, list[tuple[int, int]]] = {}
    for start, end, owner in candidates:
        if any(taken[start:end]):
            continue
        taken[start:end] = [True] * (end - start)
        out.setdefault(owner, []).append((start, end))
    return {owner: sorted(spans) for owner, spans in out.items()}
