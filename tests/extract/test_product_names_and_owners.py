"""Products named only by the words around them ("the Voyance minivan", "the maker of
Fizzwell sparkling water", "its best-known products are ..."), who a person named beside a
job is, and businesses owned under a name ("owns the Paxton Outdoor chain"). All companies
are invented."""

from __future__ import annotations


def makes(result: dict) -> set[tuple[str, str]]:
    return {(f["company"], f["product"]) for f in result["facts"] if f["type"] == "makes"}


def typed(result: dict, name: str) -> str | None:
    return next((e["type"] for e in result["entities"] if e["name"] == name), None)


def test_a_name_before_a_kind_of_vehicle_is_a_product(extract_text):
    found = extract_text("Redfield Motor Co. builds the Voyance minivan at its plant in Ohio.")
    assert typed(found, "Voyance") == "product"
    assert ("Redfield Motor Co.", "Voyance") in makes(found)


def test_a_name_tagged_a_place_before_a_kind_of_product_is_a_product(extract_text):
    found = extract_text(
        "Anselmi Veicoli said it had enough crankshafts in stock to keep building its Strada"
        " long-haul tractor for about two weeks.")
    assert typed(found, "Strada") == "product"


def test_acronyms_before_a_part_are_kinds_not_products(extract_text):
    found = extract_text(
        "Lumenshire Display said it had stopped buying LED driver chips from Solvang"
        " Microelectronics and now buys its OLED panels from Daebong Display.")
    assert not {p for _, p in makes(found) if p in ("LED", "OLED")}


def test_a_production_line_is_no_product(extract_text):
    found = extract_text("Kessler Antriebe will build the motors on the new Zogno line from March.")
    assert typed(found, "Zogno") != "product"


def test_what_the_maker_of_names_is_its_product(extract_text):
    found = extract_text(
        "Riverbend Beverage Co., the maker of Fizzwell sparkling water, had bought roughly 40%"
        " of the cans produced in Findlay since 2016.")
    assert typed(found, "Fizzwell") == "product"
    assert ("Riverbend Beverage Co.", "Fizzwell") in makes(found)


def test_a_company_s_products_listed_after_be_or_include(extract_text):
    for verb in ("are", "include"):
        found = extract_text(
            "Brattland Marine Power AS builds marine engines in Norway. Its best-known products"
            f" {verb} the NV-16 and the larger NV-20.")
        assert {("Brattland Marine Power AS", "NV-16"), ("Brattland Marine Power AS", "NV-20")} \
            <= makes(found), verb


def test_its_largest_customer_is_no_product_group(extract_text):
    found = extract_text(
        "Brattland Marine Power AS builds marine engines. Its largest customer is Oslo Ferjer AS.")
    assert not makes(found) & {("Brattland Marine Power AS", "Oslo Ferjer AS")}


def test_a_person_described_by_a_job_is_no_company(extract_text):
    found = extract_text(
        "Seaburn Marine Power recalled 12,400 outboard engines. \"It is a serious defect,\" said"
        " Kelsey Amundsen-Reyes, a boating industry analyst at Saltmarsh Research. It is"
        " Seaburn's first major recall since 2019, when it recalled about 3,000 engines.")
    assert typed(found, "Kelsey Amundsen-Reyes") == "person"
    assert {f["company"] for f in found["facts"] if f["type"] == "recall"} == {"Seaburn Marine Power"}


def test_a_business_owned_under_its_name(extract_text):
    found = extract_text(
        "Harcourt Retail Holdings said profits rose. Harcourt, which also owns the Brookvale Home"
        " chain, runs 400 stores.")
    assert ("Harcourt Retail Holdings", "Brookvale Home") in {
        (f["parent"], f["child"]) for f in found["facts"] if f["type"] == "owns"}


def test_a_line_word_of_numbered_models_keeps_its_models(extract_text):
    found = extract_text(
        "Velmora sold the Velmora PowerSlab 10000 and the PowerSlab III last year. Its PowerSlab"
        " power banks are popular with students.")
    assert typed(found, "PowerSlab") != "product"
    assert any("10000" in product for _, product in makes(found))


def test_an_earlier_recall_by_the_same_company_is_a_recall_of_its_own(extract_text):
    found = extract_text(
        "Puddlecote Toys Ltd. is recalling 52,000 Dabble Duck bath toys because mould can grow"
        " inside them, the company said on Monday. In 2023 Puddlecote recalled about 38,000"
        " Otterly squeeze toys in the UK after similar reports.")
    recalls = {(f["units"], tuple(f["products"])) for f in found["facts"] if f["type"] == "recall"}
    assert (52000, ("Dabble Duck bath toys",)) in recalls
    assert (38000, ("Otterly squeeze toys",)) in recalls


def test_counts_of_one_recall_by_country_stay_one_recall(extract_text):
    found = extract_text(
        "Hearthly Home Appliances Ltd is recalling about 64,000 Crisp Duo air fryers because the"
        " heating element can work loose. About 58,000 of the fryers were sold in the United"
        " States and 6,000 in Canada.")
    assert len([f for f in found["facts"] if f["type"] == "recall"]) == 1


def test_cooperating_with_an_inquiry_is_no_partnership(extract_text):
    def partners(text: str) -> list[dict]:
        return [f for f in extract_text(text)["facts"] if f["type"] == "partnership"]

    assert not partners("Tenglong Electric Co., Ltd. said it was cooperating with Sunmeridian"
                        " Energy LLC and regulators, and that the defect was confined to one line.")
    assert partners("Tenglong Electric Co., Ltd. will cooperate with Sunmeridian Energy LLC on a"
                    " new range of inverters.")


def test_what_is_said_to_be_a_joint_venture_is_a_company_its_partners_own(extract_text):
    found = extract_text(
        "Montague Quay is a joint venture between property investor Aldgate Crown Estates and"
        " Pennine Mutual Pension Fund, each of which holds half of the company.")
    assert typed(found, "Montague Quay") == "company"
    assert {("Aldgate Crown Estates", "Montague Quay"), ("Pennine Mutual Pension Fund", "Montague Quay")} \
        <= {(f["parent"], f["child"]) for f in found["facts"] if f["type"] == "owns"}
