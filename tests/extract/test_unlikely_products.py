"""What a company makes is a product, named as one: not a quantity, an officer's title run
into a name, a word for trade, one generic part, nor made by a news outlet. All companies
are invented."""

from __future__ import annotations

STORY = (
    "Notes from the week.\n\n"
    "Harwick Energy makes lithium cells in Suzhou. Harwick made its last delivery to Brisk "
    "Tools in January, Brisk said.\n\n"
    "\"We build every pack in Suzhou,\" Harwick President Tetsuo Amada said. Harwick Energy "
    "also makes a 20,000 mAh power bank.\n\n"
    "The Battery Trade Journal reviews power banks every month."
)


def test_only_products_are_made(extract_text):
    result = extract_text(STORY)
    made = {(f["company"], f["product"]) for f in result["facts"] if f["type"] == "makes"}
    assert ("Harwick Energy", "lithium cells") in made
    products = {product for _, product in made}
    assert not products & {"last delivery", "mAh", "Harwick President Tetsuo Amada"}
    assert not {company for company, _ in made if company.endswith("Journal")}


def test_a_quantity_or_an_officer_is_no_entity(extract_text):
    names = {e["name"] for e in extract_text(STORY)["entities"]}
    assert "mAh" not in names
    assert not {n for n in names if "President" in n}
