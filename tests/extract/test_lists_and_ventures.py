"""Suppliers and subsidiaries listed after "include" or "including", joint ventures named
after their parents, stakes in a company's shares or changed to a new size, contracts won to
build something for a buyer, and one-word brands only the learned recogniser reads. All
companies are invented; each text starts with a headline line, as a story does."""

from __future__ import annotations

HEADLINE = "Industry briefing\n\n"


def facts(result: dict, type_: str) -> set[tuple]:
    keys = {"supplies": ("supplier", "customer"), "owns": ("parent", "child"),
            "makes": ("company", "product")}[type_]
    return {tuple(f[k] for k in keys) for f in result["facts"] if f["type"] == type_}


def test_a_company_s_suppliers_listed_after_include_supply_it(extract_text):
    found = facts(extract_text(
        HEADLINE + "Morvaine Outdoor S.p.A. makes rain jackets. Morvaine's other key suppliers"
        " include Korean zipper maker Tesshin Fastening, which provides the zips on the Pelmo"
        " jacket, and Cambodian garment maker Angkor Stitchworks Co., which sews the shells."),
        "supplies")
    assert ("Tesshin Fastening", "Morvaine Outdoor S.p.A.") in found
    assert ("Angkor Stitchworks Co.", "Morvaine Outdoor S.p.A.") in found


def test_suppliers_listed_after_including_supply_the_possessor(extract_text):
    found = facts(extract_text(
        HEADLINE + "Dunholt Appliances Ltd. makes ovens. Its suppliers, including Rasvik Glass AB"
        " and Termolio Controls S.r.l., were audited last year."), "supplies")
    assert ("Rasvik Glass AB", "Dunholt Appliances Ltd.") in found
    assert ("Termolio Controls S.r.l.", "Dunholt Appliances Ltd.") in found


def test_subsidiaries_listed_after_such_as_are_owned(extract_text):
    found = facts(extract_text(
        HEADLINE + "Brekkum Pumper ASA makes pumps. The group's subsidiaries, such as Brekkum"
        " Service GmbH and Aquavel Flow Sp. z o.o., will be sold."), "owns")
    assert ("Brekkum Pumper ASA", "Brekkum Service GmbH") in found
    assert ("Brekkum Pumper ASA", "Aquavel Flow Sp. z o.o.") in found


def test_a_venture_named_after_both_parents_is_not_the_first_parent(extract_text):
    result = extract_text(
        HEADLINE + "Harlund AG makes compressors. The group also holds a 45 percent stake in"
        " Harlund Miyoshi Drive Systems, a joint venture with Japan's Miyoshi Seiki Co., Ltd."
        " that builds gearboxes.")
    owned = {(f["parent"], f["child"]): f.get("share") for f in result["facts"] if f["type"] == "owns"}
    assert owned.get(("Harlund AG", "Harlund Miyoshi Drive Systems")) == 0.45
    assert ("Harlund AG", "compressors") in facts(result, "makes")
    harlund = next(e for e in result["entities"] if e["name"] == "Harlund AG")
    assert "Harlund Miyoshi Drive Systems" not in harlund.get("aliases", [])


def test_a_share_of_a_company_s_shares_is_owned(extract_text):
    owned = {(f["parent"], f["child"]): f.get("share") for f in extract_text(
        HEADLINE + "Kiyosato Diesel Corporation makes engines. Trading house Omori Shoji Co., Ltd."
        " holds 33.4% of Kiyosato's shares.")["facts"] if f["type"] == "owns"}
    assert owned.get(("Omori Shoji Co., Ltd.", "Kiyosato Diesel Corporation")) == 0.334


def test_a_stake_raised_to_a_new_size_is_owned_at_that_size(extract_text):
    result = extract_text(
        HEADLINE + "Skarholt Aerospace A/S makes drones. Skarholt has increased its holding in"
        " Fjelde Power ApS, a battery pack maker in Aarhus, to 40 percent from 25 percent.")
    owned = {(f["parent"], f["child"]): f.get("share") for f in result["facts"] if f["type"] == "owns"}
    assert owned.get(("Skarholt Aerospace A/S", "Fjelde Power ApS")) == 0.4
    assert ("Fjelde Power ApS", "battery pack") in facts(result, "makes")


def test_a_stake_cut_to_nothing_is_not_owned(extract_text):
    result = extract_text(
        HEADLINE + "Skarholt Aerospace A/S makes drones. Skarholt cut its stake in Fjelde Power"
        " ApS to zero last year.")
    assert not facts(result, "owns")


def test_a_contract_won_to_build_for_a_buyer_is_a_supply(extract_text):
    found = facts(extract_text(
        HEADLINE + "Czech rolling stock maker Bozena Vagony a.s. has won a contract worth 410"
        " million euros to build 60 double-deck carriages for Fjordlink Regional Rail, the"
        " operator said."), "supplies")
    assert ("Bozena Vagony a.s.", "Fjordlink Regional Rail") in found


def test_the_customer_an_appositive_names_is_not_also_a_supplier(extract_text):
    found = facts(extract_text(
        HEADLINE + "Bozena Vagony a.s. will build 60 carriages for Fjordlink. Bogies will come"
        " from Wupperstahl Fahrwerk GmbH, a long-standing Bozena supplier. Bozena said the"
        " first carriages would be delivered in 2027."), "supplies")
    assert ("Wupperstahl Fahrwerk GmbH", "Bozena Vagony a.s.") in found


def test_a_one_word_brand_only_the_learned_recogniser_reads_is_a_company(extract_text):
    result = extract_text(
        HEADLINE + "Trelldane makes hiking boots. Trelldane is a subsidiary of Vossberg Brands,"
        " the US group that also owns the Kestle sandal label.")
    assert ("Vossberg Brands", "Trelldane") in facts(result, "owns")


def test_the_venture_a_later_sentence_supplies_is_the_one_named_before(extract_text):
    result = extract_text(
        HEADLINE + "Orvale Coatings plc and Shinra Resin Co., Ltd. will form a joint venture in"
        " Thailand. The venture, to be called Orvale Shinra Powder Coatings Ltd., will be 60% owned"
        " by Orvale and 40% by Shinra. Shinra will also supply epoxy resins to the venture under a"
        " ten-year agreement.")
    assert ("Shinra Resin Co., Ltd.", "Orvale Shinra Powder Coatings Ltd.") in facts(result, "supplies")
    assert ("Shinra Resin Co., Ltd.", "Orvale Coatings plc") not in facts(result, "supplies")


def test_the_jv_named_in_an_appositive_is_what_the_venture_refers_to(extract_text):
    result = extract_text(
        HEADLINE + "Norvale AB and Hayashi Industrial Co., Ltd. formed Hayashi Norvale Energy"
        " Systems, a joint venture in Osaka. Under the agreement, Norvale will supply LFP cells to"
        " the venture.")
    assert ("Norvale AB", "Hayashi Norvale Energy Systems") in facts(result, "supplies")
