"""Products a company's possessive names: "Castell's AirBook 14 and AirBook 16 laptops",
"its Frostline and Kylo ranges". All companies and products are invented."""

from __future__ import annotations

import pytest


def makes(result: dict) -> set[tuple[str, str]]:
    return {(f["company"], f["product"]) for f in result["facts"] if f["type"] == "makes"}


@pytest.mark.parametrize(("text", "products"), [
    ("Velmora Power supplies the packs for Castell Motors' Aster crossover and Ridgeway pickup.",
     {"Aster"}),
    ("Castell Motors said the cells will go into its Urban C3 commuter model.", {"Urban C3"}),
    ("Castell Motors, best known for its Holzwerk wooden railway sets, is 70% owned by Velmora"
     " Power.", {"Holzwerk"}),
    ("Velmora Power supplies the nickel-rich cells used in Castell Motors' larger Tundra SUV.",
     {"Tundra"}),
])
def test_a_named_product_a_company_s_possessive_names(extract_text, text, products):
    found = {p for c, p in makes(extract_text(text)) if c == "Castell Motors"}
    assert products <= found


def test_no_product_from_a_place_or_a_year(extract_text):
    found = makes(extract_text("Castell Motors expanded its Shanghai plant and its 2026 models"
                               " sold well."))
    assert not {p for _, p in found if p.startswith(("Shanghai", "2026"))}


@pytest.mark.parametrize("text", [
    "Tkala Fashion Recalls Children's Robes Due to Burn Hazard",
    "Norm Outfitters recalls Men's Sherpa Shirts sold at its stores.",
])
def test_whom_a_product_is_for_is_no_maker(extract_text, text):
    found = makes(extract_text(text))
    assert not {c for c, _ in found if c.startswith(("Children", "Men"))}
