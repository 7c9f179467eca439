"""`supplywatch feeds ...` from the command line, against a local feed."""

from __future__ import annotations

import json

from tests.serve.feeds.site import Site, page, rss
from typer.testing import CliRunner

from supplywatch.cli import app

ENV = {"SUPPLYWATCH_ALLOW_PRIVATE_URLS": "true", "SUPPLYWATCH_HOST_INTERVAL": "0"}
SUPPLY = ("Tarvik Cells will supply battery cells to Ostrava Motors for its new electric van, "
          "the two companies said on Tuesday.")


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(app, list(args), env=ENV)
    if result.exception and not isinstance(result.exception, SystemExit):
        raise result.exception
    return result.exit_code, result.stdout, result.stderr


def test_feeds_commands(db_url: str, site: Site) -> None:
    site.put("/b.html", page("Tarvik Cells to supply Ostrava Motors", SUPPLY))
    site.put("/feed.xml", rss("Test Wire", [
        {"title": "Tarvik Cells to supply Ostrava Motors", "link": site.url("/b.html"),
         "guid": "b"}]), "application/rss+xml")
    code, _, err = run("feeds", "add", site.url("/feed.xml"), "--interval", "600", "--db", db_url)
    assert code == 0 and "feed 1 added" in err
    code, _, err = run("feeds", "add", site.url("/feed.xml"), "--db", db_url)
    assert code == 0 and "was there already" in err
    assert run("feeds", "add", site.url("/feed.xml"), "--interval", "5", "--db", db_url)[0] == 2

    code, out, _ = run("feeds", "poll", "--db", db_url)
    assert code == 0, out
    assert "ok" in out and "1 new item(s)" in out and "1 feed(s) polled" in out
    code, out, _ = run("feeds", "poll", "--db", db_url)
    assert code == 0 and "No feed is due" in out

    [listed] = json.loads(run("feeds", "list", "--db", db_url, "--json")[1])
    assert (listed["status"], listed["items_ingested"], listed["title"]) == ("ok", 1, "Test Wire")
    code, out, _ = run("feeds", "list", "--db", db_url)
    assert "Test Wire" in out and "ok" in out

    site.resources["/feed.xml"].status = 500
    code, out, _ = run("feeds", "poll", "--all", "--db", db_url)
    assert code == 1 and "failing" in out and "HTTP 500" in out
    [listed] = json.loads(run("feeds", "list", "--db", db_url, "--json")[1])
    assert listed["status"] == "failing" and listed["failures"] == 1

    assert run("feeds", "remove", "1", "--db", db_url)[0] == 0
    code, _, err = run("feeds", "remove", "1", "--db", db_url)
    assert code == 1 and "no feed with id 1" in err
