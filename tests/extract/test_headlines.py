"""A headline in title case or capitals is parsed in the case its story writes its words,
and the evidence still quotes the document as written. All companies are invented."""

from __future__ import annotations

import pytest

from supplywatch.extract.headlines import readable_headline

STORY = ("\nCastell Motors is recalling 40,000 electric scooters because the batteries made by"
         " Velmora Power can overheat and catch fire, the company said on Monday. The recall"
         " covers scooters sold in Europe since March, and owners should stop riding them.")


@pytest.mark.parametrize(("headline", "read_as"), [
    ("Castell Motors Recalls 40,000 Scooters Over Velmora Power Battery Fire Risk",
     "Castell Motors recalls 40,000 scooters over Velmora Power battery fire risk"),
    ("CASTELL MOTORS RECALLS SCOOTERS OVER VELMORA POWER BATTERIES",
     "Castell Motors recalls scooters over Velmora Power batteries"),
])
def test_a_headline_is_read_in_its_storys_case(headline, read_as):
    assert readable_headline(headline + STORY) == (len(headline), read_as)


@pytest.mark.parametrize("text", [
    "Castell Motors recalls scooters over battery fires" + STORY,  # already a sentence
    "Castell Motors Recalls Scooters\nOwners should stop riding them.",  # no story to learn from
    "Castell Motors Recalls Scooters Over Fire Risk.\n" + STORY,  # a sentence, not a headline
])
def test_other_first_lines_are_left_as_written(text):
    assert readable_headline(text) is None


def test_names_the_story_repeats_and_company_suffixes_keep_their_capitals():
    headline = "Massey Energy Company Buys Brisk Cells"
    story = ("\nMassey Energy said on Tuesday that it buys Brisk Cells, a maker of battery cells,"
             " for an undisclosed sum; the company expects the deal to close in the spring.")
    assert readable_headline(headline + story) == (len(headline),
                                                   "Massey Energy Company buys Brisk Cells")


def test_a_title_case_headline_neither_hides_nor_invents_companies(extract_text):
    headline = "Castell Motors Recalls 40,000 Scooters Over Velmora Power Battery Fire Risk"
    result = extract_text(headline + STORY)
    companies = {e["name"] for e in result["entities"] if e["type"] == "company"}
    assert companies == {"Castell Motors", "Velmora Power"}
    products = {e["name"] for e in result["entities"] if e["type"] == "product"}
    assert not any(p.lower().endswith("risk") for p in products), "a hazard is no product"
    supplied = {(f["supplier"], f["customer"]) for f in result["facts"] if f["type"] == "supplies"}
    assert supplied == {("Velmora Power", "Castell Motors")}
    recalls = [f for f in result["facts"] if f["type"] == "recall"]
    assert [f["company"] for f in recalls] == ["Castell Motors"]
    text = headline + STORY
    for fact in result["facts"]:  # evidence quotes the document, capitals and all
        assert text[fact["span"][0]:fact["span"][1]] == fact["evidence"]
    assert any(f["evidence"] == headline for f in recalls)


def test_a_headline_in_capitals_gives_no_second_company(extract_text):
    result = extract_text("CASTELL MOTORS RECALLS SCOOTERS OVER VELMORA POWER BATTERIES" + STORY)
    companies = {e["name"] for e in result["entities"] if e["type"] == "company"}
    assert companies == {"Castell Motors", "Velmora Power"}


def test_words_glued_to_others_keep_their_case():
    headline = "Self-Balancing Scooters Recalled By Castell Motors"
    assert readable_headline(headline + STORY) == (
        len(headline), "Self-Balancing scooters recalled by Castell Motors")
