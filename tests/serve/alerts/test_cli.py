"""`supplywatch watch ...` from the command line: create, add, ingest, check, alerts,
with the webhook delivered to a local receiver."""

from __future__ import annotations

import hmac
import json
from hashlib import sha256
from pathlib import Path

from tests.serve.feeds.site import Site
from typer.testing import CliRunner

from supplywatch.cli import app

ENV = {"SUPPLYWATCH_ALLOW_PRIVATE_URLS": "true"}
STORY = ("Halden Group buys Tarvik Cells\n"
         "Halden Group has acquired Tarvik Cells, the battery maker said on Wednesday.\n")


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(app, list(args), env=ENV)
    if result.exception and not isinstance(result.exception, SystemExit):
        raise result.exception
    return result.exit_code, result.stdout, result.stderr


def test_watch_commands(db_url: str, site: Site, tmp_path: Path) -> None:
    code, secret, err = run("watch", "create", "Cells", "--webhook", site.url("/hook"),
                            "--db", db_url)
    assert code == 0 and "not shown again" in err
    secret = secret.strip()
    assert secret.startswith("whsec_")
    assert run("watch", "create", "Cells", "--db", db_url)[0] == 2  # the name is taken
    code, _, err = run("watch", "add", "Cells", "company", "Tarvik Cells", "--db", db_url)
    assert code == 0 and "watching company Tarvik Cells" in err
    assert run("watch", "add", "Cells", "model", "fire", "--db", db_url)[0] == 2
    assert run("watch", "add", "Nope", "company", "X", "--db", db_url)[0] == 1

    story = tmp_path / "halden.txt"
    story.write_text(STORY, "utf-8")
    code, out, _ = run("ingest", str(story), "--db", db_url, "--json")
    assert code == 0 and json.loads(out)["alerts_raised"] == 1  # ingest raises them itself
    code, out, _ = run("watch", "check", "--db", db_url, "--json")
    checked = json.loads(out)
    assert code == 0 and checked["alerts_raised"] == []  # raised once only
    assert len(checked["webhooks"]["delivered"]) == 1
    [hit] = [h for h in site.hits if h.method == "POST"]
    assert hit.headers["x-supplywatch-signature"] == \
        "sha256=" + hmac.new(secret.encode(), hit.body, sha256).hexdigest()

    code, out, _ = run("watch", "alerts", "Cells", "--db", db_url, "--json")
    [alert] = json.loads(out)["alerts"]
    assert alert["fact"]["type"] == "owns" and alert["delivery"] == "delivered"
    assert alert["path"] == ["Tarvik Cells"]
    code, out, _ = run("watch", "alerts", "Cells", "--db", db_url)
    assert "owns fact naming Tarvik Cells (child)" in out and "company Tarvik Cells" in out
    code, out, _ = run("watch", "list", "--db", db_url)
    assert "Cells" in out and "company: Tarvik Cells" in out

    assert run("watch", "delete", "Cells", "--db", db_url)[0] == 0
    assert json.loads(run("watch", "list", "--db", db_url, "--json")[1]) == []
