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
