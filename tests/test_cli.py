"""The whole path through the `supplywatch` command, on SQLite and PostgreSQL:
raw page in, exposure answer out."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from supplywatch.cli import app, sample_paths

SEED = Path(__file__).parents[1] / "src" / "supplywatch" / "samples" / "anker-atl-recall.txt"


@pytest.fixture(scope="module")
def runner() -> CliRunner:
    return CliRunner()


def run(runner: CliRunner, *args: str) -> tuple[int, str, str]:
    result = runner.invoke(app, list(args))
    if result.exception and not isinstance(result.exception, SystemExit):
        raise result.exception
    return result.exit_code, result.stdout, result.stderr


def run_json(runner: CliRunner, *args: str) -> dict:
    code, out, err = run(runner, *args, "--json")
    assert code == 0, err
    return json.loads(out)


@pytest.fixture
def seeded(runner: CliRunner, db_url: str) -> str:
    code, _, err = run(runner, "ingest", str(SEED), "--db", db_url)
    assert code == 0, err
    return db_url


def test_seed_page_becomes_four_documents_and_ingest_is_idempotent(runner, seeded):
    summary = run_json(runner, "ingest", str(SEED), "--db", seeded)
    assert summary["documents_new"] == 0
    assert summary["documents_seen"] == 4
    assert summary["documents_extracted"] == 0
    assert summary["database"]["documents"] == 4


def test_extract_json_follows_the_contract_and_teasers_lend_no_facts(runner):
    code, out, _ = run(runner, "extract", str(SEED), "--json")
    assert code == 0
    lines = [json.loads(line) for line in out.splitlines()]
    assert [d["document"]["path"] for d in lines] == [
        str(SEED), f"{SEED}#2", f"{SEED}#3", f"{SEED}#4"]
    main = lines[0]
    assert main["schema"] == "supplywatch.facts/1"
    assert main["document"]["title"].startswith("Anker partners with Apple battery supplier ATL")
    teaser_names = {e["name"] for d in lines[1:] for e in d["entities"]}
    main_names = {n for f in main["facts"] for n in _names(f)}
    assert not main_names & (teaser_names - {e["name"] for e in main["entities"]})
    for fact in main["facts"]:
        start, end = fact["span"]
        assert "Alibaba" not in fact["evidence"] and "Cambridge" not in fact["evidence"]
        assert end - start == len(fact["evidence"])


def _names(fact: dict) -> list[str]:
    out = []
    for key in ("supplier", "customer", "parent", "child", "company", "product"):
        if isinstance(fact.get(key), str):
            out.append(fact[key])
    out += fact.get("products") or []
    out += fact.get("parties") or []
    return out


@pytest.mark.parametrize("name", ["Apex Wuxi", "Apex", "Amprius Technologies"])
def test_exposure_reaches_recalled_models_through_alias_and_parent(runner, seeded, name):
    report = run_json(runner, "exposure", name, "--db", seeded)
    text = json.dumps(report)
    assert "A1681" in text and "PAC20-392" in text
    assert "Anker Innovations" in text and "Romoss" in text
    assert "overheating and fire risks" in text
    assert "ended" in text  # Anker ceased doing business with Apex
    assert "ceased doing business" in text  # evidence sentences travel with the edges


def test_exposure_human_view_shows_evidence(runner, seeded):
    code, out, _ = run(runner, "exposure", "Apex Wuxi", "--db", seeded)
    assert code == 0
    assert "A1681" in out and "Romoss" in out


def test_check_says_recalled_for_a_recalled_model(runner, seeded):
    result = run_json(runner, "check", "A1681", "--db", seeded)
    assert result["schema"] == "supplywatch.check/1"
    assert result["status"] == "recalled"
    assert result["matches"][0]["matched_on"] == "model"
    assert run_json(runner, "check", "A16810", "--db", seeded)["status"] == "no_record"


def test_check_no_record_says_it_is_not_a_safety_statement(runner, seeded):
    code, out, _ = run(runner, "check", "ZZ-9999", "--db", seeded)
    assert code == 0
    assert "no_record" in out or "no recall known" in out.lower()


def test_entity_profile(runner, seeded):
    profile = run_json(runner, "entity", "ATL", "--db", seeded)
    text = json.dumps(profile)
    assert "Amperex Technology Limited" in text
    assert "Anker Innovations" in text


def test_unknown_name_is_a_clear_error(runner, seeded):
    code, _, err = run(runner, "exposure", "Nonexistent Widgets Ltd", "--db", seeded)
    assert code == 1
    assert "not found" in err.lower()


def test_bad_inputs_fail_one_by_one_and_lose_nothing(runner, seeded, tmp_path, free_port):
    before = run_json(runner, "ingest", str(SEED), "--db", seeded)["database"]
    (tmp_path / "empty.txt").write_text("")
    (tmp_path / "binary.txt").write_bytes(b"\x00\x01\x02PK\x03\x04" * 100)
    (tmp_path / "latin1.txt").write_bytes("Caf\xe9 maker recalls grinders".encode("latin-1"))
    with open(tmp_path / "huge.txt", "wb") as f:
        f.truncate(50 * 1024 * 1024 + 1)
    (tmp_path / "broken.html").write_text("<html><head><script>x()</script></head><body></body>")
    good = tmp_path / "good.txt"
    good.write_text("Kovax recalls heaters\nKovax recalled 8,000 space heaters over fire risks.\n")
    url = f"http://127.0.0.1:{free_port}/story.html"
    code, out, err = run(runner, "ingest", str(tmp_path), url, "--db", seeded, "--json")
    assert code == 1
    summary = json.loads(out)
    failed = {Path(f["source"]).name for f in summary["failures"]}
    assert failed == {"empty.txt", "binary.txt", "latin1.txt", "huge.txt", "broken.html",
                      "story.html"}
    for line in err.strip().splitlines():
        assert line.startswith("failed:")
    assert summary["documents_new"] == 1  # the good file went in
    after = summary["database"]
    assert after["documents"] == before["documents"] + 1
    assert after["facts"] >= before["facts"]
    assert run_json(runner, "check", "A1681", "--db", seeded)["status"] == "recalled"


def test_demo_ingests_bundled_samples_and_prints_exposure(runner, db_url):
    assert any(p.endswith("anker-atl-recall.txt") for p in sample_paths())
    code, out, _ = run(runner, "demo", "--db", db_url)
    assert code == 0
    assert "A1681" in out


def test_every_command_has_help(runner):
    for command in ("ingest", "extract", "exposure", "check", "entity", "demo"):
        code, out, _ = run(runner, command, "--help")
        assert code == 0 and "Usage" in out


@pytest.mark.skipif(shutil.which("supplywatch") is None and not Path(".venv/bin/supplywatch").exists(),
                    reason="console script not installed")
def test_console_script_is_installed():
    import subprocess

    exe = shutil.which("supplywatch") or ".venv/bin/supplywatch"
    result = subprocess.run([exe, "--help"], capture_output=True, text=True, timeout=60)
    assert result.returncode == 0 and "exposure" in result.stdout


def test_extract_reads_standard_input(runner):
    text = "Kovax recalls heaters\nKovax recalled 8,000 space heaters over fire risks.\n"
    result = runner.invoke(app, ["extract", "-", "--json"], input=text)
    assert result.exit_code == 0, result.stderr
    (doc,) = [json.loads(line) for line in result.stdout.splitlines()]
    assert doc["document"]["path"] == "-"
    (recall,) = [f for f in doc["facts"] if f["type"] == "recall"]
    assert recall["company"] == "Kovax" and recall["units"] == 8000


def test_ingest_a_url_from_a_local_server(runner, db_url, tmp_path):
    import http.server
    import threading

    page = tmp_path / "story.html"
    page.write_text(
        "<html><head><title>Volta Cells to supply Kovax</title>"
        "<meta property='og:site_name' content='Harbour Ledger'></head><body>"
        "<nav>Home | World | Business</nav><article><h1>Volta Cells to supply Kovax</h1>"
        "<p>Battery maker Volta Cells will supply 2 million lithium-ion cells to appliance "
        "brand Kovax Appliances from next year, the companies said on Monday.</p>"
        "<p>Kovax Appliances recalled 40,000 Kovax KX-310 space heaters last month over fire "
        "risks, blaming faulty switches.</p></article><footer>Subscribe to our newsletter"
        "</footer></body></html>", encoding="utf-8")
    handler = lambda *a, **kw: http.server.SimpleHTTPRequestHandler(  # noqa: E731
        *a, directory=str(tmp_path), **kw)
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        url = f"http://127.0.0.1:{server.server_address[1]}/story.html"
        summary = run_json(runner, "ingest", url, "--db", db_url)
    finally:
        server.shutdown()
    assert summary["documents_new"] == 1 and not summary["failures"]
    report = run_json(runner, "exposure", "Volta Cells", "--db", db_url)
    assert "Kovax Appliances" in json.dumps(report)
    assert run_json(runner, "check", "KX-310", "--db", db_url)["status"] == "recalled"


# --- official recall records ------------------------------------------------------------

RECALLS = (Path(__file__).resolve().parents[1] / ".." / "shared" / "data" / "recalls").resolve()
UPOWER_MAP = "model=battery_model_name,company=recall_vendor,url=recall_url"


def _recall_file(relative: str) -> Path:
    path = RECALLS / relative
    if not path.exists():
        pytest.skip(f"REAL RECALL DATA MISSING: {path} not found; put the project's shared/ "
                    "folder beside the repository")
    return path


def test_ingest_a_csv_recall_list_with_a_mapping_then_check(runner, db_url):
    csv_path = _recall_file("upower-battery-recall-rules/battery_recall_models.csv")
    summary = run_json(runner, "ingest", str(csv_path), "--map", UPOWER_MAP, "--db", db_url)
    assert summary["records"] == {"new": 5, "changed": 0, "unchanged": 0}
    assert not summary["failures"]
    result = run_json(runner, "check", "C5340", "--db", db_url)
    assert result["schema"] == "supplywatch.check/1" and result["status"] == "recalled"
    (match,) = result["matches"]
    assert (match["company"], match["matched_on"], match["matched_text"]) == ("Dell", "model", "C5340")
    assert match["url"] == "https://www.dellbatteryprogram.com"
    assert result["database"]["records"] == 5
    again = run_json(runner, "ingest", str(csv_path), "--map", UPOWER_MAP, "--db", db_url)
    assert again["records"] == {"new": 0, "changed": 0, "unchanged": 5}
    assert again["documents_new"] == 0


def test_bad_map_and_format_end_the_run_with_one_line(runner, tmp_path):
    csv_path = _recall_file("upower-battery-recall-rules/battery_recall_models.csv")
    db = str(tmp_path / "x.db")
    code, _, err = run(runner, "ingest", str(csv_path), "--map", "modle=x", "--db", db)
    assert code == 2 and "unknown field 'modle'" in err and "fields are:" in err
    code, _, err = run(runner, "ingest", str(csv_path), "--format", "xlsx", "--db", db)
    assert code == 2 and "unknown format 'xlsx'" in err and "nhtsa-flat" in err


def test_extract_json_on_a_recall_file_follows_the_facts_contract(runner):
    path = _recall_file("cpsc-api-json-sample/cpsc_sample.json")
    code, out, err = run(runner, "extract", str(path), "--json")
    assert code == 0, err
    lines = [json.loads(line) for line in out.splitlines()]
    assert [d["document"]["path"] for d in lines] == [
        f"{path}#CPSC-{n}" for n in ("26665", "26657", "26609", "26780")]
    for doc in lines:
        assert doc["schema"] == "supplywatch.facts/1"
        recall = doc["facts"][0]
        assert recall["type"] == "recall" and recall["source"] == "CPSC"
        start, end = recall["span"]
        assert end - start == len(recall["evidence"])


def test_recall_command_shows_a_record_and_its_history(runner, db_url, tmp_path):
    source = _recall_file("cpsc-api-json-sample/cpsc_sample.json")
    path = tmp_path / "recalls.json"
    path.write_bytes(source.read_bytes())
    assert run(runner, "ingest", str(path), "--db", db_url)[0] == 0
    items = json.loads(path.read_text())
    items[3]["Products"][0]["NumberOfUnits"] = "About 90,000"
    path.write_text(json.dumps(items))
    code, out, _ = run(runner, "ingest", str(path), "--db", db_url)
    assert code == 0 and "1 updated (old versions kept)" in " ".join(out.split())
    report = run_json(runner, "recall", "26780", "--db", db_url)
    assert report["schema"] == "supplywatch.record/1"
    assert report["record"]["key"] == "CPSC:26780" and report["record"]["version"] == 2
    assert report["current"]["units"] == 90000
    assert [c["field"] for c in report["versions"][1]["changes"]] == ["products", "units", "units_text"]
    code, out, _ = run(runner, "recall", "26780", "--db", db_url)
    assert code == 0 and "History" in out and "first import" in out and "84000 →" in out
    code, _, err = run(runner, "recall", "99999", "--db", db_url)
    assert code == 1 and "no official record '99999'" in err


def test_demo_database_answers_sony_and_takata(runner, tmp_path):
    db = str(tmp_path / "demo.db")
    code, out, err = run(runner, "demo", "--db", db)
    assert code == 0 and "A1681" in out and "exposure Sony" in err
    sony = run_json(runner, "exposure", "Sony", "--db", db)
    reached = {c["name"] for c in sony["reached"]}
    assert {"Dell", "Apple", "Acer", "Toshiba", "Fujitsu", "Hewlett-Packard"} <= reached
    takata = run_json(runner, "exposure", "Takata", "--db", db)
    assert len(takata["recalls"]) == 13
    code, out, _ = run(runner, "check", "2003 Honda Accord", "--db", db)
    assert code == 0 and "RECALLED" in out and "19V182000" in out
    code, out, _ = run(runner, "recall", "--help")
    assert code == 0 and "Usage" in out
