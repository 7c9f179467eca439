"""The same text gives the same output on every run, whatever Python's string hashing.

Each process hashes strings with its own random seed, so a set's order changes from run
to run; a worker process of `--workers N` has its own seed too. An answer that depended on
that order (a type tie settled by which name was counted first) gave "Hill Descent
Control" one type on one run and another on the next.
"""

from __future__ import annotations

import os
import subprocess
import sys
from collections import Counter
from pathlib import Path

from supplywatch.extract.clusters import top_type

# Feature names with acronyms, which the recognisers split between company and product:
# the kind of tie that used to be settled by hash order.
TIED_NAMES = """Harlow Motors launches the new Corvane SX in Pune

The new Corvane SX provides unparalleled performance coupled with cutting-edge safety \
technologies. Harlow's safety package provides support in any situation with six air bags, \
Anti-Lock Braking System (ABS) with brake assist, Dynamic Stability Control (DSC) including \
Dynamic Traction Control (DTC), Cornering Brake Control (CBC), Hill Descent Control (HDC), \
Side-impact Protection, Runflat tyres with reinforced sidewalls and crash sensors.
"""


def test_a_tie_between_types_goes_the_same_way_whatever_order_the_votes_came_in():
    assert top_type(Counter({"product": 1, "company": 1})) == "company"
    assert top_type(Counter({"company": 1, "product": 1})) == "company"
    assert top_type(Counter({"person": 2, "place": 2})) == "place"
    assert top_type(Counter({"person": 3, "company": 2})) == "person"


def test_extract_prints_the_same_json_under_different_hash_seeds(tmp_path: Path):
    story = tmp_path / "story.txt"
    story.write_text(TIED_NAMES, encoding="utf-8")
    cli = [sys.executable, "-m", "supplywatch", "extract", str(story), "--json"]
    # Seeds 0 and 1 settled the tie differently before types were decided in a fixed order.
    runs = [subprocess.Popen(cli, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                             env={**os.environ, "PYTHONHASHSEED": str(seed)}) for seed in (0, 1, 2, 3)]
    outputs = []
    for run in runs:
        out, err = run.communicate(timeout=300)
        assert run.returncode == 0, err
        outputs.append(out)
    assert '"Hill Descent Control"' in outputs[0]
    assert all(out == outputs[0] for out in outputs[1:])
