"""Extraction benchmark: quality on the labelled sets, speed against spaCy alone.

    .venv/bin/python bench/extraction/run.py [--repeat 3] [--workers N] [--skip-dfki] [--blind]

Prints one table:
- the real-article dev set (shared/data/gold-dev) scored by shared/tools/score.py:
  precision, recall and F1 per fact type and micro;
- the invented news sets (bench/extraction/invented-news; written and labelled by
  helper sessions that never saw the extractor), micro only, with the same scorer: the
  sets rules were tuned on (or that are retired) always, the blind ones (never read, see
  invented-news/README.md) only with --blind, so that a casual run does not spend them;
- the DFKI Product Corpus training split scored by shared/tools/score_dfki.py:
  companies, products, company -> product relations;
- speed on the same texts (dev set + DFKI): words and documents per second for
  spaCy's en_core_web_sm alone, supplywatch in one process, and supplywatch on
  all cores (Dask), with the ratio to spaCy measured in the same run (medians of
  --repeat runs) and peak memory.
With SUPPLYWATCH_LLM_URL set, the LLM extractor is scored on the dev set as well.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from rich.console import Console
from rich.table import Table

ROOT = Path(__file__).resolve().parents[2]
SHARED = ROOT.parent / "shared"
GOLD = SHARED / "data" / "gold-dev"
INVENTED = Path(__file__).resolve().parent / "invented-news"
INVENTED_SETS = ("dev", "dev2", "dev3", "dev4", "dev5", "dev6", "dev7", "dev8", "heldout",
                 "heldout2", "heldout3", "heldout4", "heldout5", "heldout6", "heldout7",
                 "heldout8", "heldout9", "heldout10", "heldout11", "heldout12", "heldout13",
                 "heldout14", "heldout15",
                 # written to train the news models (train.py news), measured once before use
                 "train1", "train2", "train3", "train4", "train5", "train6", "train7", "train8",
                 "train9", "train10", "train11", "train12", "train13", "train14", "train15",
                 "train16", "train17", "train18", "train19", "train20", "train21", "train22",
                 "train23", "train24", "train25", "train26", "train27")
# measured at a round's start and end only
BLIND_SETS = ("heldout16", "heldout17", "heldout18", "heldout19", "heldout20", "heldout21")
DFKI = SHARED / "data" / "dfki-product-corpus" / "train.jsonl"
CLI = ROOT / ".venv" / "bin" / "supplywatch"


def gold_documents(folder: Path = GOLD):
    from supplywatch import ingest
    from supplywatch.settings import Settings

    docs = []
    for path in sorted(folder.glob("*.txt")):
        docs.extend(ingest.load(str(path), Settings()))
    return docs


def score_gold(extractor, folder: Path = GOLD) -> dict:
    """Extract a labelled folder in-process and score it with the shared scorer."""
    with tempfile.TemporaryDirectory() as tmp:
        pred = Path(tmp) / "pred.jsonl"
        with pred.open("w") as out:
            for extraction in extractor.extract_many(gold_documents(folder)):
                out.write(json.dumps(extraction.contract()) + "\n")
        result = subprocess.run([sys.executable, str(SHARED / "tools" / "score.py"), str(folder),
                                 str(pred), "--json"], capture_output=True, text=True, check=True)
    return json.loads(result.stdout.strip().splitlines()[-1])


def score_dfki() -> dict:
    """The DFKI scorer runs the installed CLI on the corpus itself."""
    result = subprocess.run([sys.executable, str(SHARED / "tools" / "score_dfki.py"), str(DFKI),
                             str(CLI)], capture_output=True, text=True, check=True)
    return json.loads(result.stdout.strip().splitlines()[-1])


def bench_texts() -> list[str]:
    texts = [d.text for d in gold_documents()]
    texts += [json.loads(line)["text"] for line in DFKI.read_text("utf-8").splitlines() if line]
    return texts


def median_seconds(run: Callable[[], object], repeat: int) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        run()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def speed(repeat: int, workers: int) -> tuple[list[tuple[str, float]], int, int]:
    import spacy

    from supplywatch.extract import Extractor
    from supplywatch.extract.parallel import extract_parallel, worker_pool
    from supplywatch.extract.spacy_model import pick_model
    from supplywatch.model import Document
    from supplywatch.settings import Settings

    texts = bench_texts()
    documents = [Document.from_text(t, f"bench/{i}.txt") for i, t in enumerate(texts)]
    base = spacy.load(pick_model())
    words = sum(1 for doc in base.pipe(texts) for t in doc if not (t.is_space or t.is_punct))
    extractor = Extractor.load()
    rows = [
        ("spaCy en_core_web_sm alone", median_seconds(lambda: list(base.pipe(texts)), repeat)),
        ("supplywatch, 1 process",
         median_seconds(lambda: list(extractor.extract_many(documents)), repeat)),
    ]
    if workers > 1:
        with worker_pool(workers) as pool:
            extract_parallel(documents[: workers * 4], Settings(), workers, pool=pool)  # warm
            rows.append((f"supplywatch, {workers} processes (Dask)", median_seconds(
                lambda: extract_parallel(documents, Settings(), workers, pool=pool), repeat)))
    return rows, words, len(texts)


def peak_memory_mb() -> tuple[float, float]:
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    children = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    return own, children


def quality_table(gold: dict, dfki: dict | None, llm: dict | None,
                  invented: dict[str, dict] | None = None) -> Table:
    table = Table(title="Quality", title_justify="left")
    for col in ("set", "measure", "P", "R", "F1", "tp/fp/fn"):
        table.add_column(col, justify="right" if col in ("P", "R", "F1") else "left")
    for label, scores in (("gold-dev", gold), ("gold-dev, LLM", llm)):
        if not scores:
            continue
        for key in ("supplies", "owns", "makes", "recall", "partnership", "micro"):
            s = scores[key]
            table.add_row(label, key, f"{s['p']:.3f}", f"{s['r']:.3f}", f"{s['f1']:.3f}",
                          f"{s['tp']}/{s['fp']}/{s['fn']}")
        table.add_row(label, "attributes", "", "", "", str(scores.get("attributes", "")))
    for name, scores in (invented or {}).items():
        for key in ("supplies", "owns", "makes", "micro"):
            s = scores[key]
            table.add_row(f"invented {name}", key, f"{s['p']:.3f}", f"{s['r']:.3f}",
                          f"{s['f1']:.3f}", f"{s['tp']}/{s['fp']}/{s['fn']}")
    for key in ("company", "product", "relation") if dfki else ():
        s = dfki[key]
        table.add_row("DFKI train*", key, f"{s['p']:.3f}", f"{s['r']:.3f}", f"{s['f1']:.3f}",
                      f"{s['tp']}/{s['fp']}/{s['fn']}")
    return table


CV_NOTE = ("* The shipped learned components were trained on this split, so these figures "
           "are optimistic; `bench/extraction/train.py cv` prints the cross-validated ones "
           "(bench/extraction/README.md).")


def speed_table(rows: list[tuple[str, float]], words: int, docs: int) -> Table:
    table = Table(title=f"Speed: {docs} documents, {words:,} words (median seconds)",
                  title_justify="left")
    for col in ("pipeline", "seconds", "words/s", "docs/s", "vs spaCy"):
        table.add_column(col, justify="left" if col == "pipeline" else "right")
    spacy_seconds = rows[0][1]
    for name, seconds in rows:
        table.add_row(name, f"{seconds:.2f}", f"{words / seconds:,.0f}", f"{docs / seconds:.1f}",
                      f"{spacy_seconds / seconds:.2f}")
    return table


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--workers", type=int, default=os.cpu_count() or 1)
    parser.add_argument("--skip-dfki", action="store_true", help="skip the DFKI scorer")
    parser.add_argument("--blind", action="store_true",
                        help="also score the blind invented sets (a round's start and end only)")
    args = parser.parse_args(argv)
    if not GOLD.is_dir():
        print(f"shared data not found at {SHARED}; run from a checkout beside shared/",
              file=sys.stderr)
        return 2
    from supplywatch.extract import Extractor

    console = Console()
    extractor = Extractor.load()
    gold = score_gold(extractor)
    sets = INVENTED_SETS + (BLIND_SETS if args.blind else ())
    invented = {name: score_gold(extractor, INVENTED / name) for name in sets
                if (INVENTED / name).is_dir()}
    llm = None
    if os.environ.get("SUPPLYWATCH_LLM_URL"):
        from supplywatch.extract import load_extractor
        from supplywatch.settings import Settings

        llm = score_gold(load_extractor(Settings.load(), "llm"))
    dfki = None if args.skip_dfki else score_dfki()
    console.print(quality_table(gold, dfki, llm, invented))
    if dfki:
        console.print(CV_NOTE)
    rows, words, docs = speed(args.repeat, args.workers)
    console.print(speed_table(rows, words, docs))
    own, children = peak_memory_mb()
    console.print(f"Peak memory (max RSS): this process {own:,.0f} MB; "
                  f"largest child process {children:,.0f} MB.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
