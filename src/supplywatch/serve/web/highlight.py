"""A document's text cut into segments, each marked with the entity mentioned there and
the facts whose evidence covers it, so a template can highlight them.

The segments are plain text: the template escapes each one, so ingested text can never
become markup, however it was written.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from itertools import pairwise


@dataclass(frozen=True, slots=True)
class Mark:
    """Something stated at [start, end) of the text: an entity mention or a fact's evidence."""

    start: int
    end: int
    entity_id: int | None = None
    entity_type: str | None = None
    fact_id: str | None = None


@dataclass(frozen=True, slots=True)
class Segment:
    """A run of text with the same marks: the entity named (if any) and the facts stated."""

    text: str
    start: int
    entity_id: int | None = None
    entity_type: str | None = None
    facts: tuple[str, ...] = ()
    anchor: str | None = None  # "ev-<start>" on the first segment of some fact's evidence


def _valid(marks: Iterable[Mark], size: int) -> list[Mark]:
    return [m for m in marks if 0 <= m.start < m.end <= size]


def segments(text: str, marks: Iterable[Mark]) -> list[Segment]:
    """The text in order, cut wherever a mark starts or ends; spans outside the text are
    ignored. Where mentions overlap, the shortest (most specific) wins."""
    marks = _valid(marks, len(text))
    cuts = sorted({0, len(text)} | {m.start for m in marks} | {m.end for m in marks})
    out: list[Segment] = []
    anchored: set[str] = set()
    for start, end in pairwise(cuts):
        covering = [m for m in marks if m.start <= start and end <= m.end]
        mentions = sorted((m for m in covering if m.entity_id is not None),
                          key=lambda m: m.end - m.start)
        facts = tuple(sorted({m.fact_id for m in covering if m.fact_id is not None}))
        first = any(f not in anchored for f in facts)
        anchored.update(facts)
        entity = mentions[0] if mentions else None
        segment = Segment(text[start:end], start,
                          entity.entity_id if entity else None,
                          entity.entity_type if entity else None, facts,
                          f"ev-{start}" if first else None)
        previous = out[-1] if out else None
        if (previous is not None and segment.anchor is None
                and (previous.entity_id, previous.facts) == (segment.entity_id, segment.facts)):
            out[-1] = Segment(previous.text + segment.text, previous.start, previous.entity_id,
                              previous.entity_type, previous.facts, previous.anchor)
        else:
            out.append(segment)
    return out


def fact_anchors(segs: Iterable[Segment]) -> dict[str, str]:
    """Each fact's anchor (the first segment of its evidence), to link a table row to it."""
    out: dict[str, str] = {}
    for seg in segs:
        for fact in seg.facts:
            if fact not in out and seg.anchor is not None:
                out[fact] = seg.anchor
    return out
