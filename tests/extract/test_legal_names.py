"""Company names closed by a legal form of any country: the small English model knows
"Inc." and "GmbH" and often misses "Ltda.", "a.s.", "Sp. z o.o." or "Sdn. Bhd.". All
companies are invented."""

from __future__ import annotations

import pytest

from supplywatch.extract.legal_names import ends_in_legal_form, legal_name_spans
from supplywatch.extract.lexicon import load_lexicon


def companies(result: dict) -> set[str]:
    return {e["name"] for e in result["entities"] if e["type"] == "company"}


@pytest.mark.parametrize("name", [
    "Tavira Componentes Ltda.", "Brodek Stroje a.s.", "Walnik Materials Sp. z o.o.",
    "Kedah Optronics Sdn. Bhd.", "Marlow Service s.r.o.", "Yunlan Power Co., Ltd.",
    "Orvik Hydraulics Oy", "Sandvar Marine ASA", "Pune Drives Pvt Ltd",
    "Motores Tlaloc S.A. de C.V.", "Transportes Ocelo S.A.P.I. de C.V.",
])
def test_a_name_closed_by_a_legal_form_is_a_company(extract_text, name):
    result = extract_text(f"Output rose in May. {name} said it would open a second plant next "
                          "year, its chief executive told reporters.")
    assert name in companies(result)


def test_the_name_starts_after_lowercase_words_and_nationalities(extractor):
    doc = extractor.nlp("Swedish mining group Brannvik Industri AB bought a stake in Japan's "
                        "Kiyose Glass Works K.K. and in Banco do Norte S.A. last year.")
    names = [doc[s:e].text for s, e in legal_name_spans(doc, load_lexicon())]
    assert names == ["Brannvik Industri AB", "Kiyose Glass Works K.K.", "Banco do Norte S.A."]


def test_english_words_are_no_legal_forms(extractor):
    doc = extractor.nlp("Demand for Solar Panels as well as Wind Turbines co-exists with it.")
    assert legal_name_spans(doc, load_lexicon()) == []
    assert not ends_in_legal_form("Wind Turbines as", load_lexicon())


def test_two_names_joined_by_and_stay_two(extractor):
    doc = extractor.nlp("Talven Power Ltd and Brisko Cells Co. signed the deal.")
    names = [doc[s:e].text for s, e in legal_name_spans(doc, load_lexicon())]
    assert names == ["Talven Power Ltd", "Brisko Cells Co."]


def test_a_supplier_named_with_a_foreign_legal_form(extract_text):
    result = extract_text(
        "Brodek Stroje a.s. will build the machine in Brno. Its electric motors will be supplied "
        "by Walnik Materials Sp. z o.o. under a contract signed in March.")
    supplies = {(f["supplier"], f["customer"]) for f in result["facts"] if f["type"] == "supplies"}
    assert ("Walnik Materials Sp. z o.o.", "Brodek Stroje a.s.") in supplies


def test_a_legal_form_alone_is_no_company(extract_text):
    result = extract_text("Notes from the week.\n\nFront and rear calipers come from Frenos"
                          " Tlacotal S.A. de C.V., a brake specialist based in Toluca.")
    assert not any(name.startswith(("S.A.", "de C.V.")) for name in companies(result)), \
        companies(result)


@pytest.mark.parametrize("full, short", [
    ("Electrodomesticos Varela S.A. de C.V.", "Varela"),
    ("Compressori Brenta S.p.A.", "Brenta"),
])
def test_the_name_after_a_word_for_the_trade_is_the_short_form(extract_text, full, short):
    # "Electrodomesticos" (household appliances) says what the company does; "Varela" who
    result = extract_text(f"Notes from the week.\n\n{full} makes refrigerators in Monterrey."
                          f" {short} is 55% owned by the holding company Grupo Ostiga.")
    owned = {(f["parent"], f["child"]) for f in result["facts"] if f["type"] == "owns"}
    assert ("Grupo Ostiga", full) in owned, owned


@pytest.mark.parametrize(("text", "merged"), [
    ("Halvard Foods Inc. said it would stop buying packaging from Trelling Pack GmbH. Halvard "
     "told us that the German company had raised prices twice.", "Trelling Pack GmbH. Halvard"),
    ("The inflators were made by Tarrow Safety Systems LLC, a subsidiary of Halvik Industries Inc. "
     "Brennard has determined that some of them may rupture.", "Halvik Industries Inc. Brennard"),
])
def test_a_legal_form_s_full_stop_can_end_the_sentence(extractor, extract_text, text, merged):
    """The tokenizer keeps "GmbH." and "Inc." whole; the sentence ends there, and the next
    sentence's first name is not this one's."""
    assert len(list(extractor.nlp(text).sents)) == 2
    result = extract_text(text)
    assert merged not in companies(result)
    assert all(merged not in (f.get("supplier"), f.get("customer"), f.get("parent"))
               for f in result["facts"])


@pytest.mark.parametrize("text", [
    "Korvane Inc. CEO Mara Lindqvist said the company would buy more chips.",
    "Seohan Energy Co. Ltd. will supply the cells, the carmaker said.",
])
def test_a_legal_form_before_more_of_a_name_or_an_officer_ends_no_sentence(extractor, text):
    assert len(list(extractor.nlp(text).sents)) == 1
