"""What a code or a name is when it is not a product of its own: a notice's or a batch's
number, a reporting period, a product line written as "the Tundra", two models read as one
name. And subsidiaries listed or left with their parent unsaid. All companies are invented."""

from __future__ import annotations

import pytest

from supplywatch.extract.mentions import split_listed_models


@pytest.fixture
def nlp_doc(extractor):
    return extractor.nlp.make_doc


def products_named(result: dict) -> set[str]:
    names: set[str] = set()
    for fact in result["facts"]:
        if fact["type"] == "makes":
            names.add(fact["product"])
        if fact["type"] == "recall":
            names.update(fact.get("products") or [])
    return names


def makers(result: dict) -> set[str]:
    return {f["company"] for f in result["facts"] if f["type"] == "makes"}


def owns(result: dict) -> set[tuple[str, str]]:
    return {(f["parent"], f["child"]) for f in result["facts"] if f["type"] == "owns"}


def test_a_recall_s_own_number_is_no_product(extract_text):
    found = extract_text(
        "Ostrava Truck Company is recalling 4,100 Ostrava T4 trucks because the driver air bag"
        " may not deploy. Dealers will replace the air bag module free of charge. Owners may"
        " contact Ostrava customer service at 1-800-555-0100. Ostrava's number for this recall"
        " is RC-2507.")
    assert not {p for p in products_named(found) if "RC-2507" in p}
    assert "Ostrava T4" in products_named(found) or "T4" in " ".join(products_named(found))


def test_serial_numbers_are_no_products(extract_text):
    found = extract_text(
        "Medlowe Surgical Inc. is recalling its Lumo LP-300 volumetric infusion pumps, serial"
        " numbers 30A00001 to 30F14999, because a pressure sensor can drift.")
    named = " ".join(products_named(found))
    assert "LP-300" in named
    assert "30A00001" not in named and "30F14999" not in named


def test_model_numbers_after_model_stay_products(extract_text):
    found = extract_text(
        "Bramwick Cycles LLC is recalling about 18,400 Ridgeway electric mountain bikes, model"
        " numbers RW7-23 and RW9-24, because the fork can crack.")
    named = " ".join(products_named(found))
    assert "RW7-23" in named or "Ridgeway" in named


def test_a_fiscal_year_is_no_product(extract_text):
    found = extract_text(
        "Tessavane Microsystems Inc. makes power chips for phones. We cut our FY26 revenue"
        " estimate for Tessavane by 6% and now see CY26 earnings of $3.50 a share.")
    assert not {p for p in products_named(found) if p.startswith(("FY26", "CY26"))}


def test_a_line_written_as_the_line_is_no_company(extract_text):
    found = extract_text(
        "Harlowe Agritech AG reported a 14 per cent rise in operating profit on Thursday, helped"
        " by strong demand for its mid-range Brava 7 series tractors. The group sold 18,400"
        " tractors, of which more than 7,000 were Brava 7 models. \"Farmers are replacing old"
        " machines, and the Brava sits exactly where the money is,\" the chief executive said."
        " The smaller Brava 5 series sold 4,900 units.")
    assert "Brava" not in makers(found)
    assert any(f["company"] == "Harlowe Agritech AG" and f["product"].startswith("Brava 7")
               for f in found["facts"] if f["type"] == "makes")


def test_two_numbered_models_read_as_one_name_are_two(nlp_doc):
    doc = nlp_doc("Slate 14 and Slate 16")
    assert split_listed_models(doc, 0, len(doc)) == [(0, 2), (3, 5)]
    doc = nlp_doc("Sweep X5, Sweep X7")
    assert split_listed_models(doc, 0, len(doc)) == [(0, 2), (3, 5)]


def test_a_name_with_and_but_no_numbers_stays_whole(nlp_doc):
    for text in ("Tools and Hardware", "Bluetooth and Wi-Fi", "Marlow & Finch Hollis 4"):
        doc = nlp_doc(text)
        assert split_listed_models(doc, 0, len(doc)) == [(0, len(doc))], text


def test_listed_subsidiaries_are_owned(extract_text):
    found = extract_text(
        "Quennell Robotics, Inc. designs and builds collaborative robots. Quennell's"
        " subsidiaries include Quennell Robotics Europe B.V. in Eindhoven and Quennell"
        " Automation Mexico S.A. de C.V.")
    children = {child for _, child in owns(found)}
    assert {"Quennell Robotics Europe B.V.", "Quennell Automation Mexico S.A. de C.V."} <= children


def test_a_subsidiary_whose_parent_is_unsaid_is_its_namesake_s(extract_text):
    found = extract_text(
        "Sarovan Lifesciences Pvt. Ltd. won a three-year contract to make 250 million tablets for"
        " Zawena Pharmaceuticals Ltd. The tablets will be made by Sarovan Formulations Pvt. Ltd.,"
        " a wholly owned subsidiary that runs the company's finished-dosage unit.")
    assert ("Sarovan Lifesciences Pvt. Ltd.", "Sarovan Formulations Pvt. Ltd.") in owns(found)


def makes(result: dict) -> set[tuple[str, str]]:
    return {(f["company"], f["product"]) for f in result["facts"] if f["type"] == "makes"}


def test_its_in_a_relative_clause_is_the_clause_s_company(extract_text):
    found = makes(extract_text(
        "Kestrel Power sells motors to Orvane Cycles AB, which fits them to its Strada 7 e-bike."))
    assert any(company == "Orvane Cycles AB" and product.startswith("Strada 7")
               for company, product in found)
    assert not any(company == "Kestrel Power" and "Strada" in product for company, product in found)


def test_a_kind_made_by_a_company_describes_the_name_before_it(extract_text):
    found = makes(extract_text(
        "Amakusa Denshi will build battery boards for the Kazane 2. The Kazane 2, the electric"
        " minicar made by Tsukumo Motor Corporation, goes on sale in May."))
    assert ("Tsukumo Motor Corporation", "Kazane 2") in found


def test_a_company_s_kind_in_apposition_to_a_model_is_its_model(extract_text):
    found = makes(extract_text(
        "Halvik Foils will supply blister packs to Elsmere Pharmaceuticals plc. The packs will"
        " hold the DX400, Elsmere's best-selling painkiller tablet."))
    assert ("Elsmere Pharmaceuticals plc", "DX400") in found


def test_a_model_s_plural_names_the_model(extract_text):
    found = extract_text(
        "Kisaragi Fasteners will supply titanium lockbolts to Valdren Aerospace SE. Valdren has"
        " said it wants to build eight VA-220s a month by 2027.")
    names = {e["name"] for e in found["entities"]}
    assert "VA-220" in names and "VA-220s" not in names


def partners(result: dict) -> list[set[str]]:
    return [set(f["parties"]) for f in result["facts"] if f["type"] == "partnership"]


def test_the_two_companies_are_the_last_two_named(extract_text):
    found = partners(extract_text(
        "Korvane Aerosystems plc has signed a supply contract with Mitsuoka Heavy Industries for"
        " titanium forgings. Beyond the supply contract, the two companies said they would"
        " jointly develop a near-net-shape forging process."))
    assert {"Korvane Aerosystems plc", "Mitsuoka Heavy Industries"} in found


def test_the_two_companies_are_the_subjects_before_a_third_named(extract_text):
    found = partners(extract_text(
        "Ostrava Rail Systems will supply 40 trains to Caledon Railways. Kaimon Electric"
        " Corporation will provide the traction motors for the trains. On Friday the two"
        " companies also said they would jointly develop a battery-hybrid traction system."))
    assert {"Ostrava Rail Systems", "Kaimon Electric Corporation"} in found
    assert not any("Caledon Railways" in parties for parties in found)


def test_a_word_and_a_number_after_the_is_a_model(extract_text):
    found = makes(extract_text(
        "Tongwei Energy will deliver cells to Marlen Charge Inc. from July. The first shipments"
        " are earmarked for the Aster 5, Marlen's best-selling power bank."))
    assert ("Marlen Charge Inc.", "Aster 5") in found


def test_a_numbered_generic_word_is_no_model(extract_text):
    found = extract_text(
        "Corvella Pharma Inc. said the Phase 3 trial of its drug ended early. Its shares joined"
        " the FTSE 100 in May, and the Class 8 truck market slowed.")
    names = {e["name"] for e in found["entities"]}
    assert not names & {"Phase 3", "FTSE 100", "Class 8"}
