"""Who and what a document names: companies, products, components, places, people.

spaCy's small model is the starting point; this module fixes what it gets wrong in
this domain: companies labelled as people or places (one name, one type per
document, decided by votes from the context), product model numbers (A1681,
PAC20-392, SM-N930), acronyms defined in apposition ("Amperex Technology Limited
(ATL)") and short forms of a longer name ("Anker" for "Anker Innovations").
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Iterator
from dataclasses import dataclass, field

from spacy.tokens import Doc, Span, Token

from supplywatch.extract.doc_context import in_a_record
from supplywatch.extract.legal_names import (
    closes_a_name,
    ends_in_legal_form,
    legal_name_spans,
    only_legal_form,
)
from supplywatch.extract.lexicon import Lexicon

# A model number mixes letters and digits and is not a unit ("10K", "20mAh", "5G").
MODEL_TOKEN = re.compile(r"^(?=[A-Za-z0-9-]*\d)(?=[A-Za-z0-9-]*[A-Za-z])[A-Za-z0-9][A-Za-z0-9-]{2,}$")
UNIT_LIKE = re.compile(
    r"^\d+(?:\.\d+)?(?:k|m|mah|ah|wh|kwh|v|w|kw|mm|cm|km|gb|tb|mb|g|kg|nm|hz|mhz|ghz|mph|s|th|st|nd|rd|x|p|"
    r"in|ft|lb|lbs|am|pm|bn|mn)$",
    re.IGNORECASE,
)
# money written as one word: "EUR185m", "US$40bn", "RMB2.1bn" (an ISO code or a symbol)
CURRENCY_CODES = ("EUR", "USD", "GBP", "JPY", "CNY", "RMB", "CHF", "SEK", "NOK", "DKK", "INR",
                  "KRW", "AUD", "CAD", "HKD", "SGD", "NZD", "TWD", "BRL", "MXN", "PLN", "CZK",
                  "HUF", "ZAR", "TRY", "MYR", "THB", "IDR")
MONEY = re.compile(rf"^(?:(?:{'|'.join(CURRENCY_CODES)})|[A-Z]{{0,2}}[$€£¥])"
                   r"\d+(?:[.,]\d+)?(?:bn|mn|m|k|b)?$")
MIXED_ACRONYM = re.compile(r"^(?=[A-Za-z0-9]*[a-z])(?=(?:[A-Za-z0-9]*[A-Z]){2})[A-Za-z0-9]{2,6}$")  # IoT
ICAMEL = re.compile(r"^[a-z][A-Z][A-Za-z0-9]*$")  # iPhone, iX, eGolf
NER_TYPES = {
    "ORG": "company", "PERSON": "person", "GPE": "place", "LOC": "place", "FAC": "place",
    "PRODUCT": "product", "WORK_OF_ART": "product", "NORP": None,
}


@dataclass
class Cluster:
    """One entity of the document: every way it is named, and where."""

    type: str
    names: Counter[str] = field(default_factory=Counter)
    spans: list[tuple[int, int]] = field(default_factory=list)  # token spans
    descriptors: set[str] = field(default_factory=set)  # "battery maker" -> {battery, maker}
    brand: int | None = None  # for products: the company cluster named with it
    # How the entity list shows it when no fact names it (see clusters.add_learned): not
    # at all (listed False), or as the type the learned recogniser gives the name.
    listed: bool = True
    list_type: str | None = None
    claims: bool = True  # its mentions are in DocEntities.token_cluster (the rules read it)
    surname: bool = False  # a person's by a fuller name in the document ("Ghoshal")

    @property
    def name(self) -> str:
        # The fullest form wins ("Anker Innovations" over "Anker"), then the most used. (A
        # cluster merged into another keeps no name.)
        if not self.names:
            return ""
        return max(self.names, key=lambda n: (len(n.split()), self.names[n], len(n)))


@dataclass
class Candidate:
    start: int
    end: int
    votes: Counter[str]
    weak: bool = False  # only the statistical model says what it is (see decide_types)

    def text(self, doc: Doc) -> str:
        return doc[self.start:self.end].text


REPORTING_PERIOD = re.compile(r"^(?:Q[1-4]|H[12]|[1-4]Q|[FC]Y\d{2}(?:\d{2})?|(?:19|20)\d{2})$")

# What a code after these words is: a notice's or a batch's number, not a product's
# ("Serial numbers 30A00001 to 30F14999", "Lot 2301A", "NHTSA campaign 25V-318", "Safety
# Recall Report 24V-417") ...
IDENTIFIER_NOUNS = {"serial", "serials", "lot", "lots", "batch", "batches", "upc", "upcs", "gtin",
                    "ean"}
# (right before the code only: "a report on the X-100" names a model)
IDENTIFIER_TITLES = {"report", "campaign", "docket", "certificate", "registration"}
# ... and after a word for a number, unless it is a product's number ("model number(s)
# RL7-23, RL7-24", "part no. 4410"): "Korvath's number for this recall is SR-0624"
NUMBER_WORDS = {"number", "numbers", "no", "no.", "nos", "nos.", "#", "code", "codes", "id"}
PRODUCT_NUMBER_WORDS = {"model", "models", "part", "parts", "item", "items", "catalog",
                        "catalogue", "product", "products", "style", "styles", "sku", "skus",
                        "article", "type", "version"}
IDENTIFIER_REACH = 8
# verbs a run of codes is given by: "serial numbers beginning with JH22", "lots ranging from"
RANGE_VERBS = {"beginning", "starting", "ending", "ranging", "running", "begin", "start", "end",
               "range", "run"}


def names_an_identifier(doc: Doc, start: int) -> bool:
    """Is the code at `start` a number of a notice, a batch or a unit rather than a model:
    the nearest word for a number before it, across a list of codes, a copula or a
    preposition but no other verb ("the report found the X-100 ..." names a model)?"""
    sent_start = doc[start].sent.start
    for j in range(start - 1, max(sent_start, start - IDENTIFIER_REACH) - 1, -1):
        tok = doc[j]
        low = tok.lower_
        if low in PRODUCT_NUMBER_WORDS:
            return False
        if (low in IDENTIFIER_NOUNS and doc[j + 1].lower_ != "of") \
                or (low in IDENTIFIER_TITLES and j == start - 1):
            return True  # (not "a lot of X-100s")
        if low in NUMBER_WORDS:
            before = doc[j - 1].lower_ if j > sent_start else ""
            return before not in PRODUCT_NUMBER_WORDS
        if tok.pos_ == "VERB" and low not in RANGE_VERBS:
            return False
    return False


def is_model_token(token: Token) -> bool:
    return bool(MODEL_TOKEN.match(token.text)) and not UNIT_LIKE.match(token.text) \
        and not MONEY.match(token.text) and not REPORTING_PERIOD.match(token.text)


MENU_SEPARATORS = (">", "|", "»", "›")
DASHES = ("-", "–", "—")
MONTHS = {"january", "february", "march", "april", "may", "june", "july", "august", "september",
          "october", "november", "december", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep",
          "sept", "oct", "nov", "dec"}


DATELINE_DASHES = (*DASHES, "--")  # ("--" too: a press release's "/PRNewswire/ --")
DATELINE_TOKENS = 16  # "SAN FRANCISCO, Calif., Nov. 3, 2025 (Reuters) -" and no longer
DATELINE_LOWER = {"de", "am", "upon"}  # lower-case words of place names: "ST. GALLEN", "FRANKFURT AM MAIN"


def dateline_end(doc: Doc, start: int, end: int) -> int | None:
    """A wire story's dateline, a place in capitals opening its first line ("SHENZHEN -",
    "PERTH, October 8 (Resource Desk) -", "SEOUL, South Korea, Nov 3 -"), is no part of a
    name: where the name starts after it, or None when the span is the dateline's place."""
    caps = start
    while caps < end and doc[caps].is_alpha and doc[caps].is_upper and len(doc[caps]) > 1:
        caps += 1
    at_line_start = start == 0 or "\n" in doc[start - 1].text or "\n" in doc[start - 1].whitespace_
    if caps == start or not at_line_start:
        return start
    if caps < end and doc[caps].text in DASHES and doc[caps].whitespace_ and doc[caps - 1].whitespace_:
        return caps + 1  # "SHENZHEN - Lumenshire Display Technology Co., Ltd." (not "IBM-Lenovo")
    if caps == end and end < len(doc) and ((doc[end].text in DASHES and doc[end - 1].whitespace_) or (
            doc[end].text == "," and any(t.lower_.rstrip(".") in MONTHS for t in doc[end + 1:end + 6]))):
        return None
    return start


def ends_a_dateline(tok: Token) -> bool:
    """Is the token the dash after a wire story's dateline ("SEOUL, South Korea, Nov 3
    (Reuters) -", "SHENZHEN, China, Oct. 3, 2025 /PRNewswire/ --")? The story's first
    sentence starts after it; read with the dateline, its subject is lost."""
    if tok.text not in DATELINE_DASHES or not tok.whitespace_ or tok.i == 0 \
            or not tok.doc[tok.i - 1].whitespace_:
        return False  # (a dash between spaces: "Hon-Kwang" and "All-Terrain" join words)
    line = []
    for t in reversed(tok.doc[max(0, tok.i - DATELINE_TOKENS):tok.i]):
        if "\n" in t.text or "\n" in t.whitespace_:
            break
        line.append(t)
    else:
        if tok.i > DATELINE_TOKENS:
            return False  # no line's start near: a dash inside a sentence
    line.reverse()
    return bool(line) and line[0].is_alpha and line[0].is_upper and len(line[0]) > 1 \
        and not any(t.is_alpha and t.is_lower and t.lower_ not in DATELINE_LOWER for t in line)


def possessive_ending(tok: Token) -> bool:
    """ "'s", or the bare apostrophe after a plural or a name ending in s ("Robotics'")."""
    return tok.lower_ in ("'s", "’s") or (
        tok.text in ("'", "’") and tok.i > 0 and tok.doc[tok.i - 1].lower_.endswith("s")
        and not tok.doc[tok.i - 1].whitespace_)


def money_at(doc: Doc, i: int, end: int) -> bool:
    """Does an amount of money start at token i of a span ending at `end` ("EUR410m",
    "$40", "EUR 690,000")?"""
    tok = doc[i]
    return bool(MONEY.match(tok.text)) or tok.is_currency or (
        tok.text in CURRENCY_CODES and i + 1 < end and doc[i + 1].like_num)


def trim(span: Span, lex: Lexicon) -> tuple[int, int] | None:
    """Strip determiners, possessive endings, punctuation and role nouns off a name's edges."""
    start, end = span.start, span.end
    doc = span.doc
    # a name never runs over a line's end: the model read a headline's last words into the
    # first name of the story ("... after clearance\nHallvik Marine ASA paid"): the name is
    # what follows the break
    breaks = [i for i in range(start, end - 1) if "\n" in doc[i].text or "\n" in doc[i].whitespace_]
    if breaks:
        start = breaks[-1] + 1
    while start < end and (
        doc[start].is_punct or doc[start].is_space or doc[start].lower_ in ("the", "a", "an")
        or (doc[start].lower_ in lex["company_nouns"] and end - start > 1
            and (doc[start].is_lower or doc[start].is_sent_start))
        or (doc[start].lower_ in lex["defect_words"] and end - start > 1)  # "Faulty Polaris"
    ):
        start += 1
    while end > start and (doc[end - 1].is_punct or doc[end - 1].is_space
                           or doc[end - 1].lower_ in ("'s", "’s", "'")
                           or (end - start > 1 and span.label_ != "PRODUCT"
                               and REPORTING_PERIOD.match(doc[end - 1].text))):
        end -= 1  # ... and a reporting period a headline runs on: "Kaisun Electronics Q3 profit"
    if end - start > 1 and span.label_ != "PRODUCT" and doc[end - 1].lower_ in lex["deal_nouns"]:
        end -= 1  # "... Ends Nine-Year Drevik Contract": a title-case headline's deal noun
    if any(doc[i].text in MENU_SEPARATORS for i in range(start, end)):
        return None  # a site's breadcrumb or menu ("Canada.ca > Health > Recalls"), no name
    after = dateline_end(doc, start, end)
    if after is None:
        return None  # "PERTH, October 8 (Resource Desk) -": where the story was filed
    start = after

    for i in range(start + 1, end - 1):
        if possessive_ending(doc[i]) and _named_apart(doc, doc[start:i].text):
            # "Vlinder's Vrachtje", "Vantor Robotics' Kite 3": the owner's name, then the
            # product's; nothing in "Sokai's first", and a place in "Tenzo's Hosur plant"
            start = i + 1
            after = doc[end] if end < len(doc) else None
            if not doc[start].text[:1].isupper() or (
                    after is not None and after.lemma_.lower() in SITE_WORDS):
                return None
            break
    for i in range(start + 1, end - 1):
        if doc[i].text[:1].isupper() and doc[i].lower_ in lex["title_words"] \
                and doc[i + 1].text[:1].isupper():
            end = i  # "Harwick President Tetsuo Amada": the company, then its officer
            break
    for i in range(start + 1, end - 1):
        if doc[i + 1].lower_ == "of" and closes_a_name(doc[i].text, lex):
            end = i + 1  # "Brodek Elektronika s.r.o. of Brno": where it is, after its name
            break
    start = hyphenated_start(doc, start)
    if start < end and doc[end - 1].lower_ in lex["measure_units"] and all(
            t.like_num or t.lower_ in lex["measure_units"] for t in doc[start:end]):
        return None  # "mAh", "20,000 mAh": a quantity
    if start < end and model_year_at(doc, start):
        return None  # "Model Year 2008" dates a model; it names nothing
    money = next((i for i in range(start, end) if money_at(doc, i, end)), None)
    if money == start:
        return None  # "EUR 690,000", that the base model may call an organisation: money
    if money is not None:
        end = money  # "Bramwell Calls Off EUR410m Bid": a name never runs into money
    for i in range(start, end):
        if doc[i].text == "(" and _a_bracketed_place_inside(doc, i, end):
            continue  # "HPV Electronics (Vietnam) Co.": the subsidiary's country is its name's
        # a bracket, or a headline verb the model swallowed into the name:
        # "Acer America Corporation Recalls Notebook Computer Batteries"
        # ... or a model year: "Ski-Doo Model Year 2008 MXZ X 600 RS Snowmobiles"; or a
        # lowercase verb a sentence-case headline ran on: "Brisco drops Tannery as supplier"
        if i > start and (doc[i].text in ("(", "[") or doc[i].lower_ in lex["headline_verbs"]
                          or model_year_at(doc, i)
                          or (doc[i].is_lower and doc[i].pos_ in ("VERB", "AUX")
                              and span.label_ != "PRODUCT" and doc[i - 1].text not in ("-", "–"))):
            end = i
            break
    if start >= end or any("\n" in doc[i].text or "\n" in doc[i].whitespace_
                           for i in range(start, end - 1)):
        return None
    return start, end


def _a_bracketed_place_inside(doc: Doc, opening: int, end: int) -> bool:
    """One to three capitalised words in brackets from `opening`, with more of the name
    after the closing bracket, before `end`."""
    close = next((j for j in range(opening + 2, min(opening + 5, end)) if doc[j].text == ")"), None)
    return close is not None and close + 1 < end and all(
        doc[j].is_alpha and doc[j].text[:1].isupper() for j in range(opening + 1, close))


def _named_apart(doc: Doc, name: str) -> bool:
    """Is the name also written with no possessive ending after it ("Vlinder" of "Vlinder
    Fietsen B.V." and "Vlinder's Vrachtje"; not "McDonald" of "McDonald's", nor "Grelland
    Foods" of "Grelland Foods' Crunchers" alone)?"""
    return re.search(rf"\b{re.escape(name)}\b(?!['’])", doc.text) is not None


def model_year_at(doc: Doc, i: int) -> bool:
    return doc[i].lower_ == "model" and i + 1 < len(doc) and doc[i + 1].lower_ in ("year", "years")


def hyphenated_start(doc: Doc, start: int) -> int:
    """Where a name starting at `start` really starts when its first word is the end of a
    hyphenated word: "solid-state batteries", not "state batteries"."""
    while start >= 2 and doc[start - 1].text in ("-", "–") and not doc[start - 1].whitespace_ \
            and not doc[start - 2].whitespace_ and doc[start - 2].is_alpha:
        start -= 2
    return start


# Capitals before a number that do not start a model's name ("EUR 690", "UL 2849", "MAY 02")
NOT_MODEL_LETTERS = frozenset(CURRENCY_CODES) | {
    "UL", "ISO", "IEC", "EN", "ASTM", "ANSI", "SAE", "DIN", "JIS", "GB", "IP", "NFPA", "CSA",
    "FCC", "TTY", "TDD", "FY", "CY", "JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG",
    "SEP", "SEPT", "OCT", "NOV", "DEC", "II", "III", "IV", "VI", "VII", "VIII", "IX", "XI",
    "XII", "NO", "NR", "PO", "BOX", "US", "UK", "EU", "UN", "COVID", "AM", "PM", "GMT", "UTC"}
SPACED_MODEL_NUMBER = re.compile(r"^\d{2,5}$")
YEAR = re.compile(r"^(?:19|20)\d{2}$")


def spaced_model_at(doc: Doc, i: int) -> bool:
    """Capitals, a space, then a number: a model's name ("the TX 860 combine", "its VFS 4400
    machine", "the HDB 22 air disc brake"), not money, a standard, a date, a year, a
    postcode ("MD 20814"), a phone number or a measure ("ER 500 mg")."""
    tok = doc[i]
    if not (tok.is_alpha and tok.is_upper and 2 <= len(tok) <= 4) or tok.whitespace_ != " " \
            or tok.text in NOT_MODEL_LETTERS or i + 1 >= len(doc):
        return False
    number = doc[i + 1]
    if not SPACED_MODEL_NUMBER.match(number.text) or YEAR.match(number.text) \
            or (len(tok) == 2 and len(number) == 5):
        return False
    after = doc[i + 2] if i + 2 < len(doc) else None
    return after is None or not (
        (after.text in ("-", "–", "/", "%", ".", ",") and not number.whitespace_)
        or UNIT_LIKE.match("1" + after.text)
        or after.lower_ in ("mg", "mcg", "ml", "iu", "index", "percent", "per"))


def model_spans(doc: Doc) -> list[tuple[int, int]]:
    """Token spans of model numbers, joining "PAC20 - 392" that the tokenizer split, and
    capitals spaced from their number ("TX 860")."""
    spans: list[tuple[int, int]] = []
    i = 0
    while i < len(doc):
        tok = doc[i]
        if spaced_model_at(doc, i):
            spans.append((i, i + 2))
            i += 2
        elif is_model_token(tok) or (
            tok.is_alpha and tok.is_upper and len(tok) >= 2 and _hyphen_digits_follow(doc, i)
        ):
            end = i + 1
            while _hyphen_digits_follow(doc, end - 1):
                end += 2
            while end < len(doc) and not doc[end - 1].whitespace_ and doc[end].is_alpha \
                    and doc[end].is_upper and len(doc[end]) <= 2:
                end += 1  # "PW-10K", that the tokenizer cut as "PW-10" + "K"
            text = doc[i:end].text
            if re.search(r"\d", text) and re.search(r"[A-Za-z]", text):
                spans.append((i, end))
            i = end
        else:
            i += 1
    return spans


def _hyphen_digits_follow(doc: Doc, i: int) -> bool:
    """Token i is glued by a hyphen to a following alphanumeric piece ("SM" "-" "N930")."""
    return (
        i + 2 < len(doc) and doc[i].whitespace_ == "" and doc[i + 1].text == "-"
        and doc[i + 1].whitespace_ == "" and bool(re.match(r"^[A-Za-z0-9]+$", doc[i + 2].text))
        and any(c.isdigit() for c in doc[i + 2].text + doc[i].text)
    )


LETTER_AND_NUMBER = re.compile(r"^[A-Z]\d{1,2}$")


def looks_like_product(span: Span, lex: Lexicon) -> bool:
    """A sold model rather than a company: "PowerCore 10000", "Galaxy Note 7", "321 Power
    Bank", "iPhone" (a number in the name, a product noun in it, or iCamel case)."""
    first, last = span[0], span[-1]
    if last.like_num and not re.fullmatch(r"(19|20)\d\d", last.text) and len(span) > 1:
        return True
    if first.like_num and len(span) > 1 and span[1].text[:1].isupper():
        return True
    if ICAMEL.match(first.text):
        return True
    if len(span) == 1:
        # a letter and a number ("the S9's lidar module", "its M3"): a model's name
        # ("EV" alone is a kind of product; "Bolt EV" is one)
        return bool(LETTER_AND_NUMBER.match(first.text))
    words = " ".join(t.lower_ for t in span)
    return any(w in words.split() or (" " in w and w in words) for w in lex["product_heads"]
               if w not in ("model", "models", "product", "products", "unit", "units"))


def named_for_its_wares(span: Span, lex: Lexicon) -> bool:
    """A name and the plural of what it sells, both capitalised: "Ravello Trucks",
    "Pebblebrook Toys". Makers are named so; a model is named in the singular ("Voyance
    minivan") or with more words to the kind ("CrispPro Air Fryers")."""
    if len(span) != 2 or _in_title_case(span) or in_a_record(span.doc):
        return False  # (a record's "Product types: Electric Heaters" names a kind)
    name, kind = span
    return name.is_alpha and name.is_title and kind.is_title and kind.is_alpha \
        and kind.lower_.endswith("s") and not kind.lower_.endswith("ss") \
        and kind.lower_ in lex["product_heads"] and name.lower_ not in lex["product_heads"] \
        and kind.lower_ not in ("models", "products", "units")


def _in_title_case(span: Span) -> bool:
    """Is the name written among capitalised words ("Recalls Desk Chairs Due to ..."),
    where capitals tell nothing?"""
    doc = span.doc
    before = next((t for t in reversed(doc[max(0, span.start - 2):span.start]) if not t.is_space), None)
    after = doc[span.end] if span.end < len(doc) else None
    return any(t is not None and t.is_alpha and t.text[:1].isupper() and not t.is_sent_start
               for t in (before, after))


def context_votes(doc: Doc, start: int, end: int, lex: Lexicon) -> Counter[str]:
    """Evidence from the words around a name about what kind of thing it is."""
    votes: Counter[str] = Counter()
    span = doc[start:end]
    if _in_an_address(doc, start, end):
        return Counter({"place": 4})  # "of Grand Rapids, Michigan, a subsidiary of X"
    if _before_its_region(doc, start, end, lex):
        return Counter({"place": 4})  # "the Charlotte, North Carolina company", "Binh Duong province"
    if _after_a_legal_form(doc, start, end, lex):
        return Counter({"place": 4})  # "Freno Alpino S.r.l. of Bergamo"
    words = [t.lower_ for t in span]
    if words[-1].rstrip(".") in {w.rstrip(".") for w in lex["legal_suffixes"]} \
            or ends_in_legal_form(span.text, lex):
        votes["company"] += 4
    if len(words) > 1 and words[-1] in lex["corporate_words"]:
        votes["company"] += 2
    before = doc[start - 1] if start > 0 else None
    after = doc[end] if end < len(doc) else None
    if before is not None and before.lower_ in lex["company_nouns"] and before.is_lower:
        votes["company"] += 3  # "rival Romoss", "battery maker Amprius"
    if before is not None and before.lower_ in lex["title_words"]:
        votes["person"] += 3
    elif _after_a_title_and_comma(doc, start, end, lex):
        votes["person"] += 3  # "Stridewell's vice president of sourcing, Leah Morrow, said"
    if after is not None and after.text == "," and end + 2 < len(doc):
        nxt = doc[end + 1:end + 4]
        # (not "the Aster 7, the Korean automaker's new SUV": a model is the maker's thing)
        model = any(t.like_num for t in span)
        # (not "Helene Vautrin, said the carmaker ...": a speaker, the company after her verb)
        if nxt[0].pos_ not in ("VERB", "AUX") and any(t.lower_ in lex["company_nouns"] and not (
                model and t.i + 1 < len(doc) and doc[t.i + 1].text in ("'s", "’s")) for t in nxt):
            votes["company"] += 3  # "Apex Wuxi, a subsidiary of ..."
        elif _a_long_company_appositive(doc, end, lex):
            votes["company"] += 3  # "Fellwick, the Portland, Oregon-based outdoor apparel brand,"
        elif _a_product_appositive(doc, end, lex):
            votes["product"] += 2  # "the Aubrac Ciel, a mid-size crossover that ..."
    if end - start > 1 and after is not None and after.is_lower and after.pos_ in ("NOUN", "ADJ") and any(
        t.lower_ in lex["product_heads"] and not _before_a_company_noun(t, lex) for t in doc[end:end + 5]
    ):
        # "Smart Balance Wheel scooters" (a lone "Acer notebooks" is a brand, not a model)
        votes["product"] += 2
    elif end - start == 1 and after is not None and after.is_lower and any(
        t.lower_ in lex["product_heads"] for t in doc[end:end + 3]
    ):
        votes["company"] += 1  # a brand on its products: "Acer notebook computers"
    root = span.root
    part = root.head
    while part.dep_ == "compound" and part.head.i != part.i:
        part = part.head  # "Takata air bag inflators": up to "inflators"
    named_on = root.dep_ == "compound" or (root.dep_ == "amod" and root.text[:1].isupper())
    if named_on and (part.lower_ in lex["component_heads"]
                                    or part.lemma_.lower() in lex["component_heads"]):
        votes["company"] += 1  # a maker named on its part: "Apex batteries", "LG cells"
    if root.dep_ in ("nsubj", "nsubjpass") and root.head.lemma_.lower() in (
        lex["recall_lemmas"] | lex["supply_verbs"] | lex["make_verbs"] | lex["partnership_verbs"]
    ):
        votes["company"] += 2
    elif root.dep_ == "nsubj" and root.head.lemma_.lower() in lex["purchase_verbs"] \
            and any(t.lower_ == "from" for t in root.head.subtree):
        votes["company"] += 2  # "Fellwick also buys the jacket's zippers from X"
    if root.dep_ == "poss" and _a_company_office(root.head):
        votes["company"] += 2  # "Fellwick's vice president of sourcing"
    if root.dep_ == "poss" and root.head.lower_ in lex["company_nouns"] | lex["supplier_nouns"] \
            and not (root.ent_type_ in PLACE_LABELS and _ranked(root.head)):
        votes["company"] += 2  # (not "Taiwan's third-largest contract manufacturer")
    if root.dep_ == "pobj" and root.head.head.lemma_.lower() in (
        lex["ownership_nouns"] | lex["owner_nouns"] | lex["supplier_nouns"]
        | {"customer", "client", "rival", "partner"}
    ):
        votes["company"] += 2  # "a subsidiary of Amprius", "a supplier to Nimbus"
    if root.dep_ == "pobj" and root.head.lower_ == "from" and (verb := next(
            (a for a in root.ancestors if a.pos_ == "VERB"), None)) is not None \
            and verb.lemma_.lower() in lex["purchase_verbs"]:
        votes["company"] += 2  # "The carrier buys its fuel oil from Baltmar Bunkering"
    if _made_by_the_noun_before(root):
        votes["product"] += 2  # "Riverbend, the maker of Fizzwell sparkling water"
    if _what_only_a_company_does_after(doc, end, lex) and not _where_a_name_is(doc, start):
        # "Stellmark Ortho, which makes the Keelan knee system" (not "X of Bergamo, which
        # makes ...": the clause is the company's)
        votes["company"] += 2
    if _its_named_thing(doc, start, end, lex):
        votes["product"] += 2  # "recalled its Okabe Golden Flax milled flaxseed"
    if _a_company_s_thing_after(doc, end, lex):
        votes["product"] += 2  # "The Quill, Kestrel's book-style foldable, ..."
    if _a_model_s_edition_before(doc, start) and not (
            after is not None and after.lower_ in SITE_WORDS | {"line", "lines"}):
        votes["product"] += 2  # "the new Ranna", "the second-generation Ranna" (not "the new
        # Zogno line", "the new Lyon plant": a site)
    if root.dep_ == "pobj" and root.head.dep_ == "agent" and root.head.head.lemma_.lower() in (
        lex["supply_verbs"] | lex["make_verbs"] | lex["recall_lemmas"]
    ):
        votes["company"] += 2  # "thermostats supplied by Calder Controls"
    if root.dep_ in ("attr", "appos") and root.head.lower_ in lex["company_nouns"]:
        votes["company"] += 2
    if root.dep_ == "nsubj" and root.head.lemma_ == "be" and any(
            c.dep_ == "attr" and c.lemma_.lower() in WHAT_ONLY_COMPANIES_ARE for c in root.head.children):
        votes["company"] += 3  # "Montague Quay is a joint venture between ...", "X is a unit of Y"
    if root.dep_ == "attr" and root.head.lemma_ == "be" and any(
            s.dep_ == "nsubj" and s.lemma_.lower() in lex["company_nouns"] for s in root.head.children):
        votes["company"] += 2  # "Termoform's biggest customer is Mleczna Dolina"
    if after is not None and after.text == "," and end + 1 < len(doc) \
            and doc[end + 1].lower_ in ("a", "an", "the") and any(
                c.dep_ == "appos" and c.lemma_.lower() in lex["company_nouns"]
                and c.left_edge.i == end + 1 for c in root.children):
        votes["company"] += 3  # "Brindle, a Portland, Oregon-based maker of straps"
    if after is not None and after.text == "," and end + 1 < len(doc) \
            and doc[end + 1].lower_ in ("a", "an", "the") and any(
                c.dep_ == "appos" and c.lemma_.lower() in lex["title_words"]
                and c.left_edge.i == end + 1 for t in span for c in t.children):
        votes["person"] += 3  # "Kelsey Amundsen-Reyes, a boating industry analyst at X"
    if root.dep_ == "pobj" and root.head.lower_ == "in" \
            and root.head.head.lemma_.lower() in lex["stake_nouns"]:
        votes["company"] += 2  # "a 30% stake in Brindle"
    if end + 1 < len(doc) and doc[end].text in ("-", "–") and not doc[end].whitespace_ \
            and doc[end + 1].lower_ == "based":
        votes["place"] += 4  # "the Tampere-based maker": where a company is, not a company
    if root.dep_ == "pobj" and root.head.lower_ in ("in", "near", "outside") \
            and root.head.head.lemma_.lower() in SITE_WORDS:
        votes["place"] += 3  # "a plant in Puebla", "federal court in Monterrey", "based in Toluca"
    if _between_owner_and_site(doc, start, end):
        votes["place"] += 3  # "its Coburg plant", "Kinderhaus's Coburg plant"
    if _in_a_company_field(doc, start, lex):
        votes["company"] += 3  # "Manufacturers: Bombardier (also BRP); Ski-Doo."
    votes["company"] += _company_grammar(doc, root, lex)
    return votes


# what a name said to be one of names a company (not "partner", "owner", "founder" or
# "customer", which people are too)
WHAT_ONLY_COMPANIES_ARE = {"company", "firm", "subsidiary", "venture", "jv", "unit", "group",
                           "maker", "manufacturer", "supplier", "corporation", "conglomerate",
                           "startup", "start-up", "affiliate", "retailer", "automaker", "carmaker",
                           "chipmaker", "foundry", "distributor", "wholesaler", "enterprise",
                           "business", "provider", "division", "arm"}
MAKER_NOUNS = {"maker", "manufacturer", "producer", "brewer", "creator"}
# offices only a company has (a country has a president and a chief negotiator too)
COMPANY_OFFICES = {"ceo", "chairman", "chairwoman", "founder", "co-founder", "spokesman",
                   "spokesperson", "spokeswoman", "cfo", "coo", "cto"}


def _a_company_office(noun: Token) -> bool:
    return noun.lower_ in COMPANY_OFFICES or (noun.lower_ == "president" and any(
        c.lower_ == "vice" for c in noun.children))


def _after_a_title_and_comma(doc: Doc, start: int, end: int, lex: Lexicon) -> bool:
    """A name of two or three words in title case right after a person's title and a comma
    ("its vice president of sourcing, Leah Morrow,", "chief executive, Omar Haddad,")."""
    if not 2 <= end - start <= 3 or start < 2 or doc[start - 1].text != "," \
            or not all(t.is_title and t.is_alpha for t in doc[start:end]):
        return False
    return any(t.lower_ in lex["title_words"] and t.is_lower for t in doc[max(0, start - 5):start - 1])


PRODUCT_APPOSITIVE_REACH = 5


def _a_product_appositive(doc: Doc, end: int, lex: Lexicon) -> bool:
    """ "X, a mid-size crossover ...", "X, its new folding e-bike,": an appositive whose
    first noun is a kind of product and heads it (not "a crossover maker")."""
    if end + 2 >= len(doc) or doc[end].text != "," or doc[end + 1].lower_ not in ("a", "an", "its", "their"):
        return False
    for j in range(end + 2, min(end + 2 + PRODUCT_APPOSITIVE_REACH, len(doc) - 1)):
        tok = doc[j]
        nxt = doc[j + 1]
        if tok.text in ("-", "–") or (nxt.text in ("-", "–") and not tok.whitespace_):
            continue  # "mid-size": one modifier
        if tok.pos_ in ("NOUN", "PROPN") and not (tok.text[:1].isupper() and tok.pos_ == "PROPN"):
            return tok.lower_ in lex["product_heads"] and not (nxt.pos_ == "NOUN" and nxt.is_lower)
        if tok.pos_ not in ("ADJ", "ADV", "PUNCT", "NUM") and not tok.is_lower:
            return False
    return False


APPOSITIVE_REACH = 12
APPOSITIVE_ENDS = {",", ".", "of", "that", "which", "whose", "with", "based", "known"}


def _before_a_company_noun(tok: Token, lex: Lexicon) -> bool:
    """ "device" of "the San Diego device maker": a kind of product that says what a company
    makes, not what the name before it is."""
    doc = tok.doc
    return tok.i + 1 < len(doc) and doc[tok.i + 1].lower_ in lex["company_nouns"]


def _a_long_company_appositive(doc: Doc, end: int, lex: Lexicon) -> bool:
    """ "X, the Portland, Oregon-based outdoor apparel brand, ...": an appositive that
    opens with an article and ends on a company noun, too long for the parse to keep
    together (it reads "Portland" as the appositive)."""
    if end + 2 >= len(doc) or doc[end].text != "," or doc[end + 1].lower_ not in ("a", "an", "the"):
        return False
    sent_end = doc[end].sent.end
    for j in range(end + 2, min(end + APPOSITIVE_REACH, sent_end - 1)):
        tok = doc[j]
        if tok.pos_ == "AUX" or (tok.pos_ == "VERB" and tok.dep_ != "amod") or tok.text in (".", ";"):
            return False
        if tok.pos_ == "NOUN" and tok.lower_ in lex["company_nouns"] \
                and doc[j + 1].lower_ in APPOSITIVE_ENDS:
            return True
    return False


def _made_by_the_noun_before(root: Token) -> bool:
    """ "the maker of Fizzwell", "the Vermont maker of Maple Oat Crunch and Dark Cacao Crisp
    bars": what "maker of" names is made, not a company."""
    while root.dep_ in ("compound", "nmod", "amod") and root.head.i > root.i:
        root = root.head  # up to the noun the name is written on ("Fizzwell sparkling water")
    while root.dep_ == "conj" and root.head.i != root.i:
        root = root.head
    return root.dep_ == "pobj" and root.head.lower_ == "of" \
        and root.head.head.lemma_.lower() in MAKER_NOUNS


# what a company does, said in a relative clause after its name ("X, which makes ...");
# a person is "who", a product does not make, supply or employ
COMPANY_CLAUSE_VERBS = {"employ", "operate", "own", "run", "sell", "export", "buy"}


def _where_a_name_is(doc: Doc, start: int) -> bool:
    """ "in Bergamo", "near Lyon", or "of Bergamo" after a name ("Corvetto Plastics S.p.A.
    of Bergamo"): where a company is, not one."""
    if start < 2:
        return False
    before = doc[start - 1].lower_
    return before in ("in", "near", "outside") or (
        before == "of" and (doc[start - 2].pos_ == "PROPN" or doc[start - 2].text.endswith(".")))


def _what_only_a_company_does_after(doc: Doc, end: int, lex: Lexicon) -> bool:
    if end + 2 >= len(doc) or doc[end].text != "," or doc[end + 1].lower_ != "which":
        return False
    verb = doc[end + 1].head
    return verb.dep_ == "relcl" and verb.i > end + 1 and (
        verb.lemma_.lower() in lex["make_verbs"] | lex["supply_verbs"] | COMPANY_CLAUSE_VERBS)


# what is said of a model's edition, never of a person or a company: "the new Ranna", "the
# second-generation Ranna", "the previous Ranna"
EDITION_ADJECTIVES = {"new", "previous", "next", "current", "latest", "original", "updated",
                      "revised", "outgoing", "refreshed", "redesigned", "facelifted", "generation",
                      "gen"}


# what a possessed noun with a name beside it is when it is no product: "its lead program,
# MB-201", "its new venture, X"
NOT_PRODUCT_GROUPS = {"program", "programme", "project", "plan", "strategy", "deal", "effort",
                      "initiative", "business", "unit", "division", "subsidiary", "venture",
                      "partner", "rival", "competitor", "founder", "executive", "officer",
                      "candidate", "trial", "study", "site", "plant", "factory", "office",
                      "headquarters", "market", "country", "city", "home"}
# how far a described thing's noun may come after the possessive: "Kestrel's book-style foldable"
OWNED_DESCRIPTION_WORDS = 5


# what a company's named thing is when it is no product: "its Bergamo plant", "its Nordea
# stake", "its Okabe unit"
NOT_PRODUCT_HOLDINGS = {"stake", "stakes", "shares", "holding", "holdings", "account", "accounts",
                        "relationship", "team", "teams", "shareholders", "operations", "unit",
                        "units", "brand", "brands", "acquisition", "purchase", "takeover",
                        "merger", "investment", "deal", "offer", "bid", "complex", "compound",
                        "park", "yard", "lab", "laboratory", "operation", "revenue",
                        "revenues", "sales", "earnings", "profit", "estimate", "forecast",
                        "guidance", "outlook", "results", "budget", "target"}


def _its_named_thing(doc: Doc, start: int, end: int, lex: Lexicon) -> bool:
    """ "its Okabe Golden Flax milled flaxseed", "their Harbor Pro kayaks": a name between
    a possessive determiner and the common noun it names, which is no site, deal, holding
    or company."""
    if start == 0 or doc[start - 1].lower_ not in POSSESSIVE_DETERMINERS or end >= len(doc) \
            or REPORTING_PERIOD.match(doc[start].text) or a_line_of_longer_names(doc, end):
        return False  # (not "our FY26 revenue estimate"; "its PowerSlab power banks" beside a
        # "PowerSlab 10000" is the line the models are named by)
    words = []  # (the parser may read "milled" of "milled flaxseed" as a verb)
    for t in doc[end:min(len(doc), end + 3)]:
        if not (t.is_lower and t.is_alpha):
            break
        words.append(t)
    if not (any(t.pos_ == "NOUN" for t in words) or (len(words) > 1 and words[0].tag_ in ("VBN", "VBD"))):
        return False  # ("milled oatmeal" with the noun misread too)
    others = SITE_WORDS | OWNED_SITES | NOT_PRODUCT_GROUPS | NOT_PRODUCT_HOLDINGS | lex["company_nouns"] \
        | lex["ownership_nouns"] | lex["supplier_nouns"] | lex["customer_nouns"] \
        | lex["deal_nouns"] | lex["title_words"]
    return not any(t.lower_ in others or (t.pos_ == "NOUN" and t.lemma_.lower() in others)
                   for t in words)  # (not "milled" for "mill")


def _a_company_s_thing_after(doc: Doc, end: int, lex: Lexicon) -> bool:
    """ "The Quill, Kestrel's book-style foldable, ...": a name described as a named
    company's thing, not as its unit, supplier, partner or officer."""
    if end + 3 >= len(doc) or doc[end].text != ",":
        return False
    i = end + 1
    while i < min(len(doc), end + 4) and doc[i].text[:1].isupper() and doc[i].is_alpha:
        i += 1
    if i == end + 1 or i >= len(doc) or doc[i].text not in ("'s", "’s"):
        return False
    words = []
    for t in doc[i + 1:min(len(doc), i + 1 + OWNED_DESCRIPTION_WORDS)]:
        if t.text in (",", ".", ";") or t.is_sent_start:
            break
        if not (t.is_lower or t.text == "-" or t.like_num):
            return False
        words.append(t)
    else:
        return False
    if not words or words[-1].text == "-":
        return False
    noun = words[-1]
    others = lex["company_nouns"] | lex["ownership_nouns"] | lex["owner_nouns"] \
        | lex["supplier_nouns"] | lex["customer_nouns"] | lex["title_words"] | NOT_PRODUCT_GROUPS
    return noun.lower_ not in others and noun.lemma_.lower() not in others \
        and not any(t.lower_ in lex["title_words"] for t in words)


def _a_model_s_edition_before(doc: Doc, start: int) -> bool:
    if start < 2 or not doc[start - 1].is_lower or not doc[start].is_alpha or doc[start].is_upper:
        return False  # (not "the latest 10-K", "the new AI": a filing, a kind of thing)
    if doc[start - 1].lower_ == "first":
        # "by the time the first Halo shipped" (not "the first Toyota hybrid": a brand's)
        after = doc[start + 1] if start + 1 < len(doc) else None
        if after is not None and after.is_lower and after.pos_ == "NOUN":
            return False
    elif doc[start - 1].lower_ not in EDITION_ADJECTIVES:
        return False
    return any(t.lower_ in ("the", "its", "their", "'s", "’s") for t in doc[max(0, start - 5):start - 1])


SPEECH_LEMMAS = {"say", "tell", "state", "announce", "confirm", "add"}


def _company_grammar(doc: Doc, root: Token, lex: Lexicon) -> int:
    """Votes from what only a company does in a sentence, which tell a company named after
    its founder from the founder: "Brennholt said it would ...", "its contract with
    Brennholt", "the Brennholt contract", "Brennholt took a 25% stake"."""
    head = root.head
    if root.dep_ == "nsubj" and root.ent_type_ not in ("GPE", "LOC") and not root.is_upper \
            and head.lemma_.lower() in SPEECH_LEMMAS and any(
            t.lower_ in ("it", "its") for t in doc[head.i + 1:min(len(doc), head.i + 4)]):
        return 2  # a person "said he"
    if root.dep_ == "pobj" and head.lower_ == "with" and head.head.lower_ in lex["deal_nouns"]:
        return 2
    if root.dep_ == "compound" and head.lower_ in lex["deal_nouns"] and head.i == root.i + 1:
        return 1
    if root.dep_ == "nsubj" and head.lemma_.lower() in lex["holding_verbs"] and any(
            c.dep_ == "dobj" and c.lemma_.lower() in lex["stake_nouns"] for c in head.children):
        return 2
    return 0


PLACE_LABELS = ("GPE", "LOC")


def _in_an_address(doc: Doc, start: int, end: int) -> bool:
    """A place the recogniser tags, right after another and a comma: the state or country
    of an address ("Grand Rapids, Michigan"), whatever the words after it say."""
    closed = end >= len(doc) or doc[end].text in (",", ".", ";", ")") or "\n" in doc[end - 1].whitespace_
    return start >= 2 and closed and doc[start - 1].text == "," \
        and doc[start - 2].ent_type_ in PLACE_LABELS \
        and all(t.ent_type_ in PLACE_LABELS for t in doc[start:end])


REGION_NOUNS = {"province", "prefecture", "county", "state", "region", "district", "oblast"}
# nouns that name a kind of place before "of": "the Franconian town of Coburg"
SETTLEMENT_NOUNS = REGION_NOUNS | {"town", "city", "village", "municipality", "port", "island",
                                   "borough", "suburb", "emirate", "canton"}


def _after_a_legal_form(doc: Doc, start: int, end: int, lex: Lexicon) -> bool:
    """A name after "of" that follows a legal form ("Freno Alpino S.r.l. of Bergamo", "Hanbit
    Memory Co., Ltd. of Icheon") is where the company is, unless it is a company's name
    itself."""
    if start < 2 or doc[start - 1].lower_ != "of" \
            or not closes_a_name(doc[start - 2].text.rstrip("."), lex):
        return False
    words = doc[start:end].text.split()
    return not ends_in_legal_form(doc[start:end].text, lex) \
        and not any(w.lower() in lex["corporate_words"] for w in words)


def _before_its_region(doc: Doc, start: int, end: int, lex: Lexicon) -> bool:
    """A name written before the state or country it is in ("a Lake Charles, Louisiana
    maker", "the Charlotte, North Carolina company"), before a region's noun ("Binh Duong
    province") or after a kind of place ("the town of Coburg") is a place, unless it says it
    is a company (legal form, corporate word)."""
    words = doc[start:end].text.split()
    if ends_in_legal_form(doc[start:end].text, lex) or any(
            w.lower() in lex["corporate_words"] for w in words[1:]):
        return False
    if end < len(doc) and doc[end].lower_ in REGION_NOUNS and doc[end].is_lower:
        return True
    if start > 1 and doc[start - 1].lower_ == "of" and doc[start - 2].lower_ in SETTLEMENT_NOUNS \
            and doc[start - 2].is_lower:
        return True  # "the Franconian town of Coburg", "the port of Gdansk"
    if end + 1 >= len(doc) or doc[end].text != "," or doc[end + 1].ent_type_ != "GPE" \
            or doc[end + 1].ent_iob_ != "B":
        return False
    stop = end + 1
    while stop < len(doc) and doc[stop].ent_type_ == "GPE" and (
            stop == end + 1 or doc[stop].ent_iob_ == "I"):
        stop += 1
    after = doc[stop] if stop < len(doc) else None
    # the state ends the phrase, or a noun it describes follows: "... company", "... maker"
    return after is None or after.text in (",", ".", ";", ")") or (
        after.is_lower and after.pos_ in ("NOUN", "ADJ"))


def _ranked(noun: Token) -> bool:
    """ "third-largest", "biggest", "leading": a rank among the companies of a place."""
    return any(c.tag_ in ("JJS", "RBS") or c.lower_ in ("leading", "top") or c.lower_.endswith(
        ("-largest", "-biggest")) for c in noun.subtree if c.i < noun.i)


# Words a place is named after by "in": where something is, not who it deals with ("a
# stake in X", "invested in X", "a leader in X" name companies).
SITE_WORDS = {"plant", "factory", "facility", "court", "headquarters", "office", "site",
              "campus", "warehouse", "port", "base", "based", "located", "headquartered",
              "situated", "city", "region", "province", "state", "centre", "center"}


OWNED_SITES = {"plant", "factory", "facility", "site", "campus", "warehouse", "headquarters",
               "office", "centre", "center", "works", "mill", "fab", "foundry", "hub", "depot"}


def _between_owner_and_site(doc: Doc, start: int, end: int) -> bool:
    """A name between a site's owner and the site ("its Coburg plant"): the owner is
    named already, so the name says where the site is."""
    if end >= len(doc) or doc[end].lower_ not in OWNED_SITES or not doc[end].is_lower:
        return False
    return any(c.dep_ == "poss" and c.i < start for c in doc[end].children)


FIELD_REACH = 24  # tokens back to a field's label: a few names, never a paragraph


def _in_a_company_field(doc: Doc, start: int, lex: Lexicon) -> bool:
    """Is the name an item of a field line whose label names companies: "Manufacturer:",
    "Importers:", "Recalling firm:", "Sold by:"?"""
    i = start - 1
    stop = max(0, start - FIELD_REACH)
    while i >= stop and "\n" not in doc[i].text and "\n" not in doc[i].whitespace_ and doc[i].text != ":":
        i -= 1
    if i < 1 or doc[i].text != ":":
        return False
    label = doc[i - 1].lower_.rstrip("s")
    return label in lex["company_nouns"]


# words for a trade rather than a thing sold, which end companies' names: "Myungsan Cell
# Materials", "Vantor Battery Technology" (not "Sony Lithium-Ion Batteries", a brand and a kind)
INDUSTRY_WORDS = {"materials", "components", "technology", "technologies", "semiconductor",
                  "semiconductors", "circuits", "software", "packaging", "plastics"}


def _kind_tail(doc: Doc, start: int, end: int, lex: Lexicon) -> int | None:
    """Where a title-case name turns into a kind of product or part, if it does."""
    heads = lex["product_heads"] | lex["component_heads"]
    if end - start < 2 or doc[end - 1].lower_ not in heads or doc[end - 1].lower_ in INDUSTRY_WORDS:
        return None
    for i in range(start + 1, end - 1):  # a two-word kind at least: not "General Motors"
        if doc[i].lower_ in heads or doc[i].lower_.split("-")[0] in heads:
            return i
    return None


# Countries written short ("a US processor"), besides the names the demonyms give
COUNTRY_ABBREVIATIONS = {"us", "u.s.", "usa", "u.s.a.", "uk", "u.k.", "uae", "prc", "rok", "eu"}


def is_region(span: Span, lex: Lexicon) -> bool:
    """ "North America", "Asia Pacific", "Middle East & Africa", and a country the base
    model calls a place ("a US processor", "German power chips"): places, whatever the
    words around them say."""
    words = [t.lower_ for t in span if not t.is_punct]
    if span.root.ent_type_ == "GPE" and " ".join(words) in (
            COUNTRY_ABBREVIATIONS | set(lex.demonyms.values())):
        return True
    return bool(words) and any(w in lex["region_words"] for w in words) and all(
        w in lex["region_words"] | lex["region_modifiers"] for w in words)


def is_acronym_or_common_word(doc: Doc, start: int, end: int, lowercase_words: set[str]) -> bool:
    """A lone mixed-case term ("IoT") or a capitalised common word ("Software", "Forecast")
    that the model took for an organisation."""
    if end - start != 1:
        return False
    text = doc[start].text
    # All-caps names stay: in news they are mostly companies (BMW, TSMC, LG).
    return MIXED_ACRONYM.match(text) is not None or text.lower() in lowercase_words


def names_a_kind(doc: Doc, start: int, end: int, lex: Lexicon) -> bool:
    """One word that names a kind of product, part or trade, whatever its case: "EV",
    "LCD", "OEM", "Batteries" are never a company; nor is a rubric ("Teardown: ...")."""
    word = doc[start].lower_
    return end - start == 1 and (word in lex["kind_acronyms"] or word in lex["product_heads"]
                                 or word in lex["component_heads"] or word in lex["rubric_words"])


@dataclass
class Candidates:
    """What the entity recogniser and the model-number pattern found in a document."""

    names: list[Candidate]
    models: list[tuple[int, int]]  # model numbers (token spans)
    kinds: list[tuple[int, int]]  # kinds of product named in lower case ("needle valves")
    learned: list[Candidate]  # names the learned recogniser found (ORG, PRODUCT)


LEARNED_KEY = "sw_ner"  # doc.spans key of the learned recogniser (extract.learned.LEARNED_NER)


def find_candidates(doc: Doc, lex: Lexicon) -> Candidates:
    """Name candidates from the base model's entities; the learned recogniser's names
    (where it ran) are kept apart, for `clusters.add_learned` to weigh."""
    # Words this document also writes in lower case are common words, not names.
    lowercase_words = {t.text for t in doc if t.is_lower and t.is_alpha}
    models = model_spans(doc)
    model_tokens = {i for s, e in models for i in range(s, e)}
    cands: list[Candidate] = []
    kinds: list[tuple[int, int]] = []
    for ent in doc.ents:
        kind = NER_TYPES.get(ent.label_)
        if kind is None:
            continue
        bounds = trim(ent, lex)
        if bounds is None:
            continue
        start, end = bounds
        if ent.label_ == "PRODUCT" and doc[start].is_lower:
            kinds.append(_without_leading_verbs(doc, start, end))
            continue
        if kind == "product" and describes_a_company(doc, start, end, lex):
            continue  # "the Karlsruhe-based maker of magnetic position sensors"
        if (kind != "product" and names_a_kind(doc, start, end, lex)) or (
                kind == "company" and abbreviates_a_kind(doc, start, end)):
            continue  # (a capitalised "Battery" is no company, person or place either; a
            # notice's "Chargers" tagged a product stays what it recalls)
        if a_country_adjective(doc, start, end, lex):
            continue  # (whatever the model calls it: "the Slovak maker" is no person either)
        if end - start == 1 and doc[start].is_sent_start and doc[start].pos_ == "ADJ":
            continue  # "Front airbags are supplied by X": capitalised as a sentence's first word
        if kind == "company" and _a_grade_after_a_number(doc, start, end):
            if cands and cands[-1].end == start and cands[-1].votes.get("product"):
                cands[-1].end = end  # "Ridgeback 20V" + "MAX": one line's name
            continue
        if _model_number_after(doc, start, end, lex):
            end += 1  # "the GridVault 4000 containerised storage system": the name's number
            if end < len(doc) and not doc[end - 1].whitespace_ and doc[end].is_alpha \
                    and doc[end].is_upper and len(doc[end]) <= 2:
                end += 1  # and its letters: "ChargeDock 10K", cut as "10" + "K"
        parts = split_merged_names(doc, start, end, lex) if kind == "company" \
            else split_listed_models(doc, start, end)
        for part_start, part_end in parts:
            cand = _candidate(doc, part_start, part_end, kind, model_tokens, lex)
            if cand is None:
                continue
            cand.weak = kind == "company" and sum(cand.votes.values()) == 1 and (
                is_acronym_or_common_word(doc, cand.start, cand.end, lowercase_words))
            cands.append(cand)
    cands = _with_legal_names(doc, cands, model_tokens, lex)
    covered = {i for c in cands for i in range(c.start, c.end)}
    for start, end in _named_after_a_role(doc, covered | model_tokens, lex):
        # "saw-blade maker Edgeline", "the fragrance house Parfums Lenotre": a name the
        # model missed, right after the noun that says it is a company
        cands.append(Candidate(start, end, Counter({"company": 3})))
        covered |= set(range(start, end))
    for start, end in _numbered_names(doc, covered | model_tokens):
        # "the Aster 5", "its PowerSlab 20K Pro": a word and a number no recogniser took
        cands.append(Candidate(start, end, Counter({"product": 2})))
        covered |= set(range(start, end))
    places = {(c.start, c.end): c for c in cands if c.votes and max(c.votes, key=c.votes.get) == "place"}
    place_tokens = {i for start, end in places for i in range(start, end)}
    for start, end in _kinded_names(doc, (covered - place_tokens) | model_tokens, place_tokens,
                                    lowercase_words, lex):
        if (start, end) in places:
            # "its Strada long-haul tractor", the name tagged a place: the kind says product
            places[(start, end)].votes["product"] += 3
        elif not place_tokens.intersection(range(start, end)):
            # "the Voyance minivan": a name no recogniser took
            cands.append(Candidate(start, end, Counter({"product": 2})))
            covered |= set(range(start, end))
    for tok in doc:
        if tok.i not in covered and tok.i not in model_tokens and ICAMEL.match(tok.text) \
                and tok.lower_ not in lex["measure_units"]:  # "iPad", not "mAh"
            cands.append(Candidate(tok.i, tok.i + 1, Counter({"product": 2})))
    learned: list[Candidate] = []
    for ent in doc.spans.get(LEARNED_KEY, ()):
        if ent.label_ not in ("ORG", "PRODUCT") or (bounds := trim(ent, lex)) is None:
            continue
        start, end = bounds
        if only_legal_form([t.text for t in doc[start:end]], lex):
            continue
        if ent.label_ == "PRODUCT" and doc[start].is_lower:
            kinds.append(_without_leading_verbs(doc, start, end))
            continue
        if ent.label_ == "PRODUCT":  # a name, not a kind
            end = without_a_trailing_adjective(doc, start, complete_compound(doc, start, end))
            if names_a_hazard(doc, end, lex) or names_a_kind(doc, start, end, lex) \
                    or describes_a_company(doc, start, end, lex):
                continue  # "Velmora Power battery fire risk": what a recall is about; "IC"
        elif names_a_kind(doc, start, end, lex) or abbreviates_a_kind(doc, start, end) \
                or a_country_adjective(doc, start, end, lex) or _a_grade_after_a_number(doc, start, end):
            continue
        parts = split_listed_models(doc, start, end) if ent.label_ == "PRODUCT" else [(start, end)]
        learned += [Candidate(s, e, Counter({NER_TYPES[ent.label_]: 1})) for s, e in parts]
    cands += _untagged_company_uses(doc, cands, model_tokens, lex)
    return Candidates(cands, models, kinds, learned)


def _untagged_company_uses(doc: Doc, cands: list[Candidate], model_tokens: set[int],
                           lex: Lexicon) -> list[Candidate]:
    """The uses of a one-word name that no recogniser tagged, where the words around them
    say company ("Roventa, the consumer robotics brand owned by X", "Roventa told us"): they
    count towards the name's one type, with the uses the base model tagged a place or a
    person. (Only company evidence: a use no one tagged is otherwise left alone.)"""
    one_word = {doc[c.start].text for c in cands if c.end - c.start == 1
                and doc[c.start].is_alpha and doc[c.start].text[:1].isupper()
                and not doc[c.start].is_upper and c.votes
                and max(c.votes, key=c.votes.get) in ("place", "person")}
    # (not the first word of two longer names, "Halcyra" of "Halcyra Group" and "Halcyra
    # Solar Vietnam Co., Ltd.": a short form `clusters.merge_short_forms` gives to one)
    longer: dict[str, set[str]] = defaultdict(set)
    for c in cands:
        if c.end - c.start > 1:
            longer[doc[c.start].text].add(c.text(doc))
    one_word -= {word for word, names in longer.items() if len(names) > 1}
    if not one_word:
        return []
    covered = {i for c in cands for i in range(c.start, c.end)} | model_tokens
    found = []
    for tok in doc:
        if tok.text not in one_word or tok.i in covered:
            continue
        if tok.i + 1 < len(doc) and doc[tok.i + 1].text[:1].isupper() and not doc[tok.i + 1].is_punct:
            continue  # part of a longer name ("Roventa S8", "Roventa Labs")
        votes = context_votes(doc, tok.i, tok.i + 1, lex)
        if votes["company"] > 0 and votes["company"] > votes["place"] + votes["person"]:
            found.append(Candidate(tok.i, tok.i + 1, Counter({"company": votes["company"]})))
    return found


ROLE_NAME_MAX = 3


def _named_after_a_role(doc: Doc, taken: set[int], lex: Lexicon) -> Iterator[tuple[int, int]]:
    """Capitalised words no recogniser took, right after a lower-case company noun in the
    same sentence ("maker Edgeline", "house Parfums Lenotre"), up to three of them and
    not a title, a place or a date."""
    for tok in doc:
        if not (tok.is_lower and tok.lower_ in lex["company_nouns"]) or tok.i + 1 >= len(doc):
            continue
        start = end = tok.i + 1
        while end < len(doc) and end - start < ROLE_NAME_MAX and end not in taken \
                and doc[end].text[:1].isupper() and doc[end].is_alpha and not doc[end].is_sent_start \
                and doc[end].ent_type_ not in ("GPE", "LOC", "NORP", "DATE", "PERSON") \
                and doc[end].lower_ not in lex["title_words"]:
            end += 1
        if end > start and (end >= len(doc) or not doc[end].text[:1].isupper()):
            yield start, end


# what is written before a model's name ("the Aster 5", "its Aster 5", "Marlen's Aster 5")
NAME_DETERMINERS = {"the", "its", "their", "our", "his", "her", "every", "each", "this",
                    "these", "those", "'s", "’s"}
# capitalised words numbered that name no product: "the Phase 3 trial", "the Class 8
# tractor", "the Euro 6 standard", "the FTSE 100", "the Top 10"
NUMBERED_GENERIC = {"phase", "stage", "class", "tier", "level", "grade", "type", "series",
                    "model", "version", "generation", "gen", "euro", "top", "fortune",
                    "section", "chapter", "article", "part", "item", "rule", "title", "route",
                    "highway", "interstate", "terminal", "gate", "building", "floor", "room",
                    "unit", "block", "lot", "plant", "week", "day", "year", "quarter", "round",
                    "category", "zone", "area", "region", "district", "row", "channel", "covid",
                    "line", "platform", "track", "pier", "dock", "berth", "hall", "booth",
                    "stand", "figure", "table", "appendix", "annex", "schedule", "form", "box",
                    "step", "team", "group", "page", "volume", "issue", "edition", "season",
                    "episode", "act", "bill", "amendment", "paragraph", "clause", "lane",
                    "exit", "suite", "flight", "ward", "index", "ftse", "nikkei", "dax", "cac",
                    "stoxx", "kospi", "sensex", "russell", "dow", "nasdaq", "windows"}
# words a model's name goes on with after its number ("Aster 5 Pro", "Halo 4 Max")
EDITION_WORDS = {"pro", "max", "mini", "plus", "ultra", "lite", "air", "sport", "gt", "se",
                 "xl", "neo", "go", "edge"}
NAME_NUMBER = re.compile(r"^\d{1,4}(?:[Kk])?$")  # "5", "900", "20K"


def _numbered_names(doc: Doc, taken: set[int]) -> Iterator[tuple[int, int]]:
    """A capitalised word no recogniser took, after "the", "its" or a possessive, followed
    by a number that is no year: a model's name ("the Aster 5, Marlen's best-selling power
    bank", "its PowerSlab 20K Pro"), unless the word is a generic one ("the Phase 3 trial")."""
    for tok in doc:
        i = tok.i
        if i == 0 or i + 1 >= len(doc) or i in taken or i + 1 in taken or tok.is_sent_start \
                or not tok.is_alpha or not tok.text[:1].isupper() or (tok.is_upper and len(tok) <= 2):
            continue
        if doc[i - 1].lower_ not in NAME_DETERMINERS or tok.lower_ in NUMBERED_GENERIC \
                or tok.text.upper() in CURRENCY_CODES \
                or tok.lower_ in MONTHS or tok.ent_type_ in ("GPE", "LOC", "NORP", "DATE", "PERSON"):
            continue
        number = doc[i + 1]
        if not NAME_NUMBER.match(number.text) or YEAR.match(number.text) \
                or (number.i + 1 < len(doc) and doc[number.i + 1].text in ("%", "-")):
            continue  # (not "the Vanta 2024 ...", "the Aster 5%")
        end = i + 2
        if end < len(doc) and end not in taken and not number.whitespace_ and doc[end].is_alpha \
                and doc[end].is_upper and len(doc[end]) == 1:
            end += 1  # "its PowerCore 20K", that the tokenizer cut as "20" + "K"
        while end < len(doc) and end not in taken and doc[end].lower_ in EDITION_WORDS \
                and doc[end].text[:1].isupper():
            end += 1
        yield i, end


# words for a kind too wide to make the capitals before it a product's name ("the Hisamoto
# unit" is a business, "the Tallis products" a brand's)
KINDS_OF_NOTHING_NAMED = frozenset({"unit", "units", "product", "products", "technology",
                                    "service", "services", "material", "materials", "part", "parts",
                                    "component", "components", "packaging"})
KINDED_NAME_MAX = 2  # words of a name before its kind ("the Hydra Max heat pump")
NOT_A_PRODUCT_S_LABELS = ("GPE", "LOC", "NORP", "DATE", "PERSON", "TIME", "EVENT")
KIND_RUN_MAX = 4  # lower-case words of the noun phrase after the name ("long-haul tractor")


def _kinded_names(doc: Doc, taken: set[int], places: set[int], lowercase_words: set[str],
                  lex: Lexicon) -> Iterator[tuple[int, int]]:
    """Capitalised words no recogniser took, after "the", "its" or a possessive (maybe
    with an adjective: "Nordhaug's smaller Lysefjord hatchback") and before a word for a
    kind of product or part: a product's name ("the Voyance minivan", "its Strada
    long-haul tractor", "Coastline's Hydra and Hydra Max heat pump lines"). Not a word the
    document also writes in lower case, a date, a person or a title (a name tagged a place
    is a product's before a kind of product)."""
    heads = (lex["product_heads"] | lex["product_kind_words"] | lex["component_heads"]
             | lex["line_nouns"]) - KINDS_OF_NOTHING_NAMED
    lines = {"line", "lines"}  # (alone, where things are made: "the Chonburi line")

    def is_kind(t: Token) -> bool:
        return t.lower_ in heads or t.lemma_.lower() in heads

    def name_word(i: int) -> bool:
        tok = doc[i]
        # (not an acronym: "the LED screens", "its LFP line", "MEMS microphones" are kinds)
        return i not in taken and tok.is_alpha and tok.text[:1].isupper() and not tok.is_sent_start \
            and not tok.is_upper and tok.text not in lowercase_words \
            and tok.lower_ not in MONTHS and tok.lower_ not in lex["title_words"] \
            and tok.lower_ not in NUMBERED_GENERIC and tok.text.lower() not in lex.demonyms \
            and (i in places or tok.ent_type_ not in NOT_A_PRODUCT_S_LABELS)

    def name_at(i: int) -> int:  # the end of a name starting at i, or i
        end = i
        while end < len(doc) and end - i < KINDED_NAME_MAX and name_word(end):
            end += 1
        return end

    positions = None

    def longer_elsewhere(start: int, end: int) -> bool:
        nonlocal positions
        positions = positions if positions is not None else word_positions(doc)
        return a_line_of_longer_names(doc, end, positions)

    def kind_after(end: int) -> bool:
        """Does the noun phrase the name starts end in a kind of product ("minivan", "heat
        pump lines"), not in something else the kind describes ("chip designer", "motor
        show")?"""
        run: list[Token] = []
        for t in doc[end:min(len(doc), end + 2 * KIND_RUN_MAX)]:
            if t.text == "-" and not t.whitespace_:
                continue  # "long-haul"
            if len(run) == KIND_RUN_MAX or not (t.is_lower and t.is_alpha
                                                 and t.pos_ in ("ADJ", "NOUN", "VERB")):
                break
            run.append(t)
        if not run or run[-1].pos_ != "NOUN":
            return False
        head = run[-1]
        if is_kind(head) and head.lower_ not in lines:
            return True
        # "heat pump lines" (a kind before the word for a line), not "the Chonburi line"
        return head.lower_ in lines and any(is_kind(t) for t in run[:-1])

    i = 1
    while i < len(doc):
        before = doc[i - 1]
        determined = before.lower_ in NAME_DETERMINERS or (
            before.is_lower and before.pos_ == "ADJ" and i > 1 and doc[i - 2].lower_ in NAME_DETERMINERS)
        end = name_at(i) if determined else i
        if end == i:
            i += 1
            continue
        if end < len(doc) and doc[end].text[:1].isupper():
            i = end + 1  # a longer run of capitals: somebody else's name
            continue
        names = [(i, end)]
        # "Hydra and Hydra Max heat pumps": names listed before one kind
        nxt = end
        while nxt + 1 < len(doc) and doc[nxt].lower_ in (",", "and", "or"):
            other = name_at(nxt + 1)
            if other == nxt + 1 or (other < len(doc) and doc[other].text[:1].isupper()):
                break
            names.append((nxt + 1, other))
            nxt = other
        if kind_after(names[-1][1]):
            yield from (n for n in names if not longer_elsewhere(*n))
        i = names[-1][1] + 1


def a_line_of_longer_names(doc: Doc, end: int, positions: dict[str, list[int]] | None = None) -> bool:
    """Is the name's last word written elsewhere before a number or another capital
    ("PowerCore 10000", "PowerCore III")? Then it is a line in longer models' names."""
    word = doc[end - 1].text
    at = positions.get(word, ()) if positions is not None else [t.i for t in doc if t.text == word]
    for i in at:
        nxt = doc[i + 1] if i + 1 < len(doc) else None
        if i != end - 1 and nxt is not None and (nxt.like_num or nxt.text[:1].isupper()):
            return True
    return False


def word_positions(doc: Doc) -> dict[str, list[int]]:
    """Where each word is written in the document."""
    found: dict[str, list[int]] = {}
    for i, text in enumerate(t.text for t in doc):
        found.setdefault(text, []).append(i)
    return found


def _with_legal_names(doc: Doc, cands: list[Candidate], model_tokens: set[int],
                      lex: Lexicon) -> list[Candidate]:
    """The names closed by a legal form, in place of the pieces of them the model found
    ("Ltda" of "Voltaris Energia Ltda.", "Automobili SpA" of "Vantaro Automobili SpA")."""
    for start, end in legal_name_spans(doc, lex):
        if any(c.start <= start and c.end >= end for c in cands):
            continue
        bounds = trim(Span(doc, start, end, label="ORG"), lex)
        if bounds is None:
            continue
        cand = _candidate(doc, *bounds, "company", model_tokens, lex)
        if cand is None:
            continue
        cands = [c for c in cands if c.end <= cand.start or c.start >= cand.end]
        cands.append(cand)
    return cands


def describes_a_company(doc: Doc, start: int, end: int, lex: Lexicon) -> bool:
    """ "Karlsruhe-based maker of magnetic position": words that describe a company (a
    company noun with "of" after it, a "-based"), which no product's name holds."""
    for tok in doc[start:end]:
        if tok.lower_ == "based" and tok.i > start and doc[tok.i - 1].text in ("-", "–"):
            return True
        if tok.lower_ in lex["company_nouns"] and tok.is_lower and tok.i + 1 < end \
                and doc[tok.i + 1].lower_ == "of":
            return True
    return False


def a_country_adjective(doc: Doc, start: int, end: int, lex: Lexicon) -> bool:
    """ "the Slovak car-parts maker X", "Nordic boatbuilders": a country's or a region's
    adjective before a noun, which the recognisers sometimes take for a company."""
    return doc[start:end].text.lower() in lex.demonyms and end < len(doc) \
        and doc[end].pos_ in ("NOUN", "ADJ", "PROPN") and doc[end].text not in lex["legal_suffixes"]


def abbreviates_a_kind(doc: Doc, start: int, end: int) -> bool:
    """ "electronic braking systems (EBS)", "battery management system (BMS)": letters in
    brackets that spell the lower-case words before them abbreviate a kind of thing, not a
    company's name (as "(ATL)" after "Amperex Technology Ltd." does)."""
    text = doc[start:end].text
    if end - start != 1 or not text.isupper() or not 2 <= len(text) <= 6 or start < 2 \
            or doc[start - 1].text != "(":
        return False
    words = [t for t in doc[max(0, start - 1 - len(text)):start - 1] if not t.is_punct]
    words = words[-len(text):]
    return len(words) == len(text) and all(t.is_lower for t in words) \
        and "".join(t.text[0] for t in words).upper() == text


def split_merged_names(doc: Doc, start: int, end: int, lex: Lexicon) -> list[tuple[int, int]]:
    """ "Velmora Power and Brisk Cells", read by the small model as one organisation, is two
    when the parser joins them by a conjunction, the left one is a whole company name (two
    words or more, ending in a corporate word or a legal suffix) and the right one is no
    suffix. "Procter and Gamble", "Stock Yards Bank & Trust Company", "Fresenius SE & Co
    KGaA" and "Honeywell Environmental and Energy Solutions" stay one. So is "Velmora
    Power to Brisk Cells", whose "to" belongs to the verb ("Bank of America" stays)."""
    company_ends = lex["corporate_words"] | lex["legal_suffixes"]
    for i in range(start + 1, end - 1):
        tok = doc[i]
        if tok.is_lower and tok.pos_ == "ADP" and not start <= tok.head.i < end:
            # "from Velmora Power to Brisk Cells", read as one name: a preposition that
            # belongs to the clause outside ends one name and starts the next
            return [(start, i), *split_merged_names(doc, i + 1, end, lex)]
    for i in range(start + 2, end - 1):
        tok = doc[i]
        if tok.lower_ not in ("and", "&") or tok.dep_ != "cc":
            continue
        left, right = doc[start:i], doc[i + 1:end]
        joined = any(t.dep_ == "conj" and start <= t.head.i < i for t in right)
        if joined and left[-1].lower_.rstrip(".") in company_ends and len(right.text.split()) >= 2 \
                and right[0].lower_ not in lex["legal_suffixes"] and right[0].text[:1].isupper():
            return [(start, i), *split_merged_names(doc, i + 1, end, lex)]
    return [(start, end)]


def split_listed_models(doc: Doc, start: int, end: int) -> list[tuple[int, int]]:
    """ "Slate 14 and Slate 16", "Sweep X5 and Sweep X7", read as one product, are two:
    names on both sides of "and" or a comma, numbered or sharing their first word. ("Tools
    & Hardware" and "Bluetooth and Wi-Fi" stay whole: no number, no shared word.)"""
    for i in range(start + 1, end - 1):
        if doc[i].lower_ not in ("and", "or", ","):
            continue
        left, right = doc[start:i], doc[i + 1:end]
        if not (left[0].text[:1].isupper() and right[0].text[:1].isupper()):
            continue
        numbered = any(t.like_num or is_model_token(t) for t in left) \
            and any(t.like_num or is_model_token(t) for t in right)
        if numbered or left[0].text == right[0].text:
            return [(start, i), *split_listed_models(doc, i + 1, end)]
    return [(start, end)]


def names_a_hazard(doc: Doc, end: int, lex: Lexicon) -> bool:
    """A phrase that ends in a hazard ("fire risk", "burn hazard") names no product."""
    last = doc[end - 1].lower_
    return last in lex["hazard_nouns"] or last in lex["hazard_words"]


# what a name does not end in
TRAILING_POS = {"ADJ", "ADV", "ADP", "CCONJ", "DET", "PART", "SCONJ"}


def without_a_trailing_adjective(doc: Doc, start: int, end: int) -> int:
    """The end of a name the recogniser ran on into a lower-case adjective, adverb or
    function word ("Summitline Outdoor toll-free at 866-...", "Stridemax T7 and"): a name
    ends in a noun or a number."""
    if end - start < 2 or not (doc[end - 1].is_lower and doc[end - 1].pos_ in TRAILING_POS):
        return end
    while end - 1 > start and (doc[end - 1].is_lower or doc[end - 1].text in ("-", "–")):
        end -= 1
    return end


def complete_compound(doc: Doc, start: int, end: int) -> int:
    """The end of a product name that stopped inside a noun compound ("PB-20 power" of
    "PB-20 power banks"): its last word is a lower-case modifier of the next word."""
    while end < len(doc) and end - 1 >= start and doc[end - 1].is_lower \
            and doc[end - 1].dep_ in ("compound", "amod") and doc[end - 1].head.i == end \
            and doc[end].pos_ == "NOUN" and doc[end].sent.start == doc[start].sent.start:
        end += 1
    return end


POSSESSIVE_DETERMINERS = {"its", "their", "our", "his", "her", "whose"}


def _through_hyphens(doc: Doc, i: int) -> int:
    """The end of a word glued by hyphens from token i on ("-Yield" of "AV-Yield")."""
    while i + 1 < len(doc) and doc[i].text in ("-", "–") and not doc[i].whitespace_ \
            and doc[i + 1].is_alpha and doc[i + 1].text[:1].isupper():
        i += 2
    return i


def after_a_possessive(doc: Doc, start: int) -> bool:
    """Does a possessive come right before the name (the determiners "its", "our", or a
    name's "'s"), with at most one adjective between ("its new NavCore R12")?"""
    i = start - 1
    if i >= 0 and doc[i].pos_ == "ADJ" and doc[i].is_lower:
        i -= 1
    return i >= 0 and (doc[i].lower_ in POSSESSIVE_DETERMINERS or doc[i].text in ("'s", "’s"))


def _without_leading_verbs(doc: Doc, start: int, end: int) -> tuple[int, int]:
    """A kind of product the recogniser ran back into the verb before it ("sells gate
    drivers"): the kind starts after it."""
    while start < end - 1 and doc[start].pos_ in ("VERB", "AUX", "CCONJ", "ADP", "PART") \
            and doc[start].whitespace_:  # (a whole word: not "co" of "co-designing")
        start += 1
    return start, end


# the longest number written as a model's after its line's name ("GridVault 4000")
MODEL_NUMBER_DIGITS = 5
# words after a number that make it a count or a measure: "Hanseol 300 employees"
COUNTED_AFTER = {"percent", "per", "million", "billion", "thousand", "%", "employees", "workers",
                 "staff", "people", "jobs", "stores", "shops", "sites", "plants", "years", "days"}


def _model_number_after(doc: Doc, start: int, end: int, lex: Lexicon) -> bool:
    """A plain number right after a capitalised one-word name that the recogniser left out
    of it ("GridVault 4000", "HomeStack 10"): the line's model, when no year, count or
    measure is written."""
    if end - start != 1 or end + 1 >= len(doc) or not doc[start].whitespace_:
        return False
    name, num, after = doc[start], doc[end], doc[end + 1]
    if not (name.is_alpha and name.text[:1].isupper() and not name.is_upper) or name.is_sent_start:
        return False
    if not (num.is_digit and len(num.text) <= MODEL_NUMBER_DIGITS and not YEAR.match(num.text)):
        return False
    if not num.whitespace_ and after.text not in (",", ".", ";", ")") \
            and not (after.is_alpha and after.is_upper and len(after.text) <= 2):
        return False  # (not "Saab 9" of "Saab 9-2X": a longer code the name goes on into;
        # but "ChargeDock 10" of "ChargeDock 10K")
    return after.lower_ not in COUNTED_AFTER and after.lower_ not in lex["measure_units"] \
        and not (after.tag_ == "NNS" and len(num.text) > 3)


def _a_grade_after_a_number(doc: Doc, start: int, end: int) -> bool:
    """One word in capitals right after a capitalised name's voltage or model number
    ("Ridgeback 20V MAX", "Vireo X7 PRO"): the line's grade, which the model tags an
    organisation."""
    if end - start != 1 or start < 2 or not doc[start].is_upper or not doc[start].is_alpha:
        return False
    number, name = doc[start - 1], doc[start - 2]
    return bool(number.whitespace_) and bool(name.whitespace_) \
        and (is_model_token(number) or bool(UNIT_LIKE.match(number.text))) \
        and name.is_alpha and name.text[:1].isupper() and not name.is_sent_start


def _candidate(doc: Doc, start: int, end: int, kind: str, model_tokens: set[int],
               lex: Lexicon) -> Candidate | None:
    # A model number inside an entity: the words before it are the brand.
    if after_a_possessive(doc, start) and end < len(doc) and end not in model_tokens \
            and _through_hyphens(doc, end) > end and not doc[end - 1].whitespace_:
        end = _through_hyphens(doc, end)  # "its AV-Yield 9 monitor": a line, not "AV"
        while end < len(doc) and (end in model_tokens or doc[end].like_num):
            end += 1
        kind = "product"
    while end < len(doc) and end in model_tokens and after_a_possessive(doc, start):
        end += 1  # "its NavCore R12 receiver": the recogniser's "NavCore" and the model
    inner = [i for i in range(start, end) if i in model_tokens]
    if inner and inner[0] > start and after_a_possessive(doc, start):
        # "its NavCore R12 receiver", "Nuvela's Halo 4": the possessive names the maker, so
        # the words before the model number are the line's name, not a brand
        kind = "product"
    elif inner:
        # Only the first word is the brand ("Samsung" of "Samsung Galaxy Note7"); the
        # rest of the name goes with the model number.
        end = min(inner[0], start + 1)
        if end <= start or (end != inner[0] and not doc[start].text[:1].isupper()):
            return None
        kind = "company"
    elif end < len(doc) and end in model_tokens and end - start > 1:
        end = start + 1  # "Samsung Galaxy" + "Note7": the brand is the first word
        kind = "company"
    elif _kind_tail(doc, start, end, lex) == start + 1:
        end = start + 1  # "Dell Notebook Computers", "Sony Lithium-Ion Batteries": brand + kind
        kind = "company"
    elif named_for_its_wares(doc[start:end], lex):
        kind = "company"  # "Ravello Trucks", "Pebblebrook Toys": a maker, not a model
    elif looks_like_product(doc[start:end], lex):
        kind = "product"
    if is_region(doc[start:end], lex):
        return Candidate(start, end, Counter({"place": 3}))
    votes: Counter[str] = Counter({kind: 2 if kind == "product" else 1})
    if kind != "product" and _numbered_line(doc[start:end], lex):
        votes["product"] += 2  # "Halo 4 Pro", "Aster 7" tagged an organisation
    votes.update(context_votes(doc, start, end, lex))
    return Candidate(start, end, votes)


def _numbered_line(span: Span, lex: Lexicon) -> bool:
    """A line's name and a small number, maybe a grade after it ("Halo 4 Pro", "Aster 7",
    "Sierra 110"), with no corporate word or legal form: a model, not a company."""
    words = [t for t in span if not t.is_punct]
    if len(words) < 2 or not (words[0].is_alpha and words[0].text[:1].isupper()):
        return False
    if ends_in_legal_form(span.text, lex) or any(t.lower_ in lex["corporate_words"] for t in words):
        return False
    numbers = [t for t in words[1:] if t.is_digit]
    # (a number glued to a letter is another word: "Nova 5G")
    return len(numbers) == 1 and len(numbers[0]) <= 4 and not YEAR.match(numbers[0].text) \
        and (numbers[0].whitespace_ or numbers[0].i == span.end - 1) \
        and all(t.is_digit or (t.is_alpha and t.text[:1].isupper()) for t in words[1:])
