"""Ownership stated as stakes and control: "Y owns a 60% stake in X", "Y's 20 percent
stake in X", "Y holds 35% of X", "Y took control of X", "Y sold X to Z" (Z owns X). The
lexicon's `stake_nouns`, `holding_verbs` and `divest_verbs` are the triggers."""

from __future__ import annotations

from collections.abc import Iterator

from spacy.tokens import Span, Token

from supplywatch.extract.drafts import Draft, called_off, children, confidence_for, negated, prep_objects
from supplywatch.extract.reading import Reading
from supplywatch.extract.rules_corporate import PERCENT

# "interest" and "holding" are stakes only with a size: "a controlling interest in X" (not
# "an interest in X"); "stake" is one by itself.
SIZE_WORDS = {"controlling", "majority", "minority", "significant", "strategic", "large",
              "small", "major", "minor", "equity"}
PLANNED_CONFIDENCE = 0.6  # an agreed purchase that has not closed yet


def stake_drafts(r: Reading, sent: Span) -> Iterator[Draft]:
    lex = r.lex
    for tok in sent:
        lemma = tok.lemma_.lower()
        if tok.pos_ == "NOUN" and lemma in lex["stake_nouns"]:
            yield from _stake(r, sent, tok)
        elif tok.pos_ == "VERB" and lemma in lex["holding_verbs"]:
            yield from _holds_share_or_control(r, sent, tok)
        elif tok.pos_ == "VERB" and lemma in lex["divest_verbs"]:
            yield from _sold_to(r, sent, tok)


def _percent_in(tokens: Span) -> float | None:
    m = PERCENT.search(tokens.text)
    return round(float(m.group(1)) / 100, 4) if m else None


def _owns(r: Reading, sent: Span, owner: int, owned: int, share: float | None,
          verb: Token | None) -> Draft:
    confidence = confidence_for(sent, r.lex)
    if verb is not None and any(t.lemma_.lower() in r.lex["planned_words"] | r.lex["pending_deal_words"]
                                for t in [verb, *verb.ancestors][:3]):
        confidence = min(confidence, PLANNED_CONFIDENCE)
    return Draft("owns", {"parent": [owner], "child": [owned]}, sent, confidence,
                 extra={"share": share})


def _all_owned(r: Reading, sent: Span, owners: list[int], owned: list[int],
               share: float | None, verb: Token | None) -> Iterator[Draft]:
    for owner in dict.fromkeys(owners):
        for child in dict.fromkeys(owned):
            if owner != child and not r.is_regulator(owner):
                yield _owns(r, sent, owner, child, share, verb)


def _stake(r: Reading, sent: Span, tok: Token) -> Iterator[Draft]:
    """ "Y owns / holds / bought a 60% stake in X", "Y's 20 percent stake in X"."""
    owned = [c for o in prep_objects(tok, "in") for c in r.entities(o)]
    if not owned and tok.dep_ == "dobj":
        # "X, in which Y holds a 22% stake": the parser hangs "in which" on the verb
        owned = [c for o in prep_objects(tok.head, "in") if o.lower_ in ("which", "whom")
                 for c in r.entities(o)]
    if not owned:
        owned = _in_which_before(r, sent, tok)
    if not owned:
        return
    sized = tok.doc[tok.left_edge.i:tok.i]
    share = _percent_in(sized)
    if tok.lemma_.lower() != "stake" and share is None and not any(
            t.lower_ in SIZE_WORDS for t in sized):
        return
    owners = [c for p in children(tok, "poss") for c in r.entities(p)]
    verb = tok.head if tok.dep_ == "dobj" else None
    deal = tok.head.head if tok.dep_ == "pobj" and tok.head.lower_ == "of" else None
    if not owners and deal is not None and deal.lemma_.lower() in r.lex["acquisition_nouns"]:
        # "Y completed its purchase of an 85 percent stake in X": the buyer's stake
        if negated(deal, r.lex) or called_off(deal):
            return
        owners = [c for p in children(deal, "poss") for c in r.entities(p)]
        if not owners and deal.dep_ in ("dobj", "nsubj", "nsubjpass"):
            owners = r.subject_companies(deal.head)
        verb = deal.head if deal.dep_ == "dobj" else None
        if verb is not None and verb.lemma_.lower() not in r.lex["holding_verbs"]:
            verb = None  # "completed", "closed": the verb only dates the purchase
    if verb is not None:
        if negated(verb, r.lex) or verb.lemma_.lower() in r.lex["divest_verbs"]:
            return  # "Y sold its stake in X": no longer an owner
        if verb.lemma_.lower() not in r.lex["holding_verbs"]:
            return  # "Y valued the stake in X": says nothing of who owns it
        if not owners:
            owners = r.subject_companies(verb)
    elif not owners:
        return
    yield from _all_owned(r, sent, owners, owned, share, verb)


def _in_which_before(r: Reading, sent: Span, tok: Token) -> list[int]:
    """ "X, in which Y holds a 19.9 percent stake, ...", read by word order where the parser
    lost the relative clause: the company right before ", in which"."""
    doc = r.doc
    for i in range(tok.i - 3, sent.start + 1, -1):
        if doc[i].lower_ == "in" and doc[i + 1].lower_ == "which" and doc[i - 1].text == ",":
            # the company right before, or before a place it is in ("X, headquartered in
            # Pune, in which ...")
            for j in range(i - 2, max(sent.start, i - 8) - 1, -1):
                if (company := r.company_at(doc[j])) is not None:
                    return [company]
                if doc[j].text == "," and j < i - 2 and not any(
                        r.cluster_at(t) is not None for t in doc[j + 1:i - 1]):
                    break  # a clause of other words, not a place
            return []
    return []


def _holds_share_or_control(r: Reading, sent: Span, tok: Token) -> Iterator[Draft]:
    """ "Y holds 35% of X", "Y took / gained control (full ownership) of X"."""
    if negated(tok, r.lex):
        return
    for obj in children(tok, "dobj"):
        if obj.lemma_.lower() in r.lex["stake_nouns"]:
            continue  # "bought a 60% stake in X": read by _stake
        share = _percent_in(tok.doc[obj.left_edge.i:obj.i + 1])
        if share is None and obj.lemma_.lower() not in ("control", "ownership"):
            continue  # "took control of X", "took full ownership of X"
        owned = [c for o in prep_objects(obj, "of", "in") for c in r.entities(o)]
        if not owned and share is not None:
            # "X, in which A holds 51% and B holds 49%": the clause hangs on X (through
            # the first verb, for the second), or by word order
            verb = tok.head if tok.dep_ == "conj" else tok
            owned = [c for o in prep_objects(verb, "in") if o.lower_ in ("which", "whom")
                     for c in r.entities(o)] or _in_which_before(r, sent, tok) \
                or _owned_in_the_clause_before(r, tok)
        owners = r.subject_companies(tok)
        yield from _all_owned(r, sent, owners, owned, share, tok)


def _owned_in_the_clause_before(r: Reading, tok: Token) -> list[int]:
    """ "A owns 60% of X, with B owning the remaining 40%", "A holds 51% of X and B holds
    49%": the company whose shares the clause before counts."""
    if tok.dep_ == "pcomp" and tok.head.lower_ == "with":
        before = tok.head.head
    elif tok.dep_ == "conj":
        before = tok.head
    else:
        return []
    if before.pos_ != "VERB" or before.lemma_.lower() not in r.lex["holding_verbs"]:
        return []
    return [c for obj in children(before, "dobj") for o in prep_objects(obj, "of", "in")
            for c in r.entities(o)]


def _sold_to(r: Reading, sent: Span, tok: Token) -> Iterator[Draft]:
    """ "Y sold X to Z", "Y agreed to sell X to Z": a company sold as a whole is Z's."""
    if negated(tok, r.lex):
        return
    sold = [c for o in children(tok, "dobj") if r.cluster_at(o) is not None
            for c in r.entities(o)]
    buyers = [c for o in prep_objects(tok, "to") for c in r.entities(o)]
    for buyer in dict.fromkeys(buyers):
        for child in dict.fromkeys(sold):
            if buyer != child:
                yield _owns(r, sent, buyer, child, None, tok)
