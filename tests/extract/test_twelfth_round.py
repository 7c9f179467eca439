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


@pytest.mark.parametrize(("text", "pair"), [
    # a perfect relative clause is active, not passive
    ("Fjelland Marine AS makes hybrid boat engines. The battery systems in its range come "
     "from Rotterdam-based Dekkers Marine Power, which has supplied Fjelland since 2016.",
     ("Dekkers Marine Power", "Fjelland Marine AS")),
    # a maker's parent named in its description does not hide the part's buyer
    ("Brenmore Motor Company recalled 41,000 Marlin vans. Brenmore sells the Marlin in the "
     "US. Each module contains a single-stage inflator manufactured by Tarlow Safety Systems "
     "LLC, a subsidiary of Halvik Industries.", ("Tarlow Safety Systems LLC", "Brenmore Motor Company")),
    # a company fitting a named product buys it from its maker
    ("Torvik Marine AS makes the Seabrise 150 and the Seabrise 220 inboard engines. Swedish "
     "boatbuilder Tindro Boats AB fits the Seabrise 220 as standard to its cruisers.",
     ("Torvik Marine AS", "Tindro Boats AB")),
], ids=["perfect-relative-clause", "maker-described-by-its-parent", "fits-a-named-product"])
def test_supply_read_through(extract_text, text, pair):
    assert pair in supplies(extract_text("Industry news\n\n" + text))


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


def test_a_company_named_after_its_founder_is_the_company_where_it_acts_as_one(extract_text):
    result = extract_text(
        "Robot maker changes drive supplier\n\n"
        "Hollbrand Robotik GmbH builds collaborative robot arms. \"Drevan has been a good "
        "partner,\" said chief executive Stefan Hollbrand. Hollbrand said it would keep "
        "spare parts in stock. The arm's torque sensor comes from Fennig Sensorik, a supplier "
        "in which Hollbrand took a 25% stake in 2022.")
    assert ("Hollbrand Robotik GmbH", "Fennig Sensorik") in owns(result)
    assert entity_types(result).get("Hollbrand") in (None, "company")


def test_a_country_adjective_before_a_trade_noun_is_no_company(extract_text):
    result = extract_text(
        "Cobot maker's customers\n\n"
        "Hollbrand Robotik GmbH's largest customer, the Slovak car-parts maker Lisvec "
        "Automotive, operates 900 of its cobots.")
    assert "Slovak" not in entity_types(result)
    assert all("Slovak" not in pair for pair in supplies(result))


def test_a_bare_description_said_again_refers_to_the_same_company(extract_text):
    result = extract_text(
        "Toy maker adds a factory\n\n"
        "Puddlewick Toys, the Leeds-based maker of soft toys, will make plush in Vietnam. "
        "Puddlewick has been owned since 2021 by Orrington Brands Inc., a Chicago toy group. "
        "Orrington bought the company from its founding family.\n\n"
        "The company is best known for its Dabble Goose bath toys.")
    products = {(f["company"], f["product"]) for f in facts(result, "makes")}
    assert any(company.startswith("Puddlewick") and "Dabble Goose" in product
               for company, product in products)
    assert not any(company.startswith("Orrington") for company, _ in products)


def test_a_place_is_not_a_product_made_there(extract_text):
    result = extract_text(
        "Aero group buys parts maker\n\n"
        "Toulouse-based Sarvelle Aero S.A. has acquired Brennach Teile GmbH, a Bavarian maker "
        "of machined parts. Brennach will begin shipping blisks to Sarvelle's own engine "
        "module line in Figeac from early 2026.")
    products = {f["product"] for f in facts(result, "makes")}
    assert not products & {"Toulouse-based", "Figeac"}


def test_a_deal_noun_ending_a_headline_is_not_part_of_a_name(extract_text):
    result = extract_text(
        "Brennmoor Robotik Switches Servo Drive Supplier, Ends Nine-Year Dravik Contract\n\n"
        "Brennmoor Robotik GmbH will take its servo drives from Japan's Harumo Seiki Co., Ltd. "
        "from April, ending a nine-year contract with Dravik Motion AB.")
    assert not any(name.endswith("Contract") for name in entity_types(result))


@pytest.mark.parametrize(("text", "triple"), [
    # the subject of "is an X from Y" is the part a teardown found
    ("Inside the Trellmore Watch S2\n\nWe took apart the Trellmore Mobile Inc. Watch S2. "
     "Trellmore sells it for $199. The application processor is an SH-W5 from Sunhai "
     "Semiconductor Co., Ltd., the Hsinchu fabless chip designer.",
     ("Sunhai Semiconductor Co., Ltd.", "Trellmore Mobile Inc.", "application processor")),
    # all of a company's parts name it as the customer
    ("E-bike maker adds a pack supplier\n\nRenwick Cycles GmbH sells e-bikes. Taiwan's "
     "Dingsheng Energy, which currently supplies all of Renwick's battery packs, will "
     "continue to do so.", ("Dingsheng Energy", "Renwick Cycles GmbH", "battery packs")),
], ids=["is-an-x-from-y", "all-of-its-packs"])
def test_a_supplied_part_and_its_buyer(extract_text, text, triple):
    result = extract_text(text)
    assert triple in {(f["supplier"], f["customer"], f["component"]) for f in facts(result, "supplies")}


def test_a_name_the_parser_split_from_its_role_noun_is_still_the_party(extract_text):
    result = extract_text(
        "Bike maker teams up\n\n"
        "Renwick Cycles GmbH sells e-bikes. Separately, Renwick announced a strategic "
        "partnership with Dutch bike-subscription company Trapvel to develop a fleet version "
        "of the Strada with swappable batteries.")
    parties = [set(f["parties"]) for f in facts(result, "partnership")]
    assert {"Renwick Cycles GmbH", "Trapvel"} in parties


def test_a_supervisory_board_is_no_part(extract_text):
    result = extract_text(
        "Heat pump maker sells a stake\n\n"
        "Warmbach Ahlen GmbH said Kamiro Corp. would get two seats on its supervisory board.")
    assert "supervisory board" not in {e["name"] for e in result["entities"]}


@pytest.mark.parametrize(("text", "expected"), [
    # the name after a trade word is the company's short form: "Grupa" (group) says what
    # the company is, "Miedzorn" who it is
    ("Grupa Miedzorn S.A. makes copper foil. Miedzorn also holds a 12% stake in Baltcella, "
     "a battery maker.", {("Grupa Miedzorn S.A.", "Baltcella"): 0.12}),
    # a role noun's name set off by commas is the owner
    ("Kinderwald Spielwaren GmbH makes wooden toys. Kinderwald is 70% owned by the founding "
     "Brandt family's holding company, Brandt Beteiligungen GmbH, with the rest held by "
     "managers.", {("Brandt Beteiligungen GmbH", "Kinderwald Spielwaren GmbH"): 0.7}),
    # a former parent is the company spun out of
    ("Halvara Robotics makes robot vacuums. Halvara was spun out of home appliance maker "
     "Zhenlai Appliance Group in 2020 and is still 62% owned by its former parent.",
     {("Zhenlai Appliance Group", "Halvara Robotics"): 0.62}),
], ids=["trade-word", "holding-company", "former-parent"])
def test_owners_named_indirectly(extract_text, text, expected):
    assert owns(extract_text("Ownership news\n\n" + text)) == expected


def test_a_product_named_short_has_the_maker_of_its_longer_name(extractor):
    from supplywatch.extract.reading import Reading
    from supplywatch.extract.rules_supply import _makers_of

    doc = extractor.nlp("Pagimar makes the Pagimar Nimbus 7 . "
                        "Suzhou Lianghe supplies the Nimbus 7 's battery .")
    ents = DocEntities()
    brand = ents.new_cluster("company")
    ents.add_span(brand, 0, 1, "Pagimar")
    longer = ents.new_cluster("product")
    ents.add_span(longer, 3, 6, "Pagimar Nimbus 7")
    ents.clusters[longer].brand = brand
    short = ents.new_cluster("product")
    ents.add_span(short, 12, 14, "Nimbus 7")
    assert _makers_of(Reading(doc, ents, load_lexicon()), doc[12]) == [brand]


@pytest.mark.parametrize(("sentence", "maker", "part"), [
    ("Each bud holds a 62mAh lithium-ion coin cell made by Kyodan Micro Energy Corp., the "
     "Osaka-based specialist.", "Kyodan Micro Energy Corp.", "lithium-ion coin cell"),
    ("The six MEMS microphones all carry the logo of Aurelia Acoustics, a Danish maker.",
     "Aurelia Acoustics", "MEMS microphones"),
])
def test_a_teardown_reads_parts_held_or_marked_with_their_maker(extract_text, sentence, maker, part):
    result = extract_text(
        "Inside the Sonnoro Arc Buds 3\n\n"
        "We took apart the Sonnoro Pte. Ltd. Arc Buds 3 earbuds. Sonnoro sells them for $149. "
        + sentence)
    found = {(f["supplier"], f["customer"], f["component"]) for f in facts(result, "supplies")}
    assert (maker, "Sonnoro Pte. Ltd.", part) in found


def test_a_shell_held_on_by_screws_names_no_screw_supplier(extract_text):
    result = extract_text(
        "Inside the Pagimar Nimbus 7\n\n"
        "We took apart the Pagimar Ltd. Nimbus 7 tablet. Pagimar sells it for $299. The rear "
        "shell is held on by six T5 Torx screws hidden under a rubber strip.")
    assert not supplies(result)


def test_every_model_between_a_possessive_and_its_noun_is_the_possessor_s(extract_text):
    result = extract_text(
        "Robot maker's switch\n\n"
        "Brennwald Robotik GmbH builds cobots. The switch covers the company's best-selling "
        "CR-7 and CR-12 cobots, which together accounted for most of its sales.")
    products = {f["product"] for f in facts(result, "makes") if f["company"] == "Brennwald Robotik GmbH"}
    assert {"CR-7", "CR-12"} <= products


def test_a_line_between_a_brand_and_a_word_for_a_line_is_a_product(extract_text):
    result = extract_text(
        "Appliance maker's ranges\n\n"
        "Fjordby Home AB, based in Gothenburg, sells two ranges: the Fjordby Aria line of "
        "dishwashers, and the Fjordby Nimbus line of dryers. Its new Aria W7 goes on sale in May.")
    assert entity_types(result).get("Aria") != "place"
    assert any(f["company"] == "Fjordby Home AB" and f["product"].endswith("Aria")
               for f in facts(result, "makes"))
