"""Recalls that a regulator's notice states only in its fields:

    Supplier: Kitcharo Australia Pty Ltd
    Recalling Firm / Manufacturer: Holloway Creek Snacks LLC
    Business responsible: Brackwell Tools Ltd (the UK brand owner and importer)
    Distributor<tab>Maplebough Juvenile Inc.<tab>Laval<tab>Quebec<tab>Canada

A page that says "recall" somewhere and names no recaller in a sentence still names one in
such a field. The labels are ranked by how surely they name the firm that recalls: a
"Recalling firm" before an importer, distributor or supplier (who brings the product to
market, and so usually runs its recall), before the manufacturer, before a bare brand.
The recalled products are those of the headline and of the product, name and model
fields; the units, those of a units or quantity field. `assemble` keeps these drafts only
where no sentence states who recalls.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from spacy.tokens import Span, Token

from supplywatch.extract.drafts import Draft
from supplywatch.extract.legal_names import only_legal_form
from supplywatch.extract.quantities import parse_quantity
from supplywatch.extract.reading import Reading
from supplywatch.extract.rules_labelled_parts import field_lines, first_of_each_item, lines

# field labels (lower case, singular) by rank: the first rank a notice fills is its recaller
RECALLER_FIELDS: tuple[frozenset[str], ...] = (
    frozenset({"recalling firm", "recalling company", "recalled by", "business responsible",
               "responsible business", "responsible company", "company responsible",
               "responsible party", "responsible economic operator"}),
    frozenset({"importer", "distributor", "supplier", "brand owner", "imported by",
               "distributed by", "supplied by"}),
    frozenset({"manufacturer", "manufactured by", "made by"}),
    frozenset({"brand"}),
)
MAKER_RANK = 2  # the rank of the manufacturer's fields above
# words of a field's label that name what was recalled ("Name of product", "Model number")
PRODUCT_FIELD_WORDS = {"product", "name", "model", "models", "item", "description"}
# fields whose value opens with the product's name
NAME_FIELDS = {"product", "product name", "name of product", "name", "product description",
               "affected product", "name / model", "product / model"}
# a notice that never writes "recall" still says it is one by these fields ("PRA number",
# an Australian Product Recall Advice; "Remedy"; "Corrective action")
REMEDY_FIELD_WORDS = {"pra", "remedy", "corrective"}
# words of the labels of a notice's own numbers, which name no product
ID_FIELD_WORDS = {"number", "campaign", "id", "reference", "pra", "alert", "recall"}
UNIT_FIELD_WORDS = {"unit", "units", "quantity"}
# a model number written in a field: letters and digits ("TPG-18V-115", "KQ-60S")
MODEL_NUMBER = re.compile(r"(?=[\w-]*\d)(?=[\w-]*[A-Za-z])[A-Za-z0-9][\w-]*[A-Za-z0-9]")
FIELD_CONFIDENCE = 0.7


def notice_recall_drafts(r: Reading) -> Iterator[Draft]:
    blocks = _blocks(r)
    if not any(t.lower_.startswith("recall") for t in r.doc) and not any(
            set(label.split()) & REMEDY_FIELD_WORDS for b in blocks for label, _line, _sep in b):
        return
    # a page of several notices (a retailer's recalls page, a weekly report) repeats its
    # product fields: each block is a notice of its own; else the page is one notice
    items = [b for b in blocks if any(set(label.split()) & PRODUCT_FIELD_WORDS
                                      for label, _line, _sep in b)
             and any(_recaller_rank(label) is not None for label, _line, _sep in b)]
    several = len(items) > 1
    if not several:
        items = [[f for b in blocks for f in b]]
    for fields in items:
        # the page's headline, or the item's heading line ("2. LED string lights - Germany")
        headline = _line_before(r, fields[0][1].start) if several else next(iter(r.doc.sents), None)
        for draft in _notice(r, fields, headline):
            # (one of several: a sentence elsewhere that names another recaller leaves it be)
            draft.extra["item"] = several
            yield draft


Field = tuple[str, Span, Token]


def _notice(r: Reading, fields: list[Field], headline: Span | None) -> Iterator[Draft]:
    best: tuple[int, list[int], Span] | None = None
    products: list[int] = []
    models: list[str] = []
    described: list[str] = []
    ids: set[str] = set()  # the notice's own numbers ("Campaign number: 25V-187")
    units = None
    makers: list[tuple[int, Span]] = []  # "Manufacturer(s): X": who made what is recalled
    for label, line, sep in fields:
        value = r.doc[sep.i + 1:line.end]
        rank = _recaller_rank(label)
        firms = first_of_each_item(r, value) if rank is not None else []
        if rank == MAKER_RANK and all(p in RECALLER_FIELDS[MAKER_RANK] for p in _label_parts(label)):
            makers += [(c, line) for c in firms]
        if rank is not None and (best is None or rank < best[0]):
            # (not a legal form the name lost: "Creole and Company, LLC" read as "LLC")
            named = [c for c in firms
                     if not only_legal_form(r.ents.clusters[c].name.split(), r.lex)]
            if named:
                best = (rank, named, line)
        words = set(label.split())
        if words & PRODUCT_FIELD_WORDS:
            products += _products_in(r, value)
            if label in NAME_FIELDS:
                described.append(_first_phrase(value))
            if words & {"model", "models"}:
                models += MODEL_NUMBER.findall(value.text)
        if units is None and words & UNIT_FIELD_WORDS:
            units = parse_quantity(value.text)
        if words & ID_FIELD_WORDS and not words & {"model", "models"}:
            ids.update(t.text for t in value)
    if best is None:
        return
    if headline is not None:
        # (not the notice's own number: "Safety Recall Report 25V-318: ...")
        products = [p for p in _products_in(r, headline) if not _after_an_id_word(r, p, headline)] \
            + products
    products = [p for p in products if r.ents.clusters[p].name not in ids]
    _, companies, line = best
    named = [] if products else list(dict.fromkeys(models)) or [d for d in described if d][:1]
    if not products and not named and headline is not None:
        # a notice titled with what it recalls ("Kitcharo QuickSeal 6L Electric Pressure
        # Cooker", "Torrance Ride Pty Ltd — Torrance Kestrel ST electric bicycles")
        named = [t for t in [_titled_product(r, headline, companies)] if t]
    for company in companies:
        yield Draft("recall", {"company": [company], "products": list(dict.fromkeys(products))},
                    line, FIELD_CONFIDENCE,
                    extra={"units": units, "joint": len(companies) > 1, "field": True},
                    texts={"products": named})
    for maker, maker_line in makers:
        if maker in companies:
            continue  # the recaller made it itself
        # a maker named apart from the firm that recalls supplies it (the recalled products
        # stay the recaller's: a field's maker of each model counted as a product of its
        # own cost more than it found on the tuned sets)
        for company in companies:
            yield Draft("supplies", {"supplier": [maker], "customer": [company]}, maker_line,
                        FIELD_CONFIDENCE, extra={"component": None, "quantity": None,
                                                 "status": "active", "maker_field": True})


TITLE_SEPARATORS = {"—", "–", "-", ":", "|"}


def _titled_product(r: Reading, headline: Span, companies: list[int]) -> str:
    """A headline that is a product's name and no sentence (no verb), less the recaller's
    name written before it."""
    if any(t.pos_ in ("VERB", "AUX") for t in headline) or len(headline) > PHRASE_WORDS:
        return ""
    words = list(headline)
    while words and (r.cluster_at(words[0]) in companies or words[0].text in TITLE_SEPARATORS):
        words.pop(0)
    if not words or any(w.lower_.startswith("recall") for w in words):
        return ""
    return headline.doc[words[0].i:words[-1].i + 1].text


ID_WORDS = ID_FIELD_WORDS | {"report", "no", "no.", "notice", "ref", "ref."}


def _after_an_id_word(r: Reading, product: int, span: Span) -> bool:
    starts = [s for s, _ in r.ents.clusters[product].spans if span.start < s < span.end]
    return any(r.doc[s - 1].lower_ in ID_WORDS for s in starts)


def _products_in(r: Reading, span: Span) -> list[int]:
    return [c for t in span if (c := r.cluster_at(t)) is not None and r.type_of(c) == "product"]


PHRASE_WORDS = 14


def _first_phrase(value: Span) -> str:
    """A product field's name, without what follows it ("Kitcharo QuickSeal 6L Electric
    Pressure Cooker, model KQ-60S, stainless steel ...": up to the first comma)."""
    words = []
    for t in value:
        if t.text in (",", ";", "(", ".") or t.is_space or len(words) >= PHRASE_WORDS:
            break
        words.append(t)
    return value.doc[words[0].i:words[-1].i + 1].text if words else ""


def _blocks(r: Reading) -> list[list[Field]]:
    """Runs of field lines with nothing else between them."""
    blocks: list[list[Field]] = []
    last_end = -1
    for field in field_lines(r.doc):
        line = field[1]
        if blocks and not r.doc[last_end:line.start].text.strip("\n\t "):
            blocks[-1].append(field)
        else:
            blocks.append([field])
        last_end = line.end
    return blocks


def _line_before(r: Reading, start: int) -> Span | None:
    """The last line with words that ends before token `start`."""
    before = [line for line in lines(r.doc) if line.end <= start and line.text.strip()]
    return before[-1] if before else None


def _label_parts(label: str) -> list[str]:
    return [p.strip() for p in re.split(r"/| and |,", label)]


def _recaller_rank(label: str) -> int | None:
    """ "Recalling Firm / Manufacturer", "Brand owner and importer": the best rank of the
    label's parts."""
    ranks = [i for p in _label_parts(label) for i, names in enumerate(RECALLER_FIELDS) if p in names]
    return min(ranks, default=None)
