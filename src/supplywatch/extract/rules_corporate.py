"""Ownership, partnerships and who makes which product."""

from __future__ import annotations

import re
from collections.abc import Iterator

from spacy.tokens import Span, Token

from supplywatch.extract.drafts import (
    Draft,
    called_off,
    children,
    clause_subject_tokens,
    confidence_for,
    listed_members,
    negated,
    no_longer,
    not_now,
    prep_objects,
)
from supplywatch.extract.mentions import after_a_possessive, spaced_model_at
from supplywatch.extract.reading import Reading
from supplywatch.extract.rules_contract import contract_maker_noun
from supplywatch.extract.rules_possessed import names_before, product_at

# verbs that list what their subject names: "its subsidiaries include X, Y and Z"
LISTING_VERBS = {"include", "comprise"}
PERCENT = re.compile(r"(\d+(?:\.\d+)?)\s*(?:%|per ?cent|percent)")


def corporate_drafts(r: Reading, sent: Span) -> Iterator[Draft]:
    lex = r.lex
    for tok in sent:
        low, lemma = tok.lower_, tok.lemma_.lower()
        if tok.pos_ in ("NOUN", "PROPN") and (low in lex["ownership_nouns"]
                                             or lemma in lex["ownership_nouns"]):
            yield from _subsidiary_noun(r, sent, tok)
        elif tok.pos_ == "NOUN" and lemma in lex["owner_nouns"]:
            yield from _owner_noun(r, sent, tok)
        elif tok.pos_ == "VERB" and lemma in lex["ownership_verbs"]:
            yield from _own_verb(r, sent, tok)
        elif HYPHEN_OWNED.match(tok.text):
            yield from _hyphen_owned(r, sent, tok)  # "X is 27%-owned by Y"
        if lemma in lex["joint_venture_nouns"] or low == "jv":
            yield from _joint_venture(r, sent, tok)
        if (tok.pos_ in ("NOUN", "PROPN") and lemma in lex["partnership_nouns"]) or (
            lemma in lex["partnership_verbs"] and any(
                c.lower_ == "with" for c in [*tok.children, *tok.rights][:4])
            and not _helping_an_inquiry(tok)
        ) or (low in ("partners", "partner") and tok.pos_ in ("NOUN", "PROPN", "VERB")):
            yield from _partnership(r, sent, tok)
        if tok.pos_ == "VERB" and lemma in lex["make_verbs"]:
            yield from _make_verb(r, sent, tok)
            if any(c.lower_ in lex["joint_words"] for c in tok.children):
                yield from _joint_work(r, sent, tok)  # "A and B will jointly develop ..."
            elif lemma in DEVELOP_VERBS:
                yield from _developed_with(r, sent, tok)  # "that A developed with B""
        if low == "joint" and tok.dep_ == "amod" and (
                tok.head.lemma_.lower() in JOINT_WORK_NOUNS or any(
                    c.dep_ == "compound" and c.lemma_.lower() in JOINT_WORK_NOUNS
                    for c in tok.head.children)):
            # "set up a joint centre with B", "a joint development agreement with B"
            yield from _joint_work(r, sent, tok.head)
        if low == "co" and tok.i + 2 < sent.end and r.doc[tok.i + 1].text == "-" \
                and r.doc[tok.i + 2].lemma_.lower() in lex["make_verbs"]:
            yield from _joint_work(r, sent, tok)  # "an agreement with B to co-develop ..."
        if tok.pos_ == "NOUN" and lemma == "company" and tok.dep_ in ("attr", "appos"):
            yield from _group_company(r, sent, tok)
        if low == "part" and tok.dep_ in ("attr", "oprd", "acomp", "dobj") \
                and tok.head.lemma_.lower() in PART_OF_VERBS:
            yield from _part_of(r, sent, tok)
        if lemma == "member" and tok.dep_ in ("attr", "oprd") and tok.head.lemma_.lower() in PART_OF_VERBS:
            yield from _member_of_group(r, sent, tok)
        if tok.pos_ == "NOUN" and lemma in lex["acquisition_nouns"]:
            yield from _acquisition(r, sent, tok)


def _share(r: Reading, tok: Token) -> float | None:
    before = PERCENT.search(r.doc[max(tok.i - 4, 0):tok.i].text)
    if before:  # "51 per cent owned by A and 49 per cent by B": A's is the one before the verb
        return round(float(before.group(1)) / 100, 4)
    for t in [*tok.subtree, *tok.head.subtree][:40]:
        m = PERCENT.match(r.doc[t.i:t.i + 3].text)
        if m:
            return round(float(m.group(1)) / 100, 4)
    return None


def _subsidiary_noun(r: Reading, sent: Span, tok: Token) -> Iterator[Draft]:
    """ "X, a subsidiary of Y and Z", "X is a unit of Y", "Y's SDI subsidiary", "its unit X"."""
    if tok.dep_ == "attr" and not_now(tok, r.lex):
        return  # "X is not (no longer) a subsidiary of Y"
    parents: list[int] = []
    for obj in prep_objects(tok, "of"):
        parents += r.entities(obj)
    for p in children(tok, "poss"):
        parents += r.entities(p)
    childs: list[int] = [c for t in tok.lefts if t.dep_ == "compound" for c in r.entities(t)]
    # "its wholly owned unit Sokai Fluid", "through its subsidiary X B.V.": the name follows
    childs += [c for t in children(tok, "appos") for c in r.entities(t)]
    appos = r.appositive_of(tok)
    if appos:
        childs += appos
    elif tok.dep_ == "attr":
        for s in clause_subject_tokens(tok.head):
            childs += r.entities(s)
    elif tok.dep_ == "compound" and r.cluster_at(tok.head) is not None:
        if not parents:  # "its subsidiary X B.V.": the possessive hangs on the name
            parents += [c for p in children(tok.head, "poss") for c in r.entities(p)]
        childs += r.entities(tok.head)
    elif tok.dep_ == "nsubj" and tok.head.lemma_.lower() in LISTING_VERBS:
        # "Quillon's subsidiaries include Quillon Robotics Europe B.V., ... and ..."
        childs += [c for o in children(tok.head, "dobj") for c in r.entities(o, deep=True)]
    if tok.tag_ in ("NNS", "NNPS") and (children(tok, "poss") or prep_objects(tok, "of")):
        # "Velthoven's subsidiaries, including X in Germany and Y in Poland", "the units of
        # Y, such as X": the members listed after the plural noun
        childs += [c for o in listed_members(tok) for c in r.entities(o, deep=True)]
    named_before = [c for t in tok.lefts if t.dep_ == "compound" for c in r.entities(t)]
    named_after = [c for c in childs if c not in named_before]
    if not parents and childs and not children(tok, "poss") and not prep_objects(tok, "of") \
            and r.cluster_at(tok) is None:  # (not "Engine Control Unit", "Swing Arm" in a name)
        # "X Formulations Pvt. Ltd., a wholly owned subsidiary that runs ...": the parent
        # left unsaid is the one company the child is named after
        # (unsaid: a namesake the sentence names is no parent left unsaid, "Aurek Energy,
        # the battery subsidiary Aurek Mobile set up")
        parents = [p for p in [_named_after(r, childs[0])] if p is not None and not any(
            sent.start <= start < sent.end for start, _ in r.ents.clusters[p].spans)]
    if not parents and named_before and named_after:
        # "Selvam Industries unit Tessaro wins ...": the name before the noun owns the one
        # after it
        parents, childs = named_before, named_after
    possessives = children(tok, "poss")
    if parents and childs and possessives and all(r.cluster_at(p) is None for p in possessives):
        # "Its UK subsidiary, Pebblewick Europe Ltd.", "the group's drive-systems subsidiary":
        # the parent the child is named after is the one meant, whatever the reference resolved to
        parents = [_named_after_parent(r, childs[0], parents)]
    conf = confidence_for(sent, r.lex)
    for parent in dict.fromkeys(parents):
        for child in dict.fromkeys(childs):
            if parent != child:
                yield Draft("owns", {"parent": [parent], "child": [child]}, sent, conf)


def _named_after(r: Reading, child: int) -> int | None:
    """The one other company whose name starts with the child's first word and is not
    the child's own short form."""
    words = {w.lower() for w in r.ents.clusters[child].name.split()}
    first = r.ents.clusters[child].name.split()[0].lower()
    named = [cid for cid, c in enumerate(r.ents.clusters) if cid != child and c.spans
             and c.type == "company" and c.name.split()[0].lower() == first
             and not {w.lower() for w in c.name.split()} <= words]
    return named[0] if len(named) == 1 else None


def _named_after_parent(r: Reading, child: int, resolved: list[int]) -> int:
    """The one other company whose name starts with the child's first word ("Pebblewick
    Toys" for "Pebblewick Europe Ltd."), else what the reference resolved to."""
    words = {w.lower() for w in r.ents.clusters[child].name.split()}
    if words & {w.lower() for w in r.ents.clusters[resolved[0]].name.split()}:
        return resolved[0]  # "Wärmewerk Ahlberg GmbH" for "Ahlberg Polska": named after it too
    # (not the child's own short form: "Velmora Power" of "Velmora Power Sdn. Bhd.")
    named = _named_after(r, child)
    return named if named is not None else resolved[0]


def _owner_noun(r: Reading, sent: Span, tok: Token) -> Iterator[Draft]:
    """ "PCNA, the owner of Leedsworld"; "Y, the parent of X"."""
    if tok.dep_ == "attr" and not_now(tok, r.lex):
        return  # "Y is no longer the owner of X"
    owned = [c for o in prep_objects(tok, "of") for c in r.entities(o)]
    owners = r.appositive_of(tok)
    if tok.dep_ == "attr":
        if not owned:  # "Y is X's largest shareholder"
            owned = [c for p in children(tok, "poss") for c in r.entities(p)]
        owners = r.subject_companies(tok.head)
    elif tok.dep_ == "compound" and not owned:
        # "X's parent (company) Y": the role words modify Y's name, X is their possessor
        phrase = [tok]
        while phrase[-1].dep_ == "compound" and r.cluster_at(phrase[-1].head) is None:
            phrase.append(phrase[-1].head)
        name = phrase[-1].head
        if r.cluster_at(name) is not None:
            owners = r.entities(name)
            owned = [c for t in phrase for p in children(t, "poss") for c in r.entities(p)]
    for p in owners:
        for c in owned:
            if p != c:
                yield Draft("owns", {"parent": [p], "child": [c]}, sent, confidence_for(sent, r.lex))


def _own_verb(r: Reading, sent: Span, tok: Token) -> Iterator[Draft]:
    """ "Y owns X", "Y acquired X", "X, 51% owned by Y"."""
    if not_now(tok, r.lex) or called_off(tok):
        return
    lemma = tok.lemma_.lower()
    # (an agent makes it passive, whatever the tagger made of the form: "X, owned 55% by Y")
    passive = any(c.dep_ in ("auxpass", "agent") for c in tok.children)
    elided: list[tuple[int, float | None]] = []  # "... 51% owned by A and 49% by B": B's 49%
    if passive:
        parents = [c for o in prep_objects(tok, "by") for c in r.entities(o)]
        if any(o.lemma_.lower() == "parent" for o in prep_objects(tok, "by")):
            # "X, which was spun out of Y, is still 40% owned by its former parent": Y
            parents = _spun_out_of(r, sent) or parents
        agents = [c for c in tok.children if c.dep_ == "agent"]
        if len(agents) > 1:  # "owned 55% by A and 45% by B", both hung on the verb
            elided = [(c, _percent_before(r, a)) for a in agents
                      for o in children(a, "pobj") for c in r.entities(o)]
            parents = []
        # ("49% by B" parsed as a conjunct of the verb, or of A)
        for conj in children(tok, "conj") + [c for o in prep_objects(tok, "by") for c in o.conjuncts]:
            if conj.pos_ in ("NOUN", "NUM") and r.cluster_at(conj) is None:
                share = _percent_at(r, conj)
                elided += [(c, share) for o in prep_objects(conj, "by") for c in r.entities(o)]
        # "X is 55% owned by Y and 45% owned by Z": the second verb shares the first's X
        first = tok
        while first.dep_ == "conj" and first.head.lemma_.lower() == lemma:
            first = first.head
        childs = r.subject_companies(first)
        if first.dep_ == "acomp":  # "X is majority-owned by Y"
            childs += r.subject_companies(first.head)
        if first.dep_ in ("acl", "appos", "relcl"):  # "X, (which is) 51% owned by Y"
            childs += r.entities(first.head)
        named = r.company_at(r.doc[tok.i - 2]) if tok.i > 1 and r.doc[tok.i - 1].text == "," else None
        if named is not None:
            # "a joint venture, Greenfield Cellworks LLC, owned 55% by Y": by word order,
            # which holds where the parser hung "owned" on another verb
            childs = [named]
    else:
        if lemma == "take" and not any(c.lower_ == "over" for c in tok.children):
            return
        parents = r.subject_companies(tok)
        # only a named company is bought as a whole ("acquired Volta", "which it acquired")
        childs = [c for o in children(tok, "dobj") for c in r.entities(o)
                  if r.cluster_at(o) is not None or o.lower_ in ("which", "that")
                  or _a_business_named(r, o)]
    share = _share(r, tok) if lemma == "own" else None
    for p, s in [(p, share) for p in parents] + elided:
        for c in childs:
            if p != c and not r.is_regulator(p):
                yield Draft("owns", {"parent": [p], "child": [c]}, sent,
                            confidence_for(sent, r.lex), extra={"share": s})


# what a company owns that is a business under a name: "owns the Paxton Outdoor chain"
OWNED_BUSINESS_NOUNS = {"chain", "business", "company", "firm", "group", "retailer", "label",
                        "maker", "manufacturer", "producer", "supplier", "subsidiary", "unit"}


def _a_business_named(r: Reading, noun: Token) -> bool:
    """ "the Paxton Outdoor chain", "the homeware chain Marlowe House": a business the noun
    phrase names (not "a 30% stake", "the plant", "the brand")."""
    return noun.pos_ == "NOUN" and noun.lemma_.lower() in OWNED_BUSINESS_NOUNS \
        and any(r.cluster_at(t) is not None for t in noun.subtree if t.i != noun.i)


def _helping_an_inquiry(verb: Token) -> bool:
    """ "It was cooperating with CBP", "said it is cooperating with Ruvo and regulators": the
    help a company gives an inquiry or a recall while it lasts, no alliance."""
    return verb.lemma_.lower() == "cooperate" and verb.tag_ == "VBG" \
        and any(c.dep_ == "aux" and c.lemma_ == "be" for c in verb.children)


SPIN_OFF_VERBS = {"spin", "carve", "split"}


def _spun_out_of(r: Reading, sent: Span) -> list[int]:
    """The company a sentence says another was spun out (off, carved out) of."""
    found: list[int] = []
    for verb in sent:
        if verb.pos_ != "VERB" or verb.lemma_.lower() not in SPIN_OFF_VERBS:
            continue
        for node in (verb, *[c for c in verb.children if c.lower_ in ("out", "off")]):
            found += [c for o in prep_objects(node, "of", "from") for c in r.entities(o)
                      if c not in found]
    return found


HYPHEN_OWNED = re.compile(r"^(\d+(?:\.\d+)?)%-owned$", re.IGNORECASE)


def _hyphen_owned(r: Reading, sent: Span, tok: Token) -> Iterator[Draft]:
    """A share written into one word with "owned": "X is 27%-owned by Y"."""
    if not_now(tok.head, r.lex):
        return
    parents = [c for o in prep_objects(tok, "by") for c in r.entities(o)]
    childs = r.subject_companies(tok.head) if tok.dep_ in ("acomp", "attr") else []
    share = round(float(HYPHEN_OWNED.match(tok.text).group(1)) / 100, 4)
    for p in parents:
        for c in childs:
            if p != c and not r.is_regulator(p):
                yield Draft("owns", {"parent": [p], "child": [c]}, sent,
                            confidence_for(sent, r.lex), extra={"share": share})


def _percent_before(r: Reading, agent: Token) -> float | None:
    """The percentage written right before a "by": "45% by B"."""
    m = PERCENT.search(r.doc[max(agent.i - 4, 0):agent.i].text)
    return round(float(m.group(1)) / 100, 4) if m else None


def _percent_at(r: Reading, tok: Token) -> float | None:
    """The percentage a "%" or "percent" token and the number before it state."""
    m = PERCENT.search(r.doc[max(tok.i - 2, 0):tok.i + 1].text)
    return round(float(m.group(1)) / 100, 4) if m else None


def _group_company(r: Reading, sent: Span, tok: Token) -> Iterator[Draft]:
    """ "X is a Berkshire Hathaway company", "X, a Siemens company, ...": the group named
    before "company" owns X (only a name and "a", not "a Fortune 500 company")."""
    if not any(c.dep_ == "det" and c.lower_ in ("a", "an") for c in tok.children):
        return
    mods = [c for c in tok.lefts if c.dep_ not in ("det", "punct")]
    if not mods or any(c.dep_ != "compound" for c in mods):
        return
    name = mods[-1]
    cid = r.cluster_at(name)
    if cid is None or r.type_of(cid) != "company" or r.is_regulator(cid) or any(
            ch.isdigit() for ch in r.ents.clusters[cid].name):
        return
    childs = r.entities(tok.head) if tok.dep_ == "appos" else r.subject_companies(tok.head)
    if negated(tok.head, r.lex):
        return
    for child in dict.fromkeys(childs):
        if child != cid:
            yield Draft("owns", {"parent": [cid], "child": [child]}, sent,
                        confidence_for(sent, r.lex))


PART_OF_VERBS = {"be", "become", "remain"}
# Last words of a group's name: "X is a member of the Hallwyl Group" (not of an association)
GROUP_WORDS = {"group", "holdings", "holding", "gruppe", "groupe", "grupo", "gruppo", "konzern"}
# ... not of a group of members: "the Bluetooth Special Interest Group", "a trade group"
ASSOCIATION_WORDS = {"interest", "working", "industry", "trade", "advocacy", "lobby", "user",
                     "users", "study", "standards", "consortium", "council", "association",
                     "alliance", "forum"}


def _member_of_group(r: Reading, sent: Span, tok: Token) -> Iterator[Draft]:
    """ "X is a member of the Hallwyl Group": the group owns X."""
    verb = tok.head
    if negated(verb, r.lex) or no_longer(tok):
        return
    groups = [c for o in prep_objects(tok, "of") for c in r.entities(o)
              if (words := [w.lower().strip(".,") for w in r.ents.clusters[c].name.split()])[-1]
              in GROUP_WORDS and not ASSOCIATION_WORDS & set(words)]
    for parent in dict.fromkeys(groups):
        for child in dict.fromkeys(r.subject_companies(verb)):
            if child != parent:
                yield Draft("owns", {"parent": [parent], "child": [child]}, sent,
                            confidence_for(sent, r.lex))


def _part_of(r: Reading, sent: Span, tok: Token) -> Iterator[Draft]:
    """ "X is now part of Y", "X became part of Y in 2019": Y owns X (a company named
    itself, not "part of the S&P 500")."""
    verb = tok.head
    if negated(verb, r.lex) or no_longer(tok) or any(c.dep_ == "det" for c in tok.children):
        return  # "a part of": a share in something, not membership of a group
    parents = list(dict.fromkeys(
        c for o in prep_objects(tok, "of") for c in r.entities(o)
        if not any(ch.isdigit() for ch in r.ents.clusters[c].name) and not r.is_regulator(c)))
    if len(parents) != 1:
        return  # part of several at once ("part of A's X, Y and Z programs") is no ownership
    parent = parents[0]
    for child in dict.fromkeys(r.subject_companies(verb)):
        if child != parent:
            d = Draft("owns", {"parent": [parent], "child": [child]}, sent, confidence_for(sent, r.lex))
            d.confidence = min(d.confidence, 0.7)  # "part of" is looser than "owned by"
            yield d


def _acquisition(r: Reading, sent: Span, tok: Token) -> Iterator[Draft]:
    """ "Y completed its acquisition of X", "Y's takeover of X" (a planned one is hedged)."""
    if negated(tok, r.lex) or called_off(tok):
        return
    # a company bought as a whole is named itself ("the purchase of X", not "of X's cells")
    bought = [c for o in prep_objects(tok, "of") if r.cluster_at(o) is not None
              or tok.lemma_.lower() != "purchase" for c in r.entities(o)]
    buyers = [c for p in children(tok, "poss") for c in r.entities(p)]
    if not buyers:
        verb = tok.head if tok.dep_ in ("dobj", "nsubj", "nsubjpass", "pobj") else None
        buyers = r.subject_companies(verb) if verb else []
    done = not any(t.lemma_.lower() in r.lex["planned_words"] | r.lex["pending_deal_words"]
                   for t in [tok, *tok.ancestors][:4])
    conf = confidence_for(sent, r.lex) if done else min(confidence_for(sent, r.lex), 0.6)
    for p in buyers:
        for c in bought:
            if p != c and not r.is_regulator(p):
                yield Draft("owns", {"parent": [p], "child": [c]}, sent, conf)


def _joint_venture(r: Reading, sent: Span, tok: Token) -> Iterator[Draft]:
    """ "A and B announced Z, a joint venture": both own Z, and they are partners."""
    if tok.lower_ == "venture" and not any(c.lower_ == "joint" for c in tok.children):
        return
    jv = r.appositive_of(tok)
    if jv:
        pass
    elif tok.dep_ == "attr":
        jv = r.subject_companies(tok.head)
    verb = tok
    while verb.pos_ not in ("VERB", "AUX") and verb.head.i != verb.i:
        verb = verb.head
    owners = [c for c in r.subject_companies(verb) if c not in jv]
    # "X is a joint venture between (of) A and B"
    owners += [c for o in prep_objects(tok, "between", "of") for c in r.entities(o)
               if c not in jv and c not in owners]
    # "Z, a joint venture (set up) with B": B is the other owner
    holders = [tok, *(a for a in tok.children if a.dep_ == "acl")]
    owners += [c for h in holders for o in prep_objects(h, "with") for c in r.entities(o)
               if c not in jv and c not in owners]
    conf = confidence_for(sent, r.lex)
    for p in owners:
        for c in jv:
            yield Draft("owns", {"parent": [p], "child": [c]}, sent, conf)
    if len(owners) >= 2:
        yield Draft("partnership", {"parties": owners}, sent, conf)


def _partnership(r: Reading, sent: Span, tok: Token) -> Iterator[Draft]:
    """ "A has forged a strategic partnership with B", "A partners with B", "partners A and B"."""
    if negated(tok, r.lex):
        return
    parties: list[int] = []
    verb = tok
    while verb.pos_ not in ("VERB", "AUX") and verb.dep_ not in ("ROOT",) and verb.head.i != verb.i:
        verb = verb.head
    for s in clause_subject_tokens(verb) if verb.pos_ in ("VERB", "AUX") else []:
        parties += r.entities(s)
    # "a memorandum of understanding with B": the "with" hangs on the "of" phrase; "a
    # cooperation agreement with B": on the noun the trigger modifies
    holders = [tok, verb, *prep_objects(tok, "of")]
    if tok.dep_ == "compound":
        holders.append(tok.head)
    for holder in holders:
        for o in prep_objects(holder, "with", "between"):
            parties += r.entities(o)
    if tok.lower_ in ("partners", "partner") and tok.pos_ in ("NOUN", "PROPN"):
        nxt = r.doc[tok.i + 1] if tok.i + 1 < sent.end else None
        if nxt is not None and r.cluster_at(nxt) is not None:
            parties += r.entities(nxt.head if nxt.dep_ == "compound" else nxt)
    parties += _linear_parties(r, sent, tok)
    parties = [p for p in dict.fromkeys(parties) if not r.is_regulator(p)]
    if len(parties) >= 2:
        yield Draft("partnership", {"parties": parties[:4]}, sent, confidence_for(sent, r.lex))


def _joint_work(r: Reading, sent: Span, tok: Token) -> Iterator[Draft]:
    """ "A and B will jointly develop X", "A signed an agreement with B to co-develop X":
    companies making something together are partners."""
    chain = [tok, *tok.ancestors][:5]
    if any(negated(t, r.lex) for t in chain if t.pos_ in ("VERB", "AUX")):
        return
    parties: list[int] = []
    for t in chain:
        if t.pos_ in ("VERB", "AUX"):
            parties += [c for s in children(t, "nsubj") for c in r.entities(s)]
        parties += [c for o in prep_objects(t, "with") for c in r.entities(o)]
        for o in prep_objects(t, "into", "in"):  # "entered into an agreement with B"
            parties += [c for w in prep_objects(o, "with") for c in r.entities(w)]
        for o in children(t, "dobj"):  # "signed an agreement with B to jointly design"
            parties += [c for w in prep_objects(o, "with") for c in r.entities(w)]
    parties = [p for p in dict.fromkeys(parties) if not r.is_regulator(p)]
    if len(parties) >= 2:
        yield Draft("partnership", {"parties": parties[:4]}, sent, confidence_for(sent, r.lex))


DEVELOP_VERBS = {"develop", "design", "co-develop", "engineer"}
# What two companies run together as partners ("a joint engineering centre with B"); not a
# "joint investigation" or "joint statement", which partners and adversaries alike make
JOINT_WORK_NOUNS = {"centre", "center", "lab", "laboratory", "project", "programme", "program",
                    "development", "research", "platform", "facility", "factory", "plant"}


def _developed_with(r: Reading, sent: Span, tok: Token) -> Iterator[Draft]:
    """A company that develops something with another named company is its partner: "the
    polymer that Verrow developed with Kaltmann", "A designed the pack with B"."""
    if negated(tok, r.lex) or not prep_objects(tok, "with"):
        return
    subjects = r.subject_companies(tok)
    partners = [c for o in prep_objects(tok, "with") for c in r.entities(o)]
    parties = [p for p in dict.fromkeys(subjects + partners) if not r.is_regulator(p)]
    if subjects and partners and len(parties) >= 2:
        yield Draft("partnership", {"parties": parties[:4]}, sent, confidence_for(sent, r.lex))


def _linear_parties(r: Reading, sent: Span, tok: Token) -> list[int]:
    """When the parse fails (headlines): the company just before the trigger and the one
    right after "with"."""
    left = right = None
    for i in range(tok.i - 1, max(sent.start, tok.i - 4) - 1, -1):
        cid = r.cluster_at(r.doc[i])
        if cid is not None and r.type_of(cid) == "company":
            left = cid
            break
    if tok.i + 1 < sent.end and r.doc[tok.i + 1].lower_ == "with":
        # the head of the phrase after "with" is its last name: "with Apple battery supplier ATL"
        for i in range(tok.i + 2, min(sent.end, tok.i + 8)):
            t = r.doc[i]
            if t.is_punct or t.pos_ in ("ADP", "VERB", "CCONJ"):
                break
            cid = r.cluster_at(t)
            if cid is not None and r.type_of(cid) == "company":
                right = cid
    return [c for c in (left, right) if c is not None] if left is not None and right is not None \
        else []


def _make_verb(r: Reading, sent: Span, tok: Token) -> Iterator[Draft]:
    """ "X launched the Qwen VLo", "P, made by X", "X produces iPhones"."""
    if negated(tok, r.lex):
        return
    active_clause = tok.dep_ == "relcl" and any(c.dep_ == "nsubj" for c in tok.children)
    if (tok.dep_ in ("acl", "relcl") and not active_clause) or any(c.dep_ == "auxpass" for c in tok.children):
        makers = [c for o in prep_objects(tok, "by") for c in r.entities(o)]
        products = r.entities(tok.head, "product") if tok.dep_ in ("acl", "relcl") else [
            c for s in clause_subject_tokens(tok) for c in r.entities(s, "product")]
        if tok.dep_ == "acl" and tok.head.dep_ == "appos" and tok.head.is_lower:
            # "the Kazane, the electric minicar made by X": the name the kind describes
            products += [c for c in r.entities(tok.head.head, "product") if c not in products]
        # "Its Bramble Buddies figures are produced by X": the possessor's products, which X
        # makes under contract (a supply: rules_supply)
        owners = [c for s in (clause_subject_tokens(tok) if tok.dep_ not in ("acl", "relcl") else [tok.head])
                  for p in children(s, "poss") for c in r.entities(p) if c not in makers]
        if owners:
            makers = owners[:1]
    else:
        if any(contract_maker_noun(s) for s in clause_subject_tokens(tok)):
            return  # "The Taiwanese contract manufacturer assembles the Halo 4 Pro": its client's
        makers = r.subject_companies(tok)
        # ("which makes the GridVault 4000 containerised storage system", "containerised"
        # read as a verb whose subject is the model)
        objs = children(tok, "dobj") or [o for c in children(tok, "ccomp")
                                          for o in children(c, "nsubj", "dobj")]
        fors = prep_objects(tok, "for") + [f for o in objs for f in prep_objects(o, "for")]
        if any(r.cluster_at(o) is not None or r.entities(o) for o in fors) or any(
                c not in makers for o in objs for p in children(o, "poss") for c in r.entities(p)):
            return  # "X builds Nuvela's laptops", "X assembled the Slate 13 for Y": Y's products
        if any(o.is_lower and o.pos_ == "NOUN" and r.products_possessing(o) for o in objs):
            return  # "X built the Starling 90's wing skins": parts of it (rules_supply)
        products = [c for o in objs for c in r.entities(o, "product", deep=True)]
        # names only the learned recogniser read ("the Veyra 400 and ..."), which claim no words
        # (models only, "Veyra 400": a learned name of words alone is often a kind or a part)
        starts = {s: cid for cid, c in enumerate(r.ents.clusters) if c.type == "product"
                  and not c.claims and c.name[:1].isupper() and any(ch.isdigit() for ch in c.name)
                  for s, _ in c.spans}
        products += [starts[i] for o in objs for x in (o, *o.conjuncts)
                     for i in range(x.left_edge.i, x.i + 1)  # the noun and the words before it
                     if i in starts and starts[i] not in products]
        # "the Veyra 400 and Veyra 600 ambulatory infusion pumps": every name before the noun
        products += [pid for x in objs for o in (x, *x.conjuncts) if o.is_lower and o.pos_ == "NOUN"
                     for start, end in names_before(r, sent, o)
                     if any(t.like_num for t in r.doc[start:end])
                     and (pid := product_at(r, start, end)) is not None and pid not in products]
    for m in makers:
        for p in products:
            brand = r.ents.clusters[p].brand
            if brand is not None and brand != m:
                continue  # "the contract manufacturer assembles the (Nuvela) Halo 4 Pro"
            if not r.is_regulator(m):
                yield Draft("makes", {"company": [m], "product": [p]}, sent,
                            confidence_for(sent, r.lex))


def brand_drafts(r: Reading) -> Iterator[Draft]:
    """A company named right before a model ("Anker A1681") makes it."""
    yield from named_after_company(r)
    for pid, cluster in enumerate(r.ents.clusters):
        if cluster.type != "product" or cluster.brand is None or not cluster.spans:
            continue
        start = min(s for s, _ in cluster.spans)
        yield Draft("makes", {"company": [cluster.brand], "product": [pid]},
                    r.doc[start].sent, 0.8)
    for tok in r.doc:
        if tok.dep_ == "poss":
            owner = r.cluster_at(tok)
            prod = r.cluster_at(tok.head)
            if owner is not None and prod is not None and r.type_of(owner) == "company" \
                    and r.type_of(prod) == "product" and r.ents.clusters[prod].brand is None:
                yield Draft("makes", {"company": [owner], "product": [prod]}, tok.sent, 0.75)


def named_after_company(r: Reading) -> Iterator[Draft]:
    """A product whose name begins with a company's whole name is that company's, wherever
    the two are named: "Schneider Electric enclosures", "Lexus IS". (A model number right
    after a brand is read when entities are built: `Cluster.brand`.)"""
    clusters = r.ents.clusters
    companies: dict[tuple[str, ...], int] = {}
    for cid, c in enumerate(clusters):
        if c.listed and c.spans and (c.list_type or c.type) == "company":
            for name in c.names:
                companies.setdefault(tuple(name.lower().split()), cid)
    for pid, c in enumerate(clusters):
        if not c.listed or not c.spans or c.brand is not None \
                or (c.list_type or c.type) not in ("product", "component"):
            continue
        words = tuple(c.name.lower().split())
        start, end = min(c.spans)
        if any(t.pos_ in ("VERB", "AUX") for t in r.doc[start:end]):
            continue  # a clause read as a name ("Acme form JV"), not a product
        if after_a_possessive(r.doc, start):
            continue  # "its NavCore R12 receiver": the possessor's, not "NavCore"'s
        for n in range(len(words) - 1, 0, -1):
            cid = companies.get(words[:n])
            if cid is not None and n == 1 and spaced_model_at(r.doc, start):
                break  # "FX 450" of "its FX-series presses": the letters are the line's
            if cid is not None:
                yield Draft("makes", {"company": [cid], "product": [pid]}, r.doc[start].sent, 0.75,
                            extra={"named_after": True})
                break
