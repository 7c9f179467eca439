"""What the two models learned from the invented news sets share (`learn.supply`,
`learn.makes`): leave-one-set-out predictions and the choice of a threshold."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Protocol

import numpy as np

from learn.relations import Row, fit, predict

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


def conservative_threshold(scores: dict[float, float], highest: bool) -> float:
    """Where the gain is flat, the rules' own reading: of the thresholds within TOLERANCE
    of the best micro F1, the highest for a model that adds facts, the lowest for one that
    removes them."""
    near = [t for t, f in scores.items() if f >= max(scores.values()) - TOLERANCE]
    return max(near) if highest else min(near)
