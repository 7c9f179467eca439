"""entity_profile(): aliases, relations in every direction, recalls and dated events."""

from __future__ import annotations

import json

import pytest

from supplywatch.errors import NotFound
from supplywatch.query import entity_profile
from supplywatch.store import Store


def test_company_profile(volta_story: Store, new_doc, save_doc) -> None:
    b = new_doc("news/partners.txt", source="Test Wire", published="2025-02-10")
    b.entity("Nimbus Audio")
    b.entity("Quill Acoustics")
    b.fact("partnership", "Nimbus Audio and Quill Acoustics form an alliance.",
           parties=["Nimbus Audio", "Quill Acoustics"])
    save_doc(b)

    profile = entity_profile(volta_story, "nimbus")
    assert profile.entity.name == "Nimbus Audio"
    assert profile.type == "company"
    assert "Nimbus" in profile.aliases
    assert [r.other.name for r in profile.suppliers] == ["Volta Cells"]
    assert profile.suppliers[0].details["component"] == "battery cells"
    assert profile.suppliers[0].status == "active"
    assert [r.other.name for r in profile.customers] == ["Orbit Retail"]
    assert [r.other.name for r in profile.products] == ["Nimbus NA-220"]
    assert [r.other.name for r in profile.partnerships] == ["Quill Acoustics"]
    assert profile.owners == () and profile.subsidiaries == ()
    (recall,) = profile.recalls
    assert (recall.role, recall.units, recall.hazard) == ("company", 12000, "fire")
    dates = [e.date for e in profile.events]
    assert dates == sorted(dates)
    assert dates[0] == "2025-02-10"
    assert any("recalls Nimbus NA-220 (12,000 units)" in e.summary for e in profile.events)
    assert all(e.evidence.source.path for e in profile.events)
    json.dumps(profile.to_dict())


def test_ownership_both_ways(volta_story: Store) -> None:
    volta = entity_profile(volta_story, "Volta Cells")
    assert [r.other.name for r in volta.owners] == ["Kestrel Holdings"]
    assert volta.owners[0].details["share"] == 0.8
    assert [r.role for r in volta.recalls] == ["cause"]
    kestrel = entity_profile(volta_story, "Kestrel Holdings")
    assert [r.other.name for r in kestrel.subsidiaries] == ["Volta Cells"]
    assert kestrel.subsidiaries[0].evidence.sentence == "Volta Cells is a unit of Kestrel Holdings."


def test_product_profile(volta_story: Store) -> None:
    speaker = entity_profile(volta_story, "NA-220")
    assert speaker.type == "product"
    assert [r.other.name for r in speaker.makers] == ["Nimbus Audio"]
    assert [r.other.name for r in speaker.suppliers] == ["Volta Cells"]
    assert [r.role for r in speaker.recalls] == ["products"]


def test_unknown_entity(volta_story: Store) -> None:
    with pytest.raises(NotFound, match="Kestrel Holdings"):
        entity_profile(volta_story, "Kestrell Holding")
