"""The web UI in headless Chromium: click through from the home page to a document, an
entity (its graph drawn; a click on a node navigates), its exposure report and a recall
check; a `<script>` in an ingested article never runs; sign in and comment.

Needs Debian's chromium (see conftest.py: skipped loudly without it, failed in CI)."""

from __future__ import annotations

import re
from typing import Any

import pytest
from tests.serve.conftest import LiveServer
from tests.serve.web.test_pages import entity_id

pytestmark = pytest.mark.slow

NODES_DRAWN = """() => {
  const cy = window.swGraph;
  const box = document.getElementById('graph').getBoundingClientRect();
  // every node is laid out inside the visible box
  const inside = cy.nodes().every(n => {
    const p = n.renderedPosition();
    return p.x >= 0 && p.y >= 0 && p.x <= box.width && p.y <= box.height;
  });
  // and the canvases hold drawn pixels
  let inked = 0;
  for (const canvas of document.querySelectorAll('#graph canvas')) {
    const ctx = canvas.getContext('2d');
    if (!ctx || !canvas.width || !canvas.height) continue;
    const data = ctx.getImageData(0, 0, canvas.width, canvas.height).data;
    for (let i = 3; i < data.length; i += 4) if (data[i] > 0) inked++;
  }
  return {nodes: cy.nodes().length, edges: cy.edges().length, inside, inked,
          labels: cy.nodes().map(n => n.data('label'))};
}"""


def open_graph(page: Any) -> dict[str, Any]:
    page.wait_for_selector("#graph[data-drawn]")
    page.wait_for_function("window.swGraph && window.swGraph.nodes().length > 0")
    return page.evaluate(NODES_DRAWN)


def click_node(page: Any, label: str) -> None:
    """Click the graph node with this label, where Cytoscape drew it."""
    position = page.evaluate(
        """label => { const n = window.swGraph.nodes().filter(n => n.data('label') === label)[0];
                      return n.renderedPosition(); }""", label)
    box = page.locator("#graph").bounding_box()
    page.mouse.click(box["x"] + position["x"], box["y"] + position["y"])


def test_click_through_home_document_entity_exposure_check(sample_server: LiveServer,
                                                           page: Any) -> None:
    errors: list[str] = []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.goto(sample_server.url + "/")
    assert page.locator("h1").inner_text().startswith("Latest recalls")
    page.fill("form.filters input[name=q]", "Apex")
    page.click("form.filters button[type=submit]")
    page.wait_for_url(re.compile(r"q=Apex"))

    # home -> the seed story
    page.locator("table.feed a.doc-link", has_text="Anker partners with Apple").first.click()
    page.wait_for_url(re.compile(r"/documents/[0-9a-f]{64}$"))
    assert "Anker partners with Apple" in page.locator("h1").inner_text()
    assert page.locator("#doc-text mark.ev").count() >= 5
    assert page.locator("table.facts tbody tr").count() >= 5

    # document -> the defective cells' supplier, highlighted where the text names it
    page.locator("#doc-text a.ent", has_text="Apex Wuxi").first.click()
    page.wait_for_url(re.compile(r"/entities/\d+$"))
    assert page.locator("h1").inner_text().startswith("Apex Wuxi")
    drawn = open_graph(page)
    assert drawn["nodes"] >= 3 and drawn["edges"] >= 2 and drawn["inside"]
    assert drawn["inked"] > 500, "the graph canvas is blank"
    assert {"Apex Wuxi", "Anker Innovations", "Romoss"} <= set(drawn["labels"])
    entity_url = page.url

    # entity -> its exposure report: the tree down to the recall, with units
    page.click("a.exposure-link")
    page.wait_for_url(re.compile(r"/exposure\?name="))
    tree = page.locator("ul.tree").inner_text()
    assert "Anker Innovations" in tree and "Anker A1681" in tree and "1,200,000 units" in tree
    assert page.locator("a.csv-link").get_attribute("href").startswith("/exposure.csv?name=")

    # back to the entity: a click on a graph node opens that entity
    page.goto(entity_url)
    open_graph(page)
    click_node(page, "Anker Innovations")
    page.wait_for_url(re.compile(r"/entities/\d+$"))
    assert page.locator("h1").inner_text().startswith("Anker Innovations")
    assert open_graph(page)["nodes"] >= 3

    # a product's recall check from the nav's search box
    page.click("nav a[href='/check']")
    page.fill("form.filters input[name=q]", "A1681")
    page.click("form.filters button[type=submit]")
    page.wait_for_url(re.compile(r"/check\?q=A1681"))
    assert page.locator(".check-status").inner_text().startswith("“A1681”: recalled")
    assert "Anker A1681" in page.locator("section.match h2").first.inner_text()
    page.fill("form.filters input[name=q]", "Quasar Q-77 toaster")
    page.click("form.filters button[type=submit]")
    assert "not a statement that the product is safe" in page.locator("#no-record-caveat").inner_text()
    assert errors == [], errors  # no script error, no Content-Security-Policy violation


def test_a_script_in_an_article_never_runs(live_server: LiveServer, evil_doc: str,
                                           page: Any) -> None:
    nimbus = entity_id(live_server.store, "Nimbus Audio")
    for path in (f"/documents/{evil_doc}", f"/entities/{nimbus}", "/?q=evil"):
        page.goto(live_server.url + path)
        page.wait_for_load_state("load")
        page.wait_for_timeout(300)  # an onerror handler would have fired by now
        flags = page.evaluate("[window.__pwnedTitle, window.__pwnedImg, window.__pwnedEntity, "
                              "window.__pwnedLink]")
        assert flags == [None, None, None, None], path
    assert page.dialogs == []
    page.goto(live_server.url + f"/documents/{evil_doc}")
    assert "<script>window.__pwnedTitle = 1</script>" in page.locator("h1").inner_text()
    assert page.locator("#doc-text img").count() == 0
    assert page.locator("#doc-text").inner_text().count("<script>") == 1
    page.goto(live_server.url + f"/entities/{nimbus}")
    labels = open_graph(page)["labels"]
    assert "Evil <script>window.__pwnedEntity = 1</script> Corp" in labels  # drawn as text


def test_sign_in_and_comment_in_the_browser(live_server: LiveServer, page: Any) -> None:
    nimbus = entity_id(live_server.store, "Nimbus Audio")
    page.goto(live_server.url + f"/entities/{nimbus}")
    page.click("text=Sign in")
    page.fill("input[name=token]", live_server.token)
    page.click("form.signin button[type=submit]")
    page.wait_for_url(re.compile(rf"/entities/{nimbus}$"))
    assert "signed in as test" in page.locator("nav").inner_text()
    session = [c for c in page.context.cookies() if c["name"] == "sw_session"]
    assert session and session[0]["httpOnly"] and session[0]["sameSite"] == "Strict"
    assert page.evaluate("document.cookie").find("sw_session") == -1  # scripts cannot read it
    page.fill("#comment-body", "Ask Nimbus about the NA-220 cells")
    page.click("form.comment-form button[type=submit]")
    page.wait_for_url(re.compile(r"#comments$"))
    assert "Ask Nimbus about the NA-220 cells" in page.locator(".comment-body").inner_text()
