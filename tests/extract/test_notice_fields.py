"""Recalls a regulator's page states only in its fields ("Supplier: X", "Recalling firm:
X", a table's "Distributor<tab>X"), and recalls whose recaller a sentence reads only off
a brand ("This recall involves Kettlewise kettles"). All companies are invented."""

from __future__ import annotations

from collections import Counter

from supplywatch.extract.clusters import decide_types
from supplywatch.extract.lexicon import load_lexicon
from supplywatch.extract.mentions import Candidate
from supplywatch.ingest.loader import load
from supplywatch.model import name_key
from supplywatch.settings import Settings


def recalls(extractor, tmp_path, page: str) -> dict[str, dict]:
    saved = tmp_path / "notice.txt"
    saved.write_text(page, "utf-8")
    (document,) = load(str(saved), Settings())
    result = extractor.extract(document).contract()
    return {f["company"]: f for f in result["facts"] if f["type"] == "recall"}


def notice(headline: str, body: str) -> str:
    """A saved page: its headline, the header lines the text loader reads, then the body."""
    return f"{headline}\nSource: A regulator\nURL: https://example.com/notice\n\n{body}"


def named(fact: dict, word: str) -> bool:
    return any(word in product for product in fact["products"])


def test_a_notice_that_names_its_recaller_only_in_a_field(extractor, tmp_path):
    page = notice(
        "Quenbury Airlite 5L Air Fryer",
        "Home > Recalls > Quenbury Airlite 5L Air Fryer\n"
        "\n"
        "PRA number: 2025/31187\n"
        "Published date: 3 June 2025\n"
        "Product category: Kitchen appliances\n"
        "Supplier: Dorrigan Housewares Pty Ltd\n"
        "Product: Quenbury Airlite 5L Air Fryer, model QA-500, black\n"
        "Number of units: 4,318\n"
        "Manufacturer: Zhongshan Feiyue Electrical Co., Ltd., Zhongshan, China\n"
        "\n"
        "What are the defects?\n"
        "The heating element's wiring can chafe against the housing.\n"
        "\n"
        "What should consumers do?\n"
        "Consumers should stop using the air fryer and return it for a full refund.\n"
        "Recall alerts by email | Report an unsafe product\n"
    )
    found = recalls(extractor, tmp_path, page)
    assert set(found) == {"Dorrigan Housewares Pty Ltd"}, \
        "the supplier brings the product to market and recalls it; its maker does not"
    fact = found["Dorrigan Housewares Pty Ltd"]
    assert named(fact, "QA-500") or named(fact, "Airlite"), fact["products"]
    assert fact["units"] == 4318


def test_a_recalling_firm_field_beats_the_importer_and_maker_fields(extractor, tmp_path):
    page = notice(
        "Enforcement Report: trail mix",
        "Recall Number: F-1132-2025\n"
        "Product Description: Harvest Ridge Trail Mix, 12 oz bag\n"
        "Importer: Saltmarsh Foods Inc.\n"
        "Recalling Firm / Manufacturer: Pelland Nut Company LLC\n"
        "Product Quantity: 22,500 bags\n"
        "Reason for Recall: The product may contain undeclared peanuts.\n"
    )
    found = recalls(extractor, tmp_path, page)
    assert set(found) == {"Pelland Nut Company LLC"}
    assert named(found["Pelland Nut Company LLC"], "Harvest Ridge Trail Mix")
    assert found["Pelland Nut Company LLC"]["units"] == 22500


def test_a_table_row_names_the_recaller(extractor, tmp_path):
    page = notice(
        "Varnholt Tandem strollers recalled due to fall hazard",
        "Affected products\n"
        "Varnholt Tandem double strollers, model VT-220\n"
        "\n"
        "Companies\n"
        "Company role\tCompany name\tCity\tCountry\n"
        "Manufacturer\tHoa Binh Juvenile Co., Ltd.\tHanoi\tVietnam\n"
        "Distributor\tVarnholt Kids Inc.\tMontreal\tCanada\n"
    )
    found = recalls(extractor, tmp_path, page)
    assert set(found) == {"Varnholt Kids Inc."}, found


def test_a_sentence_that_says_who_recalls_beats_the_fields(extractor, tmp_path):
    page = notice(
        "Ombrelle Lighting recalls desk lamps",
        "Ombrelle Lighting is recalling about 9,000 Lumen Arc desk lamps because the base"
        " can overheat.\n"
        "\n"
        "Manufacturer: Ningbo Guangyao Lighting Co., Ltd.\n"
        "Distributor: Tessel Home Ltd\n"
    )
    found = recalls(extractor, tmp_path, page)
    assert set(found) == {"Ombrelle Lighting"}
    assert found["Ombrelle Lighting"]["units"] == 9000


def test_each_notice_on_a_page_of_several_keeps_its_own_recaller(extractor, tmp_path):
    page = notice(
        "Product recalls",
        "Current recalls\n"
        "\n"
        "Brisko 18V Cordless Leaf Blower\n"
        "Model: BLB-180 and BLB-180K\n"
        "Supplier: Brisko Outdoor Ltd\n"
        "Issue: The battery latch can release, and the battery can fall out.\n"
        "\n"
        "Tallowby Nursery Night Light\n"
        "Model: TNL-22\n"
        "Recalling firm: Tallowby Baby Ltd\n"
        "Issue: The plug pins can detach from the casing.\n"
        "\n"
        "Arbenfeld Garden Hedge Trimmer\n"
        "Model: AGH-450\n"
        "Manufacturer: Arbenfeld Werkzeuge GmbH\n"
        "Issue: The blade can run on after the trigger is released. Arbenfeld Werkzeuge GmbH"
        " is recalling all units from the affected batches.\n"
    )
    found = recalls(extractor, tmp_path, page)
    assert {"Brisko Outdoor Ltd", "Tallowby Baby Ltd", "Arbenfeld Werkzeuge GmbH"} <= set(found)
    assert named(found["Brisko Outdoor Ltd"], "BLB-180")
    assert named(found["Tallowby Baby Ltd"], "TNL-22")
    assert not named(found["Tallowby Baby Ltd"], "BLB-180"), "each item's models are its own"


def test_a_page_that_never_says_recall_recalls_nothing(extractor, tmp_path):
    page = notice(
        "Cavendale CX-40 cordless drill: specifications",
        "Model: CX-40\n"
        "Manufacturer: Foshan Delun Power Tools Co., Ltd.\n"
        "Distributor: Cavendale Tools Ltd\n"
        "Battery: 18 V, 4.0 Ah\n"
    )
    assert recalls(extractor, tmp_path, page) == {}


def test_a_brand_read_off_the_products_is_the_stated_recallers(extractor, tmp_path):
    page = notice(
        "Brightfold Home Recalls Kettlewise Electric Kettles Due to Burn Hazard",
        "Brightfold Home is recalling about 31,000 electric kettles sold under its Kettlewise"
        " brand.\n"
        "\n"
        "This recall involves Kettlewise 1.7-liter cordless electric kettles with model numbers"
        " KW-170S and KW-170G.\n"
    )
    found = recalls(extractor, tmp_path, page)
    assert set(found) == {"Brightfold Home"}, "the brand is no recaller of its own"
    assert named(found["Brightfold Home"], "KW-170S") or named(found["Brightfold Home"], "Kettlewise")


def test_a_name_written_once_with_its_legal_form_is_a_company(extractor):
    # the base model may read a firm written bare ("contact Wrenloft") as a person, more
    # often than the one mention with its legal form says company
    doc = extractor.nlp("Wrenloft said it had 38 reports. Consumers should contact Wrenloft."
                        " Importer(s): Wrenloft Inc., of Austin, Texas.")
    lex = load_lexicon()
    spans = [(i, i + 1) for i, t in enumerate(doc) if t.text == "Wrenloft" and doc[i + 1].text != "Inc."]
    cands = [Candidate(s, e, Counter({"person": 5})) for s, e in spans]
    start = next(t.i for t in doc if t.text == "Inc.") - 1
    cands.append(Candidate(start, start + 2, Counter({"company": 4})))
    assert decide_types(cands, doc, lex)[name_key("Wrenloft")] == "company"


def test_a_headline_that_offers_a_remedy_names_the_firm_apart(extractor, tmp_path):
    # an old regulator headline: "X Offers ..." is the firm, then what it offers
    page = (
        "Brantwell Offers Free Repair Kits For Patio Heaters\n"
        "CPSC recall 94122, US, 1994-06-02.\n"
        "Brantwell patio heaters.\n"
        "Recalling firm: Brantwell.\n"
        "Product types: Heaters.\n"
    )
    assert set(recalls(extractor, tmp_path, page)) == {"Brantwell"}


def test_a_legal_form_cut_from_its_name_recalls_nothing(extractor, tmp_path):
    # (the base model tags the legal form apart from a name it does not know as one)
    page = (
        "Pecan and Company\n"
        "FDA recall ucm350101, US, 2013-05-02.\n"
        "Pecan and Company.\n"
        "Recalling firm: Pecan and Company, LLC.\n"
        "Product type: Bisque.\n"
        "Hazard:\n"
        "Undeclared milk, soy and wheat\n"
    )
    assert not {name for name in recalls(extractor, tmp_path, page) if name in ("LLC", "LLC.")}


def test_a_notice_titled_with_its_product_recalls_that_product(extractor, tmp_path):
    page = notice(
        "Ostwyn Ride Pty Ltd — Ostwyn Pelican 7 electric scooters",
        "Home > Recalls > Ostwyn Pelican 7 electric scooters\n"
        "\n"
        "PRA number: 2025/30412\n"
        "Supplier: Ostwyn Ride Pty Ltd\n"
        "Where the product was sold: Nationally\n"
        "\n"
        "What are the defects?\n"
        "The folding latch can crack, and the stem can collapse while riding.\n"
    )
    found = recalls(extractor, tmp_path, page)
    assert set(found) == {"Ostwyn Ride Pty Ltd"}
    assert named(found["Ostwyn Ride Pty Ltd"], "Pelican 7"), found["Ostwyn Ride Pty Ltd"]["products"]
    assert not named(found["Ostwyn Ride Pty Ltd"], "Ostwyn Ride"), "the firm is no product"


def test_a_sentence_recalling_the_product_takes_the_notice_s_product(extractor, tmp_path):
    page = notice(
        "Product Recall: Brenlow 2kW Convector Heater (BCH-200)",
        "Product: Brenlow 2kW Convector Heater, model BCH-200\n"
        "Hazard: The thermal cut-out can fail, and the heater can overheat.\n"
        "Corrective action: The distributor, Harrowfield Home Ltd, is recalling the product from"
        " end users.\n"
        "Distributor: Harrowfield Home Ltd\n"
        "Alert number: 2505-0199\n"
    )
    found = recalls(extractor, tmp_path, page)
    assert set(found) == {"Harrowfield Home Ltd"}
    products = found["Harrowfield Home Ltd"]["products"]
    assert "product" not in products, "what it recalls is the notice's product, not 'the product'"
    assert named(found["Harrowfield Home Ltd"], "Convector Heater") or named(
        found["Harrowfield Home Ltd"], "BCH-200"), products
    assert not named(found["Harrowfield Home Ltd"], "2505-0199"), "the alert's number is no model"
