"""What the two models learned from the invented news sets share (`learn.supply`,
`learn.makes`): leave-one-set-out predictions and the choice of a threshold."""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Protocol

import numpy as np

from learn.relations import Row, fit, predict

# a threshold, or the makes check's two: (named products, kinds of product)
Threshold = float | tuple[float, float]
Score = Callable[[Sequence, dict[int, np.ndarray] | None, Threshold], float]  # micro F1 at a threshold

FIT = {"steps": 1000}  # (full-batch Adam converges later on these few thousand rows)
TOLERANCE = 0.0025  # micro F1 that a more conservative threshold may give up


class Grouped(Protocol):
    group: str  # the set a document belongs to
    rows: list[Row]


def out_of_set(docs: Sequence[Grouped], untrained_bias: float, **fit_args) -> dict[int, np.ndarray]:
    """Each document's row probabilities from a model trained on the other sets. A single
    set has no other to learn from: its rows then get `untrained_bias` alone."""
    fit_args = {**FIT, **fit_args}
    probs: dict[int, np.ndarray] = {}
    for group in sorted({d.group for d in docs}):
        train_rows = [r for d in docs if d.group != group for r in d.rows]
        weights, bias = fit(train_rows, **fit_args) if train_rows else ({}, untrained_bias)
        for n, d in enumerate(docs):
            if d.group == group:
                probs[n] = predict(d.rows, weights, bias) if d.rows else np.zeros(0)
    return probs


def conservative_threshold(scores: dict[Threshold, float], highest: bool) -> Threshold:
    """Where the gain is flat, the rules' own reading: of the thresholds within TOLERANCE
    of the best micro F1, the highest for a model that adds facts, the lowest for one that
    removes them (of a pair, the lowest sum, then the lowest for named products)."""
    near = [t for t, f in scores.items() if f >= max(scores.values()) - TOLERANCE]
    if highest:
        return max(near)
    return min(near, key=lambda t: (sum(t), t) if isinstance(t, tuple) else (t, t))


@dataclass
class Trained:
    model: dict  # as written to models/*.json
    rows: int
    positive: int
    features: int
    base: float  # leave-one-set-out micro F1 of the rules alone
    chosen: float  # ... with the model, at its threshold
    best: float  # ... at the best threshold


def train(docs: Sequence[Grouped], micro_at: Score, thresholds: Sequence[Threshold], adds: bool,
          **fit_args) -> Trained:
    """Fit on every set; the threshold from leave-one-set-out micro F1 (`micro_at(docs,
    probabilities, threshold)`, None: the rules alone), the most conservative near the best."""
    probs = out_of_set(docs, -30.0 if adds else 30.0, **fit_args)
    scores = {t: micro_at(docs, probs, t) for t in thresholds}
    threshold = conservative_threshold(scores, highest=adds)
    rows = [r for d in docs for r in d.rows]
    weights, bias = fit(rows, **{**FIT, **fit_args})
    chosen = ({"threshold": threshold[0], "kind_threshold": threshold[1]} if isinstance(threshold, tuple)
              else {"threshold": threshold})
    return Trained({"model": {"bias": bias, **chosen, "weights": weights}}, len(rows),
                   sum(r.label for r in rows), len(weights), micro_at(docs, None, 1.0 if adds else 0.0),
                   scores[threshold], max(scores.values()))


@contextmanager
def reading_drafts(keep: Callable) -> Iterator[None]:
    """Within the block, `keep(reading, drafts)` sees every piece's reading and final drafts
    as the extractor assembles them (the pipeline's own call, one per piece of a document)."""
    import supplywatch.extract as extract

    original = extract.assemble

    def assemble_and_keep(reading, drafts):
        keep(reading, drafts)
        return original(reading, drafts)

    extract.assemble = assemble_and_keep
    try:
        yield
    finally:
        extract.assemble = original
