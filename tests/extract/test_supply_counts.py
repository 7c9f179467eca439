"""How many goods a supply names, when the count hangs on the verb's object rather than on
a known part ("will supply about 120,000 groupsets a year"), and what is no count (money,
shares). All companies are invented."""

from __future__ import annotations


def quantities(result: dict) -> dict[tuple[str, str], int | None]:
    return {(f["supplier"], f["customer"]): f["quantity"] for f in result["facts"]
            if f["type"] == "supplies"}


def test_a_count_on_the_supply_verb_s_object_is_the_quantity(extract_text):
    found = quantities(extract_text(
        "Corvani Trasmissioni S.p.A. will supply about 120,000 groupsets a year to Kuijpers"
        " under a five-year agreement."))
    assert found == {("Corvani Trasmissioni S.p.A.", "Kuijpers"): 120_000}


def test_a_count_after_with_is_the_quantity(extract_text):
    found = quantities(extract_text(
        "Velmora Power will supply Castell Motors with 20 million cells over three years."))
    assert found == {("Velmora Power", "Castell Motors"): 20_000_000}


def test_a_share_of_the_goods_is_no_count(extract_text):
    found = quantities(extract_text(
        "Velmora Power will supply 30 percent of the cells to Castell Motors."))
    assert found == {("Velmora Power", "Castell Motors"): None}
