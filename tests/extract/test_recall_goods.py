"""What a recall covers, in the forms food and consumer notices write it: goods counted in
packages, serial numbers that name no product, a pathogen that names none either, a line
named after "its", a recaller written after a date, and a one-word kind that is no
company. All companies are invented."""

from __future__ import annotations


def facts_of(result: dict, type_: str) -> list[dict]:
    return [f for f in result["facts"] if f["type"] == type_]


def test_goods_counted_in_packages_are_what_is_recalled(extract_text):
    result = extract_text(
        "Business news\n\nHarrowgate Foods is recalling 52,000 packages of Tillbury oat bars.")
    recall = facts_of(result, "recall")[0]
    assert recall["units"] == 52000
    assert recall["products"] == ["Tillbury oat bars"]


def test_serial_numbers_beginning_with_a_code_name_no_product(extract_text):
    result = extract_text(
        "Business news\n\nCorriden Bikes is recalling 2,000 Metro E4 bicycles. The recalled"
        " battery packs have serial numbers beginning with KB31 or KB32.")
    named = {f["product"] for f in facts_of(result, "makes")} | {
        p for f in facts_of(result, "recall") for p in f["products"]}
    assert "Metro E4" in named
    assert not named & {"KB31", "KB32"}


def test_a_pathogen_is_a_hazard_and_no_product(extract_text):
    result = extract_text(
        "Business news\n\nHarrowgate Foods is recalling its Tillbury granola bars after a"
        " Listeria test.")
    assert not [f for f in facts_of(result, "makes") if f["product"] == "Listeria"]
    assert "Listeria" in (facts_of(result, "recall")[0]["hazard"] or "")


def test_a_line_named_after_its_with_the_recaller_after_a_date(extract_text):
    result = extract_text(
        "Business news\n\nHarrowgate Foods is recalling its Tillbury granola bars. Last autumn,"
        " Pemberly Grain & Seed, a smaller rival, recalled its Pemberly Golden Oat milled"
        " oatmeal after a similar positive test.")
    recalls = {f["company"]: f["products"] for f in facts_of(result, "recall")}
    assert recalls.get("Pemberly Grain & Seed") == ["Pemberly Golden Oat"]
    makes = {(f["company"], f["product"]) for f in facts_of(result, "makes")}
    assert ("Pemberly Grain & Seed", "Pemberly Golden Oat") in makes
    assert ("Harrowgate Foods", "Pemberly Golden Oat") not in makes


def test_a_one_word_kind_is_no_recaller(extract_text):
    result = extract_text(
        "Business news\n\nCorriden Bikes is recalling 2,000 Metro E4 bicycles.\n\n"
        "Consumers should contact Corriden Bikes online at www.corridenbikes.com and click on"
        ' "Battery Recall" at the top of the page for more information.\n\n'
        "Battery packs: Hanzhou Power Technology Co., Ltd., of Hanzhou, China")
    assert {f["company"] for f in facts_of(result, "recall")} == {"Corriden Bikes"}
    companies = {e["name"] for e in result["entities"] if e["type"] == "company"}
    assert "Battery" not in companies


def test_a_maker_named_for_its_wares_only_in_prose(extractor):
    """ "Ravello Trucks" in a sentence is a maker's name; a record's "Product types: Electric
    Heaters" and a title-case headline's "Recalls Desk Chairs" name kinds."""
    from supplywatch.extract.doc_context import DOCUMENT_KIND
    from supplywatch.extract.lexicon import load_lexicon
    from supplywatch.extract.mentions import named_for_its_wares

    lex = load_lexicon()

    def wares(text: str, name: str, kind: str = "article") -> bool:
        doc = extractor.nlp.make_doc(text)
        doc.user_data[DOCUMENT_KIND] = kind
        doc = extractor.nlp(doc)
        start = [t.text for t in doc].index(name.split()[0])
        return named_for_its_wares(doc[start:start + 2], lex)

    assert wares("Altraven supplies fuel pumps to Ravello Trucks.", "Ravello Trucks")
    assert not wares("Product types: Electric Heaters; Air Conditioners.", "Electric Heaters", "recall")
    assert not wares("Office Depot Recalls Desk Chairs Due to Fall Hazard", "Desk Chairs")
