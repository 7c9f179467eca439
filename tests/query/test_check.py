"""check: the recall contract (shared/spec/check.md) over recall facts."""

from __future__ import annotations

import json

import pytest

from supplywatch.query import check
from supplywatch.store import Store

CONTRACT_KEYS = ["recall_id", "source", "jurisdiction", "company", "product", "matched_on",
                 "matched_text", "score", "date", "units", "hazard", "remedy", "caveat", "url",
                 "last_verified", "evidence"]


@pytest.fixture
def lumen(store: Store, new_doc, save_doc) -> Store:
    """Lumen LX1681 recalled twice (two notices, different units); LX16810 once; a lamp."""
    for path, source, units, date in (("recalls/us.txt", "US Board", 40000, "2025-02-01"),
                                      ("recalls/eu.txt", "EU Desk", 9000, "2025-03-15")):
        b = new_doc(path, source=source, published=date)
        b.entity("Lumen Devices")
        b.entity("Lumen LX1681", "product", aliases=("LX-1681",))
        b.fact("recall", f"Lumen Devices recalls {units} Lumen LX1681 chargers.",
               company="Lumen Devices", products=["Lumen LX1681"], units=units,
               hazard="overheating", date=date, remedy="refund")
        save_doc(b)
    b = new_doc("recalls/big.txt", source="US Board", url="https://example.test/lx16810")
    b.entity("Lumen Devices")
    b.entity("Lumen LX16810", "product")
    b.fact("recall", "Lumen Devices recalls the Lumen LX16810 hub.", company="Lumen Devices",
           products=["Lumen LX16810"], units=700, hazard="shock")
    save_doc(b)
    b = new_doc("recalls/lamp.txt", source="US Board")
    b.entity("Aurora Lighting")
    b.entity("Aurora Desk Lamp", "product")
    b.fact("recall", "Aurora Lighting recalls the Aurora Desk Lamp.", confidence=1.0,
           company="Aurora Lighting", products=["Aurora Desk Lamp"], hazard="fire")
    save_doc(b)
    return store


@pytest.mark.parametrize("query", ["LX1681", "lx-1681", "Lumen LX1681 travel charger",
                                   "LX 1681"])
def test_model_variants_find_every_notice(lumen: Store, query: str) -> None:
    result = check(lumen, query)
    assert result.status == "recalled"
    assert [m.product for m in result.matches] == ["Lumen LX1681", "Lumen LX1681"]
    assert {m.matched_on for m in result.matches} == {"model"}
    assert sorted(m.units for m in result.matches) == [9000, 40000]  # never summed
    assert {m.source for m in result.matches} == {"US Board", "EU Desk"}
    assert all(0 < m.score < 1 for m in result.matches)


def test_never_matches_inside_a_longer_number(lumen: Store) -> None:
    result = check(lumen, "LX16810")
    assert [m.product for m in result.matches] == ["Lumen LX16810"]
    assert result.matches[0].url == "https://example.test/lx16810"
    assert check(lumen, "X1681").status == "no_record"
    assert check(lumen, "LX168").status == "no_record"
    assert check(lumen, "Lumen LX99999").status == "no_record"  # other model, same brand


def test_brand_beside_the_model_scores_higher_without_saturating(lumen: Store) -> None:
    with_brand = check(lumen, "Lumen LX1681").matches[0].score
    bare = check(lumen, "LX1681").matches[0].score
    assert 0 < bare < with_brand < 1


def test_names_rank_below_models_and_partial_names_are_possible(lumen: Store) -> None:
    exact = check(lumen, "aurora desk lamp")
    assert exact.status == "recalled"
    assert exact.matches[0].matched_on == "name"
    assert exact.matches[0].matched_text == "Aurora Desk Lamp"
    partial = check(lumen, "Aurora lamp")
    assert partial.status == "possible"
    assert partial.matches[0].score < exact.matches[0].score
    assert exact.matches[0].score < check(lumen, "LX1681").matches[0].score


def test_unknown_product_is_no_record_with_freshness(lumen: Store) -> None:
    result = check(lumen, "Quasar Blender QB-77")
    assert result.status == "no_record"
    assert result.matches == ()
    assert result.freshness is not None and result.documents == 4
    data = result.to_dict()
    assert {k: data[k] for k in ("schema", "query", "status", "matches")} == {
        "schema": "supplywatch.check/1", "query": "Quasar Blender QB-77",
        "status": "no_record", "matches": []}
    # Beyond the contract's keys: how fresh the database is, since no_record means only
    # "not in this database".
    assert data["database"]["documents"] == 4 and data["database"]["last_ingest"]


def test_json_shape_follows_the_contract(lumen: Store) -> None:
    result = check(lumen, "Lumen LX1681")
    data = json.loads(json.dumps(result.to_dict()))
    assert list(data)[:4] == ["schema", "query", "status", "matches"]  # then extras
    first = data["matches"][0]
    assert list(first)[: len(CONTRACT_KEYS)] == CONTRACT_KEYS  # then explanation, sources
    assert "LX1681" in first["explanation"]
    assert first["jurisdiction"] is None and first["caveat"] is None
    assert first["matched_text"] == "LX1681"  # the model number as the database spells it
    assert first["evidence"].startswith("Lumen Devices recalls")
    assert first["remedy"] == "refund"
    assert first["url"] in ("recalls/us.txt", "recalls/eu.txt")
    assert len(first["last_verified"]) == 10
    assert first["recall_id"] != data["matches"][1]["recall_id"]


def test_check_on_the_story(volta_story: Store) -> None:
    result = check(volta_story, "na220")
    assert result.status == "recalled"
    (match,) = result.matches
    assert (match.company, match.units, match.date) == ("Nimbus Audio", 12000, "2025-04-01")
    assert check(volta_story, "ZT-9").matches[0].product == "Zephyr ZT-9 Kite"


def test_name_words_found_in_the_recall_evidence_support_a_brand_match(lumen: Store) -> None:
    result = check(lumen, "lumen chargers")
    assert result.status == "possible"
    assert [m.product for m in result.matches][:2] == ["Lumen LX1681", "Lumen LX1681"]
    assert all(m.matched_on == "name" for m in result.matches)
    # Words found only in evidence, with no name or company behind them, match nothing.
    assert check(lumen, "travel chargers").status == "no_record"
