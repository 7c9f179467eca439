"""Supply stated through orders, contracts, reliance and origin: "X won an order from Y
for cells", "Y placed an order with X", "Y awarded X a contract for modules", "Y relies on
(turned to) X for battery cells", "Y's battery cells come from X": X supplies Y. The
lexicon's `win_verbs`, `order_verbs`, `deal_nouns` and `reliance_verbs` are the triggers."""

from __future__ import annotations

from collections.abc import Iterator

from spacy.tokens import Span, Token

from supplywatch.extract.drafts import Draft, children, negated, prep_objects
from supplywatch.extract.reading import Reading
from supplywatch.extract.rules_supply import possessor_companies, supply_draft

# "X's sales come from Y", "40 percent of its revenue comes from Y": Y buys from X
SALES_NOUNS = {"sale", "sales", "revenue", "revenues", "income", "turnover", "business", "order",
               "orders"}


def order_drafts(r: Reading, sent: Span) -> Iterator[Draft]:
    lex = r.lex
    for tok in sent:
        if tok.pos_ != "VERB" or negated(tok, lex):
            continue
        lemma = tok.lemma_.lower()
        if lemma in lex["win_verbs"] or lemma in lex["order_verbs"]:
            yield from _order(r, sent, tok, won=lemma in lex["win_verbs"])
        elif lemma in lex["reliance_verbs"]:
            yield from _reliance(r, sent, tok)
        elif lemma == "come":
            yield from _comes_from(r, sent, tok)


def _order(r: Reading, sent: Span, tok: Token, won: bool) -> Iterator[Draft]:
    """ "X won / received / secured an order from Y (for Z)": X supplies Y.
    "Y placed an order with X", "Y awarded X a contract (for Z)": X supplies Y."""
    deals = [o for o in children(tok, "dobj") if o.lemma_.lower() in r.lex["deal_nouns"]]
    if not deals:
        return
    deal = deals[0]
    subjects = r.subject_companies(tok)
    if won:  # the subject sells; the one the order comes from buys
        suppliers = subjects
        customers = [c for o in prep_objects(deal, "from") + prep_objects(tok, "from")
                     for c in r.entities(o)]
    elif tok.lemma_.lower() == "place":  # "Y placed an order with X"
        customers = subjects
        suppliers = [c for o in prep_objects(deal, "with") + prep_objects(tok, "with")
                     for c in r.entities(o)]
    else:  # "Y awarded / gave X a contract", "Y awarded a contract to X"
        customers = subjects
        suppliers = [c for o in children(tok, "dative") + prep_objects(tok, "to")
                     for c in r.entities(o)]
    named = prep_objects(deal, "from", "with") + prep_objects(tok, "from", "with")
    targets = prep_objects(deal, "for") + prep_objects(tok, "for") + [
        t for o in named for t in prep_objects(o, "for")]  # "an order with X for cells"
    part = next((p for t in targets if (p := r.component_in(t)) is not None), None)
    for s in dict.fromkeys(suppliers):
        for c in dict.fromkeys(customers):
            if s != c and not r.is_regulator(s) and not r.is_regulator(c):
                yield supply_draft(r, sent, tok, s, c, part.name if part else None,
                                   part.quantity if part else None)


def _reliance(r: Reading, sent: Span, tok: Token) -> Iterator[Draft]:
    """ "Y relies on X for battery cells", "Y turned to X for its chips": X supplies Y.
    Only when what Y relies on X for is a part ("relies on X for growth" is not supply)."""
    suppliers = [c for o in prep_objects(tok, "on", "upon", "to") for c in r.entities(o)]
    if not suppliers:
        return
    targets = prep_objects(tok, "for") + [t for o in prep_objects(tok, "on", "upon", "to")
                                          for t in prep_objects(o, "for")]
    part = next((p for t in targets if (p := r.component_in(t)) is not None), None)
    if part is None:
        return
    for c in dict.fromkeys(r.subject_companies(tok)):
        for s in dict.fromkeys(suppliers):
            if s != c and not r.is_regulator(s):
                yield supply_draft(r, sent, tok, s, c, part.name, part.quantity)


def _comes_from(r: Reading, sent: Span, tok: Token) -> Iterator[Draft]:
    """ "Y's battery cells come from X", "the batteries in Y's scooters come from X"."""
    suppliers = [c for o in prep_objects(tok, "from") for c in r.entities(o)]
    for subject in children(tok, "nsubj"):
        if subject.lemma_.lower() in SALES_NOUNS or any(
                t.lemma_.lower() in SALES_NOUNS for t in prep_objects(subject, "of")):
            yield from _sales_from(r, sent, tok, subject, suppliers)
            continue
        part = r.component_in(subject)
        if part is None or not suppliers:
            continue
        users = [c for t in subject.subtree if (c := r.cluster_at(t)) is not None
                 and r.type_of(c) == "company"]
        for c in dict.fromkeys(users):
            for s in dict.fromkeys(suppliers):
                if s != c and not r.is_regulator(s):
                    yield supply_draft(r, sent, tok, s, c, part.name, part.quantity)


def _sales_from(r: Reading, sent: Span, tok: Token, subject: Token,
                buyers: list[int]) -> Iterator[Draft]:
    holders = [subject, *prep_objects(subject, "of")]
    sellers = [c for h in holders for c in possessor_companies(r, h)]
    for seller in dict.fromkeys(sellers):
        for buyer in dict.fromkeys(buyers):
            if seller != buyer and not r.is_regulator(seller) and not r.is_regulator(buyer):
                yield supply_draft(r, sent, tok, seller, buyer, None, None)
