"""Match a document's entities onto the graph's: by full name first, then by alias."""

from __future__ import annotations

from collections.abc import Callable, Iterable

from supplywatch.model import CanonicalEntity, Entity, Extraction, Resolution, name_key

AliasLookup = Callable[[Iterable[str]], dict[str, list[CanonicalEntity]]]

# Where a fact names something that is not one of the document's entities (a generic
# "power banks" in a recall, a "defective battery cells" cause), it still becomes a
# node of the role's natural type, so that every edge has both ends.
ROLE_TYPES = {
    "supplier": "company", "customer": "company", "parent": "company", "child": "company",
    "company": "company", "parties": "company", "product": "product", "products": "product",
    "cause": "component",
}


def _keys(entity: Entity) -> list[str]:
    keys = [name_key(entity.name)]
    keys += [k for k in (name_key(a) for a in entity.aliases) if k and k not in keys]
    return [k for k in keys if k]


def _match(entity: Entity, known: dict[str, list[CanonicalEntity]]) -> tuple[CanonicalEntity | None, str]:
    """The known entity this one is, with the reason; None when it is new."""
    keys = _keys(entity)
    for rank, key in enumerate(keys):
        same_type = [c for c in known.get(key, []) if c.type == entity.type]
        if len(same_type) == 1:
            how = "full name" if rank == 0 else f"alias {key!r}"
            return same_type[0], f"matched existing {entity.type} {same_type[0].name!r} by {how}"
        if len(same_type) > 1:
            exact = [c for c in same_type if c.key == key]
            if len(exact) == 1:
                return exact[0], f"matched existing {entity.type} {exact[0].name!r} by key {key!r}"
            return None, f"ambiguous: {key!r} names {len(same_type)} known entities; kept apart"
    return None, "new entity"


def resolve(extraction: Extraction, lookup: AliasLookup) -> Resolution:
    entities = extraction.entities
    keys = {k for e in entities for k in _keys(e)}
    known = lookup(keys) if keys else {}
    by_local: dict[str, CanonicalEntity] = {}
    by_name: dict[str, CanonicalEntity] = {}
    explanations: dict[str, str] = {}
    for entity in entities:
        match, why = _match(entity, known)
        names = (entity.name, *entity.aliases)
        if match is None:
            canon = CanonicalEntity(key=name_key(entity.name), name=entity.name, type=entity.type,
                                    aliases=tuple(dict.fromkeys(names)))
        else:
            canon = CanonicalEntity(key=match.key, name=match.name, type=match.type,
                                    aliases=tuple(dict.fromkeys((*match.aliases, *names))))
        by_local[entity.id] = canon
        explanations[entity.id] = why
        for n in names:
            by_name.setdefault(n, canon)
    _add_role_names(extraction, by_name, known)
    return Resolution(by_local_id=by_local, by_name=by_name, explanations=explanations)


def _add_role_names(extraction: Extraction, by_name: dict[str, CanonicalEntity],
                    known: dict[str, list[CanonicalEntity]]) -> None:
    for fact in extraction.facts:
        for role, name in fact.names():
            if name in by_name:
                continue
            key = name_key(name)
            type_ = ROLE_TYPES.get(role, "company")
            same = [c for c in known.get(key, []) if c.type == type_]
            by_name[name] = same[0] if len(same) == 1 else CanonicalEntity(
                key=key, name=name, type=type_, aliases=(name,))
