"""Recalls whose official text names the supplier: "equipped with Takata air bag
inflators" names Takata even where no supply statement could be read from it.

A plain text search over the current versions of official recall records, on word
boundaries and in the supplier's own spelling (its canonical name, and that name
without a legal suffix: "Takata Corporation" -> "Takata"), never its short aliases,
which are too often ordinary words or other firms' names. Label lines ("Manufacturers:
...") are left out: they are structured fields, which the roles of the recall already
cover. Each hit keeps the sentence that names the supplier.
"""

from __future__ import annotations

import re

from supplywatch.model import name_key
from supplywatch.store import ExposureGraph, FactRecord, Store

_LABEL_LINE = re.compile(r"^[A-Z][A-Za-z /]{1,40}: ")
_SUFFIX = re.compile(
    r"[,\s]+(?:inc|incorporated|ltd|limited|llc|plc|corp|corporation|co|company|ag|sa|se|nv|"
    r"bv|gmbh|kk|oy|ab|as|spa|srl|pte|pty|lp|llp)\.?$", re.IGNORECASE)
MIN_NAME = 4


def supplier_spellings(graph: ExposureGraph) -> list[str]:
    """The supplier's and its subsidiaries' names, as written and without legal suffix."""
    ids = [graph.start_id, *(e.target_id for e in graph.subsidiaries)]
    out: list[str] = []
    for entity_id in ids:
        name = graph.entities[entity_id].name
        for spelling in (name, _SUFFIX.sub("", name).strip(" ,")):
            if len(spelling) >= MIN_NAME and any(c.isupper() for c in spelling):
                out.append(spelling)
    return list(dict.fromkeys(out))


def naming_sentence(text: str, spellings: list[str]) -> str | None:
    """The first prose sentence of `text` naming one of the spellings as a whole word."""
    for line in text.split("\n"):
        if _LABEL_LINE.match(line):
            continue
        for spelling in spellings:
            for m in re.finditer(re.escape(spelling), line):
                before = line[m.start() - 1] if m.start() else " "
                after = line[m.end()] if m.end() < len(line) else " "
                if not (before.isalnum() or after.isalnum()):
                    return _sentence(line, m.start())
    return None


_BOUNDARY = re.compile(r"(?<=[a-z0-9)][.!?])\s+(?=[A-Z\"“])")


def _sentence(line: str, at: int) -> str:
    """The sentence of `line` around offset `at`."""
    start, end = 0, len(line)
    for m in _BOUNDARY.finditer(line):
        if m.end() <= at:
            start = m.end()
        elif m.start() >= at:
            end = m.start()
            break
    return line[start:end].strip()


def recalls_naming(store: Store, graph: ExposureGraph) -> dict[str, tuple[FactRecord, str]]:
    """Recall fact id -> (the fact, the sentence naming the supplier), for official records
    whose prose names the supplier or a subsidiary, other than as the recalling firm."""
    spellings = supplier_spellings(graph)
    found = {doc_id: s for doc_id, text in store.record_texts_mentioning(spellings)
             if (s := naming_sentence(text, spellings))}
    own = {name_key(s) for s in spellings}
    out: dict[str, tuple[FactRecord, str]] = {}
    for fact in store.recall_facts_of_documents(found):
        if own.isdisjoint(name_key(r.entity_name) for r in fact.role_entities("company")):
            out[fact.id] = (fact, found[fact.document.id])
    return out
