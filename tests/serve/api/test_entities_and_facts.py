"""Entities (search, profile) and facts (by entity id or name, type, date) over HTTP."""

from __future__ import annotations

import pytest
from tests.serve.api.helpers import assert_error
from tests.serve.conftest import LiveServer


def _entity_id(server: LiveServer, name: str) -> int:
    with server.client() as client:
        items = client.get("/api/entities", params={"q": name}).json()["items"]
    return next(e["id"] for e in items if e["name"] == name)


def test_entity_search_by_name_or_alias_and_type(live_server: LiveServer) -> None:
    with live_server.client() as client:
        nimbus = client.get("/api/entities", params={"q": "nimbus"}).json()
        products = client.get("/api/entities", params={"q": "nimbus", "type": "product"}).json()
        by_alias = client.get("/api/entities", params={"q": "volta"}).json()
        everything = client.get("/api/entities", params={"limit": 1}).json()
        bad_type = client.get("/api/entities", params={"type": "planet"})
    assert {e["name"] for e in nimbus["items"]} == {"Nimbus Audio", "Nimbus NA-220"}
    assert [e["name"] for e in products["items"]] == ["Nimbus NA-220"]
    assert products["items"][0]["aliases"] == ["NA-220"]
    assert [e["name"] for e in by_alias["items"]] == ["Volta Cells"]
    assert everything["total"] >= 7 and len(everything["items"]) == 1
    assert everything["next"] is not None
    assert_error(bad_type, 422, "invalid_request")


def test_entity_profile_has_relations_recalls_timeline_and_fact_count(live_server: LiveServer) -> None:
    volta = _entity_id(live_server, "Volta Cells")
    with live_server.client() as client:
        profile = client.get(f"/api/entities/{volta}").json()
    assert profile["schema"] == "supplywatch.profile/1"
    assert (profile["entity"]["id"], profile["entity"]["name"]) == (volta, "Volta Cells")
    assert profile["entity"]["aliases"] == ["Volta"]
    assert [r["other"]["name"] for r in profile["owners"]] == ["Kestrel Holdings"]
    (customer,) = profile["customers"]
    assert (customer["other"]["name"], customer["status"]) == ("Nimbus Audio", "active")
    assert customer["details"]["component"] == "battery cells"
    assert customer["evidence"]["sentence"].startswith("Volta supplies battery cells")
    (recall,) = profile["recalls"]
    assert (recall["role"], recall["units"], recall["hazard"]) == ("cause", 12000, "fire")
    dates = [e["date"] for e in profile["events"]]
    assert dates == ["2025-03-01", "2025-03-01", "2025-04-02"]
    assert profile["facts"] == 3


def test_a_profile_of_any_entity_type_by_id(live_server: LiveServer) -> None:
    speaker = _entity_id(live_server, "Nimbus NA-220")
    with live_server.client() as client:
        profile = client.get(f"/api/entities/{speaker}").json()
        missing = client.get("/api/entities/999999")
        not_a_number = client.get("/api/entities/volta")
    assert profile["entity"]["type"] == "product"
    assert [r["other"]["name"] for r in profile["makers"]] == ["Nimbus Audio"]
    assert "no entity with id 999999" in assert_error(missing, 404, "not_found")["message"]
    assert_error(not_a_number, 422, "invalid_request")


def test_facts_by_entity_id_name_or_alias(live_server: LiveServer) -> None:
    volta = _entity_id(live_server, "Volta Cells")
    with live_server.client() as client:
        by_id = client.get("/api/facts", params={"entity": str(volta)}).json()
        by_alias = client.get("/api/facts", params={"entity": "Volta"}).json()
    assert by_id["total"] == 3
    assert sorted(f["type"] for f in by_id["items"]) == ["owns", "recall", "supplies"]
    assert [f["id"] for f in by_alias["items"]] == [f["id"] for f in by_id["items"]]
    newest = by_id["items"][0]
    assert (newest["type"], newest["document"]["published"]) == ("recall", "2025-04-02")
    assert newest["span"][1] - newest["span"][0] == len(newest["evidence"])


def test_facts_by_repeated_type_and_since(live_server: LiveServer) -> None:
    with live_server.client() as client:
        typed = client.get("/api/facts", params=[("type", "owns"), ("type", "makes")]).json()
        recent = client.get("/api/facts", params={"since": "2025-04-01"}).json()
        paged = client.get("/api/facts", params={"limit": 4})
    assert sorted(f["type"] for f in typed["items"]) == ["makes", "owns"]
    assert sorted(f["evidence"][:12] for f in recent["items"]) == ["Nimbus Audio", "Zephyr Toys "]
    assert paged.json()["total"] == 6 and 'rel="next"' in paged.headers["Link"]


@pytest.mark.parametrize("params", [{"type": "rumour"}, {"since": "last week"}])
def test_invalid_fact_filters_are_422(live_server: LiveServer, params: dict) -> None:
    with live_server.client() as client:
        error = assert_error(client.get("/api/facts", params=params), 422, "invalid_request")
    assert error["details"][0]["field"].split(".")[0] in params


def test_unknown_entity_name_is_404_with_suggestions(live_server: LiveServer) -> None:
    with live_server.client() as client:
        error = assert_error(client.get("/api/facts", params={"entity": "Volta Cels"}), 404,
                             "not_found")
        unknown_id = client.get("/api/facts", params={"entity": "424242"})
    assert "did you mean 'Volta Cells'" in error["message"]
    assert "no entity with id 424242" in assert_error(unknown_id, 404, "not_found")["message"]
