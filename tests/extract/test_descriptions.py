"""A company named later by a description of it: "the Kolkata-based brand" for a company
first described as "the Kolkata-based maker of power banks", "the Korean supplier" for
"South Korea's X". All companies are invented."""

from __future__ import annotations

import pytest

from supplywatch.extract.lexicon import load_lexicon


def supplies(result: dict) -> set[tuple[str, str, str]]:
    return {(f["supplier"], f["customer"], f["status"]) for f in result["facts"] if f["type"] == "supplies"}


def test_the_place_a_company_is_based_in_describes_it(extract_text):
    result = extract_text(
        "Notes from the week.\n\n"
        "Ormand Gadgets Pvt. Ltd., the Pune-based maker of power banks, said sales rose 20% in "
        "March. Tessik Devices Ltd., a Delhi-based rival, reported flat sales.\n\n"
        "The Pune-based brand said on Tuesday that its cells now come from Hallam Cell Co.")
    assert ("Hallam Cell Co.", "Ormand Gadgets Pvt. Ltd.", "active") in supplies(result)
    assert not {s for s in supplies(result) if s[1] == "Tessik Devices Ltd."}


def test_a_country_adjective_stands_for_the_company_of_that_country(extract_text):
    result = extract_text(
        "Notes from the week.\n\n"
        "Ormand Gadgets Pvt. Ltd. has signed deals with Japan's Kurosawa Denki and with "
        "South Korea's Hallam Cell Co. for its new chargers.\n\n"
        "The Korean supplier will ship about 12 million cells to Ormand Gadgets in 2026.")
    assert ("Hallam Cell Co.", "Ormand Gadgets Pvt. Ltd.", "planned") in supplies(result)


def test_a_description_followed_by_the_name_is_that_company(extract_text):
    result = extract_text(
        "Notes from the week.\n\n"
        "Vellin Fietsen B.V., the Utrecht-based maker of e-bikes, has partnered with "
        "Arnholt Antriebe GmbH on a new motor.\n\n"
        "Arnholt Antriebe, which is a subsidiary of the Swabian gearbox maker Hollwig AG, "
        "will sell the motor to other brands.")
    owns = {(f["parent"], f["child"]) for f in result["facts"] if f["type"] == "owns"}
    assert owns == {("Hollwig AG", "Arnholt Antriebe GmbH")}


def test_a_country_adjective_is_no_short_name_of_a_company(extract_text):
    result = extract_text(
        "Notes from the week.\n\n"
        "Varmland Marine ASA, the Norwegian deck machinery maker, won approval from the "
        "Norwegian Competition Authority for its purchase of a German rival.\n\n"
        "The Norwegian company supplies mooring winches to Daeho Heavy Industries.")
    assert ("Varmland Marine ASA", "Daeho Heavy Industries", "active") in supplies(result)


def test_a_switch_to_a_new_supplier_after_a_stop(extract_text):
    result = extract_text(
        "Ormand Gadgets Pvt. Ltd. has stopped buying lithium-ion cells from Huairen Energy Co., "
        "Ltd. and switched to Hallam Cell Co.")
    assert supplies(result) >= {("Huairen Energy Co., Ltd.", "Ormand Gadgets Pvt. Ltd.", "ended"),
                                ("Hallam Cell Co.", "Ormand Gadgets Pvt. Ltd.", "active")}


@pytest.mark.parametrize(("adjective", "country"), [("Korean", "korea"), ("Japanese", "japan"),
                                                    ("Dutch", "netherlands")])
def test_country_adjectives_in_the_lexicon(adjective, country):
    assert load_lexicon().demonyms[adjective.lower()] == country


def test_a_description_learned_from_an_earlier_one(extract_text):
    # "the Singapore-based phone maker" resolves to Pellard; its words then let "the
    # Singapore company" find Pellard, and "Its" after it is the same company
    result = extract_text(
        "Notes from the week.\n\n"
        "Pellard sells phones in Asia, and Tessmark Wireless Inc. sells modems. A teardown "
        "shows that the Singapore-based phone maker has dropped Tessmark as its modem "
        "supplier.\n\n"
        "Tessmark declined to comment. The Singapore company is also reshaping its laptop "
        "business. Its Orbis 14 notebooks are currently assembled by Taicheng Electronics at a "
        "plant in Chongqing.")
    found = {(s, c) for s, c, _ in supplies(result)}
    assert ("Taicheng Electronics", "Pellard") in found
    assert ("Taicheng Electronics", "Tessmark Wireless Inc.") not in found


def test_the_venture_is_the_one_called_so(extract_text):
    result = extract_text(
        "Notes from the week.\n\n"
        "Korvel Motors and Dalby Cells AB will form a joint venture. The joint venture, to be "
        "called Korvel Dalby Energy, will be 51% owned by Korvel and 49% by Dalby. Under the "
        "agreement, Dalby will supply LFP cells to the venture.")
    assert ("Dalby Cells AB", "Korvel Dalby Energy", "planned") in supplies(result)
