"""Why parts of a model's answer were thrown away: counted by reason, with details."""

from __future__ import annotations

import logging
from collections import Counter
from dataclasses import dataclass, field

log = logging.getLogger("supplywatch.extract.llm")

# The reasons a fact or entity is dropped (the keys of `Drops.counts`).
NOT_AN_OBJECT = "not an object"
UNKNOWN_TYPE = "unknown fact type"
MISSING_FIELD = "missing field"
BAD_VALUE = "bad value"
EVIDENCE_NOT_FOUND = "evidence not in text"
TOO_FEW_PARTIES = "fewer than two parties"
SAME_ENTITY = "one entity on both sides"
BAD_ENTITY = "bad entity"
ENTITY_NOT_IN_TEXT = "entity not in text"


@dataclass
class Drops:
    counts: Counter[str] = field(default_factory=Counter)
    details: list[str] = field(default_factory=list)

    def add(self, reason: str, detail: str) -> None:
        self.counts[reason] += 1
        self.details.append(f"{reason}: {detail}")
        log.debug("dropped (%s): %s", reason, detail)

    def update(self, other: Drops) -> None:
        self.counts.update(other.counts)
        self.details.extend(other.details)

    @property
    def total(self) -> int:
        return sum(self.counts.values())
