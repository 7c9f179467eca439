"""Turning a name typed by a person into one stored entity, or a helpful NotFound."""

from __future__ import annotations

from collections.abc import Sequence

from supplywatch.errors import NotFound
from supplywatch.query.results import ResolvedEntity
from supplywatch.store import Store


class UnknownName(NotFound):
    """No entity has this name or alias; `suggestions` holds close names, best first."""

    def __init__(self, name: str, suggestions: Sequence[str]) -> None:
        if suggestions:
            hint = "did you mean " + ", ".join(repr(s) for s in suggestions) + "?"
        else:
            hint = "no similar names either; ingest documents that mention it first"
        super().__init__(f"no entity called {name!r} in the database; {hint}")
        self.name = name
        self.suggestions = list(suggestions)


def resolve_name(store: Store, name: str, types: Sequence[str] = ("company",)) -> ResolvedEntity:
    """The best entity for `name` (own name before alias, `types` first, then the best
    connected); raises UnknownName with suggestions when nothing matches."""
    matches = store.find_entities(name, types)
    if not matches:
        raise UnknownName(name, store.suggest_names(name))
    return ResolvedEntity.of(name, matches[0])
