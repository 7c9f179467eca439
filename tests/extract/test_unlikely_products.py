"""What a company makes is a product, named as one: not a quantity, an officer's title run
into a name, a word for trade, one generic part, nor made by a news outlet. All companies
are invented."""

from __future__ import annotations

import importlib

import pytest

from supplywatch.extract.lexicon import load_lexicon
from supplywatch.model import Fact

# (the package exports a function of the same name as the module)
_likely_product = importlib.import_module("supplywatch.extract.assemble")._likely_product

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


@pytest.mark.parametrize(("company", "product", "likely"), [
    ("Ferrazzi Group", "hydraulic presses", True),
    ("Ferrazzi Group", "engineering services", True),  # a service is sold too
    ("Ferrazzi Group", "Lamberti Fluid Power S.r.l.", False),  # a company
    ("Harwick Energy", "rival engine makers", False),  # the parties to trade
    ("Harwick Energy", "900 tonnes", False),  # a quantity
    ("Battery Trade Journal", "power banks", False),  # an outlet reports, it does not make
    ("Zentro Innovation", "K", False),  # a letter cut off "Max 30K" by the tokenizer
    ("Zentro Innovation", "Max 30", True),
])
def test_what_is_likely_a_product(company, product, likely):
    fact = Fact("makes", {"company": company, "product": product}, "", (0, 0), 0.7)
    assert _likely_product(fact, load_lexicon()) is likely


@pytest.mark.parametrize("text", [
    "Orsova Chemicals S.A. and Kurobane Kasei Co., Ltd. have agreed to build a EUR 640 million "
    "plant for bio-based acrylic acid in Antwerp.",
    "Dornvik Agrar will show the TX 860 combine in November, with a list price starting at "
    "around EUR 690,000.",
    "Bramwell Calls Off EUR410m Bid for Carton Maker Kuusiva\n\nBramwell Packaging plc has "
    "withdrawn its offer for Kuusiva Oy, which makes FibreGuard cartons.",
])
def test_money_is_no_product_and_no_company(extract_text, text):
    result = extract_text(text)
    money = [e["name"] for e in result["entities"] if e["type"] in ("product", "company")
             and ("EUR" in e["name"] or "690" in e["name"])]
    assert not money, money
    assert not [f for f in result["facts"] if f["type"] == "makes" and "EUR" in f["product"]]


@pytest.mark.parametrize("publication", ["The Rack Report", "Annual Report", "Wearables Journal"])
def test_a_publication_is_no_product(publication):
    fact = Fact("makes", {"company": "Brightfold Systems Inc.", "product": publication}, "x", None, 0.8)
    assert not _likely_product(fact, load_lexicon())
    model = Fact("makes", {"company": "Brightfold Systems Inc.", "product": "Rack 880"}, "x", None, 0.8)
    assert _likely_product(model, load_lexicon())
