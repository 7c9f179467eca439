"""The pages over real HTTP: every page and its JSON twin carry the same data, and each
page shows what a user comes for (the feed, a document's highlighted text and related
documents, an entity's graph and timeline, the exposure tree and CSV, the recall check)."""

from __future__ import annotations

import csv
import html
import io
import json
import re
from typing import Any

import httpx
import pytest
from tests.serve.conftest import LiveServer

from supplywatch.query import NO_RECORD_CAVEAT
from supplywatch.store import Store


def entity_id(store: Store, name: str) -> int:
    return store.find_entities(name, ("company", "product"))[0].entity.id


def document_id(store: Store, title: str) -> str:
    (doc,), _ = store.list_documents(q=title)
    return doc.id


def twin(client: httpx.Client, path: str) -> Any:
    """The page's JSON twin, fetched both ways (`.json` and Accept), which must agree."""
    base, _, query = path.partition("?")
    dotted = (base + ".json" if base != "/" else "/.json") + (f"?{query}" if query else "")
    by_suffix = client.get(dotted)
    by_accept = client.get(path, headers={"Accept": "application/json"})
    assert by_suffix.status_code == by_accept.status_code
    assert by_suffix.headers["content-type"] == "application/json"
    assert by_suffix.json() == by_accept.json()
    return by_suffix.json()


@pytest.mark.parametrize("path", ["/", "/documents/{news}", "/entities/{nimbus}",
                                  "/exposure?name=Volta", "/check?q=NA-220", "/search?q=nimbus",
                                  "/signin"])
def test_every_page_has_a_json_twin_and_links_to_it(live_server: LiveServer, path: str) -> None:
    store = live_server.store
    path = path.format(news=document_id(store, "Volta deal"), nimbus=entity_id(store, "Nimbus Audio"))
    with live_server.client() as client:
        page = client.get(path)
        data = twin(client, path)
    assert page.status_code == 200 and page.headers["content-type"].startswith("text/html")
    assert data
    json_link = re.search(r'<link rel="alternate" type="application/json" href="([^"]+)"', page.text)
    assert json_link and ".json" in html.unescape(json_link.group(1))


def test_home_lists_recalls_and_supplier_changes_newest_first(live_server: LiveServer) -> None:
    with live_server.client() as client:
        data = twin(client, "/")
        page = client.get("/").text
    items = data["items"]
    assert [i["type"] for i in items] == ["recall", "recall", "supplies", "supplies"]
    assert [i["date"] for i in items][:2] == ["2025-05-05", "2025-04-01"]
    assert data["paging"]["total"] == 4
    for item in items:  # the page shows exactly what the twin holds
        assert html.escape(item["statement"], quote=False) in page
    assert "owns" not in {i["type"] for i in items}  # ownership is not news of this kind


def test_home_filters_by_kind_status_and_text(live_server: LiveServer) -> None:
    with live_server.client() as client:
        planned = twin(client, "/?type=supplies&status=planned")["items"]
        zephyr = twin(client, "/?q=zephyr")["items"]
        by_entity = twin(client, "/?q=orbit")["items"]
        bad = client.get("/?type=gossip", headers={"Accept": "text/html"})
    assert [i["statement"] for i in planned] == ["Nimbus Audio supplies Orbit Retail (planned)"]
    assert planned[0]["status"] == "planned"
    assert [i["type"] for i in zephyr] == ["recall"] and zephyr[0]["units"] == 500
    assert len(by_entity) == 1  # matched by the entity's name, not its evidence alone
    assert bad.status_code == 400 and "type must be one of" in bad.text


def test_home_pages_through_the_feed(live_server: LiveServer) -> None:
    with live_server.client() as client:
        first = twin(client, "/?limit=3")
        page = client.get("/?limit=3").text
        second = twin(client, first["paging"]["next"])
    assert len(first["items"]) == 3 and first["paging"]["previous"] is None
    assert 'rel="next"' in page
    assert len(second["items"]) == 1 and second["paging"]["next"] is None
    assert second["paging"]["previous"] is not None
    assert {i["fact_id"] for i in first["items"]}.isdisjoint(i["fact_id"] for i in second["items"])


def test_document_page_highlights_mentions_and_evidence(live_server: LiveServer) -> None:
    store = live_server.store
    doc = document_id(store, "Volta deal")
    volta = entity_id(store, "Volta Cells")
    with live_server.client() as client:
        data = twin(client, f"/documents/{doc}")
        page = client.get(f"/documents/{doc}").text
    stored = store.get_document(doc)
    assert stored is not None
    assert "".join(s["text"] for s in data["segments"]) == stored.text
    named = [s for s in data["segments"] if s["entity_id"] == volta]
    assert named and named[0]["text"] == "Volta Cells" and named[0]["facts"]
    assert f'<a class="ent company" href="/entities/{volta}">Volta Cells</a>' in page
    assert '<mark class="ev" id="ev-0"' in page
    # every fact row links to where its evidence is highlighted
    assert len(data["facts"]) == 4 and all(f["anchor"] for f in data["facts"])
    for fact in data["facts"]:
        assert f'href="#{fact["anchor"]}"' in page
    assert "Kestrel Holdings owns Volta Cells (80%)" in data["summary"]["lines"]
    assert data["summary"]["first_sentence"] == "Volta Cells is a unit of Kestrel Holdings."


def na220_record(new_doc: Any) -> Any:
    """An agency's record of the volta story's NA-220 recall."""
    record = new_doc("records/cpsc.json#CPSC-25123", source="CPSC", title="NA-220 speakers recalled",
                     published="2025-04-03", kind="recall")
    nimbus = record.entity("Nimbus Audio")
    speaker = record.entity("Nimbus NA-220", "product")
    record.fact("recall", "Nimbus Audio is recalling about 12,100 NA-220 speakers.", company=nimbus,
                products=[speaker], units=12100, hazard="fire", date="2025-04-03",
                record_key="CPSC:25123", recall_id="25123", source="CPSC",
                url="https://www.cpsc.gov/Recalls/2025/na220")
    return record


def test_related_documents_group_one_story_from_other_sources(
        live_server: LiveServer, new_doc: Any, save_doc: Any) -> None:
    """An agency's record of the NA-220 recall, a second story restating the supply deal,
    and an unrelated story that names Orbit Retail."""
    save_doc(na220_record(new_doc))
    again = new_doc("news/again.txt", source="Other Wire", title="Volta and Nimbus",
                    published="2025-03-04")
    again.entity("Volta Cells", aliases=("Volta",))
    again.entity("Nimbus Audio", aliases=("Nimbus",))
    again.entity("Nimbus NA-220", "product", aliases=("NA-220",))
    again.fact("supplies", "Volta ships battery cells to Nimbus for its NA-220.", supplier="Volta",
               customer="Nimbus", component="battery cells", product="NA-220", status="active")
    save_doc(again)
    orbit = new_doc("news/orbit.txt", title="Orbit Retail opens stores", published="2025-06-01")
    orbit.entity("Orbit Retail")
    orbit.fact("partnership", "Orbit Retail teams up with Zephyr Toys.", parties=["Orbit Retail"])
    save_doc(orbit)
    store = live_server.store
    with live_server.client() as client:
        story = twin(client, f"/documents/{document_id(store, 'NA-220 recall')}")
        deal = twin(client, f"/documents/{document_id(store, 'Volta deal')}")
        official = twin(client, f"/documents/{document_id(store, 'NA-220 speakers recalled')}")
    assert [(r["title"], r["why"]) for r in story["same_story"]] == [
        ("NA-220 speakers recalled", ["same recall: CPSC 25123"])]
    assert [r["title"] for r in official["same_story"]] == ["NA-220 recall"]
    same = {r["title"]: r["why"] for r in deal["same_story"]}
    assert list(same) == ["Volta and Nimbus"]
    assert same["Volta and Nimbus"][0].startswith("also states: Volta Cells supplies Nimbus Audio")
    similar = {r["title"]: r["why"] for r in deal["similar"]}
    assert similar["Orbit Retail opens stores"] == ["names Orbit Retail"]
    assert "Volta and Nimbus" not in similar  # listed once, as the same story


def test_entity_page_profile_graph_and_timeline(live_server: LiveServer) -> None:
    store = live_server.store
    nimbus, volta = entity_id(store, "Nimbus Audio"), entity_id(store, "Volta Cells")
    with live_server.client() as client:
        data = twin(client, f"/entities/{nimbus}")
        page = client.get(f"/entities/{nimbus}").text
    assert data["profile"]["entity"]["name"] == "Nimbus Audio"
    assert "Nimbus" in data["profile"]["entity"]["aliases"]
    roles = {n["label"]: n["role"] for n in data["graph"]["nodes"]}
    assert roles == {"Nimbus Audio": "self", "Volta Cells": "supplier", "Orbit Retail": "customer",
                     "Nimbus NA-220": "product"}
    supply = [e for e in data["graph"]["edges"] if e["source"] == f"e{volta}"]
    assert [(e["target"], e["relation"], e["status"]) for e in supply] == [
        (f"e{nimbus}", "supplies", "active")]
    # the picture's data is the twin's, carried in an attribute (no inline script)
    attribute = re.search(r"data-graph='([^']*)'", page)
    assert attribute and json.loads(html.unescape(attribute.group(1))) == data["graph"]
    assert '<script src="/static/vendor/cytoscape.min.js"></script>' in page
    dates = [e["date"] for e in data["profile"]["events"]]
    assert dates == sorted(dates) and dates[0] == "2025-03-01"
    assert "<time datetime=\"2025-03-01\">2025-03-01</time>" in page


def test_graph_library_and_its_licence_are_served_locally(live_server: LiveServer) -> None:
    with live_server.client() as client:
        library = client.get("/static/vendor/cytoscape.min.js")
        licence = client.get("/static/vendor/cytoscape.LICENSE")
        script = client.get("/static/graph.js")
    assert library.status_code == 200 and "cytoscape" in library.text[:2000].lower()
    assert "Permission is hereby granted" in licence.text
    assert script.status_code == 200 and "window.swGraph" in script.text


def _tree_nodes(node: dict[str, Any], depth: int = 0) -> list[tuple[int, dict[str, Any]]]:
    out = [(depth, node)]
    for child in node["children"]:
        out.extend(_tree_nodes(child, depth + 1))
    return out


def test_exposure_tree_runs_from_supplier_to_recalls_with_units(live_server: LiveServer) -> None:
    with live_server.client() as client:
        data = twin(client, "/exposure?name=Volta")
        page = client.get("/exposure?name=Volta").text
    tree = data["tree"]
    assert (tree["kind"], tree["name"]) == ("supplier", "Volta Cells")
    nodes = {n["name"]: (depth, n) for depth, n in _tree_nodes(tree)}
    assert nodes["Nimbus Audio"][1]["tier"] == 1 and nodes["Nimbus Audio"][1]["status"] == "active"
    assert nodes["Orbit Retail"][0] == 2 and nodes["Orbit Retail"][1]["status"] == "planned"
    depth, recall = nodes["Nimbus Audio recalls Nimbus NA-220"]
    assert recall["units"] == 12000 and recall["hazard"] == "fire"
    assert depth == nodes["Nimbus NA-220"][0] + 1  # hangs from the recalled product
    assert "12,000 units" in page
    assert data["report"]["supplier"]["name"] == "Volta Cells"


def test_exposure_csv_export(live_server: LiveServer) -> None:
    with live_server.client() as client:
        response = client.get("/exposure.csv", params={"name": "Volta"})
        missing = client.get("/exposure.csv", params={"name": "Nobody Inc"})
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/csv")
    assert response.headers["content-disposition"] == 'attachment; filename="exposure-volta-cells.csv"'
    rows = list(csv.DictReader(io.StringIO(response.text)))
    recall = next(r for r in rows if r["kind"] == "recall")
    assert recall["units"] == "12000" and recall["hazard"] == "fire"
    assert recall["path"].startswith("Volta Cells > Nimbus Audio > Nimbus NA-220 > ")
    assert recall["evidence"].startswith("Nimbus Audio recalls 12,000")
    assert {r["name"] for r in rows} >= {"Volta Cells", "Nimbus Audio", "Orbit Retail"}
    assert missing.status_code == 404


def test_exposure_of_an_unknown_name_suggests_names(live_server: LiveServer) -> None:
    with live_server.client() as client:
        response = client.get("/exposure", params={"name": "Volta Cels"})
        data = client.get("/exposure.json", params={"name": "Volta Cels"}).json()
    assert response.status_code == 404
    assert "Volta Cells" in data["suggestions"]
    assert 'href="/exposure?name=Volta%20Cells"' in response.text


def test_recall_check_page(live_server: LiveServer) -> None:
    with live_server.client() as client:
        hit = twin(client, "/check?q=NA-220")
        hit_page = client.get("/check", params={"q": "NA-220"}).text
        none = twin(client, "/check?q=Quasar Q-77 toaster")
        none_page = client.get("/check", params={"q": "Quasar Q-77 toaster"}).text
    assert hit["result"]["status"] == "recalled" and hit["caveat"] is None
    assert hit["result"]["matches"][0]["units"] == 12000
    assert "12,000" in hit_page and "no-record-caveat" not in hit_page
    assert none["result"]["status"] == "no_record" and none["caveat"] == NO_RECORD_CAVEAT
    assert html.escape(NO_RECORD_CAVEAT, quote=False) in none_page


def test_search_finds_entities_and_documents(live_server: LiveServer) -> None:
    with live_server.client() as client:
        data = twin(client, "/search?q=volta")
        page = client.get("/search", params={"q": "volta"}).text
    assert "Volta Cells" in [e["name"] for e in data["entities"]]
    assert [d["title"] for d in data["documents"]] == ["Volta deal"]
    assert f'href="/entities/{data["entities"][0]["id"]}"' in page


def test_home_shows_one_recall_from_many_sources_as_one_row(
        live_server: LiveServer, new_doc: Any, save_doc: Any) -> None:
    # The agency's record of the NA-220 recall joins the news story about it: one row,
    # led by the official record, with the story linked as another source.
    save_doc(na220_record(new_doc))
    with live_server.client() as client:
        items = twin(client, "/?type=recall")["items"]
        page = client.get("/?type=recall").text
    na220 = [i for i in items if "NA-220" in i["statement"]]
    assert len(na220) == 1
    [row] = na220
    assert row["document"]["title"] == "NA-220 speakers recalled"
    assert [d["title"] for d in row["also"]] == ["NA-220 recall"]
    assert "also: " in page
