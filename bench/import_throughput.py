"""Import throughput, records per second, for each record format, on the real files in
../shared/data/recalls (and the bundled example BOM).

    .venv/bin/python bench/import_throughput.py                 # SQLite, every record
    .venv/bin/python bench/import_throughput.py --pg            # also PostgreSQL
    .venv/bin/python bench/import_throughput.py --limit 200     # a quicker run

For each format two figures: "parse" (read and render the records, no database) and
"import" (the whole `supplywatch ingest` path: parse, the extraction stage reading each
record's prose, the records stage, resolution and one transaction per record), each
into a fresh database. The CPSC API sample holds 4 records and the example BOM 5 rows;
their rates are over so few records that they say little (printed for completeness).
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
import uuid
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
RECALLS = (REPO / ".." / "shared" / "data" / "recalls").resolve()
PG_ADMIN = "postgresql+psycopg://postgres@127.0.0.1:5432/postgres"


@dataclass(frozen=True)
class Case:
    format: str
    inputs: tuple[Path, ...]
    mapping: str | None = None


CASES = (
    Case("cpsc-api", (RECALLS / "cpsc-api-json-sample" / "cpsc_sample.json",)),
    Case("gsa-recalls", (RECALLS / "gsa-federal-recalls-api-2013" / "data",)),
    Case("nhtsa-flat", (RECALLS / "nhtsa-flat-rcl-sample" / "FLAT_RCL_sample.txt",)),
    Case("cpsc-rss", (RECALLS / "cpsc-rss-2021" / "Recalls-RSS.xml",
                      RECALLS / "cpsc-rss-2021" / "Recalls-Children-RSS.xml")),
    Case("csv", (RECALLS / "upower-battery-recall-rules" / "battery_recall_models.csv",),
         "recall_id=rule_file,model=battery_model_name,company=recall_vendor,url=recall_url,"
         "manufacturer=battery_manufacturer_attr"),
    Case("bom", (REPO / "src" / "supplywatch" / "samples" / "records" / "example-bom.csv",)),
)


def _options(case: Case, limit: int | None):
    from supplywatch.ingest.sources.csvmap import parse_mapping
    from supplywatch.pipeline import ImportOptions

    return ImportOptions(format=case.format, mapping=parse_mapping(case.mapping) or None,
                         limit=limit)


def parse_rate(case: Case, limit: int | None) -> tuple[int, float]:
    from supplywatch import ingest
    from supplywatch.ingest.loader import load_parsed
    from supplywatch.settings import Settings

    options = _options(case, limit)
    registry = ingest.default_registry(options.mapping)
    start = time.perf_counter()
    keys: set[str] = set()
    for item in ingest.expand_inputs([str(p) for p in case.inputs], registry=registry):
        docs = load_parsed(item, Settings(), format=case.format, registry=registry).documents
        keys |= {d.record.key for d in docs[:limit] if d.record is not None}
    return len(keys), time.perf_counter() - start


def import_rate(case: Case, url: str, extractor, limit: int | None) -> tuple[int, float]:
    from supplywatch.pipeline import ingest_inputs
    from supplywatch.settings import Settings
    from supplywatch.store import Store

    with Store.open(url) as store:
        start = time.perf_counter()
        summary = ingest_inputs([str(p) for p in case.inputs], Settings(), store, extractor,
                                options=_options(case, limit))
        seconds = time.perf_counter() - start
        records = store.counts()["records"]
    if summary.failures:
        print(f"  ({case.format}: {len(summary.failures)} input(s) reported problems: "
              f"{summary.failures[0].message[:100]})", file=sys.stderr)
    return records, seconds


def _databases(pg: bool):
    """(dialect, url factory, cleanup) for each database to measure."""
    tmp = Path(tempfile.mkdtemp(prefix="sw-bench-"))
    yield "sqlite", lambda name: f"sqlite:///{tmp / name}.db", lambda: None
    if pg:
        from sqlalchemy import create_engine, text

        admin = create_engine(PG_ADMIN, isolation_level="AUTOCOMMIT")
        made: list[str] = []

        def make(name: str) -> str:
            db = f"sw_bench_{name.replace('-', '_')}_{uuid.uuid4().hex[:8]}"
            with admin.connect() as conn:
                conn.execute(text(f'CREATE DATABASE "{db}"'))
            made.append(db)
            return PG_ADMIN.rsplit("/", 1)[0] + f"/{db}"

        def drop() -> None:
            with admin.connect() as conn:
                for db in made:
                    conn.execute(text(f'DROP DATABASE IF EXISTS "{db}" WITH (FORCE)'))
            admin.dispose()

        yield "postgresql", make, drop


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--pg", action="store_true", help="also measure PostgreSQL at 127.0.0.1")
    parser.add_argument("--limit", type=int, default=None, help="records per input at most")
    args = parser.parse_args()
    if not RECALLS.is_dir():
        sys.exit(f"no recall data at {RECALLS}: put the shared/ folder beside the repository")
    from supplywatch.extract import Extractor

    extractor = Extractor.load()
    print(f"{'format':12} {'records':>8} {'parse rec/s':>12} {'dialect':>11} "
          f"{'import s':>9} {'import rec/s':>13}")
    for dialect, url_for, cleanup in _databases(args.pg):
        try:
            for case in CASES:
                n, parse_s = parse_rate(case, args.limit)
                stored, seconds = import_rate(case, url_for(case.format), extractor, args.limit)
                print(f"{case.format:12} {stored:8,} {n / parse_s:12,.0f} {dialect:>11} "
                      f"{seconds:9.1f} {stored / seconds:13,.1f}", flush=True)
        finally:
            cleanup()


if __name__ == "__main__":
    main()
