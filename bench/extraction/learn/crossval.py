"""k-fold cross-validation with the official DFKI scorer.

For each fold, the learned components trained on the other folds extract the fold's
documents through a stand-in for `supplywatch extract` (`train.py extract`, same
loading and reading path as the CLI), and `shared/tools/score_dfki.py` scores them,
unchanged. Counts are summed over folds (micro), then P/R/F1 computed once.
"""

from __future__ import annotations

import json
import os
import stat
import subprocess
import sys
import tempfile
from collections.abc import Sequence
from pathlib import Path

from learn.corpus import SHARED

SCORER = SHARED / "tools" / "score_dfki.py"
TRAIN_PY = Path(__file__).resolve().parents[1] / "train.py"
MEASURES = ("company", "product", "relation")


def stand_in_cli(folder: Path, models: dict[str, Path | None]) -> Path:
    """An executable the scorer can call as `CLI extract PATH... --json`."""
    args = [sys.executable, str(TRAIN_PY), "extract"]
    for key, path in models.items():
        args += [f"--{key.replace('_', '-')}", str(path) if path else "none"]
    script = folder / "cli"
    script.write_text("#!/bin/sh\nexec " + " ".join(f"'{a}'" for a in args) + ' "$@"\n')
    script.chmod(script.stat().st_mode | stat.S_IXUSR)
    return script


def score_fold(records: Sequence[dict], models: dict[str, Path | None]) -> dict:
    """The official scorer's counts for `records` extracted with these components
    (`models`: ner, relations, product_kinds -> a path or None)."""
    with tempfile.TemporaryDirectory() as tmp:
        corpus = Path(tmp) / "fold.jsonl"
        corpus.write_text("".join(json.dumps(r) + "\n" for r in records), "utf-8")
        cli = stand_in_cli(Path(tmp), models)
        out = subprocess.run([sys.executable, str(SCORER), str(corpus), str(cli)],
                             capture_output=True, text=True, env={**os.environ, "PYTHONHASHSEED": "0"})
        if out.returncode != 0:
            raise RuntimeError(f"scorer failed: {out.stderr[-2000:]}")
    return json.loads(out.stdout.strip().splitlines()[-1])


def total(results: Sequence[dict]) -> dict:
    """Sum the folds' tp/fp/fn and compute P/R/F1 on the sums."""
    out = {}
    for key in MEASURES:
        tp = sum(r[key]["tp"] for r in results)
        fp = sum(r[key]["fp"] for r in results)
        fn = sum(r[key]["fn"] for r in results)
        p = tp / (tp + fp) if tp + fp else 0.0
        r = tp / (tp + fn) if tp + fn else 0.0
        f = 2 * p * r / (p + r) if p + r else 0.0
        out[key] = {"p": round(p, 3), "r": round(r, 3), "f1": round(f, 3), "tp": tp, "fp": fp, "fn": fn}
    return out
