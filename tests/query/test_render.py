"""render.py: the human output shows every edge's evidence, source and the caveats."""

from __future__ import annotations

from rich.console import Console

from supplywatch.query import check, entity_profile, exposure
from supplywatch.render import (
    render_check,
    render_entity,
    render_exposure,
    render_extraction,
    render_profile,
)
from supplywatch.store import Store


def _text(renderable) -> str:
    console = Console(width=200, record=True, color_system=None)
    console.print(renderable)
    return console.export_text()


def test_exposure_tree(volta_story: Store) -> None:
    out = _text(render_exposure(exposure(volta_story, "Kestrel Holdings")))
    for expected in ("Kestrel Holdings", "owns Volta Cells (80%)", "supplies Nimbus Audio",
                     "made by Nimbus Audio", "tier 1", "tier 2", "Orbit Retail", "Nimbus NA-220", "RECALL",
                     "12,000 units", "Volta Cells is a unit of Kestrel Holdings.",
                     "Test Wire", "recalls/na220.txt", "Safety Board"):
        assert expected in out, expected
    assert "Zephyr" not in out


def test_exposure_alias_and_empty(volta_story: Store) -> None:
    out = _text(render_exposure(exposure(volta_story, "Volta")))
    assert "matched alias “Volta”" in out
    empty = _text(render_exposure(exposure(volta_story, "Orbit Retail")))
    assert "no downstream customers or recalls" in empty


def test_check_table_and_no_record_caveat(volta_story: Store) -> None:
    out = _text(render_check(check(volta_story, "Nimbus NA-220")))
    assert "RECALLED" in out and "12,000" in out and "Safety Board" in out
    none = _text(render_check(check(volta_story, "Quasar QB-77")))
    assert "NO RECORD" in none
    assert "not a statement that the product is safe" in none
    assert "newest ingested" in none


def test_profile_sections(volta_story: Store) -> None:
    out = _text(render_profile(entity_profile(volta_story, "Nimbus Audio")))
    for expected in ("Nimbus Audio", "aliases: Nimbus", "Suppliers", "Volta Cells", "Customers",
                     "Products", "Recalls", "Dated events", "2025-04-02"):
        assert expected in out, expected


def test_entity_is_the_profile_renderer() -> None:
    assert render_entity is render_profile


def test_extraction_view(new_doc) -> None:
    b = new_doc("news/x.txt", title="Volta [deal]", source="Test Wire")
    b.entity("Volta Cells", aliases=("Volta",))
    b.entity("Nimbus Audio")
    b.fact("supplies", "Volta supplies Nimbus Audio.", supplier="Volta Cells",
           customer="Nimbus Audio", status="active")
    extraction, _ = b.build()
    out = _text(render_extraction(extraction))
    for expected in ("Volta [deal]", "Entities", "Volta Cells", "supplier: Volta Cells",
                     "status: active", "Volta supplies Nimbus Audio."):
        assert expected in out, expected
