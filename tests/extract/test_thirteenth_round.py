"""Phrasings read in the thirteenth extraction round. All companies are invented; places
are real."""

from __future__ import annotations

import pytest

from supplywatch.extract.lexicon import load_lexicon
from supplywatch.extract.mentions import context_votes


def facts(result: dict, type_: str) -> list[dict]:
    return [f for f in result["facts"] if f["type"] == type_]


def supplies(result: dict) -> set[tuple[str, str]]:
    return {(f["supplier"], f["customer"]) for f in facts(result, "supplies")}


def owns(result: dict) -> dict[tuple[str, str], float | None]:
    return {(f["parent"], f["child"]): f["share"] for f in facts(result, "owns")}


def _votes_for(extractor, text: str, name: str):
    doc = extractor.nlp(text)
    start = next(t.i for t in doc if t.text == name.split()[0])
    return context_votes(doc, start, start + len(name.split()), load_lexicon())


@pytest.mark.parametrize(("text", "name"), [
    ("The company employs 640 people at a factory in the Franconian town of Coburg.", "Coburg"),
    ("Its fillers are shipped from the port of Gdansk every week.", "Gdansk"),
    ("Kinderhaus said it would press ahead with an expansion of its Coburg plant.", "Coburg"),
    ("Kinderhaus Spielwaren GmbH's Coburg factory employs 640 people.", "Coburg"),
], ids=["town-of", "port-of", "its-plant", "owner-s-factory"])
def test_a_name_written_as_where_a_site_is_votes_place(extractor, text, name):
    votes = _votes_for(extractor, text, name)
    assert votes["place"] >= 3 and votes["place"] > votes["company"] + votes["product"]


def test_a_company_before_a_site_without_an_owner_is_not_a_place(extractor):
    # "the Tessaro plant": no owner named before it, so the name may be the owner
    votes = _votes_for(extractor, "Workers at the Tessaro plant walked out on Monday.", "Tessaro")
    assert votes["place"] == 0


def test_a_town_of_name_is_listed_as_a_place(extract_text):
    result = extract_text(
        "Toymaker expands\n\n"
        "Brevik Toys GmbH will expand its main plant next year. The company also employs 300 "
        "people at a second factory in the Franconian town of Dinkelsbuehl, where "
        "Dinkelsbuehl officials welcomed the plan.")
    types = {e["name"]: e["type"] for e in result["entities"]}
    assert types.get("Dinkelsbuehl") == "place"


def test_a_place_in_a_description_finds_its_company_however_far_back(extract_text):
    # the description's company was named paragraphs before; another company is the subject
    # of the sentences in between
    filler = ("Oyamada is best known for compressors used in Japanese room air conditioners, "
              "but it has been pushing into European heating for several years. It already "
              "supplies Swedish boiler maker Fjallstad AB, and it opened a sales office in "
              "Dusseldorf last year to serve installers and distributors across Germany. ")
    result = extract_text(
        "Heat pump maker adds compressor source\n\n"
        "Marnevaux SA, the Lyon-based heating and ventilation group, has agreed to buy scroll "
        "compressors from Japan's Oyamada Industries Co., Ltd., adding a second supplier.\n\n"
        + filler * 2 + "\n\nThe Lyon-based group has spent the past three years building out "
        "its range through acquisitions. It completed the purchase of Danish ventilation "
        "specialist Kraghede A/S in 2023.")
    assert owns(result) == {("Marnevaux SA", "Kraghede A/S"): None}


def test_buying_shares_from_a_company_is_no_supply(extract_text):
    result = extract_text(
        "Hydraulics deal closes\n\n"
        "Brunnvik Industri AB bought 60% of Tallberg Hydraulics Oy in 2021. This year Brunnvik "
        "bought the other shares from the founding Tallberg family and from Sagami Seiki KK, a "
        "Japanese machine tool maker.")
    assert not facts(result, "supplies")


def makes(result: dict) -> set[tuple[str, str]]:
    return {(f["company"], f["product"]) for f in facts(result, "makes")}


@pytest.mark.parametrize(("text", "name", "model"), [
    ("the order covered eleven lines, each built around its VFS 4400 machine.", "VFS", True),
    ("Hohenfried will supply its HDB 22 air disc brake.", "HDB", True),
    ("The list price starts at around EUR 690,000 for the base model.", "EUR", False),
    ("The pack meets UL 2272 for hoverboards.", "UL", False),
    ("Write to the agency at Bethesda, MD 20814 for a copy.", "MD", False),
    ("The tablets come as Metvexa ER 500 mg and 750 mg.", "ER", False),
    ("The shares beat the benchmark CSI 300 index on Thursday.", "CSI", False),
    ("Deliveries start at CES 2026 in Las Vegas.", "CES", False),
], ids=["machine", "brake", "money", "standard", "postcode", "dose", "index", "year"])
def test_capitals_spaced_from_a_number_are_a_model_only_where_nothing_else_fits(
        extractor, text, name, model):
    from supplywatch.extract.mentions import spaced_model_at
    doc = extractor.nlp.make_doc(text)
    at = next(t.i for t in doc if t.text == name)
    assert spaced_model_at(doc, at) is model


def test_a_line_named_after_a_possessive_is_the_possessor_s_not_a_company(extract_text):
    result = extract_text(
        "Combine gets new guidance\n\n"
        "German harvester maker Dornhagen Landtechnik GmbH will fit satellite receivers from "
        "Agriwell Inc. to its new TX 860 combine, the companies said on Wednesday. Under the "
        "agreement, Agriwell will supply its NavCore R12 receiver for every TX 860 built from "
        "March 2026. In June Agriwell signed a contract to supply NavCore receivers to India's "
        "Sarathi Tractors Ltd.")
    types = {e["name"]: e["type"] for e in result["entities"]}
    assert types.get("NavCore") != "company"
    assert ("Dornhagen Landtechnik GmbH", "TX 860") in makes(result)
    assert ("Agriwell Inc.", "NavCore R12") in makes(result)
    assert not any(c in ("TX", "NavCore") for c, _ in makes(result))


@pytest.mark.parametrize(("text", "pair"), [
    ("Gruppo Ferrante S.p.A. buys proportional valves for its FX-series injection moulding "
     "machines, including the best-selling FX 450 press.", ("Gruppo Ferrante S.p.A.", "FX 450")),
    ("Pellucor Wearables AB said its second-generation ring, the Halo 2, will go on sale in "
     "May.", ("Pellucor Wearables AB", "Halo 2")),
], ids=["including", "appositive"])
def test_a_product_named_as_one_of_a_company_s_products_is_its_own(extract_text, text, pair):
    assert pair in makes(extract_text("Industry news\n\n" + text))


def test_a_programme_named_beside_a_possessive_is_no_product(extract_text):
    result = extract_text(
        "Biosimilar supply\n\n"
        "Montrose Biologics, Inc. signed a supply agreement with Steriva AG. Its lead program, "
        "MB-201, is a proposed biosimilar to insulin glargine.")
    assert not any(p == "MB-201" for _, p in makes(result))


def test_a_subsidiary_s_country_in_brackets_is_part_of_its_name(extract_text):
    result = extract_text(
        "Earbud assembly\n\n"
        "The earbuds are assembled at a plant run by HPV Electronics (Vietnam) Co., a Hsinrong "
        "Precision Industry Co., Ltd. subsidiary that opened in 2023.")
    assert owns(result) == {
        ("Hsinrong Precision Industry Co., Ltd.", "HPV Electronics (Vietnam) Co."): None}


def test_a_teardown_s_parts_go_to_the_product_s_maker_not_the_lab(extract_text):
    result = extract_text(
        "Inside the Norvik Pulse 7 Pro\n\n"
        "Repair and analysis firm Fixwell Labs has taken apart the Norvik Pulse 7 Pro, the "
        "flagship that Norvik Technology Co., Ltd. launched in China last month. Fixwell Labs "
        "said the phone was easy to open. Fixwell Labs also said the battery was glued in. "
        "Elsewhere in the handset, the 6.8-inch OLED panel is made by Jingrui Display Co., "
        "Ltd., according to the teardown. Using a Japanese sensor next to a US processor is "
        "unusual, Fixwell Labs said.")
    assert supplies(result) == {("Jingrui Display Co., Ltd.", "Norvik Technology Co., Ltd.")}


def test_a_terminated_acquisition_is_no_ownership(extract_text):
    result = extract_text(
        "Deal collapses\n\n"
        "Kesterton Medical Inc. has terminated its agreed $1.1 billion acquisition of Swedish "
        "catheter maker Vallund Vascular AB, ending a deal stuck for nine months.")
    assert not facts(result, "owns")


def test_a_house_s_surname_is_its_short_form(extract_text):
    result = extract_text(
        "Skincare brand changes supplier\n\n"
        "Paris-based skincare brand Maison Ardelle has moved its airless bottles to Albaro "
        "Packaging S.p.A. Ardelle said the new bottles are easier to recycle. Ardelle sells the "
        "serum in 30 countries. The brand's glass jars continue to come from Verrerie Dumontel "
        "S.A.S.")
    assert ("Verrerie Dumontel S.A.S.", "Maison Ardelle") in supplies(result)
    assert not any(e["type"] == "person" and e["name"] == "Ardelle" for e in result["entities"])


def test_letters_of_a_numbered_model_name_its_line_not_a_company(extract_text):
    result = extract_text(
        "Packaging machines\n\n"
        "Brennfeld Verpackungstechnik GmbH said the order covers eleven lines built around its "
        "VFS 4400 machine. The servo drives on the VFS series come from Ostrau Drives a.s., a "
        "Czech company.")
    assert not any(c == "VFS" for _, c in supplies(result))
    assert not any(e["type"] == "company" and e["name"] == "VFS" for e in result["entities"])


def test_every_model_named_before_the_made_noun_is_made(extract_text):
    result = extract_text(
        "Pump maker\n\n"
        "Kesterton Medical Inc. makes the Veyra 400 and Veyra 600 ambulatory infusion pumps, "
        "which accounted for 45% of its revenue last year.")
    assert {("Kesterton Medical Inc.", "Veyra 400"), ("Kesterton Medical Inc.", "Veyra 600")} \
        <= makes(result)


def test_building_another_company_s_products_is_no_making(extract_text):
    result = extract_text(
        "Contract manufacturer\n\n"
        "Hsinmei Precision Co., Ltd. also builds Nuvaro's Drift laptops at its factory in "
        "Kunshan. It has also assembled the Tellmark Slate 13 notebook for Tellmark Computing "
        "since 2022.")
    assert not any(c == "Hsinmei Precision Co., Ltd." for c, _ in makes(result))


def test_a_model_beside_its_maker_s_possessive_is_no_company(extract_text):
    result = extract_text(
        "Radar modules\n\n"
        "Mirova Electronics Co. supplies MRM-5 modules to Taesan Motor Co. for the Aster 7, the "
        "Korean automaker's new three-row electric SUV.")
    assert ("Mirova Electronics Co.", "Taesan Motor Co.") in supplies(result)
    assert not any(c == "Aster 7" for _, c in supplies(result))


@pytest.mark.parametrize("part", ["calipers", "turbochargers", "bogies", "injectors"])
def test_common_parts_are_read_as_parts(extract_text, part):
    result = extract_text(
        "Inside the Cordal E\n\n"
        "Vehiculos Quetzal S.A. de C.V. builds the Cordal E in Puebla. We took one apart. "
        f"Vehiculos Quetzal says the car is 90% Mexican. The {part} come from Frenos Anzures "
        "S.A. de C.V., a specialist based in Toluca.")
    assert ("Frenos Anzures S.A. de C.V.", "Vehiculos Quetzal S.A. de C.V.") in supplies(result)


def test_a_name_after_a_company_noun_is_a_company_the_model_missed(extract_text):
    result = extract_text(
        "Tool group\n\n"
        "Grayfield has been owned since 2017 by Corvell Industrial Group, a Cleveland-based "
        "conglomerate that also owns saw-blade maker Borderline.")
    assert ("Corvell Industrial Group", "Borderline") in owns(result)


def test_a_line_and_a_small_number_tagged_an_organisation_is_no_customer(extract_text):
    result = extract_text(
        "Earbud supply\n\n"
        "Nuvaro launched the Halo 4 Pro in May. Kyongra Energy supplies the battery cells for "
        "the Halo 4 Pro, both in the buds and in the case. Before launch, analysts at "
        "Lanternfield Insight had said that Gwangri Cell would supply the Halo 4 Pro's cells.")
    assert ("Kyongra Energy", "Nuvaro") in supplies(result)
    assert not any(c == "Halo 4 Pro" for _, c in supplies(result))


def test_a_subsidiary_named_after_its_parent_belongs_to_it(extract_text):
    result = extract_text(
        "Fab venture\n\n"
        "Hsinwell Semiconductor Manufacturing Co. and Kaorin Display Corp. will build a fab in "
        "Kumamoto. Kaorin will own 60% of the venture. Its Japanese subsidiary, Hsinwell Japan "
        "K.K., will second about 150 engineers to the venture.")
    assert ("Hsinwell Semiconductor Manufacturing Co.", "Hsinwell Japan K.K.") in owns(result)
    assert ("Kaorin Display Corp.", "Hsinwell Japan K.K.") not in owns(result)


def test_a_joint_development_agreement_with_a_company_is_a_partnership(extract_text):
    result = extract_text(
        "Filler design\n\n"
        "Pemberly Fill Systems Inc. announced a joint development agreement with Swedish carton "
        "maker Nordcart AB to design a filler for paper-based bottles.")
    assert {frozenset(f["parties"]) for f in facts(result, "partnership")} == {
        frozenset({"Pemberly Fill Systems Inc.", "Nordcart AB"})}


def test_a_company_s_committee_deciding_a_recall_is_not_the_recaller(extract_text):
    result = extract_text(
        "Chronology\n\n"
        "On April 25, 2024, Brennfield Motor Company's Field Quality Committee reviewed the "
        "findings and decided to conduct a voluntary safety recall of Marlin vans.")
    assert {f["company"] for f in facts(result, "recall")} <= {"Brennfield Motor Company"}


def test_dropping_a_named_supplier_keeps_the_direction(extract_text):
    result = extract_text(
        "Orvelle drops Ningbo supplier, moves serum pumps to German firm Albrecht\n\n"
        "French skincare brand Orvelle has moved its airless pump bottles from China to Germany, "
        "ending a relationship with Ningbo Jiahe Packaging Co., Ltd. that went back seven years.")
    assert ("Ningbo Jiahe Packaging Co., Ltd.", "Orvelle") in supplies(result)
    assert ("Orvelle", "Ningbo Jiahe Packaging Co., Ltd.") not in supplies(result)


@pytest.mark.parametrize(("text", "pair"), [
    # parts placed in a company's product
    ("Vallund Vascular AB already supplies the guide catheters packaged in Kesterton Medical "
     "Inc.'s CardiaPath procedure kits, under a contract signed in 2022.",
     ("Vallund Vascular AB", "Kesterton Medical Inc.")),
    ("Metal detectors and checkweighers from Sentara Inspection Ltd. of Leeds are integrated "
     "into Brennfeld GmbH's cereal lines.", ("Sentara Inspection Ltd.", "Brennfeld GmbH")),
    # making a company's parts
    ("The CV7720 is fabricated by Singapore's Sengwa Wafer Services Pte. Ltd., which has made "
     "all of Veridane Semiconductor Inc.'s radar chips since 2019.",
     ("Sengwa Wafer Services Pte. Ltd.", "Veridane Semiconductor Inc.")),
], ids=["packaged-in", "integrated-into", "made-all-of-its-chips"])
def test_parts_that_go_to_a_company_are_supplied_to_it(extract_text, text, pair):
    assert pair in supplies(extract_text("Industry news\n\n" + text))
