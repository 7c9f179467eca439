"""A wire story's dateline ("SEOUL, South Korea, Nov 3 (Reuters) -") is where it was filed:
no company, no part of the first name, and the story's first sentence starts after it.
All companies are invented."""

from __future__ import annotations

import pytest


def read(result: dict) -> tuple[set[tuple[str, str]], set[str]]:
    """An extraction's supplier -> customer pairs, and its company names."""
    return ({(f["supplier"], f["customer"]) for f in result["facts"] if f["type"] == "supplies"},
            {e["name"] for e in result["entities"] if e["type"] == "company"})


@pytest.mark.parametrize("dateline", [
    "SEOUL, South Korea, Nov 3 (Reuters) - ",
    "SHENZHEN, China, Oct. 3, 2025 /PRNewswire/ -- ",
    "FRANKFURT AM MAIN, March 4 (Wire) - ",
    "PERTH - ",
])
def test_the_first_sentence_after_a_dateline_states_its_facts(extract_text, dateline):
    result = extract_text(f"{dateline}Hanjin Electronics Co. will supply batteries to Orvane Motors"
                          " from 2026.")
    supplies, companies = read(result)
    assert supplies == {("Hanjin Electronics Co.", "Orvane Motors")}
    assert not any(name.isupper() and len(name) > 3 for name in companies), companies


def test_a_dateline_s_place_is_no_part_of_the_first_name(extract_text):
    result = extract_text("SHENZHEN - Lumenshire Display Technology Co., Ltd., a maker of LED video"
                          " walls, has agreed to supply 1,400 LED screens to Metrovista Media.")
    assert read(result)[0] == {("Lumenshire Display Technology Co., Ltd.", "Metrovista Media")}


def test_a_company_in_capitals_opening_a_line_is_still_a_company(extract_text):
    # no dateline: a name in capitals followed by its description, not by a date
    result = extract_text("ORVANE MOTORS, the carmaker, said on Monday that its cells come from"
                          " Hanjin Cells.")
    assert "ORVANE MOTORS" in read(result)[1]


def test_a_dash_inside_a_sentence_ends_nothing(extract_text):
    result = extract_text("Hanjin Cells - the Korean maker - will supply batteries to Orvane Motors.")
    assert read(result)[0] == {("Hanjin Cells", "Orvane Motors")}


def test_a_hyphen_inside_a_name_opening_a_line_is_no_dateline(extract_text):
    # "IBM Hon-Kwang": a dash between words, not between spaces, joins them
    result = extract_text("KTM Hon-Kwang Electric Co. will supply batteries to Orvane Motors.")
    assert read(result)[0] == {("KTM Hon-Kwang Electric Co.", "Orvane Motors")}
