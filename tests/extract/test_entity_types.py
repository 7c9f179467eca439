"""One type per name: places in addresses and rankings, a person's surname, words for kinds
of product. All companies and people are invented."""

from __future__ import annotations


def types(result: dict) -> dict[str, str]:
    return {e["name"]: e["type"] for e in result["entities"]}


def test_the_state_of_an_address_is_a_place(extract_text):
    result = extract_text(
        "Cribs Recalled Due to Fall Hazard\n\n"
        "Importer(s): Harlow & Pike Inc., of Grand Rapids, Michigan, a subsidiary of Tillwood "
        "Home Group\n\nHarlow & Pike Inc. recalled 52,000 cribs sold at furniture stores.")
    assert types(result).get("Michigan") != "company"
    owns = {(f["parent"], f["child"]) for f in result["facts"] if f["type"] == "owns"}
    assert not {o for o in owns if "Michigan" in o}


def test_the_place_a_company_ranks_in_is_no_company(extract_text):
    result = extract_text(
        "Notes from the week.\n\nHsinlo Semiconductor Co. will build a fab in Kumamoto. The "
        "chipmaker, Taiwan's third-largest contract manufacturer by revenue, has been expanding "
        "outside the island.")
    assert types(result).get("Taiwan") != "company"


def test_a_surname_the_document_gives_a_person_is_that_person(extract_text):
    result = extract_text(
        "Notes from the week.\n\nBrannock Gadgets Pvt. Ltd. makes power banks. \"Quality comes "
        "first,\" chief executive Anirban Talukdar said in an interview. Talukdar declined to put "
        "a cost on the change.\n\nThe power banks are put together by Sunfield Precision "
        "Electronics Ltd., its current manufacturer.")
    assert types(result).get("Talukdar", "person") == "person"
    found = {(f["supplier"], f["customer"]) for f in result["facts"] if f["type"] == "supplies"}
    assert found == {("Sunfield Precision Electronics Ltd.", "Brannock Gadgets Pvt. Ltd.")}


def test_a_company_named_after_a_family_keeps_its_name(extract_text):
    result = extract_text(
        "Notes from the week.\n\nItalian groupset maker Morandi Trasmissioni S.p.A. won the "
        "Kuyper contract. \"Kuyper is a brand dealers trust,\" chief executive Marco Morandi "
        "said. Morandi will build the groupsets in Vicenza.")
    assert types(result).get("Morandi", "company") == "company"


# A carmaker's model named by one word the base model reads as a person's first name
EDITIONS = (
    "Business news\n\nOstrel Automobil AG will build the second-generation Marta at its Ulm "
    "plant from September. The front seats for the new Marta will come from Lindby Seating AB. "
    "Karsten Interiors supplied the seats for the first-generation Marta from 2015. The previous "
    "Marta sold 90,000 units a year.")


def test_a_one_word_model_named_by_its_edition_is_a_product(extract_text):
    result = extract_text(EDITIONS)
    assert types(result).get("Marta") == "product"
    assert ("Ostrel Automobil AG", "Marta") in {
        (f["company"], f["product"]) for f in result["facts"] if f["type"] == "makes"}



def test_a_name_that_makes_things_in_a_relative_clause_is_a_company(extract_text):
    result = extract_text(
        "Business news\n\nCorvessa's other operating units include Stellmark Ortho, which makes "
        "the Keelan knee system, and a respiratory-care business in Ireland.")
    assert types(result).get("Stellmark Ortho") == "company"
    assert ("Corvessa", "Stellmark Ortho") in {
        (f["parent"], f["child"]) for f in result["facts"] if f["type"] == "owns"}


def test_the_town_a_company_is_in_stays_a_place_before_its_relative_clause(extract_text):
    result = extract_text(
        "Business news\n\nThe pumps come from Corvetto Plastiche S.p.A. of Bergamo, which "
        "supplies airless dispensers to perfume houses.")
    assert types(result).get("Bergamo") != "company"
