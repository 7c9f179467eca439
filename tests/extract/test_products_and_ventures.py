"""Products named after their brand's possessive, which the rules now read (their makers
buy the parts they use), sites that are not products, a venture's shares split without a
second verb or named a sentence before, and takeovers the story says were called off. All
companies are invented."""

from __future__ import annotations


def test_a_product_after_a_plural_possessive_is_that_company_s(extract_text, views):
    result = extract_text(
        "Teardown\n\nWe opened Tarvik Audio's Corvo S7 and Holmfirth Electronics' Zephyr"
        " Buds Pro.")
    assert ("Holmfirth Electronics", "Zephyr Buds Pro") in views.makes(result)
    assert ("Tarvik Audio", "Zephyr Buds Pro") not in views.makes(result)


def test_the_maker_of_a_product_using_a_part_is_the_customer(extract_text, views):
    result = extract_text(
        "Teardown\n\nTarvik Audio makes the Corvo S7. The Corvo S7 uses a chip from"
        " Brightmoor Silicon.")
    assert ("Brightmoor Silicon", "Tarvik Audio") in views.supplies(result)
    assert ("Brightmoor Silicon", "Corvo S7") not in views.makes(result)


def test_a_brand_s_product_using_another_company_s_part_makes_it_a_customer(extract_text, views):
    result = extract_text(
        "Teardown\n\nWe opened Tarvik Audio's Corvo S7 and Holmfirth Electronics' Zephyr"
        " Buds Pro. Both run on chips from Brightmoor Silicon. The Zephyr Buds Pro use"
        " Brightmoor Silicon's BS-7 audio SoC, a larger chip.")
    assert ("Brightmoor Silicon", "Holmfirth Electronics") in views.supplies(result)


def test_a_plant_being_built_is_not_a_product(extract_text, views):
    result = extract_text(
        "Business news\n\nOrtell Semiconductor Inc. and Kazuno Materials Co. set up a venture"
        " last year. The venture, Ortell Wafers LLC, is 60% owned by Ortell and 40% by Kazuno"
        " and is building a 200-millimeter wafer plant in Greenville, South Carolina.")
    assert not any("plant" in product for _, product in views.makes(result))


def test_shares_split_without_a_second_verb(extract_text, views):
    result = extract_text(
        "Business news\n\nMarrow Energy ASA will hold 60% of Lysvik Cells AS and Tovren Corp."
        " 40%, the companies said.")
    assert ("Marrow Energy ASA", "Lysvik Cells AS", 0.6) in views.owns(result)
    assert ("Tovren Corp.", "Lysvik Cells AS", 0.4) in views.owns(result)


def test_a_venture_named_the_sentence_before_its_split(extract_text, views):
    result = extract_text(
        "Business news\n\nBrandauer Haus AG and Iwaki Kogyo Co. agreed to form a joint venture"
        " to make servo drives. The joint venture, to be called Brandauer Iwaki Motion Co.,"
        " Ltd., will be based in Osaka. Brandauer will own 51% and Iwaki Kogyo 49%.")
    assert ("Brandauer Haus AG", "Brandauer Iwaki Motion Co., Ltd.", 0.51) in views.owns(result)
    assert ("Iwaki Kogyo Co.", "Brandauer Iwaki Motion Co., Ltd.", 0.49) in views.owns(result)


def test_a_takeover_called_off_elsewhere_in_the_story_is_no_ownership(extract_text, views):
    result = extract_text(
        "Business news\n\nCorvell Aviation Inc. has abandoned its planned $260 million"
        " acquisition of motor maker Trask Motors, the company said on Wednesday. Corvell"
        " agreed to buy Trask in February.")
    assert not views.of(result, "owns")


def test_a_takeover_that_closed_is_kept_beside_one_called_off(extract_text, views):
    result = extract_text(
        "Business news\n\nHalgren Group called off its bid for Tessvik Pumps AB. Halgren"
        " bought Ostmark Valves AB last year.")
    assert any(f["parent"] == "Halgren Group" and f["child"] == "Ostmark Valves AB"
               for f in views.of(result, "owns"))
    assert all(f["child"] != "Tessvik Pumps AB" for f in views.of(result, "owns"))


def test_a_one_word_brand_the_base_model_calls_a_place_is_a_company_by_its_uses(extract_text, views):
    result = extract_text(
        "Teardown: Inside the Velstra S9 robot vacuum\n\n"
        "Velstra, the consumer robotics brand owned by Shenzhen Qiaolong Intelligent"
        " Technology Co., Ltd., launched the S9 robot vacuum this spring. We bought one at"
        " retail and took it apart.\n\n"
        "The S9's main board is built around a K9 application processor from Dorrance"
        " Microsystems, a Hsinchu-based chip designer. Velstra and Dorrance announced a joint"
        " development agreement last year.\n\n"
        "Velstra told us it has never bought components from Ardmore Motion. Spare parts are"
        " listed on Velstra's website.")
    assert any(f["parent"].startswith("Shenzhen Qiaolong") and f["child"] == "Velstra"
               for f in views.of(result, "owns"))
    assert ("Dorrance Microsystems", "Velstra") in views.supplies(result)


def test_the_parts_of_a_possessed_product_are_supplied_to_its_maker(extract_text, views):
    result = extract_text(
        "Torvik Systems signs robotics alliance\n\nTorvik Systems Ltd. signed an alliance with"
        " Halvane Robotics Inc. on Monday. Torvik will sell the robots in Europe, and Torvik"
        " expects the deal to add 5% to its sales, Torvik said.\n\n"
        "Halvane makes the Tote Hauler X2, a warehouse robot. The Tote Hauler X2's drive units"
        " rely on servo motors supplied by Kamoda Electronics, a Nagoya-based component"
        " maker.")
    assert ("Kamoda Electronics", "Halvane Robotics Inc.") in views.supplies(result)
    assert ("Kamoda Electronics", "Torvik Systems Ltd.") not in views.supplies(result)


def test_a_maker_s_name_before_a_kind_of_goods_names_no_product(extract_text, views):
    result = extract_text(
        "Business news\n\nBrackwell Microsystems Inc. makes pressure sensors in Dresden. The new"
        " Brackwell sensors are 20% cheaper, the company said.")
    assert ("Brackwell Microsystems Inc.", "Brackwell sensors") not in views.makes(result)


def test_a_denied_report_with_a_place_before_its_that_clause_is_no_supply(extract_text, views):
    result = extract_text(
        "Display makers\n\nClearhaven Optics on Thursday denied a report in a local newspaper"
        " that it had agreed to supply panels to rival tablet maker Tabbit Technology.")
    assert not views.of(result, "supplies")


def test_a_bid_to_supply_is_no_supply(extract_text, views):
    result = extract_text(
        "Business news\n\nAccording to two people familiar with the matter, Hanwell Power Co."
        " has also bid to supply battery packs to Ostrava Motors Ltd., but no decision has been"
        " made.")
    assert not views.of(result, "supplies")


def test_model_numbers_listed_for_one_line_are_one_product(extract_text, views):
    result = extract_text(
        "Recall notice\n\nHarwood Nursery Inc. is recalling about 52,300 Hollin convertible"
        " cribs with model numbers HW-4410 (white), HW-4412 (grey) and HW-4415 (natural oak).")
    made = {p for c, p in views.makes(result) if c == "Harwood Nursery Inc."}
    assert made == {"Hollin"}


def test_a_place_written_before_people_or_a_supplier_is_no_product(extract_text, views):
    result = extract_text(
        "Business news\n\nAshby Thermal, which bought Glenharrow from its Aberdeenshire founders"
        " in 2021, makes heat pumps. Marlin Controls, a Stuttgart supplier in which Ashby took"
        " a 25% stake in 2022, makes the P9 torque sensor.")
    made = {p for _, p in views.makes(result)}
    assert "Aberdeenshire" not in made and "Stuttgart" not in made
