"""Supply relations: who provides parts to whom, for which product, how many, since when."""

from __future__ import annotations

from collections.abc import Iterator

from spacy.tokens import Span, Token

from supplywatch.extract.drafts import (
    Draft,
    children,
    clause_subject_tokens,
    confidence_for,
    listed_members,
    nearest_verb,
    negated,
    prep_objects,
    status_of,
)
from supplywatch.extract.lexicon import Lexicon
from supplywatch.extract.mentions import YEAR, hyphenated_start
from supplywatch.extract.quantities import parse_quantity
from supplywatch.extract.reading import Component, Reading


def supply_drafts(r: Reading, sent: Span) -> Iterator[Draft]:
    lex = r.lex
    yield from _parts_in_products(r, sent)
    for tok in sent:
        if tok.pos_ == "VERB" and tok.lemma_.lower() in PLACING_VERBS | lex["use_verbs"] \
                and any(c.dep_ == "auxpass" for c in tok.children):
            yield from _placed_into(r, sent, tok)
        low, lemma = tok.lower_, tok.lemma_.lower()
        if tok.pos_ != "VERB" and (low in lex["supplier_nouns"] or lemma in lex["supplier_nouns"]):
            yield from supplier_noun(r, sent, tok)  # not the verb: "Y sources cells from X"
        elif tok.pos_ == "VERB" and lemma in lex["supply_verbs"]:
            yield from _supply_verb(r, sent, tok)
        elif tok.pos_ == "VERB" and (lemma in lex["purchase_verbs"] or lemma in lex["obtain_verbs"]):
            yield from _purchase_verb(r, sent, tok)
        elif tok.pos_ == "VERB" and lemma in lex["use_verbs"]:
            yield from _use_verb(r, sent, tok)
        elif tok.pos_ == "VERB" and lemma in lex["component_make_verbs"]:
            yield from _made_for(r, sent, tok)
        elif tok.pos_ == "VERB" and lemma in ORIGIN_VERBS:
            yield from _comes_from(r, sent, tok)
        if tok.pos_ == "VERB" and (lemma in lex["ended_words"] or lemma in lex["reduction_verbs"]):
            yield from _ended(r, sent, tok)
        if tok.pos_ == "VERB" and lemma in lex["switch_verbs"]:
            yield from _switched(r, sent, tok)


def supply_draft(r: Reading, sent: Span, tok: Token, supplier: int, customer: int | None,
                 component: str | None, quantity: int | None, product: int | None = None,
                 status: str | None = None) -> Draft:
    roles: dict[str, list[int]] = {"supplier": [supplier]}
    if customer is not None:
        roles["customer"] = [customer]
    if product is not None:
        roles["product"] = [product]
    return Draft("supplies", roles, sent, confidence_for(sent, r.lex), extra={
        "component": component, "quantity": quantity if quantity is not None else _count_of(tok),
        "status": status or status_of(tok, r.lex),
    })


# what a count of goods is not: money, shares of something, spans of time
CURRENCY_SIGNS = {"$", "€", "£", "¥", "₹", "₩"}
NOT_COUNTED = {"percent", "%", "per", "cent", "year", "years", "month", "months", "day", "days",
               "dollar", "dollars", "euro", "euros", "yuan", "yen", "won", "pound", "pounds",
               "rupee", "rupees", "crore", "lakh", "share", "shares", "stake", "times"}


def _count_of(verb: Token) -> int | None:
    """How many the supply verb's goods are, when the part's phrase did not say: "will
    supply about 120,000 groupsets a year", "agreed to build up to 1.6 million printers",
    "will supply Y with 20 million cells"."""
    if verb.pos_ != "VERB":
        return None
    for obj in children(verb, "dobj") + prep_objects(verb, "with"):
        if obj.lemma_.lower() in NOT_COUNTED or obj.lower_ in NOT_COUNTED:
            continue
        nums = [c for c in obj.children if c.dep_ == "nummod" and c.like_num
                and not YEAR.match(c.text)]
        if len(nums) == 1:
            num = nums[0]
            span = num.doc[num.left_edge.i:num.right_edge.i + 1]
            if not any(t.text in CURRENCY_SIGNS for t in span):
                return parse_quantity(span.text)
    return None


def from_the_maker_draft(r: Reading, sent: Span, tok: Token, customer: int, product: int,
                         component: str | None, quantity: int | None) -> Draft:
    """ "Y ordered 40 Havbris 220 engines": the maker of the product, whoever the document
    says it is (assemble fills it in from the `makes` facts), supplies Y."""
    return Draft("supplies", {"maker_of": [product], "customer": [customer]}, sent,
                 confidence_for(sent, r.lex), extra={
                     "component": component, "quantity": quantity, "status": status_of(tok, r.lex)})


def left_modifier_companies(r: Reading, tok: Token) -> list[int]:
    found: list[int] = []
    for t in tok.subtree:
        if t.i >= tok.i:
            break
        cid = r.cluster_at(t)
        if cid is None and t.dep_ == "poss":
            found.extend(r.corefer(t))
        elif cid is not None and r.type_of(cid) == "company" and cid not in found:
            found.append(cid)
    return found


def supplier_noun(r: Reading, sent: Span, tok: Token) -> Iterator[Draft]:
    """ "Apple battery supplier ATL", "X, a supplier of cells to Y", "Y's primary supplier"."""
    if negated(tok, r.lex):
        return  # "X is not a supplier to Y"
    suppliers: list[int] = []
    customers_hint: list[int] = []
    head = tok.head
    if tok.dep_ == "compound" and r.cluster_at(head) is not None:
        suppliers = r.entities(head)
    elif tok.i + 1 < len(r.doc) and r.cluster_at(r.doc[tok.i + 1]) is not None:
        suppliers = r.entities(r.doc[tok.i + 1])
    elif tok.dep_ == "appos":
        # (not the customer the appositive names: "X GmbH, a long-standing Karsek supplier")
        own = {r.cluster_at(t) for t in tok.subtree}
        suppliers = [c for c in r.entities(head) if c not in own]
    elif any(c.dep_ == "appos" and r.cluster_at(c) is not None for c in tok.children):
        # "alongside its existing supplier, Oberlin Semiconductor"
        suppliers = [e for c in tok.children if c.dep_ == "appos" for e in r.entities(c)]
    elif (named := _named_after_comma(r, tok)) is not None:
        # "its manufacturing partner, Zhuhai Feilong ...", the name parsed as no appositive
        suppliers = [named]
    elif tok.dep_ == "pobj" and head.lower_ == "as" and head.head.lemma_.lower() == "replace":
        yield from _replaced_supplier(r, sent, tok, head.head)
        return
    elif tok.dep_ == "pobj" and head.lower_ == "as" and (verb := _chose_as(r, head)) is not None:
        # "Y chose X as its battery supplier": X is the object, Y (its) the customer; "Y
        # dropped X as a supplier": the same, ended ("replaced X as supplier" names no one)
        suppliers = [c for o in children(verb, "dobj") for c in r.entities(o)]
        if not any(c.dep_ == "poss" for c in tok.children):
            customers_hint = r.subject_companies(verb)
    elif tok.dep_ == "dobj" and (named := [c for t in tok.lefts if t.dep_ == "compound"
                                           for c in r.entities(t)]):
        # "Orelle drops Ningbo supplier": the name on the noun is the supplier, the one that
        # drops (picks, keeps) it the customer
        suppliers = named
        customers_hint = r.subject_companies(head)
    elif tok.dep_ in ("attr", "pobj", "dobj"):
        verb = head.head if tok.dep_ == "pobj" else head
        subs = clause_subject_tokens(verb)
        suppliers = [c for s in subs for c in r.entities(s)]
    elif tok.dep_ == "nsubj" and head.lemma_ == "be":
        # "Y's current cathode supplier is Seorin Chemical": the supplier is what it is
        suppliers = [c for a in children(head, "attr") for c in r.entities(a)]
    elif tok.dep_ == "nsubj" and head.lemma_.lower() in ("include", "comprise"):
        # "Y's other key suppliers include X, which makes ..., and Z"
        suppliers = [c for o in children(head, "dobj") for c in r.entities(o, deep=True)]
    if tok.tag_ == "NNS":  # "its suppliers, including X and Z, ..."
        suppliers += [c for o in listed_members(tok) for c in r.entities(o, deep=True)
                      if c not in suppliers]
    if suppliers and tok.dep_ == "pobj" and head.lower_ in ("alongside", "besides") \
            and head.head.pos_ == "VERB":
        # "adding Tavira alongside its existing supplier, Oberlin": Tavira supplies too
        suppliers += [c for o in children(head.head, "dobj") for c in r.entities(o)
                      if c not in suppliers]
    customers = [c for c in left_modifier_companies(r, tok) if c not in suppliers]
    customers += [c for c in customers_hint if c not in suppliers and c not in customers]
    # "a supplier to Y", "the supplier of packs for Y's scooters": Y is the customer
    for obj in prep_objects(tok, "to", "for"):
        customers += [c for c in r.entities(obj) or possessor_companies(r, obj) if c not in suppliers]
    for obj in prep_objects(tok, "of"):
        for inner in prep_objects(obj, "to", "for"):
            customers += [c for c in r.entities(inner) or possessor_companies(r, inner)
                          if c not in suppliers]
    comp = None
    # "battery supplier", "cell supplier"; not "long-standing" or "exclusive" supplier
    mods = [t for t in tok.lefts if t.is_lower and (t.dep_ == "compound" or (
        t.dep_ == "amod" and t.pos_ == "NOUN")) and t.lower_ not in (
            "main", "primary", "key", "major", "sole", "leading", "top")]
    if mods:
        first = hyphenated_start(r.doc, mods[0].i)
        if first < mods[0].i:
            mods = mods[1:]  # "long-time modem supplier": "time" ends a word that says how long
        comp = " ".join(t.text for t in mods) or None
    for obj in prep_objects(tok, "of"):
        c = r.component_in(obj)
        if c is not None:
            comp = c.name
    # "Y ditched X, its long-time modem supplier": the supplier of the past
    dropped = tok.dep_ == "appos" and tok.head.dep_ == "dobj" and (
        tok.head.head.lemma_.lower() in DROP_VERBS | r.lex["ended_words"])
    for s in suppliers:
        for c in dict.fromkeys(customers):
            if r.is_regulator(c):
                continue
            yield supply_draft(r, sent, tok, s, c, comp, None, status="ended" if dropped else None)


def _chose_as(r: Reading, as_: Token) -> Token | None:
    """The verb that chose (or dropped) what "as ..." names: the one "as" hangs on, or,
    where the parser hung it on a later verb ("Y has picked X Co., Ltd. as the main
    supplier, the companies said"), the choosing verb whose object ends right before it."""
    verbs = r.lex["selection_verbs"] | r.lex["ended_words"] - {"replace"}
    if as_.head.lemma_.lower() in verbs:
        return as_.head
    for verb in as_.sent:
        if verb.i >= as_.i:
            break
        if verb.pos_ == "VERB" and verb.lemma_.lower() in verbs and any(
                o.right_edge.i == as_.i - 1 for o in children(verb, "dobj")):
            return verb
    return None


def _named_after_comma(r: Reading, tok: Token) -> int | None:
    """The company named right after "noun," with only a description before it
    ("Taichung-based", a city): an appositive the parser attached elsewhere."""
    doc = r.doc
    if tok.i + 2 >= len(doc) or doc[tok.i + 1].text != "," or tok.dep_ == "appos":
        return None
    for t in doc[tok.i + 2:min(tok.i + 8, tok.sent.end)]:
        cid = r.company_at(t)
        if cid is not None:
            return cid
        if not (t.pos_ == "PROPN" or t.text == "-" or t.lower_ == "based" or t.pos_ == "ADJ"):
            return None
    return None


def _replaced_supplier(r: Reading, sent: Span, tok: Token, verb: Token) -> Iterator[Draft]:
    """ "Y replaced X with Z as its battery supplier" and "Z replaced X as Y's supplier":
    X's supply to Y ended, Z's goes on."""
    if negated(verb, r.lex):
        return
    objs = children(verb, "dobj")
    old = [c for o in objs for c in r.entities(o)]
    new = [c for o in prep_objects(verb, "with") + [p for d in objs for p in prep_objects(d, "with")]
           for c in r.entities(o)]
    if new:  # the subject chose
        customers = r.subject_companies(verb)
    else:  # the subject is the new supplier; the customer is named on "supplier"
        new = r.subject_companies(verb)
        customers = possessor_companies(r, tok)
    mods = [t for t in tok.lefts if t.is_lower and t.dep_ in ("compound", "amod")]
    part = " ".join(t.text for t in mods) or None
    for c in dict.fromkeys(customers):
        for supplier, status in [*((o, "ended") for o in old), *((n, "active") for n in new)]:
            if supplier != c and not r.is_regulator(supplier):
                yield supply_draft(r, sent, verb, supplier, c, part, None, status=status)


def _switched(r: Reading, sent: Span, tok: Token) -> Iterator[Draft]:
    """ "Y switched from X to Z for its cells", "Y is moving its cell orders from X to Z":
    X's supply to Y ended (or, for a switch still to come, goes on until then), Z's
    began. Only for parts or trade: "Y moved from X to Z" alone names neither."""
    if negated(tok, r.lex):
        return
    objs = children(tok, "dobj")
    holders = [tok, *objs]
    old = [c for h in holders for o in prep_objects(h, "from") for c in r.entities(o)]
    new = [c for h in holders for o in prep_objects(h, "to") for c in r.entities(o)]
    if not new:
        return  # (with no "from": "Y will move its cell business to Z" names only the new one)
    parts = [o for h in holders for o in prep_objects(h, "for")] + objs
    if tok.dep_ == "conj" and not objs:
        # "Y stopped buying cells from X and switched to Z": the parts of the clause before
        earlier = [tok.head, *(c for c in tok.head.children if c.dep_ == "xcomp")]
        parts += [o for v in earlier for o in children(v, "dobj")]
    comp = next((c for p in parts if (c := r.component_in(p)) is not None), None)
    if comp is None and not any(o.lemma_.lower() in r.lex["switched_objects"] for o in objs):
        return
    status = status_of(tok, r.lex)
    if tok.dep_ == "conj" and status == "ended":
        # "Y will stop buying from X and move its business to Z": the end is X's, not Z's
        status = "planned" if any(c.dep_ == "aux" and c.lower_ in ("will", "would", "'ll")
                                  for h in (tok.head, tok.head.head) for c in h.children) \
            else "active"
    customers = [c for c in r.subject_companies(tok) if c not in old and c not in new]
    for c in customers:
        for supplier, when in [*((o, "active" if status == "planned" else "ended") for o in old),
                               *((n, status) for n in new)]:
            yield supply_draft(r, sent, tok, supplier, c, comp.name if comp else None,
                               comp.quantity if comp else None, status=when)


# supply verbs whose object is what changes hands, never the buyer
GOODS_OBJECT_VERBS = {"sell", "ship", "deliver"}


def _supply_verb(r: Reading, sent: Span, tok: Token) -> Iterator[Draft]:
    """ "X supplies cells to Y", "X will supply Y with cells", "X's tech powers Y's products"."""
    if negated(tok, r.lex):
        return
    if made_by_another(tok):
        yield from _supplied_by(r, sent, tok, any_part=True)
        return
    if tok.lemma_.lower() in r.lex["divest_verbs"] and (any(
            _equity_object(r, o)
            or (r.cluster_at(o) is not None and r.type_of(r.cluster_at(o)) == "company")
            for o in children(tok, "dobj")) or _itself_sold(tok)):
        return  # "Y sold X (its stake in X, its valve business) to Z", "Y sold to Z in a
        # $420 million deal": a change of owner (rules_stakes), not supply
    suppliers = [c for c in r.subject_companies(tok) if not r.is_regulator(c)]
    customers = [c for o in prep_objects(tok, "to", "for") for c in r.entities(o)]
    deal = deal_of(tok, r.lex)
    if deal is not None:  # "X signed a contract to supply Y", "X won a deal with Y to provide"
        if not suppliers and deal.dep_ == "dobj":
            suppliers = [c for c in r.subject_companies(deal.head) if not r.is_regulator(c)]
        if not suppliers:  # "its contract to supply inverters for Y's car expired"
            suppliers = [c for c in possessor_companies(r, deal) if not r.is_regulator(c)]
        if not customers:
            customers = [c for o in prep_objects(deal, "with") for c in r.entities(o)]
    if not customers and tok.dep_ in ("xcomp", "advcl") and _passive(tok.head):
        # "X was tapped / chosen by Y to supply battery packs"
        customers = [c for o in prep_objects(tok.head, "by") for c in r.entities(o)]
    elif not customers and tok.dep_ == "xcomp" and tok.head.lemma_.lower() in r.lex["selection_verbs"]:
        # "Y has chosen X to supply its battery packs": Y chose, X supplies
        customers = [c for c in r.subject_companies(tok.head) if c not in suppliers]
    # ("supplies wing skins for the C-300": "for" may hang on the part)
    products = [c for o in prep_objects(tok, "for") + [f for d in children(tok, "dobj")
                                                       for f in prep_objects(d, "for")]
                for c in r.entities(o, "product")]
    if not customers:  # "X will provide cells for Y's new EV", "... packs used in Y's Vega"
        customers = [c for o in destinations(r, tok) for c in possessor_companies(r, o)]
    if not customers:  # "X will supply compressors to Y's refrigerator factories"
        customers = [c for o in prep_objects(tok, "to") for c in possessor_companies(r, o)]
    if not customers:  # "X supplies the Nimbus 7's battery": the product's maker
        customers = [c for d in children(tok, "dobj") for p in children(d, "poss")
                     for c in _makers_of(r, p) if c not in suppliers]
    if not customers:  # "X supplies all of Y's battery packs"
        customers = [c for d in children(tok, "dobj") if d.lower_ in QUANTIFIERS
                     for o in prep_objects(d, "of") for c in possessor_companies(r, o)]
    if not customers:  # "... to vehicle makers in Europe, including bus maker Y and Z"
        customers = [c for o in prep_objects(tok, "to") for e in _examples(o)
                     for c in r.entities(e)]
    if not customers:
        customers = [c for c in _after_a_misread_to(r, tok) if c not in suppliers]
    # "... for Y's Aero, as well as for the Z L7 sedan": the maker of each product named
    customers += [c for o in destinations(r, tok) for c in _makers_of(r, o)
                  if c not in customers and c not in suppliers]
    comp_tok = None
    for obj in children(tok, "dobj", "dative"):
        if obj.pos_ == "ADP":
            continue  # "supplies cells to Y" parsed with "to" as the dative: Y is a customer above
        # (what is sold, shipped or delivered is goods: "Norvik sells it in China", "X ships
        # Y's products"; the buyer comes after "to")
        goods = obj.dep_ == "dobj" and tok.lemma_.lower() in GOODS_OBJECT_VERBS
        comp_ents = [] if goods else r.entities(obj)
        if comp_ents and not customers:
            customers = comp_ents
            for o in prep_objects(tok, "with") + prep_objects(obj, "with"):
                comp_tok = o
        else:
            comp_tok = obj
            if not customers and not goods:
                customers = r.entities(obj, deep=True)
    comp = r.component_in(comp_tok) if comp_tok is not None else None
    if comp is None and comp_tok is not None and comp_tok.lower_ in PLURAL_REFERENCES:
        comp = _part_referred_to(r, comp_tok)  # "X makes cells. It supplies them to Y."
    for s in suppliers:
        for c in customers:
            if c != s and not r.is_regulator(c):
                yield supply_draft(r, sent, tok, s, c, comp.name if comp else None,
                                   comp.quantity if comp else None, products[0] if products else None)
        if not customers and products:
            yield supply_draft(r, sent, tok, s, None, comp.name if comp else None,
                               comp.quantity if comp else None, products[0])


PLURAL_REFERENCES = {"them", "these", "those"}


# how far after "to" a customer's name may start ("to breakfast cereal maker Y")
MISREAD_TO_WINDOW = 5
# words "to" ends a preposition with: "due to", "according to", "prior to", "next to"
TO_AFTER = {"due", "owing", "according", "prior", "thanks", "next", "close", "up", "back",
            "compared", "relative", "subject", "similar", "equal"}


def _after_a_misread_to(r: Reading, verb: Token) -> list[int]:
    """ "X supplies flavour systems to breakfast cereal maker Y and to biscuit group Z": the
    parser read "to breakfast" as an infinitive, so "to" is no preposition of the verb.
    The companies named right after each "to" that its object's phrase leads to, in the
    verb's own clause, are the customers."""
    found: list[int] = []
    for to in verb.subtree:
        if to.i <= verb.i or to.lower_ != "to" or to.dep_ == "prep" \
                or (to.dep_ == "aux" and to.head.pos_ == "AUX") \
                or r.doc[to.i - 1].lower_ in TO_AFTER:
            continue
        if to.dep_ == "aux" and to.head.pos_ == "VERB" and to.head.lemma_.lower() in r.lex["supply_verbs"]:
            continue  # "agreed to supply": a real infinitive
        for t in r.doc[to.i + 1:min(to.i + 1 + MISREAD_TO_WINDOW, verb.sent.end)]:
            if t.is_punct and t.text != "&":
                break
            if (cid := r.company_at(t)) is not None:
                if cid not in found:
                    found.append(cid)
                break
    return found


def _examples(group: Token) -> list[Token]:
    """The members a group noun is said to include: "makers ..., including Y and Z",
    "customers such as Y" (the list may hang on the group or on a phrase after it)."""
    holders = [group, *(o for p in group.children if p.dep_ == "prep" for o in p.children
                        if o.dep_ == "pobj")]
    found = []
    for h in holders:
        for prep in h.children:
            if prep.dep_ == "prep" and (prep.lower_ == "including" or (
                    prep.lower_ == "as" and any(c.lower_ == "such" for c in prep.children))):
                found += [o for o in prep.children if o.dep_ == "pobj"]
    return found


def _part_referred_to(r: Reading, pronoun: Token) -> Component | None:
    """The parts a plural pronoun stands for: the last ones named before it, in its own
    sentence or the one before."""
    sent = pronoun.sent
    start = sent.start
    if start > 0:
        start = r.doc[start - 1].sent.start
    before = [c for c in r.components if start <= c.start and c.end <= pronoun.i]
    return before[-1] if before else None


def _makers_of(r: Reading, noun: Token) -> list[int]:
    """The company a named product is by: its brand, or the company whose name starts it
    ("the Castell Motors L7 sedan")."""
    found: list[int] = []
    for cid in r.entities(noun, "product", deep=False):
        maker = r.ents.clusters[cid].brand
        if maker is None:
            maker = r.company_named_first(r.ents.clusters[cid].name)
        if maker is None:
            maker = _maker_of_longer_name(r, cid)  # "the Nimbus 7" of "the Paginar Nimbus 7"
        if maker is not None:
            found.append(maker)
    if possessor_companies(r, noun):
        return found  # "Merrow's Solace sedan": "Solace" is Merrow's line, Merrow the buyer
    for t in noun.subtree:
        if (t.dep_ == "compound" and t.head.i == noun.i) or t.head.dep_ == "compound":
            cid = r.company_at(t)
            if cid is not None and cid not in found:
                found.append(cid)
    return found


def _maker_of_longer_name(r: Reading, cid: int) -> int | None:
    """The maker of the product whose longer name ends in this one's ("Paginar Nimbus 7" for
    "Nimbus 7"), when there is one such maker."""
    short = r.ents.clusters[cid].name.lower()
    makers = set()
    for other, cluster in enumerate(r.ents.clusters):
        if other == cid or cluster.type != "product" or not cluster.spans:
            continue
        if any(n.lower() != short and n.lower().endswith(" " + short) for n in cluster.names):
            maker = cluster.brand if cluster.brand is not None else r.company_named_first(cluster.name)
            if maker is not None:
                makers.add(maker)
    return makers.pop() if len(makers) == 1 else None


QUANTIFIERS = {"most", "all", "some", "part", "many", "much", "half", "each", "several"}


# How a part is put into a product ("the catheters packaged in Y's kits"), besides using it
PLACING_VERBS = {"install", "put", "build", "package", "pack", "fit", "mount", "integrate",
                 "incorporate", "embed", "place", "assemble", "find"}


def _placed_into(r: Reading, sent: Span, verb: Token) -> Iterator[Draft]:
    """ "Metal detectors from X are integrated into Y's cereal lines", "cells from X are
    used in Y's scooters": the maker of the parts supplies the owner of the product."""
    if negated(verb, r.lex):
        return
    for subj in children(verb, "nsubjpass"):
        comp = r.component_in(subj)
        if comp is None:
            continue
        suppliers = [c for part in (subj, *subj.conjuncts) for o in prep_objects(part, "from")
                     for c in r.entities(o)]
        customers = [c for o in prep_objects(verb, "into", "in", "inside", "to", "on")
                     for c in possessor_companies(r, o) if c not in suppliers]
        for supplier in dict.fromkeys(suppliers):
            for customer in dict.fromkeys(customers):
                yield supply_draft(r, sent, verb, supplier, customer, comp.name, comp.quantity)


def destinations(r: Reading, verb: Token) -> list[Token]:
    """What a supplied part goes into: "cells for Y's EV", "packs used in Y's Vega", "the
    cells fitted in Y's buses", "for most of Y's line-up", "as well as for Z's L7"."""
    objs = children(verb, "dobj")
    fors = [p for p in verb.children if p.dep_ == "prep" and p.lower_ == "for"]
    fors += [c for p in fors for c in p.conjuncts if c.lower_ == "for"]
    found = [o for p in fors for o in p.children if o.dep_ == "pobj"]
    # "cells and modules for Y": the "for" on the last of the objects is all of theirs
    found += [o for d in objs for x in (d, *d.conjuncts) for o in prep_objects(x, "for")]
    # "for most of Y's line-up": the phrase after the quantifier
    found += [o for q in found if q.lower_ in QUANTIFIERS for o in prep_objects(q, "of")]
    found += [o for d in objs for a in children(d, "acl")
              if a.lemma_.lower() in r.lex["use_verbs"] | PLACING_VERBS
              for o in prep_objects(a, "in", "inside", "into")]
    return found


def possessor_companies(r: Reading, noun: Token) -> list[int]:
    """The companies that own a thing named ("Y's cars": Y)."""
    return [c for p in children(noun, "poss") for c in r.entities(p)]


def deal_of(verb: Token, lex: Lexicon) -> Token | None:
    """The contract a supply verb states the terms of: "a contract to supply", "signed a
    deal with Y to provide"."""
    if verb.dep_ in ("acl", "relcl") and verb.head.lemma_.lower() in lex["deal_nouns"]:
        return verb.head
    if verb.dep_ in ("advcl", "xcomp"):
        deals = [o for o in children(verb.head, "dobj") if o.lemma_.lower() in lex["deal_nouns"]]
        return deals[0] if deals else None
    return None


WITH_WORDS = ("with", "featuring", "containing", "using")
IN_WORDS = ("in", "inside", "for", "into", "within")


def _parts_in_products(r: Reading, sent: Span) -> Iterator[Draft]:
    """ "batteries with Sony cells in Acer notebook computers", "Acer notebooks with Sony
    batteries": a company named on a part, inside a product another company names."""
    for tok in sent:
        if tok.pos_ not in ("NOUN", "PROPN") or (tok.lemma_.lower() not in r.lex["component_heads"]
                                                 and tok.lower_ not in r.lex["component_heads"]):
            continue
        makers = _brands_on(r, tok)
        if not makers:
            continue
        for container in _containers(tok):
            if r.company_at(container) is not None and container.dep_ in ("dobj", "nsubj", "nsubjpass"):
                continue  # "replaced X with Z": the company X is no product with parts
            brands = [b for b in _brands_on(r, container) if b not in makers]
            if brands:
                comp = r.component_in(tok)
                for m in makers:
                    for b in brands:
                        yield supply_draft(r, sent, tok, m, b, comp.name if comp else tok.text, None,
                                           status="active")
                break


def _containers(part: Token, depth: int = 3) -> list[Token]:
    """Nouns a part sits in, nearest first: "<container> with <part>", "<part> in
    <container>", following either link from anything already reached."""
    seen = {part.i}
    frontier = [part]
    out: list[Token] = []
    for _ in range(depth):
        nxt: list[Token] = []
        for node in frontier:
            ups = [node.head.head] if node.dep_ == "pobj" and node.head.lower_ in WITH_WORDS else []
            for cand in ups + prep_objects(node, *IN_WORDS):
                if cand.i not in seen:
                    seen.add(cand.i)
                    nxt.append(cand)
        out += nxt
        frontier = nxt
    return out


def _brands_on(r: Reading, noun: Token) -> list[int]:
    """Companies written on a noun ("Sony cells", "Acer's notebooks"), or the noun itself
    when it is a company's name ("Toshiba and Dell notebooks with Sony batteries")."""
    found: list[int] = []
    for node in (noun, *noun.conjuncts):
        cid = r.cluster_at(node)
        if cid is not None and r.type_of(cid) == "company" and cid not in found:
            found.append(cid)
        if node is not noun:
            found += [c for c in _modifier_brands(r, node) if c not in found]
    return found + [c for c in _modifier_brands(r, noun) if c not in found]


def _modifier_brands(r: Reading, noun: Token) -> list[int]:
    found: list[int] = []
    for mod in noun.lefts:
        if mod.dep_ not in ("compound", "poss", "nmod"):
            continue
        for t in mod.subtree:
            cid = r.cluster_at(t)
            if cid is not None and r.type_of(cid) == "company" and cid not in found:
                found.append(cid)
    return found


# Where a maker makes things: "made at X's fabs", "assembled in X's plant"
SITE_NOUNS = {"fab", "plant", "factory", "facility", "foundry", "line", "site", "works", "mill"}


def _passive(tok: Token) -> bool:
    # (a second verb shares the first's "are": "are moulded and finished by X")
    return any(c.dep_ == "auxpass" for c in tok.children) or (
        tok.dep_ == "conj" and tok.tag_ == "VBN" and any(c.dep_ == "agent" for c in tok.children)
        and any(c.dep_ == "auxpass" for c in tok.head.children))


def made_by_another(tok: Token) -> bool:
    """A verb whose doer follows "by", if named at all: "was made by X", "cells supplied by
    X", "the batteries, made by X"."""
    return _passive(tok) or (tok.dep_ in ("acl", "relcl") and tok.tag_ == "VBN" and not any(
        c.dep_ in ("nsubj", "aux") for c in tok.children))  # (not "X, which has supplied Y")


def _supplied_by(r: Reading, sent: Span, tok: Token, any_part: bool = False) -> Iterator[Draft]:
    """ "cells supplied by X", "the batteries, which were made by X": the part's maker
    supplies the companies the sentence is about (or the one it names with "to").

    With a making verb the thing made must be a known kind of part (else "vehicles made
    by Audi" would make Audi a supplier); "supplied by" says it whatever the noun."""
    makers = [c for o in prep_objects(tok, "by") for c in r.entities(o)]
    if not makers:  # "made under contract by X", "assembled for Y by X": the agent hangs
        # on the phrase between
        makers = [c for o in prep_objects(tok, "under", "for", "to") for b in prep_objects(o, "by")
                  for c in r.entities(b)]
    if not makers and tok.dep_ == "acl" and tok.head.dep_ == "dobj" \
            and tok.head.head.lemma_.lower() in ("have", "get"):
        # "Y has the chips manufactured at X's fabs": the site's owner makes them for Y
        makers = [c for o in prep_objects(tok, "at", "in") if o.lemma_.lower() in SITE_NOUNS
                  for c in possessor_companies(r, o)]
        comp = r.component_in(tok.head)
        for m in makers:
            for c in r.subject_companies(tok.head.head):
                if c != m:
                    yield supply_draft(r, sent, tok, m, c, comp.name if comp else None, None)
        return
    if not makers:
        return
    part = tok.head if tok.dep_ in ("acl", "relcl") else None
    if part is None:
        subjects = clause_subject_tokens(tok)
        part = subjects[0] if subjects else None
    comp = r.component_in(part) if part is not None else None
    part_name = comp.name if comp else (
        " ".join(t.text for t in part.lefts if t.dep_ in ("compound", "amod") and t.is_lower
                 and t.lower_ not in r.lex["defect_words"]) + " " + part.text
    ).strip() if any_part and part is not None and part.pos_ == "NOUN" else None
    # "supplied to Y by X", "assembled for Y by X"
    customers = [c for o in prep_objects(tok, "to", "for") for c in r.entities(o)]
    confidence = None
    owners = [c for c in possessor_companies(r, part) if c not in makers] \
        if part is not None and part.pos_ in ("NOUN", "PROPN") else []
    if not customers and owners and (tok.lemma_.lower() in r.lex["make_verbs"]
                                     or tok.lemma_.lower() in r.lex["component_make_verbs"]):
        # "its wooden range, which is made under contract by X", "Our Bramble Bear line is
        # produced by X": a maker working for the owner supplies it
        customers = owners
    if not customers and part is not None and part.dep_ == "dobj" \
            and part.head.lemma_.lower() in r.lex["use_verbs"] and part.head.dep_ == "advcl":
        # "packs assembled by Y using cells made by X": who uses the part is who the
        # using clause hangs on, named as that verb's agent
        customers = [c for o in prep_objects(part.head.head, "by") for c in r.entities(o)
                     if c not in makers]
    if not customers:
        if part_name is None:
            return
        # the company the sentence is about (its main clause's subject: "Y recalled Vega
        # scooters, citing packs supplied by X", "The automaker said the batteries, made by
        # X, ..."), else every company it names
        finders = _finders(r, sent)
        customers = [c for c in r.subject_companies(sent.root)
                     if c not in makers and c not in finders and not r.is_regulator(c)]
        if not customers:  # not a company named as an agent or a source ("commissioned
            # by Y from Z", "assembled by Y using cells made by Z") nor one replaced ("Z,
            # which replaced W": a supplier before Z); any of a name's words can say so
            named = [(t, cid) for t in sent if (cid := r.company_at(t)) is not None]
            not_buyers = {cid for t, cid in named if _agent_or_source(t) or _replaced(t)}
            customers = [cid for t, cid in named
                         if cid not in makers and cid not in finders and cid not in not_buyers
                         and not r.is_regulator(cid)]
        possessed = r.possessing_products(sent)
        if not customers and len(possessed) == 1:
            # "The Tote Runner's drive units rely on servo motors supplied by X": the
            # product's maker, whoever the document says it is (assemble fills it in)
            for m in makers:
                d = supply_draft(r, sent, tok, m, None, part_name, None, possessed[0])
                d.confidence = min(d.confidence, 0.6)
                yield d
            return
        if not customers and finders:
            # a teardown's finding: the parts are in the product of the company the
            # document is about, not the analyst's
            buyer = r.topic(besides=frozenset(finders) | frozenset(makers))
            customers = [buyer] if buyer is not None else []
        confidence = 0.6  # read from the sentence as a whole, not from its grammar
    for m in makers:
        for c in dict.fromkeys(customers):
            d = supply_draft(r, sent, tok, m, c, part_name, None)
            if confidence is not None:
                d.confidence = min(d.confidence, confidence)
            yield d


# What an analyst does to a product, and what its findings are written in: "Quillon found
# an Arqent processor", "according to Quillon's report" name the analyst, not the buyer.
FINDING_VERBS = {"find", "identify", "spot", "discover", "see", "estimate", "count", "confirm"}
FINDING_NOUNS = {"report", "teardown", "analysis", "findings", "engineer", "engineers", "estimate"}


def _finders(r: Reading, sent: Span) -> set[int]:
    found: set[int] = set()
    for t in sent:
        lemma = t.lemma_.lower()
        if t.pos_ == "VERB" and lemma in FINDING_VERBS:
            found.update(c for s in clause_subject_tokens(t) for c in r.entities(s))
        elif t.pos_ == "NOUN" and lemma in FINDING_NOUNS:
            found.update(possessor_companies(r, t))
    return found


def _agent_or_source(tok: Token) -> bool:
    """Is the name the object of "by" or "from" ("commissioned by Y from Z"), or of a place's
    preposition?"""
    head = tok
    while head.dep_ in ("compound", "flat", "appos", "conj") and head.head.i != head.i:
        head = head.head
    # (or of "in"/"at": "a contract maker in Neuwied", a place the model took for a company)
    return head.dep_ == "pobj" and head.head.lower_ in ("by", "from", "in", "at", "near")


REPLACE_VERBS = {"replace", "displace", "succeed", "oust", "supplant"}


def _replaced(tok: Token) -> bool:
    """Is the name the object of "replaced" ("which replaced Greaves after door faults")?"""
    head = tok
    while head.dep_ in ("compound", "flat", "appos", "conj") and head.head.i != head.i:
        head = head.head
    return head.dep_ == "dobj" and head.head.lemma_.lower() in REPLACE_VERBS


# what buying makes an owner of, not a customer (besides the lexicon's stake nouns)
EQUITY_NOUNS = {"share", "equity", "business", "asset", "division", "unit", "arm", "operation",
                "subsidiary", "percent", "%"}
# what says a sale was of the company itself: "Y sold to Z in a $420 million deal"
TAKEOVER_WORDS = {"deal", "transaction", "takeover", "buyout", "acquisition", "merger"}


def _equity_object(r: Reading, obj: Token) -> bool:
    """Is what is bought or sold a stake or a business ("its valve business", "100% of Y")?"""
    return obj.lemma_.lower() in r.lex["stake_nouns"] | EQUITY_NOUNS


def _itself_sold(verb: Token) -> bool:
    """ "Andina Fibra sold to Puerto Capital in a $420 million deal": sold in the past, with
    nothing sold named, in a deal or for money: the subject changed hands."""
    if verb.tag_ != "VBD" or children(verb, "dobj") or not prep_objects(verb, "to"):
        return False
    return any(t.lemma_.lower() in TAKEOVER_WORDS or t.ent_type_ == "MONEY"
               for p in verb.children if p.dep_ == "prep" and p.lower_ != "to" for t in p.subtree)


def _purchase_verb(r: Reading, sent: Span, tok: Token) -> Iterator[Draft]:
    """ "Y planned to purchase 45 million batteries from X"."""
    if negated(tok, r.lex):
        return
    objs = children(tok, "dobj")
    if objs and r.entities(objs[0]) and (r.cluster_at(objs[0]) is not None
                                         or objs[0].lemma_.lower() in r.lex["company_nouns"]):
        return  # buying a company ("bought the company from its founders") is an acquisition
    if objs and _equity_object(r, objs[0]):
        return  # "bought the other shares from the founding family and from X", "bought
        # 100% of Y from X": ownership
    customers = r.subject_companies(tok)
    if not customers and tok.dep_ == "conj" and tok.head.dep_ in ("advcl", "conj"):
        # "Y stopped using X's switches, after checks flagged returns, and now buys them
        # from Z", "buys" read as the checks' verb: the clause the first verb hangs on
        customers = r.subject_companies(tok.head.head)
    deal = deal_of(tok, r.lex)
    if not customers and deal is not None and deal.dep_ == "dobj":
        customers = r.subject_companies(deal.head)  # "Y signed a deal to buy cells from X"
    suppliers = [c for o in prep_objects(tok, "from") for c in r.entities(o)]
    for obj in objs:  # "buys cells from X", "gets most of its cells from X"
        suppliers += [c for t in obj.subtree if t.pos_ in ("NOUN", "PROPN", "ADJ", "PRON")
                      for o in prep_objects(t, "from") for c in r.entities(o) if c not in suppliers]
    for obj in objs:  # "buys Dunmore relay valves": the maker named on the part
        if r.component_in(obj) is not None:
            suppliers += [c for c in _modifier_brands(r, obj) if c not in suppliers]
    if not suppliers and objs:  # "buys heads for its printers from X": "from" hung on the
        # printers, in the verb's own clause
        suppliers = [c for t in tok.subtree if t.dep_ == "pobj" and t.head.lower_ == "from"
                     and nearest_verb(t) == tok for c in r.entities(t)]
    if suppliers:  # "buys print heads from A, motors from B, boards from C and inks from D":
        # a list the parser breaks up; every "from" under the verb names a seller
        suppliers += [c for t in tok.subtree if t.dep_ == "pobj" and t.head.lower_ == "from"
                      and not any(a.dep_ == "relcl" for a in t.ancestors if a.i > tok.i
                                  and tok in a.ancestors)
                      for c in r.entities(t) if c not in suppliers]
    comp = r.component_in(objs[0]) if objs else None
    if comp is None and objs and objs[0].lower_ in PLURAL_REFERENCES:
        comp = _part_referred_to(r, objs[0])  # "X makes cells. Y buys them from X."
    if not suppliers and objs and tok.lemma_.lower() in r.lex["purchase_verbs"]:
        # "Y ordered 40 Havbris 220 engines": bought from the product's maker
        for product in r.entities(objs[0], "product"):
            for c in customers:
                yield from_the_maker_draft(r, sent, tok, c, product, comp.name if comp else None,
                                           comp.quantity if comp else None)
    if comp is None and tok.lemma_.lower() in r.lex["obtain_verbs"]:
        return  # "got approval from X" is no supply: "get" only with a part
    for s in suppliers:
        for c in customers:
            if c != s:
                yield supply_draft(r, sent, tok, s, c, comp.name if comp else None,
                                   comp.quantity if comp else None)


# Verbs that say where a thing is from: "its cells now come from X"
ORIGIN_VERBS = {"come", "originate"}


def _comes_from(r: Reading, sent: Span, tok: Token) -> Iterator[Draft]:
    """ "Its cells now come from X", "the poles in Y's tents come from X": the owner of the
    thing is X's customer. (With no owner named, a teardown's rule may name the buyer.)"""
    suppliers = [c for o in prep_objects(tok, "from") for c in r.entities(o)]
    if not suppliers or negated(tok, r.lex):
        return
    for noun in clause_subject_tokens(tok):
        comp = r.component_in(noun)
        kind = r.cluster_at(noun)
        if noun.pos_ not in ("NOUN", "PROPN") or not (comp is not None or (
                kind is not None and r.type_of(kind) in ("component", "product"))
                or noun.lemma_.lower() in r.lex["product_heads"]):
            continue  # a part or product: not "its chief executive came from X"
        owners = possessor_companies(r, noun) or [
            c for o in prep_objects(noun, "in", "of", "for")
            for c in possessor_companies(r, o) or r.entities(o)]
        for supplier in suppliers:
            for owner in owners:
                if owner != supplier:
                    yield supply_draft(r, sent, tok, supplier, owner, comp.name if comp else None, None)


def _use_verb(r: Reading, sent: Span, tok: Token) -> Iterator[Draft]:
    """ "The A1681 used Apex batteries", "Y stopped using X's battery for the Note 7"."""
    subjects = clause_subject_tokens(tok)
    products = [c for s in subjects for c in r.entities(s, "product")]
    users = [c for s in subjects for c in r.entities(s)]
    objs = children(tok, "dobj") or prep_objects(tok, "with")  # "are equipped with X parts"
    if not objs or any(c.dep_ == "det" and c.lower_ == "no" for c in objs[0].children):
        return  # ("our units contain no Tavira parts": none)
    suppliers: list[int] = []
    for t in objs[0].subtree:
        cid = r.cluster_at(t)
        # (not Y of "parts made by X, a unit of Y": the owner describes the maker)
        if cid is not None and r.type_of(cid) == "company" and cid not in suppliers \
                and not r.in_an_appositive(t):
            suppliers.append(cid)
    suppliers += [c for o in prep_objects(objs[0], "from", "by") for c in r.entities(o)
                  if c not in suppliers]
    # "uses seat belts from X" with "from" hung on the verb (not "is used by X": the user)
    suppliers += [c for o in prep_objects(tok, "from") for c in r.entities(o) if c not in suppliers]
    comp = r.component_in(objs[0])
    if not suppliers and not products and not negated(tok, r.lex):
        # "Y fits the Havbris 150 to its boats": the named product's maker supplies Y
        for bought in r.entities(objs[0], "product"):
            for u in users:
                yield from_the_maker_draft(r, sent, tok, u, bought, None, None)
    if not users and not products and subjects and subjects[0].lemma_.lower() in (
            r.lex["product_heads"]) and any(c.lower_ in ("these", "the", "those", "its", "their")
                                             for c in subjects[0].children):
        users = r.previous_subjects(sent)  # "Nissan is recalling ... These vehicles are equipped"
    if comp is None and not suppliers:
        return
    products += [c for o in prep_objects(tok, "for") + prep_objects(objs[0], "for")
                 for c in r.entities(o, "product")]
    status = "ended" if negated(tok, r.lex) or any(
        a.lemma_.lower() in r.lex["ended_words"] for a in list(tok.ancestors)[:2]) else None
    if status is None and negated(tok, r.lex):
        return
    # "its Vega scooters use cells from X", "Y's scooters use X cells": Y is the customer
    owners = [c for t in subjects for c in possessor_companies(r, t)]
    if owners and not products:
        users = owners  # the possessor, not a model name in front of the noun ("its Vega scooters")
    for s in suppliers:
        for p in products:
            brand = r.ents.clusters[p].brand
            if brand is None and len(owners) == 1:
                brand = owners[0]
            yield supply_draft(r, sent, tok, s, brand if brand is not None and brand != s else None,
                               comp.name if comp else None, None, p, status)
        if not products:
            for u in users:
                if u != s:
                    yield supply_draft(r, sent, tok, s, u, comp.name if comp else None, None,
                                       None, status)


def _made_for(r: Reading, sent: Span, tok: Token) -> Iterator[Draft]:
    """ "X manufactured the batteries for the Note7"; "airbags manufactured by X"."""
    if negated(tok, r.lex):
        return
    objs = children(tok, "dobj")
    comp = r.component_in(objs[0]) if objs else None
    if made_by_another(tok):
        yield from _supplied_by(r, sent, tok)
        return
    if comp is None and objs and objs[0].is_lower and objs[0].pos_ == "NOUN" \
            and r.products_possessing(objs[0]):
        # "built the Starling 90's wing skins": a part of a product, whatever it is called
        part = [t for t in objs[0].lefts if t.dep_ == "compound" and t.is_lower] + [objs[0]]
        comp = Component(part[0].i, objs[0].i + 1, " ".join(t.text for t in part), None)
    if comp is None:
        return  # a product, not a part: see rules_contract
    makers = r.subject_companies(tok)
    if not destinations(r, tok):
        # "X, which has made all of Y's radar chips since 2019", "X makes Y's displays": the
        # possessor of the parts buys them
        owners = [c for o in objs for n in (o, *[q for q in prep_objects(o, "of")
                                                   if o.lower_ in QUANTIFIERS])
                  for c in possessor_companies(r, n)]
        for m in makers:
            for c in dict.fromkeys(owners):
                if c != m:
                    yield supply_draft(r, sent, tok, m, c, comp.name, comp.quantity)
        if not owners:
            # "X, the supplier that built the Starling 90's wing skins": the parts of a
            # product, which its maker buys
            for m in makers:
                for p in dict.fromkeys(c for o in objs for c in r.products_possessing(o)):
                    yield supply_draft(r, sent, tok, m, r.ents.clusters[p].brand, comp.name,
                                       comp.quantity, p)
    for target in destinations(r, tok):
        products = r.entities(target, "product")
        # "X makes the displays for Y's cars": Y buys them
        customers = r.entities(target) or possessor_companies(r, target)
        for m in makers:
            for p in products:
                yield supply_draft(r, sent, tok, m, r.ents.clusters[p].brand, comp.name,
                                   comp.quantity, p)
            for c in customers:
                if c != m:
                    yield supply_draft(r, sent, tok, m, c, comp.name, comp.quantity)


def _ended(r: Reading, sent: Span, tok: Token) -> Iterator[Draft]:
    """ "Y ceased doing business with X": a supply relation that ended. "Y cut its orders
    from X" only shrinks one that goes on: X still supplies Y."""
    words = {w for t in tok.subtree for w in (t.lemma_.lower(), t.lower_)}  # "ties": lemma "tie"
    objects = words & r.lex["ended_objects"]
    if not objects:
        yield from _dropped_supplier(r, sent, tok)
        return
    lemma = tok.lemma_.lower()
    reduced = lemma in r.lex["reduction_verbs"] and objects <= r.lex["volume_objects"]
    if not reduced and lemma not in r.lex["ended_words"]:
        return  # "Y reduced its ties with X" is no statement of either
    customers = r.subject_companies(tok)
    suppliers: list[int] = []
    for t in tok.subtree:
        if t.dep_ == "pobj" and t.head.lower_ in ("with", "from") and not any(
                a.pos_ == "VERB" and a.dep_ == "conj" for a in t.ancestors if tok in a.ancestors):
            suppliers += r.entities(t)  # (not Y of "stopped buying from X and now buys from Y",
            # "ended its contract with X and signed with Y": a verb of its own)
    for s in suppliers:
        for c in customers:
            if c != s:
                d = supply_draft(r, sent, tok, s, c, None, None,
                                 status="active" if reduced else "ended")
                d.confidence = min(d.confidence, 0.6 if reduced else 0.75)
                yield d


DROP_VERBS = {"drop", "ditch", "dump", "abandon"}


def _dropped_supplier(r: Reading, sent: Span, tok: Token) -> Iterator[Draft]:
    """ "Y has dropped X, whose DM-310 chip powered the Arc Buds 2", "Y ditched X, its
    long-time modem supplier": a company dropped that the sentence says supplied parts."""
    if tok.lemma_.lower() not in DROP_VERBS or negated(tok, r.lex):
        return
    for obj in children(tok, "dobj"):
        supplier = r.company_at(obj)
        if supplier is None:
            continue
        described = [t for t in obj.subtree if t.i > obj.i]  # its relative or appositive
        part = next((c for t in described if (c := r.component_in(t)) is not None), None)
        if part is None and not any(t.lemma_.lower() in r.lex["supplier_nouns"] for t in described):
            continue
        for customer in r.subject_companies(tok):
            if customer != supplier:
                d = supply_draft(r, sent, tok, supplier, customer, part.name if part else None,
                                 None, status="ended")
                d.confidence = min(d.confidence, 0.75)
                yield d
