"""The entities of one record document: the record's own names plus the extractor's,
one per name, with mentions found in the document's text."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field

from supplywatch.model import Entity, name_key


@dataclass
class EntityBook:
    text: str
    _by_key: dict[tuple[str, str], Entity] = field(default_factory=dict)  # (type, key)
    _types: dict[str, str] = field(default_factory=dict)  # key -> the type it was given first

    def add(self, name: str, type: str, aliases: Iterable[str] = ()) -> str | None:
        """Add (or extend) the entity; its canonical name, or None for an empty name.

        A record's own names come first and fix their type: the extractor's later
        reading of "Sony" as a product in one sentence does not make a second Sony.
        """
        key = name_key(name)
        if not key:
            return None
        type = self._types.setdefault(key, type)
        entity = self._by_key.get((type, key))
        if entity is None:
            entity = self._by_key[(type, key)] = Entity("", name, type)
        for alias in (name, *aliases):
            alias_key = name_key(alias)
            if alias_key != key and alias_key in self._types:
                continue  # another of this record's names: "BMW 323I" stays the product
            if alias and alias != entity.name and alias not in entity.aliases:
                entity.aliases.append(alias)
        return entity.name

    def canonical(self, name: str) -> str | None:
        key = name_key(name)
        type = self._types.get(key)
        return self._by_key[(type, key)].name if type else None

    def merge(self, entity: Entity) -> str | None:
        """An extractor entity: joined to a record name it shares a key with, else added.
        Its mentions spelled like another of the record's names are that other name's."""
        name = self.add(entity.name, entity.type, entity.aliases)
        if name is not None:
            key = name_key(entity.name)
            target = self._by_key[(self._types[key], key)]
            for start, end in entity.mentions:
                spelled = name_key(self.text[start:end])
                if (start, end) not in target.mentions and spelled not in self._types.keys() - {key}:
                    target.mentions.append((start, end))
        return name

    def entities(self) -> list[Entity]:
        """Every entity, numbered e1, e2 ... in order of first mention, with its mentions."""
        out = list(self._by_key.values())
        for entity in out:
            for name in (entity.name, *entity.aliases):
                for m in re.finditer(re.escape(name), self.text):
                    if (m.start(), m.end()) not in entity.mentions and _bounded(self.text, m):
                        entity.mentions.append((m.start(), m.end()))
            entity.mentions.sort()
        out.sort(key=lambda e: (e.mentions[0][0] if e.mentions else len(self.text), e.name))
        for n, entity in enumerate(out, 1):
            entity.id = f"e{n}"
        return out


def _bounded(text: str, m: re.Match[str]) -> bool:
    """A whole-word occurrence: "Sony" in "Sony's", not in "Sonya"."""
    before = text[m.start() - 1] if m.start() > 0 else " "
    after = text[m.end()] if m.end() < len(text) else " "
    return not (before.isalnum() or after.isalnum())
