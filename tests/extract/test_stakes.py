"""Ownership stated as stakes, shares of a company and control; a company sold changes
owner and is not a supply. All companies are invented."""

from __future__ import annotations

import pytest

OWNER, OWNED = "Castell Holdings", "Velmora Power"


def owns(result: dict) -> dict[tuple[str, str], dict]:
    return {(f["parent"], f["child"]): f for f in result["facts"] if f["type"] == "owns"}


def supplies(result: dict) -> set[tuple[str, str]]:
    return {(f["supplier"], f["customer"]) for f in result["facts"] if f["type"] == "supplies"}


@pytest.mark.parametrize(("text", "share"), [
    ("Castell Holdings owns a 60% stake in Velmora Power.", 0.6),
    ("Castell Holdings bought a 60% stake in Velmora Power last year.", 0.6),
    ("Castell Holdings' 20 percent stake in Velmora Power is worth more than expected.", 0.2),
    ("Castell Holdings holds 35% of Velmora Power.", 0.35),
    ("Castell Holdings, which holds a controlling stake in Velmora Power, said sales rose.", None),
    ("Castell Holdings took control of Velmora Power in 2022.", None),
    ("Velmora Power is majority-owned by Castell Holdings.", None),
    ("Velmora Power, which is 60% owned by Castell Holdings, makes inverters.", 0.6),
    ("Velmora Power, which is 55% owned by Brantley Capital and 45% owned by Castell"
     " Holdings, makes inverters.", 0.45),
])
def test_a_stake_or_control_is_ownership_with_its_share(extract_text, text, share):
    found = owns(extract_text(text))
    assert (OWNER, OWNED) in found, found
    assert found[(OWNER, OWNED)]["share"] == share


@pytest.mark.parametrize("text", [
    "Castell Holdings sold its stake in Velmora Power.",
    "Castell Holdings does not own a stake in Velmora Power.",
    "Castell Holdings has an interest in Velmora Power.",  # curiosity, not a holding
])
def test_no_ownership_from_a_sold_denied_or_unsized_interest(extract_text, text):
    result = extract_text(text)
    assert (OWNER, OWNED) not in owns(result)
    assert not supplies(result), "selling a stake is no supply either"


@pytest.mark.parametrize("text", [
    "Velmora Power's parent company Castell Holdings said sales rose.",
    "Velmora Power's parent Castell Holdings said sales rose.",
    "Castell Holdings is Velmora Power's largest shareholder.",
    "Castell Holdings completed the purchase of Velmora Power.",
])
def test_a_parent_shareholder_or_buyer_owns(extract_text, text):
    assert (OWNER, OWNED) in owns(extract_text(text))


def test_an_agreed_purchase_is_ownership_with_lower_confidence(extract_text):
    done = owns(extract_text("Castell Holdings bought a 49% stake in Velmora Power."))
    agreed = owns(extract_text("Castell Holdings agreed to buy a 49% stake in Velmora Power."))
    assert agreed[(OWNER, OWNED)]["confidence"] < done[(OWNER, OWNED)]["confidence"]


def test_a_company_sold_belongs_to_its_buyer_and_is_no_supply(extract_text):
    result = extract_text("Castell Holdings sold Velmora Power to Brantley Capital.")
    assert ("Brantley Capital", OWNED) in owns(result)
    assert not supplies(result)


def test_buying_a_companys_products_is_no_ownership(extract_text):
    result = extract_text("Castell Holdings completed the purchase of Velmora Power cells.")
    assert (OWNER, OWNED) not in owns(result)


@pytest.mark.parametrize("text", [
    "Velmora Power is a joint venture between Castell Holdings and Brantley Capital.",
    "Velmora Power, a joint venture of Castell Holdings and Brantley Capital, makes cells.",
])
def test_the_parties_of_a_joint_venture_own_it(extract_text, text):
    found = owns(extract_text(text))
    assert {(OWNER, OWNED), ("Brantley Capital", OWNED)} <= set(found)


@pytest.mark.parametrize(("text", "owned"), [
    ("Velmora Power is a Castell Holdings company.", True),
    ("Velmora Power, a Castell Holdings company, makes cells.", True),
    ("Velmora Power is not a Castell Holdings company.", False),
])
def test_a_company_of_a_group_is_owned_by_it(extract_text, text, owned):
    assert ((OWNER, OWNED) in owns(extract_text(text))) is owned


def test_a_ranking_is_no_owner(extract_text):
    assert not owns(extract_text("Velmora Power is a Fortune 500 company."))


@pytest.mark.parametrize("text", [
    "Velmora Power is now part of Castell Holdings.",
    "Velmora Power became part of Castell Holdings in 2019.",
])
def test_a_company_that_is_part_of_another_is_owned_by_it(extract_text, text):
    assert set(owns(extract_text(text))) == {(OWNER, OWNED)}


@pytest.mark.parametrize("text", [
    "Velmora Power is not part of Castell Holdings.",
    "Velmora Power is a part of the Castell Holdings consortium.",
    "Velmora Power is part of the S&P 500.",
    "Velmora Power is part of Castell Holdings' Supply Program and Ardent Group's Grid Program.",
])
def test_no_ownership_from_a_denied_or_loose_part_of(extract_text, text):
    assert owns(extract_text(text)) == {}


@pytest.mark.parametrize("text", [
    "Velmora Power, in which Castell Holdings holds a 22% stake, makes inverters.",
    "Brisk Motors buys chips from Velmora Power, the Taoyuan chipmaker in which Castell"
    " Holdings holds a 22% stake.",
])
def test_a_stake_held_in_which(extract_text, text):
    found = owns(extract_text(text))
    assert (OWNER, OWNED) in found and found[(OWNER, OWNED)]["share"] == 0.22


def test_a_unit_named_after_the_role_noun(extract_text):
    found = owns(extract_text(
        "Castell Holdings makes brake hoses through its wholly owned unit Velmora Power."))
    assert set(found) == {(OWNER, OWNED)}


def test_full_ownership_taken(extract_text):
    found = owns(extract_text("In 2024 Castell Holdings took full ownership of Velmora Power AS,"
                              " a small module designer."))
    assert set(found) == {(OWNER, "Velmora Power AS")}


def test_a_venture_owned_in_shares_by_two_companies(extract_text):
    found = owns(extract_text("The venture, to be called Brisk Cells sp. z o.o., will be 51% owned"
                              " by Castell Holdings and 49% by Velmora Power."))
    assert {k: v["share"] for k, v in found.items()} == {
        (OWNER, "Brisk Cells sp. z o.o."): 0.51, ("Velmora Power", "Brisk Cells sp. z o.o."): 0.49}


def test_the_other_owner_of_a_joint_venture_set_up_with_it(extract_text):
    found = owns(extract_text("Castell Holdings also owns 50% of Brisk Cells AS, a recycling joint"
                              " venture set up with Japan's Velmora Power Corporation in 2023."))
    assert set(found) == {(OWNER, "Brisk Cells AS"), ("Velmora Power Corporation", "Brisk Cells AS")}


def test_a_legal_form_with_full_stops_keeps_its_appositive(extract_text):
    found = owns(extract_text("The Debrecen plant is operated by Brisk Cells Kft., a wholly owned"
                              " subsidiary of Castell Holdings."))
    assert set(found) == {(OWNER, "Brisk Cells Kft.")}


def test_its_subsidiary_when_the_subject_is_the_company(extract_text):
    found = owns(extract_text(
        "Castell Holdings (TWSE: 6481) makes power supplies. The company operates factories in"
        " Taoyuan and, through its wholly owned subsidiary Velmora Power Sdn. Bhd., in Penang."))
    assert [child for parent, child in found if parent == OWNER] in (
        ["Velmora Power Sdn. Bhd."], ["Velmora Power"])
    assert all(parent == OWNER for parent, _ in found)


def test_a_share_written_into_owned(extract_text):
    found = owns(extract_text("Velmora Power is 27%-owned by Castell Holdings, a state-owned"
                              " investor."))
    assert {k: v["share"] for k, v in found.items()} == {(OWNER, OWNED): 0.27}


def test_shares_in_per_cent_of_a_named_venture(extract_text):
    found = owns(extract_text(
        "The joint venture, to be called Brisk Driveline Pvt Ltd, will be 51 per cent owned by"
        " Castell Holdings and 49 per cent by Velmora Power, the companies said."))
    assert found[(OWNER, "Brisk Driveline Pvt Ltd")]["share"] == 0.51


def test_a_stake_in_an_italian_company(extract_text):
    found = owns(extract_text("German packaging group Castell Holdings AG acquired a 30% stake in"
                              " Velmora Packaging S.p.A. last year."))
    assert {k: v["share"] for k, v in found.items()} == {
        ("Castell Holdings AG", "Velmora Packaging S.p.A."): 0.3}


def test_its_subsidiary_in_apposition_to_the_subsidiary(extract_text):
    found = owns(extract_text(
        "Wen-Hai Components Co., Ltd. makes derailleurs. Much of Wen-Hai's assembly now happens"
        " at Wen-Hai Vietnam Co., its wholly owned subsidiary in Binh Duong province."))
    assert set(found) == {("Wen-Hai Components Co., Ltd.", "Wen-Hai Vietnam Co.")}


@pytest.mark.parametrize(("text", "share"), [
    # the buyer's purchase of a stake, completed
    ("Castell Holdings has completed its purchase of an 85 percent stake in Velmora Power,"
     " the Tampere-based maker of cylinders.", 0.85),
    # "X, in which Y holds a stake", where the parser loses the relative clause
    ("Velmora Power, in which the Japanese trading house Castell Holdings holds a 19.9 percent"
     " stake, has been squeezed by price cuts.", 0.199),
])
def test_a_stake_bought_or_held_in_a_relative_clause(extract_text, text, share):
    found = owns(extract_text(text))
    assert (OWNER, OWNED) in found and found[(OWNER, OWNED)]["share"] == share


def test_a_called_off_purchase_of_a_stake_is_no_ownership(extract_text):
    found = owns(extract_text("Castell Holdings abandoned its planned purchase of a 40% stake in"
                              " Velmora Power Ltd."))
    assert not found


def test_a_japanese_kaisha_holds_a_stake(extract_text):
    found = owns(extract_text("Velmora Power, in which Kiyose Shoji Kaisha holds a 12 percent"
                              " stake, makes inverters."))
    assert ("Kiyose Shoji Kaisha", OWNED) in found


def test_controlled_by_a_holding_named_after_its_city(extract_text):
    found = owns(extract_text(
        "Zhejiang Dorvel New Energy Co., Ltd. makes battery packs. Dorvel, founded in 2014, is "
        "controlled by Hangzhou Lintao Industrial Holdings, which owns 72% of the company."))
    assert ("Hangzhou Lintao Industrial Holdings", "Zhejiang Dorvel New Energy Co., Ltd.") in found


def test_a_one_word_company_described_after_a_comma_is_owned(extract_text):
    result = extract_text(
        "Notes from the week.\n\nCorvane & Lisle also holds a 30% stake in Brindle, a Portland,"
        " Oregon-based maker of smartwatch straps, which it bought in 2022.")
    owned = {(f["parent"], f["child"], f["share"]) for f in result["facts"] if f["type"] == "owns"}
    assert any(p.startswith("Corvane") and c == "Brindle" and s == 0.3 for p, c, s in owned), owned


def test_a_stake_in_a_relative_clause_is_not_denied_by_the_main_one(extract_text):
    result = owns(extract_text(
        "Kelvo Mobile Display, in which Kelvo Holdings still holds a 34% stake after a "
        "spin-off in 2023, will not take part in the venture."))
    assert result[("Kelvo Holdings", "Kelvo Mobile Display")]["share"] == 0.34


def test_the_owners_of_a_venture_named_in_apposition(extract_text):
    result = owns(extract_text(
        "The plant will be run by a joint venture, Greenfield Cellworks LLC, owned 55% by "
        "Seongtek Energy and 45% by Ardley Motors Inc."))
    assert {k: v["share"] for k, v in result.items()} == {
        ("Seongtek Energy", "Greenfield Cellworks LLC"): 0.55,
        ("Ardley Motors Inc.", "Greenfield Cellworks LLC"): 0.45}


@pytest.mark.parametrize(("text", "expected"), [
    ("Sterling Dosing AG is a member of the Hallwick Group.", {("Hallwick Group", "Sterling Dosing AG")}),
    ("Sterling Dosing AG is a member of the Bluetooth Special Interest Group.", set()),
    ("Sterling Dosing AG is no longer a member of the Hallwick Group.", set()),
])
def test_a_member_of_a_group_is_owned_by_it(extract_text, text, expected):
    assert set(owns(extract_text(text))) == expected


def test_the_group_a_unit_belongs_to_is_the_company_called_a_group(extract_text):
    result = owns(extract_text(
        "French industrial equipment group Ferrat Industrie S.A. has completed its purchase "
        "of Lyncroft Robotics Inc.\n\nLyncroft is now a wholly owned subsidiary of Ferrat and "
        "will be run as part of Ferrat Automation, the group's factory-automation division."))
    assert ("Ferrat Industrie S.A.", "Ferrat Automation") in result
    assert ("Lyncroft Robotics Inc.", "Ferrat Automation") not in result


def test_shares_held_in_a_venture_named_before_its_seat(extract_text):
    result = owns(extract_text(
        "The companies have incorporated a joint venture, Dhruva Connect Pvt. Ltd., "
        "headquartered in Pune, in which Corvath Motors holds 51% and Gyeol Infotech holds 49%."))
    assert {k: v["share"] for k, v in result.items()} == {
        ("Corvath Motors", "Dhruva Connect Pvt. Ltd."): 0.51,
        ("Gyeol Infotech", "Dhruva Connect Pvt. Ltd."): 0.49}


def test_a_venture_named_after_its_parents_is_neither_parent(extract_text):
    result = owns(extract_text(
        "Haldor Precision Components Ltd. makes housings. Last year the company also opened a "
        "plant in Tangier through Haldor Atlas Machining, a joint venture in which it holds "
        "49%, with Moroccan partner Atlas Usinage SARL owning the remaining 51%."))
    assert not [k for k in result if k[1] == "Atlas Usinage SARL"]
    assert [v["share"] for k, v in result.items() if k[0] == "Haldor Precision Components Ltd."] == [0.49]
