"""Shares split between holders where the second holder takes "the remaining" part, the
rest or the other half: the verb left out, the remainder held by someone, or the venture
named a sentence before. All companies are invented."""

from __future__ import annotations


def owns(result: dict) -> dict[tuple[str, str], float | None]:
    return {(f["parent"], f["child"]): f.get("share") for f in result["facts"] if f["type"] == "owns"}


def test_the_second_holder_with_the_verb_left_out_owns_the_venture_named_before(extract_text):
    found = owns(extract_text(
        "Brellmoor Cartons Ltd. and Ostwick Brewing AG have formed Tavelin Canning GmbH, a"
        " joint venture that will fill cans at Ostwick's plant near Bremen. Brellmoor holds 60%"
        " of the venture and Ostwick the remaining 40%."))
    assert found.get(("Brellmoor Cartons Ltd.", "Tavelin Canning GmbH")) == 0.6
    assert found.get(("Ostwick Brewing AG", "Tavelin Canning GmbH")) == 0.4
    assert ("Brellmoor Cartons Ltd.", "Ostwick Brewing AG") not in found


def test_the_remaining_share_held_by_a_company_named_after_it(extract_text):
    found = owns(extract_text(
        "Quennel Materials Corp. owns 70% of Harsk Precursor Ltd., with the remaining 30% held"
        " by Slovak chemicals group Tarnova Chemia a.s."))
    assert found.get(("Quennel Materials Corp.", "Harsk Precursor Ltd.")) == 0.7
    assert found.get(("Tarnova Chemia a.s.", "Harsk Precursor Ltd.")) == 0.3


def test_the_rest_belongs_to_a_company_and_takes_what_the_first_holder_leaves(extract_text):
    found = owns(extract_text(
        "Dremont Alloys Inc. holds a 35% stake in Pellago Nickel Ltd., which it bought in 2022;"
        " the rest belongs to Brazilian mining group Varzea Mineracao S.A."))
    assert found.get(("Dremont Alloys Inc.", "Pellago Nickel Ltd.")) == 0.35
    assert found.get(("Varzea Mineracao S.A.", "Pellago Nickel Ltd.")) == 0.65


def test_the_remaining_share_of_a_company_stays_with_its_holder(extract_text):
    found = owns(extract_text(
        "Corvessa Foods Plc will buy 45% of Ablekuma Cocoa Ltd. The remaining 55% of Ablekuma"
        " Cocoa Ltd. stays with Nsawam Agro Holdings, the founding family's holding company."))
    assert found.get(("Nsawam Agro Holdings", "Ablekuma Cocoa Ltd.")) == 0.55


def test_a_holder_named_by_a_pronoun_and_a_partner_owning_the_rest(extract_text):
    found = owns(extract_text(
        "Fennimore Castings Ltd. opened a plant in Tangier through Rifwell Machining SARL, a"
        " joint venture in which it holds 49%, with Moroccan partner Tazrout Usinage SARL owning"
        " the remaining 51%."))
    assert found.get(("Tazrout Usinage SARL", "Rifwell Machining SARL")) == 0.51
    assert ("Fennimore Castings Ltd.", "Rifwell Machining SARL") in found


def test_shares_kept_or_retained_are_owned(extract_text):
    found = owns(extract_text(
        "After the sale Hallowby Holdings Ltd. retains 31% of Rosquin Energy S.A., remaining its"
        " largest shareholder. Morrant Electric Co. keeps the remaining 60% of Selvik Drives"
        " AS, while Kivela Capital Oy holds 40%."))
    assert found.get(("Hallowby Holdings Ltd.", "Rosquin Energy S.A.")) == 0.31
    assert found.get(("Morrant Electric Co.", "Selvik Drives AS")) == 0.6
    assert found.get(("Kivela Capital Oy", "Selvik Drives AS")) == 0.4


def test_a_rest_that_no_company_holds_gives_no_owner(extract_text):
    found = owns(extract_text(
        "Brightholm Invest ApS, the family holding company, owns 58% of Nordvang Living A/S,"
        " with the rest listed on Nasdaq Copenhagen. Orvelle Beauty S.A. bought 60% of"
        " Maison Calvet S.A.S. in 2023 and has an option to acquire the rest in 2027 from"
        " Calvet Partners SARL."))
    assert found.get(("Brightholm Invest ApS", "Nordvang Living A/S")) == 0.58
    assert ("Calvet Partners SARL", "Maison Calvet S.A.S.") not in found
    assert not [pair for pair in found if pair[0] in ("Nasdaq Copenhagen", "Nasdaq")]
