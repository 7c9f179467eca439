"""What a company makes or sells when the text names a kind of product rather than a
model: "X offers a wide range of valves", "X, a manufacturer of bone glue", "battery
maker X". The kind becomes a product (or component) entity of the document.

The `makes` drafts these rules make are not facts by themselves: on the labelled news
set a generic "X makes batteries" is optional at best and mostly counted as a false
positive. They are a feature of the learned company -> product classifier
(`extract/pairs.py`), which decides which pairs become facts; without a classifier
they are emitted only if `EMIT_GENERIC_MAKES` is on. The entities stay either way, so
product kinds are still recognised."""

from __future__ import annotations

from collections.abc import Iterator

from spacy.tokens import Span, Token

from supplywatch.extract.drafts import (
    Draft,
    children,
    confidence_for,
    negated,
    prep_objects,
)
from supplywatch.extract.reading import Reading

GENERIC_CONFIDENCE = 0.7  # a kind of product, not a model: useful, but less specific
EMIT_GENERIC_MAKES = False


def offering_drafts(r: Reading, sent: Span) -> list[Draft]:
    """Generic `makes` drafts; they create the kind entities as they go. The component
    `sw_relations` passes them to the learned pair classifier (a feature), or emits them
    as they are when no classifier is loaded and EMIT_GENERIC_MAKES is on."""
    return list(_offering_drafts(r, sent))


def _offering_drafts(r: Reading, sent: Span) -> Iterator[Draft]:
    lex = r.lex
    for tok in sent:
        lemma = tok.lemma_.lower()
        if tok.pos_ == "VERB" and lemma in lex["offer_verbs"]:
            yield from _offer_verb(r, sent, tok)
        elif tok.pos_ == "NOUN" and tok.is_lower and lemma in lex["maker_nouns"]:
            yield from _maker_noun(r, sent, tok)


def _offer_verb(r: Reading, sent: Span, tok: Token) -> Iterator[Draft]:
    if negated(tok, r.lex) or tok.dep_ in ("acl", "relcl", "amod"):
        return
    makers = [c for c in r.subject_companies(tok)
              if not r.is_regulator(c)]
    if not makers:
        return
    for obj in children(tok, "dobj"):
        if r.cluster_at(obj) is not None:
            continue  # a named product or a company: other rules read those
        offered = [obj]
        if obj.lemma_.lower() in r.lex["customer_nouns"]:
            # "X provides customers with flow meters": the customers get the meters
            offered = prep_objects(tok, "with") + prep_objects(obj, "with")
        for pid in (k for o in offered for k in _kinds(r, o)):
            for m in makers:
                yield Draft("makes", {"company": [m], "product": [pid]}, sent,
                            min(confidence_for(sent, r.lex), GENERIC_CONFIDENCE))


def _maker_noun(r: Reading, sent: Span, tok: Token) -> Iterator[Draft]:
    """ "a leading manufacturer of gate valves", "battery maker Amperex"."""
    makers = r.appositive_of(tok)
    if not makers and tok.dep_ == "attr":
        makers = r.subject_companies(tok.head)
    if not makers and tok.dep_ == "compound" and r.cluster_at(tok.head) is not None:
        makers = r.entities(tok.head)
    if not makers:
        return
    kinds: list[int] = []
    for obj in prep_objects(tok, "of"):
        kinds += _kinds(r, obj)
    mods = [t for t in tok.lefts if t.dep_ == "compound" and t.is_lower and t.pos_ == "NOUN"]
    if mods and not kinds:
        start = mods[0].i
        while start > mods[0].left_edge.i and (before := r.doc[start - 1]).is_lower \
                and before.pos_ in ("NOUN", "ADJ") and before.dep_ in ("compound", "amod"):
            start -= 1  # "a battery pack maker": the battery pack, not the pack
        kinds += r.kind_entity(start, mods[-1].i + 1)
    for m in makers:
        for pid in kinds:
            yield Draft("makes", {"company": [m], "product": [pid]}, sent,
                        min(confidence_for(sent, r.lex), GENERIC_CONFIDENCE))


def _kinds(r: Reading, obj: Token) -> list[int]:
    """Kinds of product a noun phrase names, through "a range of" and lists."""
    if obj.lemma_.lower() in r.lex["quantity_nouns"]:
        return [k for o in prep_objects(obj, "of") for k in _kinds(r, o)]
    heads = [obj, *[c for c in obj.conjuncts if c.pos_ == "NOUN"]]
    verbs = r.lex["make_verbs"] | r.lex["supply_verbs"]
    out: list[int] = []
    for head in heads:
        words = {head.lower_, head.lemma_.lower()}
        if not head.is_lower or head.pos_ != "NOUN" or words & r.lex["vague_nouns"] \
                or words & r.lex["customer_nouns"]:
            continue  # "solutions", "headlines", "profit" name nothing; customers are no product
        start = head.i
        while start > 0 and r.doc[start - 1].dep_ in ("compound", "amod") \
                and r.doc[start - 1].head.i >= start and r.doc[start - 1].is_lower \
                and r.doc[start - 1].lemma_.lower() not in r.lex["vague_modifiers"] \
                and r.doc[start - 1].lemma_.lower() not in verbs:
            start -= 1  # (not "sells" of "designs and sells gate drivers", misread as a noun)
        out += r.kind_entity(start, head.i + 1)
    return out
