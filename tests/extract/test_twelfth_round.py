"""Phrasings read in the twelfth extraction round: stakes counted in the clause before,
perfect relative clauses, lines named by a model number, places written before their state,
and names the recognisers split (short forms, "A/S"). All companies are invented."""

from __future__ import annotations

import pytest

from supplywatch.extract.clusters import DocEntities
from supplywatch.extract.lexicon import load_lexicon


def facts(result: dict, type_: str) -> list[dict]:
    return [f for f in result["facts"] if f["type"] == type_]


def supplies(result: dict) -> set[tuple[str, str]]:
    return {(f["supplier"], f["customer"]) for f in facts(result, "supplies")}


def owns(result: dict) -> dict[tuple[str, str], float | None]:
    return {(f["parent"], f["child"]): f["share"] for f in facts(result, "owns")}


def entity_types(result: dict) -> dict[str, str]:
    return {e["name"]: e["type"] for e in result["entities"]}


def test_with_b_owning_the_remaining_share_counts_the_company_of_the_clause_before(extract_text):
    result = extract_text(
        "Optics venture formed\n\n"
        "Harnoya Semiconductor Corp owns 60% of Lumetra Photonics Co., Ltd., with Castaldi "
        "Ottica S.p.A. owning the remaining 40%, according to a joint statement.")
    assert owns(result) == {
        ("Harnoya Semiconductor Corp", "Lumetra Photonics Co., Ltd."): 0.6,
        ("Castaldi Ottica S.p.A.", "Lumetra Photonics Co., Ltd."): 0.4,
    }


def test_a_perfect_relative_clause_is_active_not_passive(extract_text):
    result = extract_text(
        "Boatbuilder widens its range\n\n"
        "Fjelland Marine AS makes hybrid boat engines. The battery systems in its range come "
        "from Rotterdam-based Dekkers Marine Power, which has supplied Fjelland since 2016.")
    assert ("Dekkers Marine Power", "Fjelland Marine AS") in supplies(result)


def test_buying_the_company_from_its_founders_is_no_supply(extract_text):
    result = extract_text(
        "Fund keeps a minority\n\n"
        "Ostrava Capital AG owns 25% of Brunnwald Feinmechanik GmbH, a maker of machined "
        "parts. Ostrava Capital bought the company from its founding family in 2016.")
    assert not supplies(result)
    assert ("Ostrava Capital AG", "Brunnwald Feinmechanik GmbH") in owns(result)


def test_an_unnamed_factory_that_produces_for_a_brand_is_not_the_company_named_before_it(
        extract_text):
    result = extract_text(
        "Campaigners trace fabric\n\n"
        "Harlin Outdoor Ltd sells rain jackets. Shipping records show Qiansheng Textile Co. "
        "fabric arriving at a factory that produces for Harlin Outdoor.")
    assert ("Qiansheng Textile Co.", "Harlin Outdoor Ltd") not in supplies(result)


def test_a_named_line_on_a_possessed_product_is_not_a_buyer(extract_text):
    result = extract_text(
        "Carmaker keeps its cell vendor\n\n"
        "Dorwick Motors Inc. builds electric sedans. Sunghwa Energy Co., Ltd., the Korean "
        "battery maker that has supplied pouch cells for Dorwick's Arista sedan since its "
        "launch, will keep the contract.")
    pairs = supplies(result)
    assert ("Sunghwa Energy Co., Ltd.", "Dorwick Motors Inc.") in pairs
    assert not any(customer.startswith("Arista") for _, customer in pairs)


@pytest.mark.parametrize(("text", "line_is"), [
    # "Seabrise" read as a person: a line when never used as a company, else a brand
    ("The Seabrise 150 and Seabrise 220 engines sell well . The first Seabrise shipped in 2016 .",
     "product"),
    ("Seabrise said the Seabrise 150 sells well .", "company"),
])
def test_a_one_word_person_before_a_model_number_is_a_line_or_a_brand(extractor, text, line_is):
    from supplywatch.extract.clusters import numbered_names_read_as_persons

    doc = extractor.nlp(text)
    ents = DocEntities()
    line = ents.new_cluster("person")
    for i in ents.word_positions(doc)["Seabrise"]:
        ents.add_span(line, i, i + 1, "Seabrise")
    numbered_names_read_as_persons(doc, ents, load_lexicon())
    assert ents.clusters[line].type == line_is
    models = {c.name for n, c in enumerate(ents.clusters) if c.type == "product" and c.spans and n != line}
    assert "Seabrise 150" in models


@pytest.mark.parametrize(("text", "place"), [
    ("Brightvale Stores Inc. is a unit of Harcastle Retail Holdings, the Charlotte, North "
     "Carolina company that also runs the Paxley Outdoor chain.", "Charlotte"),
    ("Orrin Coatings plc buys isocyanate hardeners from Gulfway Specialty Chemicals, a Lake "
     "Charles, Louisiana producer.", "Lake Charles"),
    ("Puddleby Toys Ltd will buy plush toys from Phu Tan Toys Co., Ltd., a soft-toy maker "
     "in Binh Duong province.", "Binh Duong"),
])
def test_a_name_written_before_its_state_or_a_region_noun_is_a_place(extract_text, text, place):
    result = extract_text("Business news\n\n" + text)
    assert entity_types(result).get(place) != "company"
    assert all(place not in pair for pair in supplies(result))
    assert all(place not in pair for pair in owns(result))


def test_a_regional_adjective_names_no_customer(extract_text):
    result = extract_text(
        "Engine sales up\n\n"
        "Torvik Marine AS publishes the Nordic Boat Review. The company sold around 1,300 "
        "engines last year, most of them to Nordic boatbuilders.")
    assert all("Nordic" not in customer for _, customer in supplies(result))


def test_a_danish_legal_form_ending_a_sentence_stays_with_its_name(extract_text):
    result = extract_text(
        "Group buys propeller maker\n\n"
        "Harwell Maritime Group plc owns gearbox maker Penrose Drives Ltd and propeller "
        "specialist Skovlund Propeller A/S.")
    assert set(owns(result)) == {("Harwell Maritime Group plc", "Penrose Drives Ltd"),
                                 ("Harwell Maritime Group plc", "Skovlund Propeller A/S")}
    assert entity_types(result)["Skovlund Propeller A/S"] == "company"


def test_a_part_on_a_board_built_around_a_chip_from_a_maker_is_the_topic_s(extract_text):
    result = extract_text(
        "We took apart Corlund's new dryer\n\n"
        "Corlund Home AB sells heat-pump dryers. Corlund makes the Nimbus dryer in Poland. "
        "The main control board is built around a microcontroller from Quanzhi "
        "Microelectronics, a chip designer in Hefei.")
    assert ("Quanzhi Microelectronics", "Corlund Home AB") in supplies(result)
