"""Model-number tokens: spelling variants meet, longer numbers and words never do."""

from __future__ import annotations

import pytest

from supplywatch.query.modelnums import digit_fragments, is_model_code, model_codes, normalise_code


def codes(text: str) -> set[str]:
    return {c.code for c in model_codes(text)}


@pytest.mark.parametrize("text", ["A1681", "a1681", "a-1681", "A 1681", "Anker A1681 PowerCore",
                                  "(A1681)", "model: A‐1681."])
def test_variants_share_one_code(text: str) -> None:
    assert "A1681" in codes(text)


@pytest.mark.parametrize("text", ["A16810", "XA1681", "A1681B", "A16811 charger", "1681",
                                  "batteryA1681"])
def test_never_inside_a_longer_number_or_word(text: str) -> None:
    assert "A1681" not in codes(text)


def test_hyphenated_codes_and_their_spans() -> None:
    (code,) = model_codes("the Romoss PAC20-392 power bank")
    assert code.code == "PAC20392"
    assert code.text == "PAC20-392"
    assert "the Romoss PAC20-392 power bank"[code.start : code.end] == "PAC20-392"
    assert "PAC20" not in codes("Romoss PAC20-392")  # no match inside a longer model


@pytest.mark.parametrize("text", ["20W", "10000mAh", "2nd", "3-pack", "2013", "USB-C", "a 2013"])
def test_measures_years_and_words_are_not_model_numbers(text: str) -> None:
    assert codes(text) == set()


def test_normalise_and_fragments() -> None:
    assert normalise_code("na-220") == normalise_code("NA 220") == "NA220"
    assert is_model_code("NA220") and not is_model_code("NA")
    assert digit_fragments("PAC20392") == ["20392"]
    assert digit_fragments("A1B") == ["a1b"]
