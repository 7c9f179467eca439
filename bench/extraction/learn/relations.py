"""Train the company -> product pair classifier (`supplywatch.extract.pairs`).

Candidates come from the real pipeline (with the NER trained for the same fold) run on
the training documents; a candidate is positive when the scorer would match its
(company, product) names to one of the document's CompanyProvidesProduct pairs. The
model is an L2-regularised logistic regression (numpy, full-batch Adam, fixed seed); its
threshold is the one that maximises pair F1 over out-of-fold predictions on the
training documents themselves (document-grouped inner folds).
"""

from __future__ import annotations

import json
import random
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from learn.corpus import PRONOUNS, SHARED, load_script

SCORER = SHARED / "tools" / "score_dfki.py"


SD = load_script(SCORER, "score_dfki")


@dataclass
class Row:
    doc: int
    key: tuple  # (company cluster, product key) within the document
    names: tuple[str, str]
    features: list[str]
    label: int


def gold_pairs(record: dict) -> list[tuple[str, str]]:
    return [(r["company"]["text"], r["product"]["text"]) for r in record["relations"]
            if r["company"]["text"].lower() not in PRONOUNS]


def candidate_rows(nlp, records: Sequence[dict], first_doc: int = 0) -> list[Row]:
    """Feature rows for every candidate pair of every document."""
    from supplywatch.extract.pairs import candidates
    from supplywatch.extract.rules_offerings import offering_drafts

    rows: list[Row] = []
    texts = [r["text"] for r in records]
    for n, (record, doc) in enumerate(zip(records, nlp.pipe(texts, batch_size=8), strict=True)):
        reading = doc._.sw_reading
        offers = [d for sent in doc.sents for d in offering_drafts(reading, sent)]
        rule_pairs = {(d.roles["company"][0], d.roles["product"][0]) for d in offers}
        gold = gold_pairs(record)
        for cand in candidates(reading, rule_pairs, with_unlisted=False):
            company = reading.ents.clusters[cand.company.cid].name
            if cand.product.cid is not None:
                product = reading.ents.clusters[cand.product.cid].name
                pkey: object = cand.product.cid
            else:
                product = doc[cand.product.start:cand.product.end].text
                pkey = product.lower()
            label = int(any(SD.same(company, gc) and SD.same(product, gp) for gc, gp in gold))
            rows.append(Row(first_doc + n, (cand.company.cid, pkey), (company, product),
                            cand.features, label))
    return rows


def _matrix(rows: Sequence[Row], index: dict[str, int]) -> tuple[np.ndarray, np.ndarray]:
    r, c = [], []
    for i, row in enumerate(rows):
        for f in set(row.features):
            j = index.get(f)
            if j is not None:
                r.append(i)
                c.append(j)
    return np.array(r, dtype=np.int64), np.array(c, dtype=np.int64)


def fit(rows: Sequence[Row], l2: float = 1.0, steps: int = 400, lr: float = 0.05,
        min_count: int = 2) -> tuple[dict[str, float], float]:
    counts = Counter(f for row in rows for f in set(row.features))
    feats = sorted(f for f, n in counts.items() if n >= min_count)
    index = {f: i for i, f in enumerate(feats)}
    ri, ci = _matrix(rows, index)
    y = np.array([row.label for row in rows], dtype=np.float64)
    n = len(rows)
    w = np.zeros(len(feats))
    b = 0.0
    m, v = np.zeros_like(w), np.zeros_like(w)
    mb, vb = 0.0, 0.0
    for t in range(1, steps + 1):
        z = b + np.bincount(ri, weights=w[ci], minlength=n)
        p = 1.0 / (1.0 + np.exp(-np.clip(z, -30, 30)))
        err = p - y
        gw = np.bincount(ci, weights=err[ri], minlength=len(feats)) / n + l2 * w / n
        gb = err.mean()
        m = 0.9 * m + 0.1 * gw
        v = 0.999 * v + 0.001 * gw * gw
        w -= lr * (m / (1 - 0.9 ** t)) / (np.sqrt(v / (1 - 0.999 ** t)) + 1e-8)
        mb = 0.9 * mb + 0.1 * gb
        vb = 0.999 * vb + 0.001 * gb * gb
        b -= lr * (mb / (1 - 0.9 ** t)) / (np.sqrt(vb / (1 - 0.999 ** t)) + 1e-8)
    weights = {f: round(float(w[i]), 4) for f, i in index.items() if abs(w[i]) >= 1e-3}
    return weights, round(float(b), 4)


def predict(rows: Sequence[Row], weights: dict[str, float], bias: float) -> np.ndarray:
    z = np.array([bias + sum(weights.get(f, 0.0) for f in set(r.features)) for r in rows])
    return 1.0 / (1.0 + np.exp(-np.clip(z, -30, 30)))


def best_threshold(rows: Sequence[Row], probs: np.ndarray, records: dict[int, dict]) -> tuple[float, float]:
    """The threshold for named products with the best pair F1 (scorer's matching),
    documents aggregated; kinds of product keep the fixed `pairs.KIND_THRESHOLD` and
    `pairs.STATED_KIND_THRESHOLD`."""
    from supplywatch.extract.pairs import PairModel

    best = (0.5, -1.0)
    kinds = ["named" if "pkind=named" in row.features else "kind" for row in rows]
    for t in np.arange(0.5, 0.91, 0.05):  # never a pair the model finds less likely than not
        tp = fp = fn = 0
        gate = PairModel({}, 0.0, float(t))
        for d, record in records.items():
            pred = {row.key: row.names for row, p, k in zip(rows, probs, kinds, strict=True)
                    if row.doc == d and p >= gate.needed(row.features, k)}
            a, b, c = SD.pair_prf(list(pred.values()), gold_pairs(record))
            tp, fp, fn = tp + a, fp + b, fn + c
        f = 2 * tp / (2 * tp + fp + fn) if tp else 0.0
        if f > best[1]:
            best = (round(float(t), 2), f)
    return best


def train(rows: Sequence[Row], records: dict[int, dict], seed: int, inner_folds: int = 4,
          log=print) -> dict:
    """Fit on all rows; pick the threshold on out-of-fold predictions."""
    docs = sorted(records)
    random.Random(seed).shuffle(docs)
    groups = [set(docs[i::inner_folds]) for i in range(inner_folds)]
    oof = np.zeros(len(rows))
    for g in groups:
        train_rows = [r for r in rows if r.doc not in g]
        held = [i for i, r in enumerate(rows) if r.doc in g]
        w, b = fit(train_rows)
        oof[held] = predict([rows[i] for i in held], w, b)
    threshold, f = best_threshold(rows, oof, records)
    weights, bias = fit(rows)
    log(f"pairs: {len(rows)} candidates ({sum(r.label for r in rows)} positive), "
        f"{len(weights)} features, threshold {threshold} (inner out-of-fold pair F1 {f:.3f})")
    return {"model": {"bias": bias, "threshold": threshold, "weights": weights}}


def save(model: dict, path: Path, about: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    model = {"_about": about, **model}
    model["model"]["weights"] = dict(sorted(model["model"]["weights"].items()))
    path.write_text(json.dumps(model, indent=0, sort_keys=False, ensure_ascii=False) + "\n", "utf-8")
