"""Ownership stated as stakes and control: "Y owns a 60% stake in X", "Y's 20 percent
stake in X", "Y holds 35% of X", "Y took control of X", "Y sold X to Z" (Z owns X). The
lexicon's `stake_nouns`, `holding_verbs` and `divest_verbs` are the triggers."""

from __future__ import annotations

from collections.abc import Iterator

from spacy.tokens import Doc, Span, Token

from supplywatch.extract.drafts import Draft, called_off, children, confidence_for, negated, prep_objects
from supplywatch.extract.reading import VENTURE_NOUNS, Reading
from supplywatch.extract.rules_corporate import PERCENT

# "interest" and "holding" are stakes only with a size: "a controlling interest in X" (not
# "an interest in X"); "stake" is one by itself.
SIZE_WORDS = {"controlling", "majority", "minority", "significant", "strategic", "large",
              "small", "major", "minor", "equity"}
PLANNED_CONFIDENCE = 0.6  # an agreed purchase that has not closed yet
# Holding a share kept from before ("Y retains 31% of X", "Y keeps a 14% holding in X"):
# here, not among the lexicon's holding verbs, which also read "keeps X as a supplier"
KEEP_VERBS = {"keep", "retain"}


def stake_drafts(r: Reading, sent: Span) -> Iterator[Draft]:
    lex = r.lex
    yield from _split_shares(r, sent)
    for tok in sent:
        lemma = tok.lemma_.lower()
        if tok.pos_ == "NOUN" and lemma in lex["stake_nouns"]:
            yield from _stake(r, sent, tok)
        elif tok.pos_ == "VERB" and (lemma in lex["holding_verbs"] or lemma in KEEP_VERBS):
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
    verb = tok.head if tok.dep_ == "dobj" else None
    changed = verb is not None and verb.lemma_.lower() in CHANGE_VERBS and _changed_to(verb) is not None
    # "X increased its holding in Y to 40 percent from 25 percent"; not "cut ... to zero"
    if changed and (negated(verb, r.lex) or (share := _changed_to(verb)) == 0):
        return
    if tok.lemma_.lower() != "stake" and share is None and not any(
            t.lower_ in SIZE_WORDS for t in sized):
        return
    owners = [c for p in children(tok, "poss") for c in r.entities(p)]
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
        if verb.lemma_.lower() not in r.lex["holding_verbs"] | KEEP_VERBS and not changed:
            return  # "Y valued the stake in X": says nothing of who owns it
        if not owners:
            owners = r.subject_companies(verb)
    elif not owners:
        return
    yield from _all_owned(r, sent, owners, owned, share, verb)


# Verbs that change the size of a stake: the owner holds the new size ("raised its stake in
# X to 40%", "cut its holding in X to 10%")
CHANGE_VERBS = {"increase", "raise", "lift", "boost", "double", "expand", "cut", "reduce",
                "lower", "trim"}


def _changed_to(verb: Token) -> float | None:
    """The size a stake was changed to: the percentage after "to"."""
    for obj in prep_objects(verb, "to"):
        share = _percent_in(verb.doc[obj.left_edge.i:obj.right_edge.i + 1])
        if share is not None:
            return share
        if obj.lower_ in ("zero", "nothing", "nil"):
            return 0.0
    return None


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
        owned = [c for o in prep_objects(obj, "of", "in") for c in _whose_shares(r, o)]
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


# what a company's shares are called: "33.4% of its shares", "of Sakurada's stock"
SHARE_NOUNS = {"share", "stock", "equity", "capital"}


def _whose_shares(r: Reading, obj: Token) -> list[int]:
    """The company an object of "holds 35% of" names: "of X", or the owner of the shares in
    "of its shares", "of Sakurada's share capital"."""
    if obj.lemma_.lower() in SHARE_NOUNS and r.cluster_at(obj) is None:
        return [c for p in children(obj, "poss") for c in r.entities(p)]
    return r.entities(obj)


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
SHARE_VERBS = {"hold", "own"} | KEEP_VERBS
SHARE_WINDOW = 4  # tokens from a verb to its percentage ("holds the remaining 51%")


def _split_shares(r: Reading, sent: Span) -> Iterator[Draft]:
    """Shares of one company split between several holders, read by word order where the
    parser loses the second clause: "a joint venture in which A holds 40% and B holds the
    remaining 60%", "A holds 49% of X and B holds the remaining 51%", "X will be 51 per
    cent owned by A and 49 per cent by B", "A holds 60% of the venture and B the remaining
    40%", "A owns 51% of X; the remaining 49% is held by B"."""
    doc = r.doc
    holders: list[tuple[int, float | None, int]] = []  # (holder, share, token after the share)
    owned: list[int] = []
    rested = False  # a holder of "the remaining 60%": the shares are split
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
        if share is None and not _names_the_rest(after):
            continue
        end = next((t.i + 1 for t in after if t.text in ("%", "cent", "percent")
                    or t.lower_ in REST_NOUNS), after.end)
        if end < sent.end and doc[end].lemma_.lower() in r.lex["stake_nouns"]:
            end += 1  # "holds a 30% stake in X"
        if end < sent.end and doc[end].lower_ in ("of", "in") and end + 1 < sent.end:
            # (also where the holder is read by the parse: "Oriel ... holds a 40% stake in
            # X; its partner B owns the remaining 60%")
            child = _share_of(r, doc[end])
            if child is not None and not owned:
                owned = [child]
        holder = _name_before(r, sent, tok)
        if holder is not None:
            holders.append((holder, share, end))
            rested = rested or any(t.lower_ in REST_WORDS for t in after)  # "B owns the remaining 60%"
            if share is not None:
                holders += _holders_without_a_verb(r, sent, end)
    named = {h for h, _, _ in holders}
    rest = [h for h in _holders_of_the_rest(r, sent) if h[0] not in named]
    if not owned:
        # "the remaining 55% of X stays with B"
        owned = [c for _, _, end in rest if end < sent.end and doc[end].lower_ == "of"
                 and (c := _share_of(r, doc[end])) is not None][:1]
    if len(holders) + len(rest) < 2 and not ((rest or rested) and owned):
        return  # one holder: the parse-based rules read it
    if not owned:
        owned = _venture_named_before(r, sent, (holders or rest)[0][2]) \
            or _venture_named_in_the_sentence_before(r, sent, {h for h, _, _ in holders + rest})
    known = [share for _, share, _ in holders]
    for holder, share, _ in holders + rest:
        if share is None and known and None not in known and sum(known) < 1:
            share = round(1 - sum(known), 4)  # "A holds 51% of X and B the rest"
        for child in owned:
            if holder != child and not r.is_regulator(holder):
                yield _owns(r, sent, holder, child, share, None)


# "the remaining 40%", "the other 50%", "the rest", "the remainder", "the balance"
REST_WORDS = {"remaining", "other", "rest", "remainder", "balance"}
REST_NOUNS = {"rest", "remainder", "balance"}
# what the rest of the shares does: "is held by B", "belongs to B", "stays with B"
REST_VERBS = {"hold", "own", "belong", "stay", "remain", "rest", "lie", "sit"}
REST_GAP = {"is", "are", "will", "would", "be", "continue", "continues", "to", "still", "now"}


def _names_the_rest(tokens: Span) -> bool:
    """ "the rest", "the remainder": the shares left, with no figure."""
    return any(t.lower_ in REST_NOUNS and t.i > 0 and t.doc[t.i - 1].lower_ == "the" for t in tokens)


def _rest_end(doc: Doc, tok: Token, sent: Span) -> int | None:
    """The token after "the remaining 40%" / "the rest" that starts at `tok`, if it is a
    share of a company."""
    if tok.lower_ in REST_NOUNS:
        return tok.i + 1
    for t in doc[tok.i + 1:min(tok.i + 1 + SHARE_WINDOW, sent.end)]:
        if t.text in ("%", "cent", "percent"):
            return t.i + 1
    return None


def _holders_of_the_rest(r: Reading, sent: Span) -> list[tuple[int, float | None, int]]:
    """Who holds the rest of the shares: "... and B the remaining 40%" (the verb left out),
    "the remaining 40% is held by B", "with the remaining 20% held by B", "the rest belongs
    to B", "the remaining 55% of X stays with B"."""
    doc = r.doc
    found = []
    for tok in sent:
        if tok.lower_ not in REST_WORDS or tok.i - 1 < sent.start or doc[tok.i - 1].lower_ != "the":
            continue
        end = _rest_end(doc, tok, sent)
        if end is None:
            continue
        share = _percent_in(doc[tok.i:end])
        # "and B the remaining 40%"
        holder = r.company_at(doc[tok.i - 2]) if tok.i - 2 >= sent.start else None
        if holder is None or doc[tok.i - 2].dep_ == "poss":
            holder = _holder_after(r, sent, end)
        if holder is not None:
            found.append((holder, share, end))
    return found


def _holder_after(r: Reading, sent: Span, end: int) -> int | None:
    """The company a share is given to after it: "is held by B", "belongs to the Norwegian
    group B", "stays with B" (past "of X" first)."""
    doc = r.doc
    i = end
    if i < sent.end and doc[i].lower_ == "of":
        i = max(t.i for t in doc[i].subtree) + 1
    while i < sent.end and doc[i].lower_ in REST_GAP:
        i += 1
    if i + 1 >= sent.end or doc[i].lemma_.lower() not in REST_VERBS \
            or doc[i + 1].lower_ not in ("by", "to", "with"):
        return None
    for t in doc[i + 2:min(i + 8, sent.end)]:
        if t.is_punct:
            return None
        if (holder := r.company_at(t)) is not None:
            return holder
    return None


def _share_of(r: Reading, prep: Token) -> int | None:
    """The company whose shares "of" (or "in") names: "of X", "of the venture, X", or the
    venture the text named before ("Verhoek holds 60% of the venture")."""
    doc = r.doc
    first = prep.i + 2 if prep.i + 2 < len(doc) and doc[prep.i + 1].lower_ == "the" else prep.i + 1
    if first >= len(doc):
        return None
    if (child := r.company_at(doc[first])) is not None:  # (right after "of": "of X and B holds")
        return child
    if doc[first].lower_ in VENTURE_NOUNS or (doc[first].lower_ == "joint" and first + 1 < len(doc)
                                              and doc[first + 1].lower_ in VENTURE_NOUNS):
        noun = doc[first] if doc[first].lower_ in VENTURE_NOUNS else doc[first + 1]
        if noun.i + 2 < len(doc) and doc[noun.i + 1].text == "," \
                and (child := r.company_at(doc[noun.i + 2])) is not None:
            return child  # "of the venture, Sakuragi Recycled Fibre, and ..."
        return r.venture_before(noun)
    return None


def _name_before(r: Reading, sent: Span, verb: Token) -> int | None:
    """The company named right before the verb ("Tianlu holds", "Al Nawras also holds"),
    or the one a pronoun there stands for ("in which it holds 49%", "Port Ailsa Holdings,
    which holds the other 50%", "the producer also holds 49%")."""
    i = verb.i - 1
    while i >= sent.start and r.doc[i].lower_ in HOLDER_GAP:
        i -= 1
    if i < sent.start:
        return None
    tok = r.doc[i]
    if (cid := r.company_at(tok)) is not None:
        return cid
    if tok.dep_ in ("nsubj", "nsubjpass") and tok.head.i == verb.i and tok.pos_ in ("PRON", "NOUN"):
        found = r.entities(tok)
        return found[0] if len(found) == 1 else None
    return None


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


def _holders_without_a_verb(r: Reading, sent: Span, start: int) -> list[tuple[int, float, int]]:
    """ "A will own 51% and B 49%": a further holder right after "and" (or a comma), its
    share right after its name."""
    doc = r.doc
    found = []
    i = start
    if i + 1 < sent.end and doc[i].lower_ in ("of", "in") and (
            child := r.company_at(doc[i + 1])) is not None:
        i = next((e for s, e in r.ents.clusters[child].spans if s == i + 1), i + 2)  # "of X"
    while i + 1 < sent.end and doc[i].lower_ in ("and", ","):
        holder = r.company_at(doc[i + 1])
        if holder is None:
            break
        end = next((e for s, e in r.ents.clusters[holder].spans if s == i + 1), i + 2)
        after = doc[end:min(end + 3, sent.end)]
        share = _percent_in(after)
        if share is None or any(t.pos_ in ("VERB", "AUX") for t in after):
            break
        stop = next((t.i + 1 for t in after if t.text in ("%", "cent", "percent")), after.end)
        found.append((holder, share, stop))
        i = stop
    return found


def _venture_named_in_the_sentence_before(r: Reading, sent: Span, holders: set[int]) -> list[int]:
    """ "The joint venture, to be called X, will be based in Nagoya. A will own 51% and B
    49%.": the one company the sentence before names beside a word for a venture."""
    if sent.start == 0:
        return []
    doc = r.doc
    prev = doc[sent.start - 1].sent
    named: list[int] = []
    for venture in (t for t in prev if t.lower_ in VENTURE_NOUNS):
        # the name given it: "the joint venture, to be called X,", "a venture named X"
        window = doc[venture.i + 1:min(venture.i + 6, prev.end)]
        called = next((t for t in window if t.lower_ in ("called", "named", "dubbed")), None)
        if called is None or called.i + 1 >= prev.end:
            continue
        company = r.company_at(doc[called.i + 1])
        if company is not None and company not in holders and company not in named:
            named.append(company)
    return named if len(named) == 1 else []


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
    """The venture a split of shares is of: the company whose name ends right before "a
    joint venture in which" ("Nawras Rhenvald Co., a joint venture in which A holds 40%
    ...", "Fjordcell is a joint venture in which ...")."""
    doc = r.doc
    for i in range(min(before, sent.end) - 1, sent.start, -1):
        if doc[i].lower_ in VENTURE_NOUNS and any(t.lower_ == "which" for t in doc[i + 1:i + 3]):
            j = i - 1
            while j > sent.start and doc[j].is_lower and doc[j].pos_ in ("ADJ", "DET", "NOUN", "ADV"):
                j -= 1  # "a joint", "a 50-50", "a new"
            while j > sent.start and (doc[j].text == "," or doc[j].lemma_ == "be"):
                j -= 1  # "X, a joint venture", "X is a joint venture", "X, is a ..."
            company = r.company_at(doc[j]) if j >= sent.start else None
            # (its whole name: not "Haldane" of "Haldane Atlas Machining, a joint venture")
            if company is not None and any(e == j + 1 for _, e in r.ents.clusters[company].spans):
                return [company]
            return []
    return []
