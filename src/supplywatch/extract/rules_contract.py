"""Contract manufacturing: a company that assembles or builds another company's products
supplies that company.

- "X assembles smartphones for Y", "X already builds feature phones ... for Y": X supplies Y.
- "X will assemble and test the LW-200": X supplies whoever the LW-200 is the product of
  (its brand, or the company the document says makes it; resolved in `assemble`).
- "its manufacturing partner, X", "Y's contract manufacturer X", "its current
  manufacturer, X": read like "its supplier, X" (`rules_supply.supplier_noun`).

Parts made for a customer ("X makes the cells for Y's Aero") are `rules_supply`'s."""

from __future__ import annotations

from collections.abc import Iterator

from spacy.tokens import Span, Token

from supplywatch.extract.drafts import Draft, children, negated
from supplywatch.extract.reading import Reading
from supplywatch.extract.rules_supply import (
    deal_of,
    destinations,
    made_by_another,
    possessor_companies,
    supplier_noun,
    supply_draft,
)

# Who makes another company's products for it.
# ("assembler" is a supplier noun of rules_supply already.)
CONTRACT_MAKER_NOUNS = {"manufacturer", "maker", "partner", "builder"}
CONTRACT_MODIFIERS = {"contract", "manufacturing", "assembly", "production", "outsourcing"}
# Verbs that say a product is put together, not whose it is ("X will assemble the Halo 2";
# "X makes the Tern T40" names X's own product).
ASSEMBLY_VERBS = {"assemble"}
# The verb groups rules_supply reads before its making verbs.
SUPPLY_RULE_VERBS = ("supply_verbs", "purchase_verbs", "obtain_verbs", "use_verbs")


def contract_drafts(r: Reading, sent: Span) -> Iterator[Draft]:
    lex = r.lex
    for tok in sent:
        if tok.pos_ != "VERB":
            if contract_maker_noun(tok):
                yield from supplier_noun(r, sent, tok)
            continue
        lemma = tok.lemma_.lower()
        # (verbs the supply rules read first, supply, buy and use, are theirs)
        if lemma in lex["component_make_verbs"] and not any(
                lemma in lex[group] for group in SUPPLY_RULE_VERBS):
            yield from _made_for_someone(r, sent, tok)


def contract_maker_noun(tok: Token) -> bool:
    if tok.pos_ not in ("NOUN", "PROPN") or tok.lemma_.lower() not in CONTRACT_MAKER_NOUNS:
        return False
    modifiers = [c for c in tok.lefts if c.dep_ in ("compound", "amod", "nmod")]
    if any(m.lower_ in CONTRACT_MODIFIERS for m in modifiers):
        return True
    # "the maker of the Halo, X" names what X makes; "its manufacturer, X" whom X makes for
    return tok.lemma_.lower() == "manufacturer" and any(c.dep_ == "poss" for c in tok.children)


# Verbs whose object is a contract and whose subject will carry it out ("X won a contract to
# build ..."); and those whose indirect object will ("Y awarded X a contract to build ...").
WINNING_VERBS = {"win", "secure", "land", "clinch", "sign", "get", "receive", "bag", "obtain"}
AWARDING_VERBS = {"award", "give", "grant", "hand"}


def _deal_parties(r: Reading, verb: Token) -> tuple[list[int], list[int]]:
    """Who makes what a contract is to make, and who awarded it: "X has won a contract
    (worth EUR410m) to build 60 carriages for Y" (X; Y is the destination), "Y awarded X a
    contract to build ..." (X, Y)."""
    deal = deal_of(verb, r.lex) or next(
        (a for a in list(verb.ancestors)[:2] if a.pos_ == "NOUN" and a.lemma_.lower() in r.lex["deal_nouns"]),
        None)
    if deal is None or deal.dep_ != "dobj":
        return [], []
    lemma = deal.head.lemma_.lower()
    if lemma in WINNING_VERBS:
        return r.subject_companies(deal.head), []
    if lemma in AWARDING_VERBS:
        holders = [c for o in children(deal.head, "dative", "dobj") if o.i != deal.i
                   for c in r.entities(o)]
        return holders, [c for c in r.subject_companies(deal.head) if c not in holders]
    return [], []


def _made_for_someone(r: Reading, sent: Span, tok: Token) -> Iterator[Draft]:
    if negated(tok, r.lex) or made_by_another(tok):
        return  # (what is made by whom: rules_supply._supplied_by)
    objs = children(tok, "dobj")
    if objs and r.component_in(objs[0]) is not None:
        return  # a part: rules_supply._made_for
    makers, awarders = r.subject_companies(tok), []
    if not makers:
        makers, awarders = _deal_parties(r, tok)
    if not makers:
        return
    if not objs:  # "X will assemble and test the Halo 2": the object of both verbs
        objs = [o for v in tok.conjuncts if v.pos_ == "VERB" for o in children(v, "dobj")]
    what = objs[0] if objs and objs[0].is_lower else None
    targets = destinations(r, tok)
    for target in targets:
        if r.entities(target, "product"):
            continue  # "X builds the cells for the Aero": a part, seen by the component rules
        for c in r.entities(target) or possessor_companies(r, target):
            for m in makers:
                if c != m:
                    yield supply_draft(r, sent, tok, m, c, what.text if what else None, None)
    if not targets:  # "Y awarded X a contract to build 60 carriages": Y buys them
        for c in awarders:
            for m in makers:
                yield supply_draft(r, sent, tok, m, c, what.text if what else None, None)
    if tok.lemma_.lower() not in ASSEMBLY_VERBS:
        return
    products = [p for o in objs for p in r.entities(o, "product", deep=True)]
    for m in makers:
        for p in products:
            yield supply_draft(r, sent, tok, m, None, None, None, p)
