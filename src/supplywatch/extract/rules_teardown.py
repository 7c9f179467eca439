"""Parts found inside a product, with the maker of the part named but not its buyer: "The
MEMS microphones come from Castell Sensorik", "the board is built around a chip from Brisk
Semiconductor", "each earbud carries a cell made by Velmora Energy". Teardown reports and
recall notices write this way about one company's product; the buyer is then the company
the document is about (the one it names most), at a lower confidence than a stated supply.

Only a sentence about a thing, not about a company, is read: its subject is a part or a
product ("the microphones", "each earbud"), no other company is named in it, and the part
is the one the "from" or "made by" phrase hangs on.
"""

from __future__ import annotations

from collections.abc import Iterator

from spacy.tokens import Span, Token

from supplywatch.extract.drafts import Draft, clause_subject_tokens, negated
from supplywatch.extract.reading import Component, Reading
from supplywatch.extract.rules_supply import ORIGIN_VERBS, supply_draft

IMPLIED_BUYER_CONFIDENCE = 0.6
# How a sentence puts a part inside a product: "the board is built around a chip from X",
# "each earbud carries a cell made by X" (not "chips from X are in short supply")
CONTAINMENT_VERBS = {"contain", "carry", "use", "house", "feature", "include", "build", "base",
                     "equip", "fit", "power", "pack", "integrate", "have", "come", "originate",
                     "handle", "rely", "source", "supply", "make", "manufacture", "produce",
                     "hold"}
# What names a part's maker on the part itself: "the microphones carry the logo of X"
MARK_NOUNS = {"logo", "mark", "marking", "name", "brand", "stamp"}
MARKING_VERBS = {"bear", "print", "stamp", "mark", "show"}
# ... and how a teardown's writer reports one: "Inside, we found a panel from X"
WRITER = {"we", "i"}
FINDING_VERBS = {"find", "identify", "spot", "see", "discover"}
MAKER_VERBS = {"make", "manufacture", "produce", "supply", "build", "fabricate", "handle"}


def implied_buyer(r: Reading) -> int | None:
    """Who buys the parts a document names without their buyer: the maker of the product
    taken apart where it says so, else the company the document is about (never a lab
    that took it apart)."""
    maker = torn_down_maker(r)
    if maker is not None:
        return maker
    labs = teardown_labs(r)
    return r.topic(besides=labs) if labs else r.topic()


def teardown_drafts(r: Reading, sent: Span) -> Iterator[Draft]:
    buyer = implied_buyer(r)
    if buyer is None:
        return
    root = sent.root
    subjects = [c for c in root.children if c.dep_ in ("nsubj", "nsubjpass")]
    labs = teardown_labs(r)
    # "Inside, we found ...", "..., FixPoint said": the writer, or the lab that took it apart
    writer = [s for s in subjects if s.lower_ in WRITER or r.company_at(s) in labs]
    # ... or the lab that took it apart: "Bitwrench found a modem from X"
    finders = {c for s in subjects if s.dep_ == "nsubj" and root.lemma_.lower() in FINDING_VERBS
               and (c := r.company_at(s)) is not None and c != buyer} if not writer else set()
    if finders:
        writer = subjects
    if not subjects or any(r.entities(s) for s in subjects if s not in writer):
        return  # a sentence about a company: the supply rules read it
    # (a company named only to describe another, "X, a subsidiary of Y", is no party)
    named = {cid for t in sent if (cid := r.cluster_at(t)) is not None
             and r.type_of(cid) == "company" and not r.in_an_appositive(t)} - finders - labs
    verbs = CONTAINMENT_VERBS | (FINDING_VERBS if writer else set())
    found = list(_parts_and_makers(r, sent, verbs))
    if named - {maker for maker, _ in found}:
        return  # another company is named: the parts may be its
    makers = frozenset(maker for maker, _ in found)
    if buyer in makers and len(makers) > 2 and torn_down_maker(r) is None:
        # a list of parts and their makers, the most named company among them: it is one
        # of the makers, not the buyer ("we found a panel from X, a chip from Y, ...")
        buyer = r.topic(besides=makers)
        if buyer is None:
            return
    # "The Tote Runner's drive units rely on ...": the parts are in that product, whose
    # maker the document names somewhere (assemble fills it in)
    possessed = r.possessing_products(sent)
    product = possessed[0] if len(possessed) == 1 else None
    for maker, part in found:
        if maker == buyer and product is None:
            continue
        draft = supply_draft(r, sent, root, maker, None if product is not None else buyer,
                             part.name, None, product)
        draft.confidence = min(draft.confidence, IMPLIED_BUYER_CONFIDENCE)
        yield draft


# How a lab takes a product apart: "FixPoint Labs has taken apart the Pulse 7 Pro"
TAKE_APART = {("take", "apart"), ("tear", "down"), ("pull", "apart"), ("crack", "open"),
              ("pry", "open"), ("break", "down")}
TAKE_APART_VERBS = {verb for verb, _ in TAKE_APART}
DISSECT_VERBS = {"disassemble", "dissect", "x-ray"}


def teardown_labs(r: Reading) -> frozenset[int]:
    """The companies that took the product apart (the subjects of "take apart", "tear
    down", "disassemble"): a teardown names its lab often, but the parts are not the lab's.
    When the writer did it ("we cracked open ..."), the lab is the outlet the document
    comes from, where that is known and named in it."""
    cached = r.doc.user_data.get("sw_teardown_labs")
    if cached is None:
        labs: set[int] = set()
        for verb in _dissections(r):
            for s in verb.children:
                if s.dep_ != "nsubj":
                    continue
                if s.lower_ in WRITER:
                    labs |= r.outlet()
                elif (c := r.company_at(s)) is not None:
                    labs.add(c)
        cached = r.doc.user_data["sw_teardown_labs"] = frozenset(labs)
    return cached


def torn_down_maker(r: Reading) -> int | None:
    """The company whose product was taken apart, where the document says so: "We cracked
    open Skarda Aerosystems' Falco 4", "the lab tore down the Orvion X2". The parts found
    inside are bought by it, however often the document names the lab or the parts'
    makers."""
    cached = r.doc.user_data.get("sw_torn_down_maker", False)
    if cached is False:
        makers = {c for verb in _dissections(r) for o in verb.children if o.dep_ == "dobj"
                  for c in _product_owners(r, o)} - teardown_labs(r)
        cached = r.doc.user_data["sw_torn_down_maker"] = makers.pop() if len(makers) == 1 else None
    return cached


def _dissections(r: Reading) -> list[Token]:
    """The verbs that take a product apart, found once per document."""
    found = r.doc.user_data.get("sw_dissections")
    if found is None:  # (indices: user_data stays serialisable)
        found = r.doc.user_data["sw_dissections"] = [
            tok.i for tok in r.doc if tok.pos_ == "VERB" and _dissects(tok)]
    return [r.doc[i] for i in found]


def _dissects(verb: Token) -> bool:
    lemma = verb.lemma_.lower()
    if lemma in DISSECT_VERBS:
        return True
    if lemma not in TAKE_APART_VERBS:
        return False
    # (the parser may hang the particle on the object: "cracked open X's Falco 4")
    after = [c for c in verb.children if c.dep_ in ("prt", "advmod")] + list(verb.doc[verb.i + 1:verb.i + 2])
    return any((lemma, c.lower_) in TAKE_APART for c in after)


def _product_owners(r: Reading, obj: Token) -> set[int]:
    """The company a dissected product is named after: its possessor ("Skarda's Falco
    4") or the company in its name ("the Skarda Falco 4")."""
    owners = {c for t in obj.children if t.dep_ in ("poss", "compound")
              and (c := r.company_at(t)) is not None}
    cid = r.cluster_at(obj)
    if not owners and cid is not None and r.type_of(cid) == "product":
        named = r.company_named_first(r.ents.clusters[cid].name)
        owners = {named} if named is not None else set()
    return owners


def _parts_and_makers(r: Reading, sent: Span, verbs: set[str]) -> Iterator[tuple[int, Component]]:
    for tok in sent:
        if tok.lower_ == "from" and tok.dep_ == "prep":
            head = tok.head
            # "a chip from X" (on the part), "the microphones come from X" (on the verb)
            noun = head if head.pos_ in ("NOUN", "PROPN") else _subject_of(head)
            if head.pos_ == "VERB" and head.lemma_.lower() not in ORIGIN_VERBS:
                # "the pack uses cells from X": the parser hung "from" on the verb
                objs = [o for o in head.children if o.dep_ == "dobj" and r.component_in(o)]
                if not objs or head.lemma_.lower() not in verbs:
                    # "the drum is turned by a motor from X": the part is the agent
                    objs = [p for a in head.children if a.dep_ == "agent"
                            for p in a.children if p.dep_ == "pobj" and r.component_in(p)]
                if not objs:
                    continue
                noun = objs[0]
            if noun is None:
                continue
            if head.pos_ == "VERB" or head.lemma_ == "be":
                # "the jars continue to come from X", "the capacitors are from X": the verb says it
                part = r.component_in(noun) if noun.pos_ != "PRON" else None
                if part is not None:
                    yield from ((cid, part) for cid in _named_after(r, tok))
                continue
        elif tok.dep_ == "agent" and tok.head.lemma_.lower() in MAKER_VERBS \
                and tok.head.tag_ == "VBN":
            verb = tok.head  # "a cell made by X", "power management is handled by X"
            noun = verb.head if verb.dep_ == "acl" else _subject_of(verb)
            if noun is None or negated(verb, r.lex):
                continue
            if verb.lemma_.lower() == "handle":  # the agent is the part: "by an X AV2291 PMIC"
                objs = [o for o in tok.children if o.dep_ == "pobj"]
                part = r.component_in(objs[0]) if objs else None
                if part is not None:
                    yield from ((cid, part) for cid in _named_after(r, tok))
                continue
        elif tok.lower_ == "of" and tok.dep_ == "prep" and tok.head.lemma_.lower() in MARK_NOUNS:
            # "The microphones all carry the logo of X", "the cell is printed with the name of X"
            verb = _clause_verb(tok.head)
            subject = _subject_of(verb)
            part = r.component_in(subject) if subject is not None and subject.pos_ == "NOUN" else None
            if part is not None and verb.lemma_.lower() in verbs | MARKING_VERBS \
                    and not negated(verb, r.lex):
                yield from ((cid, part) for cid in _named_after(r, tok))
            continue
        elif _is_part(r, tok) and r.company_at(tok) is None:
            # "a Rendai Microelectronics RD3326 processor": the maker named on the part
            part = r.component_in(tok)
            makers = [c for m in tok.lefts if m.dep_ in ("compound", "nmod")
                      for t in m.subtree if (c := _maker_at(r, t)) is not None]
            # ("the receiver is a Plintek PTR-220 Qi receiver IC": said of a part)
            said_of = tok.dep_ == "attr" and _clause_verb(tok).lemma_ == "be"
            if part is not None and (_puts_inside(_clause_verb(tok), verbs) or said_of) \
                    and not negated(tok, r.lex):  # "we found no Tessaro parts": none
                for cid in dict.fromkeys(makers):
                    yield cid, part
            continue
        else:
            continue
        part = r.component_in(noun) if noun.pos_ != "PRON" else None
        if part is None and noun.dep_ == "attr" and noun.head.lemma_ == "be":
            # "The application processor is an SH-W5 from X": the subject is the part
            subject = _subject_of(noun.head)
            part = r.component_in(subject) if subject is not None and subject.pos_ == "NOUN" else None
            if part is not None and not negated(noun.head, r.lex):
                yield from ((cid, part) for cid in _named_after(r, tok))
            continue
        # "the drum is turned by a brushless motor from X": the part does the work
        by_a_part = noun.dep_ == "pobj" and noun.head.dep_ == "agent"
        if part is None or not (_puts_inside(_clause_verb(noun), verbs) or by_a_part):
            continue
        yield from ((cid, part) for cid in _named_after(r, tok))


def _puts_inside(verb: Token, verbs: set[str]) -> bool:
    """Does the verb put a part inside a product ("each bud holds a cell", not "the shell
    is held on by six Torx screws")?"""
    lemma = verb.lemma_.lower()
    return lemma in verbs and not (lemma == "hold" and any(c.dep_ in ("auxpass", "agent")
                                                            for c in verb.children))


def _named_after(r: Reading, prep: Token) -> list[int]:
    """The companies a preposition's object names ("from X", "by X")."""
    return [cid for obj in prep.children if obj.dep_ == "pobj" for cid in r.entities(obj)]


def _maker_at(r: Reading, tok: Token) -> int | None:
    """The company a word names, or the brand of the model it names ("Brisk RD3326")."""
    cid = r.cluster_at(tok)
    if cid is None:
        return None
    if r.type_of(cid) == "company":
        return cid
    if r.type_of(cid) != "product":
        return None
    brand = r.ents.clusters[cid].brand
    return brand if brand is not None else r.company_named_first(r.ents.clusters[cid].name)


def _is_part(r: Reading, tok: Token) -> bool:
    heads = r.lex["component_heads"]
    return tok.pos_ in ("NOUN", "PROPN") and (tok.lower_ in heads or tok.lemma_.lower() in heads)


def _clause_verb(tok: Token) -> Token:
    """The verb of the clause a noun sits in ("a chip" in "is built around a chip")."""
    while tok.pos_ not in ("VERB", "AUX") and tok.head.i != tok.i:
        tok = tok.head
    return tok


def _subject_of(verb: Token) -> Token | None:
    subs = clause_subject_tokens(verb)  # "the jars continue to come from X": the jars
    return subs[0] if subs else None
