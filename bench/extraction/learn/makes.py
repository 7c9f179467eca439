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

THRESHOLDS = tuple(round(t, 2) for t in np.arange(0.05, 0.61, 0.05))


@dataclass
class DocDrafts:
    group: str
    name: str
    gold: list[dict]
    facts: list[dict]  # the extraction without the check, in the facts contract
    rows: list[Row] = field(default_factory=list)  # key: (company, product) names


def gather(extractor, folders: Sequence[Path], log: Callable[[str], None] = print) -> list[DocDrafts]:
    from supplywatch.extract.assemble import cluster_names
    from supplywatch.extract.makes_check import document_roles, is_named, makes_features, supply_story

    pending: list[tuple[str, str, list[str]]] = []

    def keep(reading, drafts) -> None:
        names = cluster_names(reading)
        roles = document_roles(reading, drafts)
        for d in drafts if supply_story(roles) else ():  # (the check reads supply stories only)
            company, product = d.roles.get("company", [None])[0], d.roles.get("product", [None])[0]
            if is_named(reading, d) and company in names and product in names:
                pending.append((names[company], names[product], makes_features(reading, d, roles)))

    out: list[DocDrafts] = []
    with news.reading_drafts(keep):
        for folder in folders:
            for path, extraction in documents_of(extractor, folder, pending.clear):
                gold = json.loads(path.with_suffix(".json").read_text("utf-8"))["facts"]
                doc = DocDrafts(folder.name, path.name, gold, extraction.contract()["facts"])
                for company, product, feats in pending:
                    fact = {"type": "makes", "company": company, "product": product}
                    y = int(any(SC.match(fact, g) for g in gold))
                    doc.rows.append(Row(len(out), (company, product), (company, product), feats, y))
                pending.clear()
                out.append(doc)
            log(f"makes check: {folder.name}: {sum(len(d.rows) for d in out)} drafts so far")
    return out


def kept_facts(doc: DocDrafts, probs: np.ndarray | None, threshold: float) -> list[dict]:
    if probs is None or not doc.rows:
        return doc.facts
    best: dict[tuple[str, str], float] = {}
    for row, p in zip(doc.rows, probs, strict=True):
        best[row.key] = max(best.get(row.key, 0.0), float(p))
    return [f for f in doc.facts if f["type"] != "makes"
            or best.get((f["company"], f["product"]), 1.0) >= threshold]


def score(docs: Sequence[DocDrafts], probs: dict[int, np.ndarray] | None,
          threshold: float) -> dict[str, list[int]]:
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
        f"leave-one-set-out micro F1 {t.base:.3f} -> {t.chosen:.3f} at threshold "
        f"{t.model['model']['threshold']} (best {t.best:.3f})")
    return t.model
