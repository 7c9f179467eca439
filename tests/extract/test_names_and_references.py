"""Names the words around them settle, and references that find the company meant: a legal
form after a comma, a line's grade after its voltage, customers listed with no seller, a
one-word brand the base model reads as a person or a place, a product in an appositive,
"the company" and "its" pages after the company was named, "the same supplier". All
companies are invented."""

from __future__ import annotations


def test_a_legal_form_after_a_comma_is_part_of_the_name(extract_text, views):
    result = extract_text(
        "Business news\n\nTarrow Lane Housewares, LLC today announced a voluntary recall of"
        " approximately 12,000 BrewMate kettles.")
    recalls = views.of(result, "recall")
    assert [r["company"] for r in recalls] == ["Tarrow Lane Housewares, LLC"]
    assert "LLC" not in views.entity_types(result)


def test_a_legal_form_after_a_comma_keeps_the_recall_of_an_inc(extract_text, views):
    result = extract_text(
        "Business news\n\nOstwick Kitchen Goods, Inc. today announced a voluntary recall of"
        " approximately 8,000 Pennant toasters.")
    assert [r["company"] for r in views.of(result, "recall")] == ["Ostwick Kitchen Goods, Inc."]


def test_a_legal_form_after_a_comma_keeps_an_of_name_whole(extract_text, views):
    result = extract_text(
        "Business news\n\nKessler of North America, LLC (Kessler) is recalling certain 2021"
        " Kessler R 900 GT motorcycles.")
    assert [r["company"] for r in views.of(result, "recall")] == ["Kessler of North America, LLC"]


def test_a_grade_in_capitals_after_a_voltage_is_the_line_s_not_a_company(extract_text, views):
    result = extract_text(
        "Business news\n\nThis recall involves Stonejaw 18V MAX brushless impact drivers sold"
        " as a bare tool (model SJD-1820) and in a kit (model SJD-1820K).")
    assert views.entity_types(result).get("MAX") != "company"
    assert all(f["company"] != "MAX" for f in views.of(result, "recall") + views.of(result, "makes"))


def test_a_model_s_name_keeps_its_letters_and_drops_the_word_model(extract_text, views):
    result = extract_text(
        "Business news\n\nBrellan is recalling about 90,000 of its ChargeBrick power banks. The"
        " recall covers the ChargeBrick 20K (model BR-2051) and the thinner ChargeBrick Slim 10K"
        " (model BR-1032) sold between May 2023 and June 2025.")
    names = set(views.entity_types(result))
    assert "BR-2051" in names and "model BR-2051" not in names
    # the model's letters stay on its number (the tokenizer cuts "20K" as "20" + "K")
    assert "ChargeBrick 20K" in names and "ChargeBrick 20" not in names


def test_customers_listed_with_no_seller_are_the_topic_s(extract_text, views):
    result = extract_text(
        "Business news\n\nTorvane Denshi Co., Ltd. said on Tuesday that profit rose 20%."
        " Torvane Denshi expects growth to continue. The chipmaker's customer list has widened"
        " over the past two years. Customers include Velmar Automotive of Turin, the robot maker"
        " Sandquist Kinetics Inc. and Okabe Elevator Corp., according to the filing.")
    pairs = views.supplies(result)
    for customer in ("Velmar Automotive", "Sandquist Kinetics Inc.", "Okabe Elevator Corp."):
        assert ("Torvane Denshi Co., Ltd.", customer) in pairs


def test_a_long_appositive_ending_in_a_company_noun_names_a_company(extract_text, views):
    result = extract_text(
        "Business news\n\nBrackwell, the Portland, Oregon-based outdoor apparel brand, has moved"
        " orders for its shell fabric to Hanoi Crest Textile JSC. Brackwell also buys the"
        " jacket's zippers from Taiwan's Chin Wei Fastener Co. \"We made a decision about one"
        " fabric,\" Brackwell's vice president of sourcing, Dara Quist, said.")
    assert views.entity_types(result).get("Brackwell") == "company"
    assert ("Chin Wei Fastener Co.", "Brackwell") in views.supplies(result)
    assert views.entity_types(result).get("Dara Quist") == "person"


def test_the_company_after_it_is_x_s_recall_is_x(extract_text, views):
    result = extract_text(
        "Business news\n\nDorran Motor Company is recalling 21,000 Ridge pickups because brake"
        " hoses can rupture. Dorran said owners will be told by mail. Fennick Hose Technologies"
        " made the hoses. Fennick also supplies"
        " brake hoses to Marsh Motors for its Corvo van. Marsh said its vans are not affected."
        " It is Dorran's second brake-related recall in two years. In 2023, the company"
        " recalled 8,100 Summit SUVs because caliper bolts could loosen.")
    recallers = {r["company"] for r in views.of(result, "recall")}
    assert "Marsh Motors" not in recallers
    assert recallers == {"Dorran Motor Company"}


def test_another_company_s_wares_are_not_the_buyer_s_products(extract_text, views):
    result = extract_text(
        "Business news\n\nHollweg Antriebe AG has completed its acquisition of Pirasch Sensorik"
        " GmbH, the Karlsruhe-based maker of position sensors. Hollweg itself has bought Pirasch"
        " sensors for its HX-Drive 400 e-axle since 2021.")
    assert ("Hollweg Antriebe AG", "Pirasch sensors") not in views.makes(result)
    assert not any("maker of" in name for name in views.entity_types(result))


def test_the_first_x_that_shipped_is_a_product(extract_text, views):
    result = extract_text(
        "Business news\n\nLumaro's new Vesta 2 smart display went on sale last week. \"We were"
        " behind by the time the first Vesta shipped,\" Lumaro's chief executive said. The"
        " original Vesta was glued shut.")
    named = {f.get(role) for f in result["facts"] for role in ("company", "supplier", "customer")}
    assert "Vesta" not in named


def test_a_company_s_first_word_read_as_a_person_is_the_company(extract_text, views):
    result = extract_text(
        "Business news\n\nSEOUL - Koryo Cell Co. has agreed to supply battery cells to French"
        " carmaker Vaubrec Automobiles S.A. for a new electric crossover. Vaubrec's purchasing"
        " director, Helene Sarrat, said the carmaker had run a long tender. \"Vaubrec is one of"
        " the most demanding customers we have,\" Koryo said.")
    types = views.entity_types(result)
    assert types.get("Helene Sarrat") == "person"
    assert types.get("Vaubrec") in (None, "company")


def test_a_line_in_an_appositive_naming_a_kind_of_product_is_a_product(extract_text, views):
    result = extract_text(
        "Business news\n\nKoryo Cell Co. will supply cells to French carmaker Aubrey Automobiles"
        " S.A. Under the agreement, Koryo will deliver about 1.6 million pouch cells a year for"
        " the Aubrey Ciel, a mid-size crossover that the Lyon-based carmaker will build in France.")
    assert views.entity_types(result).get("Aubrey Ciel") == "product"
    assert all(c != "Aubrey Ciel" for _, c in views.supplies(result))


def test_its_after_a_sentence_about_the_topic_is_the_topic_s(extract_text, views):
    result = extract_text(
        "Business news\n\nStradholm, the Boston-based running apparel brand, has ended its"
        " relationship with Dhaka Ridge Garments Ltd. after an audit. Stradholm will move the"
        " production to Sri Lankan manufacturer Kelwatta Apparel (Pvt) Ltd. Kelwatta already"
        " produces for Harlow Outdoor, the Denver-based hiking label, and Stradholm's vice"
        " president of sourcing, Leah Corrin, said that made Kelwatta an easy choice. The"
        " decision does not affect Stradholm's footwear. Its best-selling Aerolite running shoe"
        " continues to be made by Binh Son Footwear JSC in Vietnam.")
    pairs = views.supplies(result)
    assert ("Binh Son Footwear JSC", "Stradholm") in pairs
    assert not any(customer in ("Leah Corrin", "Kelwatta Apparel (Pvt) Ltd")
                   for supplier, customer in pairs if supplier == "Binh Son Footwear JSC")


def test_a_letter_and_a_number_is_a_model_not_a_company(extract_text, views):
    result = extract_text(
        "Business news\n\nBrevmark Home showed the Glide S9 robot vacuum. Brevmark said the S9's"
        " lidar module comes from Luxor Sensing Technology, a Shenzhen company.")
    assert views.entity_types(result).get("S9") == "product"
    assert all("S9" not in (s, c) for s, c in views.supplies(result))


def test_the_same_supplier_is_the_one_just_named(extract_text, views):
    result = extract_text(
        "Business news\n\nNordhavn Line, the Danish feeder carrier, ordered four feeder vessels"
        " this week. Nordhavn Line runs twelve ships in the Baltic. It lost an account last year"
        " when the paper group Kalmar Paper shut its mill. The carrier buys its low-sulphur fuel"
        " oil from Baltvik Bunkering of Klaipeda, and it has agreed with the same supplier to take"
        " deliveries of bio-LNG from 2026.")
    pairs = views.supplies(result)
    assert ("Baltvik Bunkering", "Nordhavn Line") in pairs
    assert ("Kalmar Paper", "Nordhavn Line") not in pairs


def test_a_place_before_a_kind_and_a_maker_noun_is_a_place(extract_text, views):
    result = extract_text(
        "Business news\n\nA teardown of Medrova Inc.'s Lumen 2 glucose monitor has found a chip"
        " from Tessaline Semiconductor SAS, shedding light on a supply chain the San Diego device"
        " maker has kept private.")
    assert all(p != "San Diego" for _, p in views.makes(result))


def test_the_short_form_of_a_group_and_its_unit_is_the_group_s(extract_text, views):
    result = extract_text(
        "Business news\n\nVerlanta Packaging Inc. and Soren BioChem A/S announced a strategic"
        " partnership. The coating will be applied to Verlanta's FlexaWrap pouches at plants run"
        " by Verlanta Packaging de Mexico S.A. de C.V. Verlanta expects the first pouches next"
        " year. Verlanta Packaging Inc. is a Milwaukee-based maker of packaging. Its brands"
        " include FlexaWrap.")
    assert ("Verlanta Packaging Inc.", "Verlanta Packaging de Mexico S.A. de C.V.") in {
        (f["parent"], f["child"]) for f in views.of(result, "owns")} or not views.of(result, "owns")
    makers = {c for c, p in views.makes(result) if p.startswith("FlexaWrap")}
    assert makers == {"Verlanta Packaging Inc."}


def test_parts_built_for_a_product_are_sold_to_its_maker(extract_text, views):
    result = extract_text(
        "Business news\n\nThe French planemaker Aurelle Aerospace chose a Japanese supplier to"
        " build the wing skins for its Swallow 90 regional turboprop. Sakaki Composites K.K. will"
        " make the panels from 2027. Sakaki replaces Vorlind Aerostructures, the Dutch supplier"
        " that built the Swallow 90's wing skins until its Hoorn plant closed last year.")
    assert ("Vorlind Aerostructures", "Aurelle Aerospace") in views.supplies(result)
    assert all(c != "Vorlind Aerostructures" for c, _ in views.makes(result))


def test_its_at_a_sentence_start_is_the_one_company_of_the_sentence_before(extract_text, views):
    result = extract_text(
        "Business news\n\nShenzhen Zentaro Technology Co., Ltd. will buy cells from Okuma Energy"
        " Corp. for its power banks. Zentaro sells its Zentaro Max 30K in Japan. Zentaro expects"
        " sales to double. The deal is notable because Okuma also sells power banks under its"
        " own name. Its Okuma GX-10, a compact pack, competes directly with Zentaro's models.")
    made = {c for c, p in views.makes(result) if "GX-10" in p}
    assert made == {"Okuma Energy Corp."}
