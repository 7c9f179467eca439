"""Phrasings read in the thirteenth extraction round. All companies are invented; places
are real."""

from __future__ import annotations

import pytest

from supplywatch.extract.lexicon import load_lexicon
from supplywatch.extract.mentions import context_votes


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
