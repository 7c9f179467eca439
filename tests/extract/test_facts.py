"""The extractor on short articles written for these tests (not the seed, not gold-dev)."""

from __future__ import annotations


def facts_of(result: dict, type_: str) -> list[dict]:
    return [f for f in result["facts"] if f["type"] == type_]


def entity(result: dict, name: str) -> dict:
    for e in result["entities"]:
        if e["name"] == name or name in e["aliases"]:
            return e
    raise AssertionError(f"no entity {name!r} in {[e['name'] for e in result['entities']]}")


def test_acronym_in_apposition_is_an_alias(extract_fixture):
    result = extract_fixture("nimbus-volta.txt")
    hse = entity(result, "HSE")
    assert hse["type"] == "company"
    assert hse["name"] == "Hanseong Energy Co"


def test_planned_supply_with_quantity_through_relative_clause(extract_fixture):
    result = extract_fixture("nimbus-volta.txt")
    (fact,) = [f for f in facts_of(result, "supplies") if f["supplier"] == "Hanseong Energy Co"]
    assert fact["customer"] == entity(result, "Nimbus")["name"]
    assert fact["status"] == "planned"
    assert fact["quantity"] == 2_000_000
    assert "cells" in fact["component"]


def test_recall_with_model_units_hazard_and_blamed_supplier(extract_fixture):
    result = extract_fixture("nimbus-volta.txt")
    (recall,) = facts_of(result, "recall")
    assert recall["company"] == entity(result, "Nimbus")["name"]
    assert any("NA-220" in p for p in recall["products"])
    assert recall["units"] == 300_000
    assert "burn" in recall["hazard"]
    assert recall["cause"] == "Volta Cells"


def test_ceasing_business_ends_the_supply_relation(extract_fixture):
    result = extract_fixture("nimbus-volta.txt")
    (fact,) = [f for f in facts_of(result, "supplies") if f["supplier"] == "Volta Cells"]
    assert fact["status"] == "ended"
    assert "NA-220" in fact["product"]


def test_hedged_claim_has_lower_confidence(extract_fixture):
    result = extract_fixture("nimbus-volta.txt")
    (owns,) = facts_of(result, "owns")
    assert (owns["parent"], owns["child"]) == ("Kestrel Holdings", "Volta Cells")
    plain = [f for f in result["facts"] if "Teardown reports" not in f["evidence"]]
    assert owns["confidence"] < min(f["confidence"] for f in plain)


def test_partnership_supply_and_ownership(extract_fixture):
    result = extract_fixture("orbital-partnership.txt")
    (partnership,) = facts_of(result, "partnership")
    assert set(partnership["parties"]) == {"Orbital Motors Inc.", "Quanta Batteries"}
    (supply,) = facts_of(result, "supplies")
    assert (supply["supplier"], supply["customer"]) == ("Quanta Batteries", "Orbital Motors Inc.")
    assert supply["component"] == "cathode materials"


def test_denied_fact_is_not_a_fact(extract_fixture):
    result = extract_fixture("orbital-partnership.txt")
    owns = facts_of(result, "owns")
    assert [(o["parent"], o["child"]) for o in owns] == [("Meridian Chemical Group", "Quanta Batteries")]


def test_evidence_is_verbatim_at_its_span(extract_fixture):
    for name in ("nimbus-volta.txt", "orbital-partnership.txt"):
        result = extract_fixture(name)
        from pathlib import Path

        text = (Path(__file__).parent.parent / "fixtures" / "extract" / name).read_text().strip()
        assert result["facts"]
        for fact in result["facts"]:
            start, end = fact["span"]
            assert text[start:end] == fact["evidence"]
        for ent in result["entities"]:
            for start, end in ent["mentions"]:
                assert text[start:end]


def test_company_labelled_as_person_is_typed_company_once(extract_text):
    # spaCy's small model often takes a lone brand name for a person.
    text = ("Brightline and rival Kovax recalled 80,000 space heaters over fire risks.\n"
            "Kovax said the heaters used faulty switches.")
    result = extract_text(text)
    kovax = entity(result, "Kovax")
    assert kovax["type"] == "company"
    assert len(kovax["mentions"]) == 2
    companies = {f["company"] for f in facts_of(result, "recall")}
    assert {"Brightline", "Kovax"} <= companies


def test_descriptive_reference_resolves_to_the_named_company(extract_text):
    text = ("Drone maker Skyforge Robotics has chosen a new battery partner.\n"
            "The Shenzhen-based drone maker will buy 3 million cells from Polaris Cells Ltd.")
    result = extract_text(text)
    (fact,) = facts_of(result, "supplies")
    assert fact["customer"] == "Skyforge Robotics"
    assert fact["supplier"] == "Polaris Cells Ltd."
    assert fact["quantity"] == 3_000_000
    assert fact["status"] == "planned"


def test_model_numbers_are_products_with_their_brand(extract_text):
    text = "The recalled units include the Corvex CX-900 and the Corvex SM-N930 chargers sold in 2024."
    result = extract_text(text)
    products = {e["name"] for e in result["entities"] if e["type"] == "product"}
    assert {"Corvex CX-900", "Corvex SM-N930"} <= products
    makes = {(f["company"], f["product"]) for f in facts_of(result, "makes")}
    assert ("Corvex", "Corvex CX-900") in makes


def test_parts_supplied_by_a_named_maker(extract_text):
    result = extract_text("Brightline recalled 20,000 heaters because of faulty thermostats "
                          "supplied by Calder Controls.")
    supplies = {(f["supplier"], f["customer"]) for f in facts_of(result, "supplies")}
    assert ("Calder Controls", "Brightline") in supplies


def test_acquisition_is_ownership(extract_text):
    result = extract_text("Meridian Chemical Group completed its acquisition of Quanta Batteries "
                          "in March.")
    owns = {(f["parent"], f["child"]) for f in facts_of(result, "owns")}
    assert owns == {("Meridian Chemical Group", "Quanta Batteries")}


def test_stopping_purchases_ends_a_supply_relation(extract_text):
    result = extract_text("Orbital Motors said it had stopped buying cells from Polaris Cells "
                          "after the fires.")
    (fact,) = facts_of(result, "supplies")
    assert (fact["supplier"], fact["customer"], fact["status"]) == (
        "Polaris Cells", "Orbital Motors", "ended")


def test_recall_issued_for_a_named_model(extract_text):
    result = extract_text("Kovax Appliances issued a recall for the Kovax KX-310 heater on Monday.")
    (recall,) = facts_of(result, "recall")
    assert recall["company"] == "Kovax Appliances"
    assert any("KX-310" in p for p in recall["products"])


def test_regions_are_places_and_product_kinds_are_entities(extract_text):
    result = extract_text("Harlow Valves Ltd is a leading manufacturer of gate valves and needle "
                          "valves, sold across North America and Asia Pacific.")
    types = {e["name"]: e["type"] for e in result["entities"]}
    assert types["Harlow Valves Ltd"] == "company"
    assert types["North America"] == "place" and types["Asia Pacific"] == "place"
    kinds = {n for n, t in types.items() if t in ("product", "component")}
    assert {"gate valves", "needle valves"} <= kinds


def test_a_capitalised_common_word_is_not_a_company(extract_text):
    result = extract_text("Software\nThe software market grew. Kovax Appliances sells heaters.")
    companies = {e["name"] for e in result["entities"] if e["type"] == "company"}
    assert "Software" not in companies
    assert "Kovax Appliances" in companies


def test_a_named_parts_maker_in_a_recall_sentence_supplied_the_recaller(extract_text):
    result = extract_text("Faulty Polaris cells forced Skyforge Robotics to recall 9,000 drones.")
    supplies = {(f["supplier"], f["customer"]) for f in facts_of(result, "supplies")}
    assert ("Polaris", "Skyforge Robotics") in supplies
    (recall,) = facts_of(result, "recall")
    assert recall["company"] == "Skyforge Robotics" and recall["units"] == 9000


def test_brand_followed_by_a_numbered_line_is_a_product(extract_text):
    result = extract_text("Kovax Appliances also sells the Kovax HeatWave III 2000 and the "
                          "Kovax Breeze 12, which were not affected.")
    products = {e["name"] for e in result["entities"] if e["type"] == "product"}
    assert {"Kovax HeatWave III 2000", "Kovax Breeze 12"} <= products
    makes = {(f["company"], f["product"]) for f in facts_of(result, "makes")}
    assert ("Kovax Appliances", "Kovax Breeze 12") in makes


def test_a_part_named_for_its_maker_inside_a_branded_product(extract_text):
    for text in ("The recall covers replacement packs with Polaris cells in Kovax vacuums.",
                 "Kovax and Brightline Notebook Computers with Polaris Lithium-Ion Batteries"):
        result = extract_text(text)
        supplies = {(f["supplier"], f["customer"]) for f in facts_of(result, "supplies")}
        assert ("Polaris", "Kovax") in supplies, text


def test_these_products_equipped_with_a_makers_parts(extract_text):
    result = extract_text("Orbital Motors is recalling certain 2019 Comet vehicles. These vehicles "
                          "are equipped with Calder brake controllers that may fail.")
    supplies = {(f["supplier"], f["customer"]) for f in facts_of(result, "supplies")}
    assert ("Calder", "Orbital Motors") in supplies
    (recall,) = facts_of(result, "recall")
    assert recall["units"] is None  # "2019" is a model year, not a count


def test_a_hazard_stated_by_a_verb_is_the_recalls_hazard(extract_text):
    result = extract_text("Velmora Power recalled 5,000 heaters. The heaters can overheat.")
    (recall,) = facts_of(result, "recall")
    assert recall["hazard"] == "overheat"


def test_an_amount_after_a_currency_code_is_no_product(extract_text):
    result = extract_text("Brantholm Marine ASA agreed to pay NOK 4.9bn for Rosskamp Propulsion GmbH.")
    assert not [e for e in result["entities"] if e["type"] == "product" and "4.9bn" in e["name"]]
