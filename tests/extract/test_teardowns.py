"""Parts found inside a product, with only their maker named: the buyer is the company the
document is about, at a lower confidence than a stated supply. All companies are invented."""

from __future__ import annotations

import pytest

TEARDOWN = (
    "Castell Pods 3 teardown: what is inside Castell Audio's new earbuds\n\n"
    "Castell Audio's new earbuds went on sale this month, and Castell Audio says the first "
    "batch sold out in a week. We bought two sets and took them apart.\n\n"
    "{sentence}\n\n"
    "Castell Audio did not respond to a request for comment."
)


def supplies(result: dict) -> list[dict]:
    return [f for f in result["facts"] if f["type"] == "supplies"]


@pytest.mark.parametrize(("sentence", "supplier"), [
    ("The MEMS microphones, three per earbud, come from Brisk Sensorik GmbH, a German firm.",
     "Brisk Sensorik GmbH"),
    ("The main logic board is built around a Bluetooth audio chip from Ardent Semiconductor.",
     "Ardent Semiconductor"),
    ("Each earbud carries a coin cell made by Velmora Energy Co., Ltd. in Huizhou.",
     "Velmora Energy Co., Ltd."),
])
def test_a_part_inside_the_product_is_supplied_to_its_maker(extract_text, sentence, supplier):
    found = supplies(extract_text(TEARDOWN.format(sentence=sentence)))
    assert [(f["supplier"], f["customer"]) for f in found] == [(supplier, "Castell Audio")]
    assert found[0]["confidence"] <= 0.6


@pytest.mark.parametrize("sentence", [
    # (the supply classifier gave this part to the story's company from the fifteenth round
    # to the twenty-fifth; the one retrained in the twenty-sixth does not)
    "Chips from Ardent Semiconductor are in short supply this year, analysts said.",
    "Brisk Sensorik GmbH said its microphones come from a new plant in Dresden.",
])
def test_a_part_not_said_to_be_inside_gives_no_supply(extract_text, sentence):
    found = supplies(extract_text(TEARDOWN.format(sentence=sentence)))
    assert not [f for f in found if f["customer"] == "Castell Audio"]


def test_parts_the_writer_found_inside(extract_text):
    found = supplies(extract_text(TEARDOWN.format(
        sentence="Inside, we found a power management chip from Ardent Semiconductor and a"
                 " Brisk Microelectronics RD3326 processor. Brisk Microelectronics makes"
                 " processors for wearables.")))
    assert {(f["supplier"], f["customer"]) for f in found} == {
        ("Ardent Semiconductor", "Castell Audio"), ("Brisk Microelectronics", "Castell Audio")}



def test_parts_the_writer_did_not_find_are_not_supplied(extract_text):
    found = supplies(extract_text(TEARDOWN.format(
        sentence="Reports had said Castell Audio would switch to Ardent Semiconductor. We found no"
                 " Ardent Semiconductor parts anywhere in our unit. Inside, we found a processor"
                 " from Brisk Microelectronics.")))
    assert [(f["supplier"], f["status"]) for f in found if f["status"] == "active"] == [
        ("Brisk Microelectronics", "active")]

def test_the_most_named_maker_in_a_parts_list_is_no_buyer(extract_text):
    # the panel maker is named more often than the product's maker, but the sentence lists
    # it among the makers of the parts: the parts go to the other company
    text = ("Inside the Korrin Slate 7: a panel from Eonar and chips from three makers\n\n"
            "Korrin Labs makes the Slate 7 reader. Eonar Display Co. has supplied e-paper panels "
            "for years, and Eonar said demand is strong. Eonar expects growth.\n\n"
            "Inside, we found a 7-inch e-paper panel from Eonar Display Co., a processor from "
            "Rendall Microelectronics, a power management chip from Lisgard Semiconductor and "
            "a touch controller from Nakasu Electronics.")
    pairs = {(f["supplier"], f["customer"]) for f in supplies(extract_text(text))}
    assert not {p for p in pairs if p[1] == "Eonar Display Co."}


def test_the_analyst_that_found_the_part_is_no_buyer(extract_text):
    result = extract_text(
        "Inside the Ranchera E pickup\n\n"
        "Vehiculos Tonalli S.A. de C.V. builds the Ranchera E pickup in Puebla. Tonalli says the"
        " truck is 60% local. The work was carried out by Orrin Benchmarking, an engineering"
        " consultancy in Michigan. Inside the head unit, Orrin found an application processor,"
        " made by San Jose-based Kestrel Semiconductor Inc. in Taiwan. The pack's battery management"
        " boards were made by Brodek Elektronika s.r.o. of Brno, according to Orrin's report."
        " Tonalli sells the Ranchera E through 40 dealers, and Tonalli plans a second model.")
    found = {(f["supplier"], f["customer"]) for f in supplies(result)}
    assert not any(c == "Orrin Benchmarking" for _, c in found), found
    assert ("Kestrel Semiconductor Inc.", "Vehiculos Tonalli S.A. de C.V.") in found, found
    assert ("Brodek Elektronika s.r.o.", "Vehiculos Tonalli S.A. de C.V.") in found, found


LAB_TEARDOWN = (
    "Teardown: inside the Corlith Aster 6 Pro\n\n"
    "A teardown of the Corlith Aster 6 Pro shows that the phone maker has changed its modem, "
    "according to repair firm Bitwrench Labs. Corlith sells the Aster 6 Pro in 20 countries, "
    "and Corlith's Aster 5 Pro is still on sale.\n\n"
    "{sentence}\n\n"
    "Corlith did not respond to a request for comment."
)


@pytest.mark.parametrize(("sentence", "supplier", "part"), [
    ("Bitwrench found a 5G modem from Lianhe Microelectronics Co. on the main logic board.",
     "Lianhe Microelectronics Co.", "5G modem"),
    ("The DC-link film capacitors are from Ruiheng Capacitor.", "Ruiheng Capacitor",
     "DC-link film capacitors"),
])
def test_parts_a_lab_found_or_that_are_from_a_maker(extract_text, sentence, supplier, part):
    result = extract_text(LAB_TEARDOWN.format(sentence=sentence))
    found = [(f["supplier"], f["customer"], f["component"]) for f in supplies(result)]
    assert found == [(supplier, "Corlith", part)]
    names = {e["name"]: e["type"] for e in result["entities"]}
    assert names.get("Teardown") is None and names.get("Corlith") == "company"
