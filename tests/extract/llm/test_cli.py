"""`extract` and `ingest` with `--extractor llm`, against the stand-in server, on SQLite
and PostgreSQL: the same contract lines, the same stored graph."""

from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from supplywatch.cli import app
from supplywatch.store import Store


@pytest.fixture
def runner() -> CliRunner:
    return CliRunner()


@pytest.fixture
def no_llm_env(monkeypatch: pytest.MonkeyPatch) -> None:
    """A developer's own endpoint settings must not leak into these tests."""
    for name in ("URL", "MODEL", "API_KEY", "TIMEOUT", "MAX_CHARS"):
        monkeypatch.delenv(f"SUPPLYWATCH_LLM_{name}", raising=False)


def invoke(runner: CliRunner, args: list[str], env: dict[str, str]):
    result = runner.invoke(app, args, env=env)
    if result.exception and not isinstance(result.exception, SystemExit):
        raise result.exception
    return result


def test_extract_json_with_the_llm_prints_contract_lines(
        runner, no_llm_env, llm_server, llm_env, article_path):
    llm_server.load("corvane").load("lumora")
    paths = [article_path("corvane-tessaly.txt"), article_path("lumora-recall.txt")]

    result = invoke(runner, ["extract", *paths, "--extractor", "llm", "--json"], llm_env)

    assert result.exit_code == 0, result.stderr
    lines = [json.loads(line) for line in result.stdout.splitlines()]
    assert [line["document"]["path"] for line in lines] == paths
    assert all(line["schema"] == "supplywatch.facts/1" for line in lines)
    corvane, lumora = lines
    assert {f["type"] for f in corvane["facts"]} == {"supplies", "owns", "partnership", "makes"}
    (recall,) = [f for f in lumora["facts"] if f["type"] == "recall"]
    assert recall["units"] == 48000 and recall["products"] == ["Lumora K-7"]
    assert len(llm_server.requests) == 2


def test_extract_with_the_llm_but_no_url_is_a_one_line_error(runner, no_llm_env, article_path):
    result = invoke(runner, ["extract", article_path("corvane-tessaly.txt"), "--extractor", "llm"],
                    {"SUPPLYWATCH_LLM_MODEL": "m"})

    assert result.exit_code == 2
    assert result.stdout == ""
    assert "SUPPLYWATCH_LLM_URL" in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1


def test_a_refused_key_stops_the_run_with_one_line(runner, no_llm_env, llm_server, llm_env,
                                                   tmp_path):
    llm_server.load("http")
    story = tmp_path / "penwick.txt"
    story.write_text("Penwick Audio makes speakers.\n")

    result = invoke(runner, ["extract", str(story), "--extractor", "llm", "--json"], llm_env)

    assert result.exit_code == 2
    assert "SUPPLYWATCH_LLM_API_KEY" in result.stderr and "Traceback" not in result.stderr


def test_extractor_option_defaults_to_local(runner):
    for command in ("extract", "ingest"):
        result = runner.invoke(app, [command, "--help"], env={"COLUMNS": "200"})
        assert "--extractor" in result.stdout
        assert "[default: local]" in result.stdout


def test_ingest_with_the_llm_stores_facts_that_queries_answer(
        runner, no_llm_env, llm_server, llm_env, article_path, db_url):
    llm_server.load("corvane")
    path = article_path("corvane-tessaly.txt")

    result = invoke(runner, ["ingest", path, "--extractor", "llm", "--db", db_url, "--json"], llm_env)

    assert result.exit_code == 0, result.stderr
    summary = json.loads(result.stdout)
    assert summary["documents_extracted"] == 1 and summary["facts"] == 4
    with Store.open(db_url) as store:
        (tessaly,) = store.find_entities("Tessaly Drives")
        facts = store.facts_for_entity(tessaly.entity.id, ["supplies"])
    (supplies,) = facts
    assert supplies.extractor == "supplywatch.llm" and "replay-1" in supplies.extractor_version
    assert supplies.args["quantity"] == 120000 and supplies.args["status"] == "planned"
    exposure = invoke(runner, ["exposure", "Brightfield", "--db", db_url, "--json"], llm_env)
    assert exposure.exit_code == 0, exposure.stderr
    assert "Corvane Robotics" in exposure.stdout  # parent -> unit -> customer, via LLM facts

    again = invoke(runner, ["ingest", path, "--extractor", "llm", "--db", db_url, "--json"], llm_env)
    assert json.loads(again.stdout)["documents_extracted"] == 0  # same model, same prompt
    assert len(llm_server.requests) == 1


def test_ingest_goes_on_past_a_document_the_endpoint_rejects(
        runner, no_llm_env, llm_server, llm_env, article_path, db_url, tmp_path):
    llm_server.load("http").load("lumora")
    rejected = tmp_path / "rook.txt"
    rejected.write_text("Rook Valves makes valves for pipelines.\n")
    paths = [str(rejected), article_path("lumora-recall.txt")]

    result = invoke(runner, ["ingest", *paths, "--extractor", "llm", "--db", db_url, "--json"],
                    llm_env)

    assert result.exit_code == 1
    summary = json.loads(result.stdout)
    assert summary["documents_extracted"] == 1 and summary["facts"] == 4
    (failure,) = summary["failures"]
    assert failure["source"] == str(rejected)
    assert "maximum context length" in failure["message"]


def test_extract_goes_on_past_a_document_the_endpoint_rejects(
        runner, no_llm_env, llm_server, llm_env, article_path, tmp_path):
    llm_server.load("http").load("lumora")
    rejected = tmp_path / "rook.txt"
    rejected.write_text("Rook Valves makes valves for pipelines.\n")

    result = invoke(runner, ["extract", str(rejected), article_path("lumora-recall.txt"),
                             "--extractor", "llm", "--json"], llm_env)

    assert result.exit_code == 1
    (line,) = [json.loads(x) for x in result.stdout.splitlines()]
    assert line["document"]["path"].endswith("lumora-recall.txt")
    assert str(rejected) in result.stderr and "maximum context length" in result.stderr
