"""Sentences a byline no longer cuts in two, denials that cover only what they name, who
the customer is when a part is made by one company and used by another, and sales of a
business that are no supply. All companies are invented."""

from __future__ import annotations


def supplies(result: dict) -> set[tuple[str, str]]:
    return {(f["supplier"], f["customer"]) for f in result["facts"] if f["type"] == "supplies"}


def makes(result: dict) -> set[tuple[str, str]]:
    return {(f["company"], f["product"]) for f in result["facts"] if f["type"] == "makes"}


def test_no_sentence_starts_right_after_a_word_on_the_same_line(extractor):
    # the parser cut bylines at "|" and, after one, a company's name from its verb
    # ("Dunmore | Rolling Stock has started ..."), losing the name and the story's facts
    text = ("Harwick's Osprey regional units begin testing\n\n"
            "By Ellen Marsh | 18 March 2025\n\n"
            "Harwick Rolling Stock has started dynamic testing of the first Osprey"
            " battery-electric regional train at a test centre in Bavaria. It said the first"
            " units would follow in 2026.")
    doc = extractor.nlp(text)
    starts = [s.start for s in doc.sents]
    for i in starts[1:]:
        before = doc[i - 1]
        assert "\n" in before.whitespace_ or before.is_space or not before.text[-1:].isalnum(), \
            doc[i - 1:i + 2].text
    assert "It said the first units would follow in 2026." in [s.text.strip() for s in doc.sents]


def test_a_denial_that_names_a_customer_leaves_the_story_s_other_supplies(extract_text):
    found = extract_text(
        "Ferncastle Coachworks said the traction motors for its Halyard regional train are"
        " made by Oakridge & Lyle at its plant in Leeds.\n\n"
        "Separately, Oakridge & Lyle denied a report in a trade paper that it would supply"
        " traction packages for Quenby Transit's rival train.")
    assert ("Oakridge & Lyle", "Ferncastle Coachworks") in supplies(found)
    assert ("Oakridge & Lyle", "Quenby Transit") not in supplies(found)


def test_a_denial_that_names_no_one_still_takes_back_the_claim(extract_text):
    found = extract_text(
        "Trade paper Volta Weekly reported that Harrowfield Cells would supply battery cells"
        " to Miravale Motors. Harrowfield Cells denied the report.")
    assert ("Harrowfield Cells", "Miravale Motors") not in supplies(found)


def test_parts_made_by_one_company_and_used_by_another(extract_text):
    found = extract_text(
        "The battery packs are assembled by Corriveau Energy Systems in Sunderland using"
        " lithium iron phosphate cells made by Tianrui Power Cells Co., Ltd.")
    assert ("Tianrui Power Cells Co., Ltd.", "Corriveau Energy Systems") in supplies(found)
    assert ("Corriveau Energy Systems", "Tianrui Power Cells Co., Ltd.") not in supplies(found)


def test_the_supplier_a_new_one_replaced_is_no_customer(extract_text):
    found = extract_text(
        "The Halyard's plug doors are supplied by Wierzbicki Systemy Drzwiowe, which replaced"
        " Tolland Access Systems after a run of door faults.")
    assert ("Wierzbicki Systemy Drzwiowe", "Tolland Access Systems") not in supplies(found)


def test_selling_a_business_or_the_company_itself_is_no_supply(extract_text):
    for sentence in (
            "Brauneck AG makes valves. It sold its exhaust-gas valve business to Italy's"
            " Officine Corradi S.p.A. in 2024.",
            "Brauneck AG sold to Officine Corradi S.p.A. in a $420 million deal.",
            "Brauneck AG sold its home-textiles division to Officine Corradi S.p.A. in 2019."):
        found = extract_text(sentence)
        assert ("Brauneck AG", "Officine Corradi S.p.A.") not in supplies(found), sentence
        assert not {p for c, p in makes(found) if "division" in p or "business" in p}, sentence


def test_selling_goods_in_a_deal_is_still_supply(extract_text):
    found = extract_text("Brauneck AG sold 40,000 chargers to Officine Corradi S.p.A. in a"
                         " $3 million deal.")
    assert ("Brauneck AG", "Officine Corradi S.p.A.") in supplies(found)


def test_buying_a_company_outright_from_its_owner_is_no_supply(extract_text):
    found = extract_text(
        "Ostwald Automotive GmbH bought 100% of Fabbri Ricambi from private-equity firm"
        " Lindqvist Capital last year.")
    assert ("Lindqvist Capital", "Ostwald Automotive GmbH") not in supplies(found)


def test_a_phone_line_after_a_company_s_name_is_no_product(extract_text):
    found = extract_text(
        "Ridgecrest Outdoor Inc. recalls Lumbra camping lanterns.\n\n"
        "Consumer Contact:\n"
        "Ridgecrest Outdoor toll-free at 866-555-0199 from 8 a.m. to 6 p.m. MT Monday through"
        " Friday.")
    assert not {p for _, p in makes(found) if "toll" in p}


def test_customers_after_a_to_the_parser_read_as_an_infinitive(extract_text):
    # "to breakfast cereal maker Y": "breakfast" read as a verb, "to" as its infinitive mark
    found = extract_text(
        "Halvorsen Aroma B.V. supplies flavour systems to breakfast cereal maker Pinecrest Mills"
        " and to Danish biscuit group Skovgaard Kager A/S, which together make up a fifth of"
        " its revenue.")
    assert {("Halvorsen Aroma B.V.", "Pinecrest Mills"),
            ("Halvorsen Aroma B.V.", "Skovgaard Kager A/S")} <= supplies(found)


def test_a_notice_s_manufacturer_supplies_the_firm_that_recalls(extract_text):
    found = extract_text(
        "Marlowe Tools Ltd recalls Kestrel Pro KPG-20V-125 Cordless Angle Grinders\n\n"
        "Product: Kestrel Pro Cordless Angle Grinder, model KPG-20V-125\n"
        "Hazard: The guard can detach during use.\n"
        "Business responsible: Marlowe Tools Ltd\n"
        "Manufacturer: Jinhua Ruitai Power Tools Co., Ltd., Zhejiang, China\n")
    assert ("Jinhua Ruitai Power Tools Co., Ltd.", "Marlowe Tools Ltd") in supplies(found)
    assert {f["company"] for f in found["facts"] if f["type"] == "recall"} == {"Marlowe Tools Ltd"}


def test_a_recaller_that_is_its_own_manufacturer_supplies_no_one(extract_text):
    found = extract_text(
        "Marlowe Tools Ltd recalls Kestrel Pro KPG-20V-125 Cordless Angle Grinders\n\n"
        "Product: Kestrel Pro Cordless Angle Grinder, model KPG-20V-125\n"
        "Recalling Firm / Manufacturer: Marlowe Tools Ltd, Leeds\n")
    assert not supplies(found)


def owns(result: dict) -> set[tuple[str, str, float | None]]:
    return {(f["parent"], f["child"], f["share"]) for f in result["facts"] if f["type"] == "owns"}


def test_shares_split_between_two_holders_of_one_company(extract_text):
    found = extract_text(
        "Marvik Motors and Songhai Power Technology Co., Ltd. set up MS Cellworks Ltd. in 2021"
        " to make cells.\n"
        "Marvik Motors holds 49% of MS Cellworks Ltd. and Songhai Power Technology Co., Ltd."
        " holds the remaining 51%.")
    assert {("Marvik Motors", "MS Cellworks Ltd.", 0.49),
            ("Songhai Power Technology Co., Ltd.", "MS Cellworks Ltd.", 0.51)} <= owns(found)
    assert not {o for o in owns(found) if o[:2] == ("Marvik Motors", "Songhai Power Technology Co., Ltd.")}


def test_a_venture_owned_by_two_partners_in_the_passive(extract_text):
    found = extract_text(
        "Devgiri Forgings Ltd and Kameoka Seiko K.K. formed a joint venture. The venture,"
        " Devgiri Kameoka Precision Pvt. Ltd., will be 51 per cent owned by Devgiri Forgings Ltd"
        " and 49 per cent by Kameoka Seiko K.K.")
    assert {("Devgiri Forgings Ltd", "Devgiri Kameoka Precision Pvt. Ltd.", 0.51),
            ("Kameoka Seiko K.K.", "Devgiri Kameoka Precision Pvt. Ltd.", 0.49)} <= owns(found)


def test_due_to_is_no_customer_s_to(extract_text):
    found = extract_text("Brauneck AG stopped selling heaters in Austria last year due to Halvik"
                         " Energy Systems' exit from the market there.")
    assert ("Brauneck AG", "Halvik Energy Systems") not in supplies(found)
