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
    yield from _split_shares(r, sent)
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
        # "A holds 49% of X and B holds the rest": the parser may join B to X
        holders = {h for t in sent if t.lemma_.lower() in SHARE_VERBS and t.i > tok.i
                   and (h := _name_before(r, sent, t)) is not None}
        yield from _all_owned(r, sent, owners, [c for c in owned if c not in holders], share, tok)


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


# words between a holder's name and its verb ("Rhenvald also holds", "B will own")
HOLDER_GAP = {"also", "still", "will", "would", "now", "currently", "already"}
SHARE_VERBS = {"hold", "own"}
VENTURE_NOUNS = {"venture", "jv"}
SHARE_WINDOW = 4  # tokens from a verb to its percentage ("holds the remaining 51%")


def _split_shares(r: Reading, sent: Span) -> Iterator[Draft]:
    """Shares of one company split between several holders, read by word order where the
    parser loses the second clause: "a joint venture in which A holds 40% and B holds the
    remaining 60%", "A holds 49% of X and B holds the remaining 51%", "X will be 51 per
    cent owned by A and 49 per cent by B"."""
    doc = r.doc
    holders: list[tuple[int, float, int]] = []  # (holder, share, token after the share)
    owned: list[int] = []
    for tok in sent:
        if tok.lemma_.lower() not in SHARE_VERBS or tok.pos_ not in ("VERB", "AUX"):
            continue
        if tok.tag_ == "VBN" and tok.i + 1 < sent.end and doc[tok.i + 1].lower_ == "by":
            # "X will be 51 per cent owned by A and 49 per cent by B"
            owned = owned or _passive_owned(r, tok)
            share = _percent_in(doc[max(sent.start, tok.i - SHARE_WINDOW):tok.i])
            holder = r.company_at(doc[tok.i + 2]) if tok.i + 2 < sent.end else None
            if holder is not None and share is not None:
                holders.append((holder, share, tok.i + 2))
                holders += _elided_holders(r, sent, tok.i + 3)
            continue
        after = doc[tok.i + 1:min(tok.i + 1 + SHARE_WINDOW, sent.end)]
        share = _percent_in(after)
        if share is None:
            continue
        holder = _name_before(r, sent, tok)
        if holder is None:
            continue
        end = next((t.i + 1 for t in after if t.text in ("%", "cent", "percent")), after.end)
        if end < sent.end and doc[end].lower_ in ("of", "in") and end + 1 < sent.end:
            first = end + 2 if doc[end + 1].lower_ == "the" and end + 2 < sent.end else end + 1
            child = r.company_at(doc[first])  # (right after "of": "of X and B holds")
            if child is not None and not owned:
                owned = [child]
        holders.append((holder, share, end))
    if len(holders) < 2:
        return  # one holder: the parse-based rules read it
    if not owned:
        owned = _venture_named_before(r, sent, holders[0][2])
    for holder, share, _ in holders:
        for child in owned:
            if holder != child and not r.is_regulator(holder):
                yield _owns(r, sent, holder, child, share, None)


def _name_before(r: Reading, sent: Span, verb: Token) -> int | None:
    """The company named right before the verb ("Tianlu holds", "Al Nawras also holds")."""
    i = verb.i - 1
    while i >= sent.start and r.doc[i].lower_ in HOLDER_GAP:
        i -= 1
    return r.company_at(r.doc[i]) if i >= sent.start else None


def _passive_owned(r: Reading, verb: Token) -> list[int]:
    """What "will be 51% owned by A" is said of: its subject, or the name set beside it
    ("The venture, Raghunath Oizumi Precision Pvt. Ltd., will be ...")."""
    subjects = children(verb, "nsubjpass") or [  # (or hung elsewhere by the parser)
        t for t in verb.sent if t.i < verb.i and t.dep_ == "nsubjpass"]
    for subj in subjects:
        if subj.lower_ in ("which", "that"):
            # "the JV, which is 51% owned by A": what the clause is said of
            subj = verb.head if verb.dep_ == "relcl" else subj.head
            if subj.pos_ not in ("NOUN", "PROPN"):
                continue
        found = r.entities(subj)
        if not found:
            found = [c for a in children(subj, "appos") for c in r.entities(a)]
        if found:
            return found
    return []


def _elided_holders(r: Reading, sent: Span, start: int) -> list[tuple[int, float, int]]:
    """ "... and 49 per cent by B": each further share with its holder after "by"."""
    doc = r.doc
    found = []
    for i in range(start, sent.end - 1):
        if doc[i].lower_ == "by" and (holder := r.company_at(doc[i + 1])) is not None:
            share = _percent_in(doc[max(start, i - SHARE_WINDOW):i])
            if share is not None:
                found.append((holder, share, i + 1))
    return found


def _venture_named_before(r: Reading, sent: Span, before: int) -> list[int]:
    """The venture a split of shares is of: the company named just before "a joint venture
    in which" ("Nawras Rhenvald Co., a joint venture in which A holds 40% ...")."""
    doc = r.doc
    for i in range(min(before, sent.end) - 1, sent.start, -1):
        if doc[i].lower_ in VENTURE_NOUNS and any(t.lower_ == "which" for t in doc[i + 1:i + 3]):
            for j in range(i - 1, max(sent.start, i - 6) - 1, -1):
                if (company := r.company_at(doc[j])) is not None:
                    return [company]
            return []
    return []
