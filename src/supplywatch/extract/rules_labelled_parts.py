"""Parts listed one to a line with their maker, the way teardowns and spec sheets write a
bill of materials:

    - Main hydraulic pump: Pressotec Kft., Gyor, Hungary
    Application processor: an Ostrel Semiconductor Corp. OS-W5 system-in-package
    Power management: a TMC6021 power-management IC from Tainan Microsystems Corp.

The label before the colon names a kind of part; the maker is the company the line names
first after it (or after "from" / "by"). As with a teardown's sentences
(`rules_teardown`), the buyer is the company the document is about, at a lower confidence
than a stated supply. A line that names no company ("Telematics unit: developed in-house")
states nothing.

A recall notice's fields name who made a product and who brought it to market:

    Importer(s): Hearthwell Home Products LLC, of Columbus, Ohio
    Manufacturer(s): Foshan Lianyi Electric Appliance Co., Ltd., of Foshan, China

The manufacturer supplies the importer (or distributor) the product (`field_drafts`).
"""

from __future__ import annotations

from collections.abc import Iterator

from spacy.tokens import Doc, Span, Token

from supplywatch.extract.drafts import Draft
from supplywatch.extract.reading import Reading
from supplywatch.extract.rules_supply import supply_draft
from supplywatch.extract.rules_teardown import IMPLIED_BUYER_CONFIDENCE, implied_buyer

MAX_LABEL_WORDS = 8
LEADING = {"-", "–", "—", "•", "*", "·", "a", "an", "the"}


def labelled_part_drafts(r: Reading) -> Iterator[Draft]:
    buyer = implied_buyer(r)
    if buyer is None:
        return
    for line in lines(r.doc):
        # (the tokenizer may glue the colon to a bracket: "total):")
        colon = next((t for t in line if t.text.endswith(":")), None)
        if colon is None:
            continue
        label = _outside_brackets([t for t in r.doc[line.start:colon.i] if t.text not in LEADING])
        if not label or len(label) > MAX_LABEL_WORDS or not _names_a_part(r, label):
            continue
        maker = _maker(r, r.doc[colon.i + 1:line.end])
        if maker is None or maker == buyer or r.is_regulator(maker):
            continue
        part = " ".join(t.text for t in label).lower()
        draft = supply_draft(r, line, colon, maker, buyer, part, None)
        draft.confidence = min(draft.confidence, IMPLIED_BUYER_CONFIDENCE)
        yield draft


def lines(doc: Doc) -> list[Span]:
    """The document's lines (the parser may split one line into several sentences at a
    colon or an abbreviation's full stop); found once per document (three rules read
    them), kept in `doc.user_data` as token offsets."""
    bounds = doc.user_data.get("sw_lines")
    if bounds is None:
        bounds = []
        start = 0
        for tok in doc:
            if "\n" in tok.text or "\n" in tok.whitespace_:
                end = tok.i if "\n" in tok.text else tok.i + 1
                if end > start:
                    bounds.append((start, end))
                start = tok.i + 1
        if start < len(doc):
            bounds.append((start, len(doc)))
        doc.user_data["sw_lines"] = bounds
    return [doc[start:end] for start, end in bounds]


def _outside_brackets(words: list[Token]) -> list[Token]:
    """"Battery system (two 22 kWh packs)": the label without its bracketed note."""
    kept: list[Token] = []
    depth = 0
    for t in words:
        if t.text in ("(", "["):
            depth += 1
        elif t.text in (")", "]"):
            depth = max(0, depth - 1)
        elif depth == 0:
            kept.append(t)
    return kept


def _names_a_part(r: Reading, label: list[Token]) -> bool:
    """A label that names a kind of part ("Main hydraulic pump", "Battery system", "Power
    management"), not a field of a record ("Manufacturer", "Recalling firm")."""
    heads = r.lex["component_heads"]
    if any(t.lower_ in r.lex["company_nouns"] or r.company_at(t) is not None for t in label):
        return False
    return any(t.lower_ in heads or t.lemma_.lower() in heads for t in label) or (
        label[-1].lower_ in ("management", "assembly") and len(label) > 1)


def _maker(r: Reading, after: Span) -> int | None:
    """The company named first after the colon, or after "from"/"by" in the part's phrase,
    before any verb of its own."""
    words = [t for t in after if t.text not in LEADING]
    if not words:
        return None
    first = r.company_at(words[0])
    if first is not None:
        return first
    for tok in words:
        if tok.pos_ in ("VERB", "AUX") and tok.tag_ not in ("VBN", "VBG"):
            return None  # a sentence of its own, not a part and its maker
        if tok.lower_ in ("from", "by") and tok.i + 1 < after.end:
            return r.company_at(r.doc[tok.i + 1])
        cid = r.cluster_at(tok)
        if cid is not None and r.type_of(cid) == "product":
            brand = r.ents.clusters[cid].brand  # "a Brisk RD3326 processor"
            if brand is not None:
                return brand
    return None


# Field labels of a recall notice: who made the product, and who bought it from the maker
MAKER_FIELDS = {"manufacturer", "manufactured by", "made by", "maker"}
BUYER_FIELDS = {"importer", "distributor", "manufactured for", "made for", "imported by",
                "distributed by"}


def field_lines(doc: Doc) -> Iterator[tuple[str, Span, Token]]:
    """A record's "Label: value" lines: the label in lower case and singular
    ("Importer(s)" -> "importer"), the line, and the colon that ends the label."""
    for line in lines(doc):
        # (the tokenizer may glue the colon to a bracket: "total):"); a table's row may
        # hold its label in a cell ("Manufacturer<tab>X", "Brand | X")
        colon = next((t for t in line if t.text.endswith(":") or t.text == "|"
                      or (t.is_space and "\t" in t.text)), None)
        if colon is None:
            continue
        label = " ".join(t.lower_ for t in _outside_brackets(
            [t for t in doc[line.start:colon.i] if t.text not in LEADING]))
        # "Importer(s)" (which the tokenizer may cut as "Importer(s" + "):"), "Importers"
        label = label.replace("(s)", "").replace("(s", "").strip()
        label = label if label.endswith((" by", " for")) else label.rstrip("s")
        if label:
            yield label, line, colon


def field_drafts(r: Reading) -> Iterator[Draft]:
    """ "Manufacturer(s): X" and "Importer(s): Y" in one notice: X supplies Y."""
    makers: list[tuple[int, Span, Token]] = []
    buyers: list[int] = []
    for label, line, colon in field_lines(r.doc):
        if label not in MAKER_FIELDS and label not in BUYER_FIELDS:
            continue
        named = first_of_each_item(r, r.doc[colon.i + 1:line.end])
        if label in MAKER_FIELDS:
            makers += [(c, line, colon) for c in named]
        else:
            buyers += named
    for maker, line, colon in makers:
        for buyer in dict.fromkeys(buyers):
            if buyer != maker:
                yield supply_draft(r, line, colon, maker, buyer, None, None, status="active")


def first_of_each_item(r: Reading, after: Span) -> list[int]:
    """The company that opens each item of a field ("X Inc., of Grand Rapids, Michigan, a
    subsidiary of Y; Z LLC"): X and Z, not Y."""
    found: list[int] = []
    item_open = True
    for tok in after:
        if tok.text == ";":
            item_open = True
            continue
        cid = r.company_at(tok)
        if cid is not None and item_open and not r.is_regulator(cid):
            found.append(cid)
            item_open = False
    return list(dict.fromkeys(found))
