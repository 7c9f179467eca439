"""Train the supplier -> customer pair classifier (`supplywatch.extract.supply_pairs`).

Training documents are the invented news sets whose rules have been tuned (never the
blind ones, never the real-article dev set, whose texts are for measurement only).
Candidates come from the real pipeline run without the supply model; one is positive when
the scorer would match its (supplier, customer) names to a labelled `supplies` fact and
its sentence is one of that fact's evidence sentences. A candidate for a labelled pair in
a sentence the label does not cite is left out: the sentence may or may not state it.

The model is the same L2-regularised logistic regression as the product pairs'
(`learn.relations.fit`). Its threshold is the one that maximises the micro F1 of the
whole extraction (the rules' facts plus the accepted pairs, scored with
`shared/tools/score.py`) over leave-one-set-out predictions, so each set is scored by a
model that never saw it.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from learn import news
from learn.corpus import SHARED, load_script
from learn.relations import Row

SCORER = SHARED / "tools" / "score.py"
THRESHOLDS = tuple(round(t, 2) for t in np.arange(0.3, 0.96, 0.05))


SC = load_script(SCORER, "score_news")


@dataclass
class DocCandidates:
    """One labelled document: the rules' facts and the pairs the model may add."""

    group: str  # the set the document belongs to (the cross-validation group)
    name: str
    gold: list[dict]
    facts: list[dict]  # the extraction without the supply model, in the facts contract
    rows: list[Row] = field(default_factory=list)
    sentences: list[str] = field(default_factory=list)  # each row's sentence (for error reports)


def _words(text: str) -> set[str]:
    return set(re.findall(r"\w+", text.lower()))


def cites(sentence: str, evidence: Sequence[str]) -> bool:
    """Is the sentence one the label cites (or most of one: the parser and the writer
    may cut a sentence in different places)?"""
    words = _words(sentence)
    for ev in evidence:
        if sentence.strip() in ev or ev.strip() in sentence:
            return True
        other = _words(ev)
        if words and other and len(words & other) / len(words | other) >= 0.6:
            return True
    return False


def label(supplier: str, customer: str, sentence: str, gold: list[dict]) -> int | None:
    """1: the sentence is evidence of a labelled supply; 0: no such supply is labelled;
    None: the pair is labelled but from other sentences."""
    pair = [f for f in gold if f["type"] == "supplies" and SC.name_match(supplier, SC.as_list(f["supplier"]))
            and SC.name_match(customer, SC.as_list(f["customer"]))]
    if not pair:
        return 0
    return 1 if any(cites(sentence, SC.as_list(f.get("evidence"))) for f in pair) else None


def documents_of(extractor, folder: Path, skipped: Callable[[], None]) -> Iterator[tuple[Path, object]]:
    """(text file, extraction) for each labelled file of a folder, in order. The scorer reads
    a file's first document only (a page split into several stories keeps the others as
    "name.txt#2" ...): `skipped` is called after each of the others."""
    from supplywatch.ingest import load
    from supplywatch.settings import Settings

    paths = {p.name: p for p in sorted(folder.glob("*.txt"))}
    documents = [d for p in paths.values() for d in load(str(p), Settings())]
    for extraction in extractor.extract_many(documents):
        path = paths.get(Path(extraction.document.path).name)
        if path is None:
            skipped()
        else:
            yield path, extraction


def gather(extractor, folders: Sequence[Path], log: Callable[[str], None] = print) -> list[DocCandidates]:
    """Run the pipeline over labelled folders, keeping each document's facts and candidates."""
    from supplywatch.extract.assemble import cluster_names
    from supplywatch.extract.supply_pairs import candidates

    pending: list[tuple[str, str, str, list[str]]] = []

    def keep(reading, drafts) -> None:
        names = cluster_names(reading)
        drafted = {(d.roles["supplier"][0], d.roles["customer"][0]) for d in drafts
                   if d.type == "supplies" and "supplier" in d.roles and d.roles.get("customer")}
        for cand in candidates(reading, drafts):
            key = (cand.supplier.cid, cand.customer.cid)
            if key in drafted or key[::-1] in drafted:
                continue  # the model only decides the pairs the rules leave undrafted
            pending.append((names[key[0]], names[key[1]], cand.sent.text, cand.features))

    out: list[DocCandidates] = []
    with news.reading_drafts(keep):
        for folder in folders:
            for path, extraction in documents_of(extractor, folder, pending.clear):
                gold = json.loads(path.with_suffix(".json").read_text("utf-8"))["facts"]
                doc = DocCandidates(folder.name, path.name, gold, extraction.contract()["facts"])
                for sup, cus, sentence, feats in pending:
                    y = label(sup, cus, sentence, gold)
                    if y is not None:
                        doc.rows.append(Row(len(out), (sup.lower(), cus.lower()), (sup, cus), feats, y))
                        doc.sentences.append(sentence)
                pending.clear()
                out.append(doc)
            log(f"supply pairs: {folder.name}: {sum(len(d.rows) for d in out)} candidates so far")
    return out


def added_facts(doc: DocCandidates, probs: np.ndarray, threshold: float) -> list[dict]:
    """The supplies facts the model adds to a document at a threshold: one per pair, in
    the likelier direction (as `supply_pairs.learned_supplies` decides)."""
    best: dict[tuple[str, str], tuple[float, tuple[str, str]]] = {}
    for row, p in zip(doc.rows, probs, strict=True):
        if p >= threshold and (row.key not in best or p > best[row.key][0]):
            best[row.key] = (float(p), row.names)
    return [{"type": "supplies", "supplier": names[0], "customer": names[1]}
            for key, (p, names) in best.items()
            if not ((key[1], key[0]) in best and best[(key[1], key[0])][0] > p)]


def score(docs: Sequence[DocCandidates], probs: dict[int, np.ndarray] | None, threshold: float,
          only: str | None = None) -> dict[str, list[int]]:
    """Per-type (tp, fp, fn) of the documents' facts plus what the model adds."""
    total = {t: [0, 0, 0] for t in SC.TYPES}
    for n, doc in enumerate(docs):
        facts = list(doc.facts)
        if probs is not None and doc.rows:
            facts += added_facts(doc, probs[n], threshold)
        for t, counts in SC.score_doc(facts, doc.gold).items():
            if only is None or t == only:
                total[t] = [a + b for a, b in zip(total[t], counts, strict=True)]
    return total


def micro(counts: dict[str, list[int]]) -> float:
    tp, fp, fn = (sum(c[i] for c in counts.values()) for i in range(3))
    return 2 * tp / (2 * tp + fp + fn) if tp else 0.0


def train(docs: Sequence[DocCandidates], log: Callable[[str], None] = print, **fit_args) -> dict:
    """Fit on every set; the threshold from leave-one-set-out micro F1."""
    t = news.train(docs, lambda d, p, th: micro(score(d, p, th)), THRESHOLDS, adds=True, **fit_args)
    log(f"supply pairs: {t.rows} candidates ({t.positive} positive), {t.features} features; "
        f"leave-one-set-out micro F1 {t.base:.3f} -> {t.chosen:.3f} at threshold "
        f"{t.model['model']['threshold']} (best {t.best:.3f})")
    return t.model
