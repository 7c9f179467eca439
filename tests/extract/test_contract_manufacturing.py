"""Contract manufacturing: a company that assembles or builds another company's products
supplies that company, whether the sentence names it, its product or the role."""

from __future__ import annotations

import pytest

HEADLINE = "Notes from the week.\n\n"


def supplies(result: dict) -> set[tuple[str, str]]:
    return {(f["supplier"], f["customer"]) for f in result["facts"] if f["type"] == "supplies"}


def makes(result: dict) -> set[tuple[str, str]]:
    return {(f["company"], f["product"]) for f in result["facts"] if f["type"] == "makes"}


@pytest.mark.parametrize("text", [
    "Darvel Electronics will begin assembling smartphones for Orrin Telecom at its plant in"
    " September.",
    "Darvel Electronics already assembles feature phones and entry-level smartphones for Orrin"
    " Telecom, the Delhi-based brand.",
])
def test_a_company_assembling_products_for_another_supplies_it(extract_text, text):
    assert ("Darvel Electronics", "Orrin Telecom") in supplies(extract_text(HEADLINE + text))


def test_assembling_another_companys_named_product_supplies_that_company(extract_text):
    result = extract_text(HEADLINE + "Lyric Wearables AB launched the LW-200 smart ring in March. Under"
                          " an agreement signed in May, Tanjung Elektronik Sdn. Bhd. will assemble"
                          " and test the LW-200 at its plant in Penang.")
    assert ("Tanjung Elektronik Sdn. Bhd.", "Lyric Wearables AB") in supplies(result)
    assert not any(c.startswith("Tanjung") for c, _ in makes(result)), \
        "the assembler does not make the brand's product"


def test_building_phones_for_a_market_names_no_customer(extract_text):
    result = extract_text(HEADLINE + "Darvel Electronics builds phones for the Indian market.")
    assert not supplies(result)


def test_the_manufacturing_partner_named_after_a_comma_supplies_the_brand(extract_text):
    result = extract_text(HEADLINE + "Orrin Telecom said it would keep its manufacturing partner,"
                          " Zhuhai Kestrel Smart Manufacturing, which has built its phones since"
                          " 2021.")
    assert any(s.endswith("Kestrel Smart Manufacturing") and c == "Orrin Telecom"
               for s, c in supplies(result)), supplies(result)
