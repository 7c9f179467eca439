"""Who recalls: the company a sentence describes as the recaller ("X is the latest
automaker to recall ..."), never a regulator that announces the recall with it. All
companies are invented."""

from __future__ import annotations

from supplywatch.ingest.loader import load
from supplywatch.settings import Settings


def recallers(result: dict) -> set[str]:
    return {f["company"] for f in result["facts"] if f["type"] == "recall"}


def test_the_company_described_as_the_recaller_recalls(extract_text):
    result = extract_text("Castell Motors is the latest automaker to recall vehicles fitted"
                          " with Brantley Safety airbags.")
    assert recallers(result) == {"Castell Motors"}
    supplied = {(f["supplier"], f["customer"]) for f in result["facts"] if f["type"] == "supplies"}
    assert supplied == {("Brantley Safety", "Castell Motors")}, "the airbags' maker supplied them"


def test_a_regulator_announcing_a_recall_neither_recalls_nor_makes_the_product(extract_text):
    result = extract_text("Health Canada and Velmora Power jointly announced a recall of PB-20"
                          " chargers.")
    assert recallers(result) == {"Velmora Power"}
    makers = {f["company"] for f in result["facts"] if f["type"] == "makes"}
    assert "Health Canada" not in makers


def test_a_capitalised_headline_verb_is_no_part_of_a_model_name(extractor, tmp_path):
    story = tmp_path / "story.txt"
    story.write_text("VELMORA POWER RECALLS PB-20 POWER BANKS\n\nVelmora Power is recalling about"
                     " 12,000 PB-20 power banks because the batteries can overheat.\n", "utf-8")
    result = extractor.extract(load(str(story), Settings())[0]).contract()
    names = {n for e in result["entities"] for n in [e["name"], *e["aliases"]]}
    assert not any("RECALLS" in n for n in names), names


def test_a_company_whose_name_starts_with_a_regulator_word_recalls(extract_text):
    # "Office" and "Bureau" name regulators only at the end of a name or before "of"
    result = extract_text("Office Depot is recalling about 5,000 desk chairs because the"
                          " seat can break.")
    assert recallers(result) == {"Office Depot"}
    result = extract_text("The Department of Energy and Velmora Power jointly announced a recall"
                          " of 3,000 space heaters.")
    assert recallers(result) == {"Velmora Power"}


def test_a_headline_in_capitals_does_not_hide_the_first_sentence(extractor, tmp_path):
    story = tmp_path / "story.txt"
    story.write_text("VELMORA POWER RECALLS PB-20 POWER BANKS\n\nVelmora Power is recalling about"
                     " 12,000 PB-20 power banks because the batteries can overheat.\n", "utf-8")
    result = extractor.extract(load(str(story), Settings())[0]).contract()
    recalls = [f for f in result["facts"] if f["type"] == "recall"]
    assert [(f["company"], f["units"]) for f in recalls] == [("Velmora Power", 12000)]


def recalls_by_company(result: dict) -> dict[str, dict]:
    return {f["company"]: f for f in result["facts"] if f["type"] == "recall"}


def test_a_recall_that_involves_branded_products_is_the_brands(extract_text):
    result = extract_text("This recall involves Velmora Power PowerCell 10K portable chargers,"
                          " model number A2210.")
    found = recalls_by_company(result)
    assert set(found) == {"Velmora Power"}, "the brand first named, not its product line"
    assert "A2210" in found["Velmora Power"]["products"]
    assert found["Velmora Power"]["units"] is None, "10K is a capacity, not a count"
    assert not [f for f in result["facts"] if f["type"] == "supplies"], \
        "a product line named after the brand is no part maker"


def test_the_affected_models_belong_to_the_documents_recall(extract_text):
    result = extract_text("The affected models are the PB-20, PB-30 and PB-40.\n"
                          "Velmora Power announced the recall on Monday.")
    found = recalls_by_company(result)
    assert set(found["Velmora Power"]["products"]) == {"PB-20", "PB-30", "PB-40"}


def test_the_automaker_is_not_the_company_named_on_the_faulty_parts(extract_text):
    result = extract_text("Velmora Power has agreed to pay Castell Motors up to $1.9B to compensate"
                          " the company for costs of the recall. Fire concerns caused by faulty"
                          " Velmora batteries led the automaker to recall all of its electric buses.")
    assert recallers(result) == {"Castell Motors"}
    supplied = {(f["supplier"], f["customer"]) for f in result["facts"] if f["type"] == "supplies"}
    assert ("Velmora Power", "Castell Motors") in supplied



def test_a_brand_before_a_model_name_is_not_the_automaker_referred_to(extract_text):
    # "the Nissan Leaf recall" uses Nissan as a brand; "the company" paid, and "the
    # automaker" that recalls, is the one the sentence names as a party.
    result = extract_text("Velmora Power has agreed to pay Castell Motors up to $1.9B to compensate"
                          " the company for costs associated with the Nissan Leaf recall. Fire"
                          " concerns caused by faulty Velmora batteries led the automaker to recall"
                          " all models of the car.")
    assert recallers(result) == {"Castell Motors"}


def test_a_number_in_a_product_name_is_no_count_of_units(extract_text):
    result = extract_text("Velmora recalled Vega 5 scooters because the batteries can overheat.")
    assert [f["units"] for f in result["facts"] if f["type"] == "recall"] == [None]
    result = extract_text("Velmora is recalling about 8,000 Vega 5 scooters.")
    assert [f["units"] for f in result["facts"] if f["type"] == "recall"] == [8000]


def test_a_title_case_headline_names_no_product_from_its_verb(extract_text):
    result = extract_text("Castell Motors Recalls 40,000 Scooters Over Velmora Power Battery Fire Risk")
    products = {e["name"] for e in result["entities"] if e["type"] == "product"}
    assert not any("Recalls" in name for name in products), products


def test_the_company_that_announced_the_recall_recalls(extract_text):
    result = extract_text("The recall, announced by Castell Motors on Tuesday, covers about"
                          " 12,000 Vega scooters.")
    assert [(f["company"], f["units"]) for f in result["facts"] if f["type"] == "recall"] == [
        ("Castell Motors", 12000)]


def test_a_recalled_line_named_only_where_the_recall_is_stated_is_its_product(extract_text):
    # the kind of product ("air fryers") is in no vocabulary, and the line's name was not
    # taken for a product: the recall's object still names what was recalled, and who makes it
    result = extract_text("Notes from the week.\n\nIn February, Brisk Appliances recalled about"
                          " 1.1 million Tornada XL air fryers after reports that the basket"
                          " handle could detach.")
    recall = recalls_by_company(result)["Brisk Appliances"]
    assert recall["units"] == 1_100_000
    assert any("Tornada XL" in p for p in recall["products"]), recall["products"]
    makes = {(f["company"], f["product"]) for f in result["facts"] if f["type"] == "makes"}
    assert any(c == "Brisk Appliances" and "Tornada XL" in p for c, p in makes), makes


def test_a_part_named_by_its_maker_is_no_product_line_of_the_recaller(extract_text):
    result = extract_text("Notes from the week.\n\nVelmora Power, a Korean cell maker, had a"
                          " difficult year. Castell Motors recalled 9,000 Velmora Power batteries"
                          " in May.")
    makes = {(f["company"], f["product"]) for f in result["facts"] if f["type"] == "makes"}
    assert not any("Velmora" in p for _, p in makes), makes


def test_a_recalled_kind_written_as_an_acronym_s_plural_carries_the_line(extract_text):
    # "SUVs", "TVs": the kind of product is not written in lower case, the line still counts
    result = extract_text("Dunmere Motors Corp. is recalling 38,412 Tessaro Sport SUVs from the"
                          " 2024 and 2025 model years because a seat recliner may not lock.")
    recall = recalls_by_company(result)["Dunmere Motors Corp."]
    assert recall["units"] == 38_412
    assert any("Tessaro Sport" in p for p in recall["products"]), recall["products"]


def test_a_site_s_breadcrumb_is_no_company(extractor, tmp_path):
    # a regulator's page as saved: its breadcrumb and language menu above the notice
    page = (
    "Brellin Lumo 4 desk lamps recalled due to fire hazard\n"
    "Source: Health Canada - Recalls and safety alerts\n"
    "URL: https://recalls-rappels.canada.ca/en/alert-recall/brellin-lumo-4\n"
    "\n"
    "Canada.ca > Health > Recalls and safety alerts\n"
    "Government of Canada | Gouvernement du Canada | Français\n"
    "\n"
    "Brellin Lumo 4 desk lamps recalled due to fire hazard\n"
    "\n"
    "Starting date: April 10, 2025\n"
    "Type of communication: Consumer Product Recall\n"
    "\n"
    "Summary\n"
    "Product: Brellin Lumo 4 desk lamps\n"
    "Issue: The switch can overheat, posing a fire hazard.\n"
    "\n"
    "Recalling firm: Brellin Home Inc., Toronto, Ontario\n"
    "\n"
    "Approximately 4,100 of the affected products were sold in Canada.\n"
    )
    saved = tmp_path / "brellin-lumo-4.txt"
    saved.write_text(page, "utf-8")
    (document,) = load(str(saved), Settings())
    result = extractor.extract(document).contract()
    companies = {e["name"] for e in result["entities"] if e["type"] == "company"}
    assert not any(">" in name or "|" in name for name in companies), companies


def test_a_model_number_the_tokenizer_cut_is_read_whole(extract_text):
    # the tokenizer reads "PW-10K" as "PW-10" + "K"; "is my PW-10K recalled?" needs it whole
    result = extract_text("Pocketwatt Inc. on Oct. 16 recalled about 210,000 PW-10K power banks"
                          " sold in the U.S. and Canada.")
    recall = recalls_by_company(result)["Pocketwatt Inc."]
    assert "PW-10K" in recall["products"] and recall["units"] == 210_000
