"""Who buys the parts a teardown finds: the brand whose short name the base model reads as
a place, a parts maker's home town after its legal form, and a denial of one claimed part
that leaves the others standing. All companies are invented."""

from __future__ import annotations

import pytest

TEARDOWN = (
    "We Took Apart the Larkspur Metro S4. Here's Who Builds It\n\n"
    "Larkspur Cycles sells the Metro S4 as a commuter e-bike for city riders.\n\n"
    "The hydraulic disc brakes come from Frenotti Alpino S.r.l. of Bergamo. The motor"
    " controller board is made by Kontrav Elektronika d.o.o., a Slovenian electronics firm."
    " Larkspur's service manual lists the torque sensor as a spare part. Forum posters have"
    " claimed the torque sensor comes from Sensivane, a German sensor specialist. We found no"
    " markings to support that, and Larkspur denied it, saying it buys no parts from"
    " Sensivane. In 2023 Larkspur recalled 3,100 Metro S2 bikes over a cracked weld."
    " Larkspur says the new frame is stronger.")


def supplies(result: dict) -> set[tuple[str, str]]:
    return {(f["supplier"], f["customer"]) for f in result["facts"] if f["type"] == "supplies"}


def test_the_brand_that_acts_in_the_story_buys_the_parts_found_inside(extract_text):
    found = supplies(extract_text(TEARDOWN))
    customers = {customer for _, customer in found}
    assert customers <= {"Larkspur Cycles", "Larkspur"}, found
    assert {s for s, _ in found} >= {"Frenotti Alpino S.r.l.", "Kontrav Elektronika d.o.o."}


def test_a_parts_maker_s_home_town_is_no_company(extract_text):
    result = extract_text(TEARDOWN)
    companies = {e["name"] for e in result["entities"] if e["type"] == "company"}
    assert "Bergamo" not in companies
    assert "Frenotti Alpino S.r.l." in companies


def test_a_denied_part_is_no_supply_and_the_denial_leaves_the_other_parts(extract_text):
    found = supplies(extract_text(TEARDOWN))
    assert not [pair for pair in found if pair[0] == "Sensivane"]
    assert len(found) >= 2


def test_a_parts_supplier_makes_none_of_its_customer_s_products(extract_text):
    result = extract_text(
        "Brevanna launched the AeroGlide V8 vacuum on Tuesday. Brevanna's previous flagship,"
        " the AeroGlide V6, used motors from Japan's Harunaga Denki, but Brevanna said it had"
        " ended that contract.")
    makes = {(f["company"], f["product"]) for f in result["facts"] if f["type"] == "makes"}
    assert not [pair for pair in makes if pair[0] == "Harunaga Denki"]
    assert ("Harunaga Denki", "Brevanna") in supplies(result)


# An outlet's own teardown: it names itself in its header, its rating and its footer more
# often than the drone's maker, and "we" took the drone apart.
OUTLET_TEARDOWN = (
    "Kite 3 Teardown: Who Makes the Parts\n\nBench Bytes\nTeardowns | Reviews | Forum\n\n"
    "We cracked open Vantor Robotics' Kite 3, the folding camera drone that went on sale in May. "
    "The flight controller comes from Morrowind Semiconductor. The camera sensor is made by "
    "Tessary Imaging. Vantor Robotics did not answer our questions. Bench Bytes gives the Kite 3 "
    "a repairability score of 7.\n\n"
    "About Bench Bytes: we take gadgets apart so you can fix them. (c) 2025 Bench Bytes Ltd.")


def extract_from(extractor, text: str, source: str | None) -> dict:
    from supplywatch.model import Document

    return extractor.extract(Document.from_text(text, "teardown.txt", source=source)).contract()


@pytest.mark.parametrize("source", ["Bench Bytes", None])
def test_the_maker_of_the_product_taken_apart_buys_its_parts(extractor, source):
    found = supplies(extract_from(extractor, OUTLET_TEARDOWN, source))
    assert found == {("Morrowind Semiconductor", "Vantor Robotics"),
                     ("Tessary Imaging", "Vantor Robotics")}


def test_the_outlet_whose_writers_took_it_apart_is_the_lab(extractor):
    from supplywatch.extract.rules_teardown import teardown_labs
    from supplywatch.model import Document

    document = Document.from_text(OUTLET_TEARDOWN, "teardown.txt", source="Bench Bytes")
    (doc, _), = extractor.nlp.pipe(extractor._tokenized(extractor._pieces([document])),
                                   as_tuples=True)
    reading = doc._.sw_reading
    assert [reading.ents.clusters[c].name for c in teardown_labs(reading)] == ["Bench Bytes Ltd."]


def test_a_product_named_with_its_maker_s_plural_possessive_is_the_product_alone(extractor):
    result = extract_from(extractor, OUTLET_TEARDOWN, None)
    names = {(e["type"], e["name"]) for e in result["entities"]}
    assert ("company", "Vantor Robotics") in names
    assert not [n for _, n in names if n.startswith("Vantor Robotics'")]
