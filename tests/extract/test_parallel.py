"""Extraction on several processes (Dask) gives the same facts, in the same order."""

from __future__ import annotations

from supplywatch.extract.parallel import extract_parallel, worker_pool
from supplywatch.model import Document
from supplywatch.settings import Settings

TEXTS = [
    "Volta Cells will supply 2 million cells to Kovax Appliances next year.",
    "Kovax Appliances recalled 40,000 Kovax KX-310 heaters over fire risks.",
    "Meridian Chemical Group completed its acquisition of Quanta Batteries.",
    "Orbital Motors has entered a strategic partnership with Quanta Batteries.",
]


def test_parallel_extraction_matches_one_process(extractor):
    documents = [Document.from_text(t, f"doc{i}.txt") for i, t in enumerate(TEXTS)]
    expected = [e.contract() for e in extractor.extract_many(documents)]
    with worker_pool(2) as pool:
        got = [e.contract() for e in extract_parallel(documents, Settings(), 2, pool=pool)]
    assert got == expected
    assert all(doc["facts"] for doc in got)


def test_extract_command_with_workers_prints_the_same_lines_in_input_order(tmp_path):
    from typer.testing import CliRunner

    from supplywatch.cli import app

    paths = []
    for i, text in enumerate(TEXTS):
        path = tmp_path / f"story{i}.txt"
        path.write_text(text, encoding="utf-8")
        paths.append(str(path))
    one = CliRunner().invoke(app, ["extract", *paths, "--json"])
    two = CliRunner().invoke(app, ["extract", *paths, "--json", "--workers", "2"])
    assert one.exit_code == 0 and two.exit_code == 0, (one.output, two.output)
    lines = two.stdout.splitlines()
    assert lines == one.stdout.splitlines()
    assert [line.split('"path": "')[1].split('"')[0] for line in lines] == paths
