"""Products a company's possessive names: "Zephyra's AirBook 14 and AirBook 16 laptops",
"Brennard's Aster crossover and Ridgeway pickup", "its Frostline and Kylo ranges", "Solvik's
larger Tundra SUV". The capitalised words before a kind of product (or a range, line or
series) are the product's name, and the possessor makes it.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from spacy.tokens import Span, Token

from supplywatch.extract.clusters import is_reference_name
from supplywatch.extract.drafts import Draft, confidence_for
from supplywatch.extract.mentions import NOT_PRODUCT_GROUPS, money_at
from supplywatch.extract.reading import Reading

POSSESSED_CONFIDENCE = 0.7
# What a company's product is called besides a kind of product and the lexicon's words
# for a line of products ("range", "series")
RANGE_NOUNS = {"collection", "set", "sets", "model", "models", "brand", "brands"}
MAX_NAME = 4
# whom a product is for, not who makes it: "Children's Pajamas", "Men's Sherpa Shirts"
AUDIENCES = {"children", "child", "kids", "kid", "boys", "boy", "girls", "girl", "men", "man",
             "women", "woman", "ladies", "baby", "babies", "infant", "infants", "toddler",
             "toddlers", "youth", "teens", "adults", "consumers", "customers", "people"}
# a "company" whose name holds a possessive is a phrase the recogniser took whole
# ("Children's Sleepwear", "Mariner's Landing")
POSSESSIVE_IN_NAME = re.compile(r"['’]s\b")


def possessed_product_drafts(r: Reading, sent: Span) -> Iterator[Draft]:
    heads = r.lex["product_heads"] | r.lex["line_nouns"] | RANGE_NOUNS
    # products by where they start, unclaimed ones (the learned recogniser's) included
    starts = {start: cid for cid, c in enumerate(r.ents.clusters) if c.type == "product"
              for start, _ in c.spans if sent.start <= start < sent.end}
    for tok in sent:
        named = r.cluster_at(tok)
        possessives = _possessives(tok)
        products = [named] if named is not None else []
        if (named is None or r.type_of(named) != "product") and possessives:
            # every product named between the possessive and its noun: "the company's
            # best-selling CR-7 and CR-12 cobots"
            after = possessives[0].right_edge.i + 1
            products = list(dict.fromkeys(starts[i] for i in range(after, tok.i + 1) if i in starts))
        if named is None and not possessives and tok.i in starts:
            products = [starts[tok.i]]  # a name only the learned recogniser read
        products = [p for p in products if _a_name(r, p)]
        if products and not possessives and tok.i == _first_token(r, products[0], sent) \
                and all(r.ents.clusters[p].brand is None and not _starts_with_a_company(r, p)
                        for p in products):
            # "its existing products, including the VoltPocket 10", "Ridgecrest's best-known
            # models, the Summit 98 freeride ski and ...": the possessor of the group
            owners = _owners_of_group(r, tok, heads)
            if len(owners) == 1:
                for product in products:
                    yield Draft("makes", {"company": owners, "product": [product]}, sent,
                                min(POSSESSED_CONFIDENCE, confidence_for(sent, r.lex)))
            continue
        if products:
            # the possessive on the product's own name: "Zephyra's AirBook 14"
            owners = _owners(r, tok)
            if len(owners) == 1:
                for product in products:
                    yield Draft("makes", {"company": owners, "product": [product]}, sent,
                                min(POSSESSED_CONFIDENCE, confidence_for(sent, r.lex)))
            continue
        if tok.pos_ not in ("NOUN", "PROPN") or (tok.lower_ not in heads and tok.lemma_.lower() not in heads):
            continue
        owners = _owners(r, tok)
        if len(owners) != 1:
            continue
        for head in (tok, *tok.conjuncts):
            for start, end in names_before(r, sent, head):
                pid = product_at(r, start, end)
                if pid is not None:
                    yield Draft("makes", {"company": owners, "product": [pid]}, sent,
                                min(POSSESSED_CONFIDENCE, confidence_for(sent, r.lex)))


# verbs that list a group's members after it: "its best sellers are X and Y", "its range includes X"
GROUP_VERBS = {"be", "include", "comprise", "remain"}


def _starts_with_a_company(r: Reading, pid: int) -> bool:
    """ "Aldenmark Tessa EV" (Aldenmark Motors): the name says its maker itself."""
    words = r.ents.clusters[pid].name.lower().split()
    # (not "FX" of "its FX-series" for "FX 450": the letters of a line's models)
    return any(c.type == "company" and c.spans and c.name.split()[0].lower() == words[0]
               and not (len(c.name.split()) == 1 and len(words) > 1 and words[1].isdigit())
               for c in r.ents.clusters)


def _first_token(r: Reading, cid: int, sent: Span) -> int | None:
    return next((s for s, _ in sorted(r.ents.clusters[cid].spans) if sent.start <= s < sent.end), None)


def _owners_of_group(r: Reading, tok: Token, heads: set[str]) -> list[int]:
    """The owners of the group a named product is given as a member of: "including" or
    "such as" after a possessed noun, or an appositive to it."""
    root = tok
    while root.head.i != root.i and root.dep_ in ("compound", "nummod", "amod", "nmod") \
            and root.head.i > root.i and (r.cluster_at(root.head) == r.cluster_at(tok)
                                          or root.head.is_lower):
        root = root.head  # from the name's first word to the noun it heads ("FX 450 press")
    while root.dep_ == "conj":
        root = root.head  # "..., including the Drift 14 and the Drift 16 Pro"
    if (root.dep_ == "pobj" and root.head.lower_ in ("including", "like")) or (
            root.dep_ == "pobj" and root.head.lower_ == "as"
            and any(c.lower_ == "such" for c in root.head.children)):
        group = root.head.head
        if group.lower_ == "such":  # "such as" may hang "as" on the noun's "such"
            group = group.head
    elif root.dep_ == "appos":
        group = root.head
    elif root.dep_ in ("attr", "dobj") and root.head.lemma_ in GROUP_VERBS \
            and (subject := next((c for c in root.head.children if c.dep_ == "nsubj"), None)) is not None:
        group = subject  # "Its best-known products are the NV-16 and the NV-20", "its range includes X"
    elif (described := next((a for a in root.children if a.dep_ == "appos" and a.pos_ == "NOUN"
                             and a.is_lower), None)) is not None:
        group = described  # "the VoltBrick 20K, Marlen's best-selling power bank"
    else:
        return []
    lemma = group.lemma_.lower()
    if group.pos_ not in ("NOUN", "PROPN") or r.cluster_at(group) is not None:
        return []
    if lemma in NOT_PRODUCT_GROUPS or lemma in r.lex["company_nouns"] \
            or lemma in r.lex["customer_nouns"] or lemma in r.lex["supplier_nouns"]:
        return []  # "Its lead program, MB-201", "its largest customer, X"
    if group.lower_ not in heads and lemma not in heads and (
            group.tag_ != "NNS" or root.dep_ in ("attr", "dobj")) \
            and root.dep_ != "appos" and group.dep_ != "appos":
        # "including" after a kind of product, or things in the plural; after "are" or
        # "include", products by name ("Its best-known products are ..."), not "Honda's
        # numbers for this recall are B2R and C2P"
        return []
    return _owners(r, group) if _possessives(group) else []


def _owners(r: Reading, tok: Token) -> list[int]:
    """The companies a possessive before the noun names; not a regulator, and not a company
    known only as "the Company"."""
    found = [c for p in _possessives(tok) if p.lower_ not in AUDIENCES for c in _possessor(r, p)]
    return [c for c in found if not r.is_regulator(c)
            and not all(is_reference_name(n, r.lex) for n in r.ents.clusters[c].names)
            and not POSSESSIVE_IN_NAME.search(r.ents.clusters[c].name)]


def _possessives(tok: Token) -> list[Token]:
    """The possessive of a noun, also where the parser hung it on the first name before it:
    "whose Stride and Stride Pro bands" (whose -> Stride)."""
    direct = [p for p in tok.children if p.dep_ == "poss"]
    return direct or [p for m in tok.lefts if m.dep_ in ("nmod", "compound")
                      for p in m.children if p.dep_ == "poss" and p.lower_ == "whose"]


def _possessor(r: Reading, poss: Token) -> list[int]:
    """The companies a possessive names: "Haldane, whose ... bands": Haldane."""
    if poss.lower_ != "whose":
        return r.entities(poss)
    for up in poss.ancestors:
        if up.dep_ == "relcl":
            return r.entities(up.head)
    return []


def names_before(r: Reading, sent: Span, head: Token) -> Iterator[tuple[int, int]]:
    """Capitalised runs among the words before the head, split at "and" and commas: "AirBook
    14 and AirBook 16" before "laptops", "Holzwerk" in "Holzwerk wooden railway sets"."""
    left = head.left_edge.i
    words = [t for t in r.doc[left:head.i] if t.dep_ not in ("poss", "case", "det")]
    run: list[Token] = []
    for t in [*words, None]:
        if t is not None and (_name_word(t) or (run and t.like_num)) and (not run or t.i == run[-1].i + 1):
            run.append(t)  # (a number after a name's word is its model: "Veyra 600")
            continue
        if run and len(run) <= MAX_NAME and run[0].i > sent.start:
            yield run[0].i, run[-1].i + 1
        run = [t] if t is not None and _name_word(t) else []


def _a_name(r: Reading, cid: int) -> bool:
    """A product's own name ("AirBook 14"), not a kind of product ("earbuds", "EV")."""
    if r.type_of(cid) != "product":
        return False
    name = r.ents.clusters[cid].name
    kinds = r.lex["product_heads"] | r.lex["kind_acronyms"]
    return name[:1].isupper() and name.lower() not in kinds and name.lower().rstrip("s") not in kinds


def _name_word(t: Token) -> bool:
    return (t.text[:1].isupper() or (t.like_num and not t.is_sent_start)) and not t.is_punct \
        and t.ent_type_ not in ("DATE", "GPE", "NORP", "PERSON", "CARDINAL", "MONEY", "PERCENT")


def product_at(r: Reading, start: int, end: int) -> int | None:
    """The product entity named at [start, end): an existing one, or a new one; None where
    the words name a company or a place."""
    if r.doc[start].like_num:
        return None  # "its 2026 models": a year, no name
    if money_at(r.doc, start, end):
        return None  # "a EUR 640 million plant": what it costs
    for i in range(start, end):
        cid = r.cluster_at(r.doc[i])
        if cid is not None and r.type_of(cid) != "product":
            return None
    cid = r.cluster_at(r.doc[start])
    if cid is not None:
        return cid
    return r.kind_entity(start, end)[0]
