"""`check` latency over every bundled record, with a fixed query list: p50 and p95 in ms.

    .venv/bin/python bench/check_latency.py                    # SQLite (builds the database)
    .venv/bin/python bench/check_latency.py --pg               # also PostgreSQL
    .venv/bin/python bench/check_latency.py --sqlite bench.db  # reuse a built SQLite file

The database holds all the real recall data in ../shared/data/recalls — the federal
Recalls API pages (3,263 CPSC, NHTSA and FDA records), NHTSA's flat file (986
campaigns), the CPSC API sample, both CPSC feeds, the upower battery list — plus the
package samples. Building it runs the whole import (a few minutes per database); the
queries then run in a warm process, each REPEATS times. Target: p95 under 50 ms.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
import uuid
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
RECALLS = (REPO / ".." / "shared" / "data" / "recalls").resolve()
PG_ADMIN = "postgresql+psycopg://postgres@127.0.0.1:5432/postgres"
REPEATS = 5
UPOWER_MAP = ("recall_id=rule_file,model=battery_model_name,company=recall_vendor,url=recall_url,"
              "manufacturer=battery_manufacturer_attr,agency='upower'")

# What people ask: model numbers (battery packs, toys, parts), UPCs (right and wrong check
# digits), vehicles (with and without a year), product names, and things never recalled.
QUERIES = (
    "C5340", "Dell C5340", "c-5340", "PA3399U", "Toshiba PA3399U", "616", "UMCDB01",
    "VGN-TZ100", "985614Z60A", "A1681", "Anker A1681", "PAC20-392", "XB-7734", "C53400",
    "610696552693", "0 36000 29145 2", "000015931955", "056986010083", "610696552694",
    "2003 Honda Accord", "2013 Acura ILX", "Acura ILX", "2000 BMW 323i", "2016 Toyota 4Runner",
    "2002 Nissan Pathfinder", "2019 Hyundai Kona", "2018 Land Rover Range Rover", "2021 Acura ILX",
    "Dell notebook batteries", "Sony lithium ion batteries", "infant walker", "crib",
    "space heater", "power bank", "hoverboard battery", "baby lounger", "candles",
    "Melissa & Doug fire truck", "bicycle helmet", "Quasar QB-77 blender",
)


def build(url: str) -> int:
    """Import everything into `url` unless it already holds records; the record count."""
    from supplywatch.extract import Extractor
    from supplywatch.ingest.sources.csvmap import parse_mapping
    from supplywatch.pipeline import ImportOptions, ingest_inputs
    from supplywatch.settings import Settings
    from supplywatch.store import Store

    with Store.open(url) as store:
        if store.counts()["records"] == 0:
            extractor = Extractor.load()
            start = time.perf_counter()
            ingest_inputs([str(RECALLS / "gsa-federal-recalls-api-2013" / "data"),
                           str(RECALLS / "nhtsa-flat-rcl-sample" / "FLAT_RCL_sample.txt"),
                           str(RECALLS / "cpsc-api-json-sample"), str(RECALLS / "cpsc-rss-2021"),
                           str(REPO / "src" / "supplywatch" / "samples")],
                          Settings(), store, extractor)
            ingest_inputs([str(RECALLS / "upower-battery-recall-rules" / "battery_recall_models.csv")],
                          Settings(), store, extractor,
                          options=ImportOptions(mapping=parse_mapping(UPOWER_MAP)))
            print(f"  built in {time.perf_counter() - start:.0f} s", file=sys.stderr)
        return store.counts()["records"]


def measure(url: str) -> dict[str, float]:
    from supplywatch.query import check
    from supplywatch.store import Store

    timings: list[float] = []
    slowest: tuple[float, str] = (0.0, "")
    with Store.open(url) as store:
        for query in QUERIES:  # warm-up: caches, prepared plans, the first connection
            check(store, query)
        for _ in range(REPEATS):
            for query in QUERIES:
                start = time.perf_counter()
                check(store, query)
                ms = (time.perf_counter() - start) * 1000
                timings.append(ms)
                slowest = max(slowest, (ms, query))
    timings.sort()
    return {"n": len(timings), "p50": statistics.median(timings),
            "p95": timings[int(0.95 * (len(timings) - 1))], "max": timings[-1],
            "slowest": slowest[1]}


def _pg_database() -> tuple[str, object]:
    from sqlalchemy import create_engine, text

    admin = create_engine(PG_ADMIN, isolation_level="AUTOCOMMIT")
    name = f"sw_bench_check_{uuid.uuid4().hex[:8]}"
    with admin.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}"'))

    def drop() -> None:
        with admin.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()

    return PG_ADMIN.rsplit("/", 1)[0] + f"/{name}", drop


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sqlite", help="SQLite file to build or reuse")
    parser.add_argument("--pg", action="store_true", help="also measure PostgreSQL at 127.0.0.1")
    parser.add_argument("--pg-url", help="a PostgreSQL database to build or reuse (kept)")
    args = parser.parse_args()
    if not RECALLS.is_dir():
        sys.exit(f"no recall data at {RECALLS}: put the shared/ folder beside the repository")
    sqlite_path = args.sqlite or str(Path(tempfile.mkdtemp(prefix="sw-check-")) / "check.db")
    targets: list[tuple[str, str, object]] = [("sqlite", f"sqlite:///{sqlite_path}", None)]
    if args.pg_url:
        targets.append(("postgresql", args.pg_url, None))
    elif args.pg:
        url, drop = _pg_database()
        targets.append(("postgresql", url, drop))
    print(f"{len(QUERIES)} queries x {REPEATS} runs each")
    print(f"{'dialect':11} {'records':>8} {'calls':>6} {'p50 ms':>7} {'p95 ms':>7} {'max ms':>7}  slowest")
    for dialect, url, cleanup in targets:
        try:
            records = build(url)
            r = measure(url)
            print(f"{dialect:11} {records:8,} {r['n']:6} {r['p50']:7.1f} {r['p95']:7.1f} "
                  f"{r['max']:7.1f}  {r['slowest']}", flush=True)
        finally:
            if callable(cleanup):
                cleanup()


if __name__ == "__main__":
    main()
