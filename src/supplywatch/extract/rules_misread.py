"""Supply stated by a verb that the tagger read as a noun.

The small English model reads the plural verb after a list of companies as part of a noun
compound: in "X and Y supply battery cells to Z" it tags "supply" as a noun, "Y supply
battery cells" as one phrase, and the sentence has no verb for the other rules to read.
The same happens to "Z sources cells from both X and Y". These rules read such a sentence
by its word order, and only in the one shape a verb allows: companies, the trigger word,
a noun phrase that is a thing supplied (a plural, or one with a determiner or a number:
"Y supply chain" is a compound, not a clause), then "to" / "for" and the customer, or
"from" and the supplier.
"""

from __future__ import annotations

from collections.abc import Iterator

from spacy.tokens import Span, Token

from supplywatch.extract.drafts import Draft
from supplywatch.extract.reading import Reading, component_of
from supplywatch.extract.rules_supply import supply_draft

# Words that may stand between the companies and their verb: "X and Y both supply".
BETWEEN = {"both", "also", "jointly", "together", "now", "currently", "already", "still", "all"}
LIST_WORDS = {"and", ",", "&", "both", "as", "well"}
PLANNED = {"will", "would", "to", "shall"}
DENIED = {"not", "n't", "never"}
OBJECT_POS = {"DET", "ADJ", "NOUN", "PROPN", "NUM"}
# Where the parser hangs a verb it took for part of a noun phrase (tagged VERB or not)
MODIFIER_DEPS = {"compound", "amod", "nmod", "npadvmod"}


def misread_supply_drafts(r: Reading, sent: Span) -> Iterator[Draft]:
    for tok in sent:
        if tok.is_lower and (tok.pos_ != "VERB" or tok.dep_ in MODIFIER_DEPS):
            yield from _misread_verb(r, sent, tok)


def _misread_verb(r: Reading, sent: Span, tok: Token) -> Iterator[Draft]:
    """ "X and Y supply cells to Z" (X, Y supply Z), "Z sources cells from X and Y"."""
    lemma = tok.lemma_.lower()
    selling = lemma in r.lex["supply_verbs"]
    if r.cluster_at(tok) is not None or not (
            selling or lemma in r.lex["purchase_verbs"]):
        return
    before = _companies_before(r, sent, tok)
    if not before:
        return
    thing = _object_phrase(sent, tok)
    stop = thing[-1].i + 1 if thing is not None else tok.i + 1
    if thing is None:
        # "LFP cells, which Voltaris sources from X": the thing is the relative's antecedent
        thing = _relative_antecedent(r, sent, tok)
    if thing is None:
        return
    if stop >= sent.end:
        return
    prep = r.doc[stop].lower_
    if prep not in (("to", "for") if selling else ("from",)):
        return
    after = _companies_after(r, sent, stop + 1, before)
    if not after and selling and prep == "for":
        # "X supplies wing skins for the C-300": for a product, whose maker is the customer
        # (the document's `makes` tell it: see assemble)
        product = _product_after(r, sent, stop + 1)
        if product is not None:
            part = component_of(thing, thing[-1], r.ents, r.lex)
            for s in before:
                d = supply_draft(r, sent, tok, s, None, part.name if part else None, None, product)
                d.confidence = min(d.confidence, 0.7)
                yield d
        return
    if not after:
        return
    modals = {t.lower_ for t in r.doc[max(sent.start, tok.i - 3):tok.i]}
    if modals & DENIED:
        return
    status = "planned" if modals & PLANNED else "active"
    suppliers, customers = (before, after) if selling else (after, before)
    # the noun chunks of a misread sentence are wrong ("Y supply battery cells"): the part
    # is read from the phrase after the verb
    part = component_of(thing, thing[-1], r.ents, r.lex)
    for s in suppliers:
        for c in customers:
            if s != c and not r.is_regulator(s) and not r.is_regulator(c):
                d = supply_draft(r, sent, tok, s, c, part.name if part else None,
                                 part.quantity if part else None, status=status)
                d.confidence = min(d.confidence, 0.7)  # read by word order, not by the parse
                yield d


def _companies_before(r: Reading, sent: Span, tok: Token) -> list[int]:
    """The run of companies that ends right before the verb (adverbs like "both" between)."""
    i = tok.i - 1
    while i >= sent.start and r.doc[i].lower_ in BETWEEN and r.cluster_at(r.doc[i]) is None:
        i -= 1
    found: list[int] = []
    while i >= sent.start:
        t = r.doc[i]
        cid = r.cluster_at(t)
        if cid is not None:
            if r.type_of(cid) != "company":
                return []
            if cid not in found:
                found.append(cid)
        elif t.lower_ not in LIST_WORDS:
            break
        elif not found:
            return []
        i -= 1
    return found[::-1]


def _relative_antecedent(r: Reading, sent: Span, tok: Token) -> Span | None:
    """The noun phrase before "which" / "that" when the companies and the verb follow it:
    "the cells, which Velmora sources from X" (the verb takes no object of its own)."""
    i = tok.i - 1
    while i >= sent.start and (r.cluster_at(r.doc[i]) is not None or r.doc[i].lower_ in BETWEEN
                               or r.doc[i].lower_ in LIST_WORDS - {","}):
        i -= 1
    if i < sent.start or r.doc[i].lower_ not in ("which", "that"):
        return None
    end = i - 1 if i - 1 >= sent.start and r.doc[i - 1].text == "," else i
    start = end
    while start - 1 >= sent.start and r.doc[start - 1].pos_ in OBJECT_POS - {"PROPN"}:
        start -= 1
    phrase = r.doc[start:end]
    if not len(phrase) or phrase[-1].pos_ != "NOUN" or phrase[-1].tag_ != "NNS":
        return None
    return phrase


def _object_phrase(sent: Span, tok: Token) -> Span | None:
    """The noun phrase right after the verb, if it can be a thing supplied."""
    end = tok.i + 1
    doc = sent.doc
    while end < sent.end and (doc[end].pos_ in OBJECT_POS or doc[end].text == "-" or (
            doc[end].lower_ == "and" and end + 1 < sent.end and doc[end + 1].is_lower
            and doc[end + 1].pos_ in OBJECT_POS)):  # "infotainment and telematics systems"
        end += 1
    phrase = sent.doc[tok.i + 1:end]
    nouns = [t for t in phrase if t.pos_ in ("NOUN", "PROPN")]
    if not nouns:
        return None
    if nouns[-1].tag_ not in ("NNS", "NNPS") and phrase[0].pos_ not in ("DET", "NUM"):
        return None  # "Y supply chain for Z", "the X supply deal for Z": a compound
    return phrase


def _companies_after(r: Reading, sent: Span, start: int, subjects: list[int]) -> list[int]:
    """Companies named right after the preposition ("to Z", "from both X and Y", "to the
    automaker")."""
    found: list[int] = []
    i = start
    while i < sent.end:
        t = r.doc[i]
        cid = r.cluster_at(t)
        if cid is not None:
            if r.company_at(t) is not None and cid not in found:
                found.append(cid)
        elif t.lower_ in LIST_WORDS or (t.pos_ == "DET" and not found) or (
                not found and t.dep_ == "compound" and t.is_lower):
            pass  # ("to vehicle makers": the noun the compound modifies says who)
        elif not found and t.pos_ == "NOUN" and t.tag_ == "NNS" and (
                t.lemma_.lower() in r.lex["company_nouns"] | r.lex["customer_nouns"]):
            # "to vehicle makers in Korea, including X and Y": the makers named as examples
            return _examples_after(r, sent, i)
        elif not found and t.pos_ == "NOUN":
            # "to the automaker"; a reference that lands on one of the subjects is misread
            referents = r.corefer(t)
            return [] if set(referents) & set(subjects) else referents
        else:
            break
        i += 1
    return found


def _examples_after(r: Reading, sent: Span, start: int) -> list[int]:
    """The companies a sentence lists after "including" or "such as", from `start` on."""
    for i in range(start, sent.end - 1):
        low = r.doc[i].lower_
        if low == "including" or (low == "such" and r.doc[i + 1].lower_ == "as"):
            return list(dict.fromkeys(c for t in r.doc[i + 1:sent.end]
                                      if (c := r.company_at(t)) is not None))
    return []


def _product_after(r: Reading, sent: Span, start: int) -> int | None:
    """The product named right after a preposition ("for the C-300")."""
    for t in r.doc[start:min(sent.end, start + 3)]:
        cid = r.cluster_at(t)
        if cid is not None:
            return cid if r.type_of(cid) == "product" else None
        if t.pos_ not in ("DET", "ADJ"):
            return None
    return None
