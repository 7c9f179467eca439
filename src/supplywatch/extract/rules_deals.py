"""Supply agreements that do not say who sells: "X has a supply deal with Y", "Y signed a
battery supply agreement with X", "X and Y have been in a supply partnership". The
sentence names the two sides; the document tells which one sells. A side is the supplier
when the document elsewhere states it supplies (and the other does not), or calls it a
maker or supplier of parts ("battery maker X") while the other is a maker of end
products ("automaker Y"). With no such evidence the agreement gives no fact: a guessed
direction would be a wrong edge in the graph.

Triggers: a noun of `deal_nouns` or `partnership_nouns` that "supply" modifies."""

from __future__ import annotations

from collections.abc import Iterator

from spacy.tokens import Span, Token

from supplywatch.extract.drafts import Draft, children, confidence_for, negated, prep_objects, status_of
from supplywatch.extract.reading import Reading

DEAL = "supply_deal"  # a draft that only the document-level step below turns into supply


def deal_drafts(r: Reading, sent: Span) -> Iterator[Draft]:
    lex = r.lex
    for tok in sent:
        lemma = tok.lemma_.lower()
        if tok.pos_ not in ("NOUN", "PROPN") or not (lemma in lex["deal_nouns"]
                                                     or lemma in lex["partnership_nouns"]):
            continue
        if any(c.dep_ in ("compound", "amod") and c.lemma_.lower() == "supply" for c in tok.children):
            yield from _deal(r, sent, tok)


def _governing_verb(noun: Token) -> Token | None:
    """The verb a deal noun is the object of: "signed a deal", "have been in a partnership",
    "entered into an agreement"."""
    if noun.dep_ in ("dobj", "attr", "nsubj", "nsubjpass"):
        return noun.head
    if noun.dep_ == "pobj" and noun.head.dep_ == "prep":
        return noun.head.head
    return None


def _deal(r: Reading, sent: Span, noun: Token) -> Iterator[Draft]:
    verb = _governing_verb(noun)
    if negated(noun, r.lex) or (verb is not None and negated(verb, r.lex)):
        return
    parties = [c for p in children(noun, "poss") for c in r.entities(p)]
    parties += [c for o in prep_objects(noun, "with", "between") for c in r.entities(o)]
    if verb is not None:
        parties += r.subject_companies(verb) + [
            c for o in prep_objects(verb, "with") for c in r.entities(o)]
    parties = [c for c in dict.fromkeys(parties) if not r.is_regulator(c)]
    if len(parties) != 2:
        return  # one side, or a list whose pairs the sentence does not make clear
    part = next((p for m in noun.lefts if (p := r.component_in(m)) is not None), None)
    yield Draft(DEAL, {"parties": parties}, sent, confidence_for(sent, r.lex), extra={
        "component": part.name if part else None, "quantity": None,
        "status": _status(verb if verb is not None else noun, r),
    })


def _status(verb: Token, r: Reading) -> str:
    """Signing a deal starts a supply (planned); having one, or being in one, is supply now."""
    status = status_of(verb, r.lex)
    if status == "planned" and verb.lemma_.lower() in ("have", "be") and not any(
            t.lemma_.lower() in r.lex["planned_status_words"] - r.lex["deal_nouns"]
            for t in [verb, *children(verb, "aux", "advmod")]):
        return "active"
    return status


def direct_deals(r: Reading, drafts: list[Draft]) -> list[Draft]:
    """Each undirected agreement as a supply draft where the document shows who sells;
    the rest are dropped. `drafts` are the document's other drafts."""
    sells: dict[int, int] = {}
    for d in drafts:
        if d.type == "supplies":
            for c in d.roles.get("supplier", []):
                sells[c] = sells.get(c, 0) + 1
            for c in d.roles.get("customer", []):
                sells[c] = sells.get(c, 0) - 1
    out: list[Draft] = []
    for d in drafts:
        if d.type != DEAL:
            continue
        a, b = d.roles["parties"]
        lean = _seller_lean(r, a, sells) - _seller_lean(r, b, sells)
        if lean == 0:
            continue
        supplier, customer = (a, b) if lean > 0 else (b, a)
        out.append(Draft("supplies", {"supplier": [supplier], "customer": [customer]},
                         d.sent, d.confidence, extra=dict(d.extra)))
    return out


def _seller_lean(r: Reading, cid: int, sells: dict[int, int]) -> int:
    """Above 0: the document reads this company as a seller of parts; below 0: a buyer."""
    stated = sells.get(cid, 0)
    lean = (stated > 0) - (stated < 0)
    words = r.ents.clusters[cid].descriptors
    if words & r.lex["end_product_nouns"]:
        lean -= 1
    elif words & (r.lex["supplier_nouns"] | r.lex["component_heads"]):
        lean += 1
    return lean
