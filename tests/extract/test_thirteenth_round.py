"""Phrasings read in the thirteenth extraction round. All companies are invented; places
are real."""

from __future__ import annotations

import pytest

from supplywatch.extract.lexicon import load_lexicon
from supplywatch.extract.mentions import context_votes


def facts(result: dict, type_: str) -> list[dict]:
    return [f for f in result["facts"] if f["type"] == type_]


def owns(result: dict) -> dict[tuple[str, str], float | None]:
    return {(f["parent"], f["child"]): f["share"] for f in facts(result, "owns")}


def _votes_for(extractor, text: str, name: str):
    doc = extractor.nlp(text)
    start = next(t.i for t in doc if t.text == name.split()[0])
    return context_votes(doc, start, start + len(name.split()), load_lexicon())


@pytest.mark.parametrize(("text", "name"), [
    ("The company employs 640 people at a factory in the Franconian town of Coburg.", "Coburg"),
    ("Its fillers are shipped from the port of Gdansk every week.", "Gdansk"),
    ("Kinderhaus said it would press ahead with an expansion of its Coburg plant.", "Coburg"),
    ("Kinderhaus Spielwaren GmbH's Coburg factory employs 640 people.", "Coburg"),
], ids=["town-of", "port-of", "its-plant", "owner-s-factory"])
def test_a_name_written_as_where_a_site_is_votes_place(extractor, text, name):
    votes = _votes_for(extractor, text, name)
    assert votes["place"] >= 3 and votes["place"] > votes["company"] + votes["product"]


def test_a_company_before_a_site_without_an_owner_is_not_a_place(extractor):
    # "the Tessaro plant": no owner named before it, so the name may be the owner
    votes = _votes_for(extractor, "Workers at the Tessaro plant walked out on Monday.", "Tessaro")
    assert votes["place"] == 0


def test_a_town_of_name_is_listed_as_a_place(extract_text):
    result = extract_text(
        "Toymaker expands\n\n"
        "Brevik Toys GmbH will expand its main plant next year. The company also employs 300 "
        "people at a second factory in the Franconian town of Dinkelsbuehl, where "
        "Dinkelsbuehl officials welcomed the plan.")
    types = {e["name"]: e["type"] for e in result["entities"]}
    assert types.get("Dinkelsbuehl") == "place"


def test_a_place_in_a_description_finds_its_company_however_far_back(extract_text):
    # the description's company was named paragraphs before; another company is the subject
    # of the sentences in between
    filler = ("Oyamada is best known for compressors used in Japanese room air conditioners, "
              "but it has been pushing into European heating for several years. It already "
              "supplies Swedish boiler maker Fjallstad AB, and it opened a sales office in "
              "Dusseldorf last year to serve installers and distributors across Germany. ")
    result = extract_text(
        "Heat pump maker adds compressor source\n\n"
        "Marnevaux SA, the Lyon-based heating and ventilation group, has agreed to buy scroll "
        "compressors from Japan's Oyamada Industries Co., Ltd., adding a second supplier.\n\n"
        + filler * 2 + "\n\nThe Lyon-based group has spent the past three years building out "
        "its range through acquisitions. It completed the purchase of Danish ventilation "
        "specialist Kraghede A/S in 2023.")
    assert owns(result) == {("Marnevaux SA", "Kraghede A/S"): None}


def test_buying_shares_from_a_company_is_no_supply(extract_text):
    result = extract_text(
        "Hydraulics deal closes\n\n"
        "Brunnvik Industri AB bought 60% of Tallberg Hydraulics Oy in 2021. This year Brunnvik "
        "bought the other shares from the founding Tallberg family and from Sagami Seiki KK, a "
        "Japanese machine tool maker.")
    assert not facts(result, "supplies")
