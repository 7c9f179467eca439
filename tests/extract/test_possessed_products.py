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


def test_a_one_word_model_a_company_s_possessive_names_is_no_company(extract_text):
    # the small model reads "Sirocco" as an organisation; the possessive and the kind of
    # product after it say it is a model
    result = extract_text("Vantaro Automobili SpA builds cars. The Turin factory is due to start"
                          " producing cells for Vantaro's Sirocco crossover in 2026.")
    assert ("Vantaro Automobili SpA", "Sirocco") in makes(result)
    assert "Sirocco" not in {e["name"] for e in result["entities"] if e["type"] == "company"}


def test_products_named_after_whose(extract_text):
    result = extract_text("Korvel Audio makes speakers. Korvel, whose Tern and Tern Max speakers"
                          " sell well, said demand was strong.")
    assert ("Korvel Audio", "Tern Max") in makes(result)


def test_a_supplier_does_not_make_its_customer_s_product(extract_text):
    result = extract_text(
        "Korvel Audio makes the Tern 5 speaker. Korvel said the Tern 5 uses drivers from "
        "Ashwick Acoustics Ltd., which also supplies woofers for the Tern 5 and will help "
        "develop the next Tern 5.")
    found = makes(result)
    assert ("Korvel Audio", "Tern 5") in found
    assert not {c for c, p in found if p == "Tern 5"} - {"Korvel Audio"}


def test_a_possessive_read_into_a_products_name_names_its_owner(extract_text):
    # the model reads "Vlinder's Vrachtje" as one name; Vlinder is named apart, so it owns it
    result = extract_text(
        "Notes from the week.\n\nVlinder Fietsen B.V. builds city bikes in Utrecht. Ciclo"
        " Energia S.r.l. already supplies the battery packs for Vlinder's Vrachtje cargo bike,"
        " which are assembled at Vlinder's Houten plant.")
    supplied = {(f["supplier"], f["customer"]) for f in result["facts"] if f["type"] == "supplies"}
    assert any(s.startswith("Ciclo Energia") and c == "Vlinder Fietsen B.V." for s, c in supplied), supplied
    made = {(f["company"], f["product"]) for f in result["facts"] if f["type"] == "makes"}
    assert not any("Houten" in p for _, p in made), "a plant is no product"
