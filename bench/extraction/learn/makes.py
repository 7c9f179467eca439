"""Train the check of the rules' `makes` drafts (`supplywatch.extract.makes_check`).

Training documents are the tuned invented news sets, as for the supply pairs
(`learn.supply`). Every `makes` draft of a named product the shipped pipeline writes in a
document that states a supply relation (`makes_check.supply_story`) is a row; it is
positive when the scorer would match its (company, product) names to a
labelled `makes` fact (required or optional). The threshold is the one that maximises the
micro F1 of the whole extraction over leave-one-set-out predictions.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from learn import news
from learn.relations import Row
from learn.supply import SC, documents_of, micro

STEPS = tuple(round(t, 2) for t in np.arange(0.05, 0.61, 0.05))
THRESHOLDS = tuple((named, kind) for named in STEPS for kind in STEPS)  # named products, kinds


@dataclass
class DocDrafts:
    group: str
    name: str
    gold: list[dict]
    facts: list[dict]  # the extraction without the check, in the facts contract
    rows: list[Row] = field(default_factory=list)  # key: (company, product) names
    kinds: set[tuple[str, str]] = field(default_factory=set)  # keys whose product is a kind


def gather(extractor, folders: Sequence[Path], log: Callable[[str], None] = print) -> list[DocDrafts]:
    from supplywatch.extract.assemble import cluster_names
    from supplywatch.extract.makes_check import (
        document_roles,
        in_check,
        is_kind,
        makes_features,
        supply_story,
    )

    pending: list[tuple[str, str, list[str], bool]] = []

    def keep(reading, drafts) -> None:
        names = cluster_names(reading)
        roles = document_roles(reading, drafts)
        for d in drafts if supply_story(roles) else ():  # (the check reads supply stories only)
            company, product = d.roles.get("company", [None])[0], d.roles.get("product", [None])[0]
            if in_check(reading, d) and company in names and product in names:
                pending.append((names[company], names[product], makes_features(reading, d, roles),
                                is_kind(reading, d)))

    out: list[DocDrafts] = []
    with news.reading_drafts(keep):
        for folder in folders:
            for path, extraction in documents_of(extractor, folder, pending.clear):
                gold = json.loads(path.with_suffix(".json").read_text("utf-8"))["facts"]
                doc = DocDrafts(folder.name, path.name, gold, extraction.contract()["facts"])
                for company, product, feats, kind in pending:
                    fact = {"type": "makes", "company": company, "product": product}
                    y = int(any(SC.match(fact, g) for g in gold))
                    doc.rows.append(Row(len(out), (company, product), (company, product), feats, y))
                    if kind:
                        doc.kinds.add((company, product))
                pending.clear()
                out.append(doc)
            log(f"makes check: {folder.name}: {sum(len(d.rows) for d in out)} drafts so far")
    return out


def kept_facts(doc: DocDrafts, probs: np.ndarray | None, threshold: tuple[float, float]) -> list[dict]:
    if probs is None or not doc.rows:
        return doc.facts
    best: dict[tuple[str, str], float] = {}
    for row, p in zip(doc.rows, probs, strict=True):
        best[row.key] = max(best.get(row.key, 0.0), float(p))
    named, kind = threshold
    return [f for f in doc.facts if f["type"] != "makes"
            or best.get(key := (f["company"], f["product"]), 1.0) >= (kind if key in doc.kinds else named)]


def score(docs: Sequence[DocDrafts], probs: dict[int, np.ndarray] | None,
          threshold: tuple[float, float]) -> dict[str, list[int]]:
    total = {t: [0, 0, 0] for t in SC.TYPES}
    for n, doc in enumerate(docs):
        facts = kept_facts(doc, probs.get(n) if probs is not None else None, threshold)
        for t, counts in SC.score_doc(facts, doc.gold).items():
            total[t] = [a + b for a, b in zip(total[t], counts, strict=True)]
    return total


def train(docs: Sequence[DocDrafts], log: Callable[[str], None] = print, **fit_args) -> dict:
    """Fit on every set; the threshold from leave-one-set-out micro F1."""
    t = news.train(docs, lambda d, p, th: micro(score(d, p, th)), THRESHOLDS, adds=False, **fit_args)
    log(f"makes check: {t.rows} drafts ({t.positive} right), {t.features} features; "
        f"leave-one-set-out micro F1 {t.base:.3f} -> {t.chosen:.3f} at thresholds "
        f"{t.model['model']['threshold']} (named products), {t.model['model']['kind_threshold']} "
        f"(kinds) (best {t.best:.3f})")
    return t.model
