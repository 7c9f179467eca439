"""Supply relations stated from the buyer's side: "Y is one of X's largest customers",
"X's clients include Y", "Y, a customer of X", "X counts Y among its customers": X
supplies Y. The lexicon's `customer_nouns` are the triggers."""

from __future__ import annotations

from collections.abc import Iterator

from spacy.tokens import Span, Token

from supplywatch.extract.drafts import Draft, children, negated, prep_objects
from supplywatch.extract.reading import Reading
from supplywatch.extract.rules_supply import supply_draft

# "one of X's customers", "some of its clients", "among X's buyers"
PART_WORDS = {"one", "some", "many", "several", "two", "three", "among"}
# "X's customers include / are / comprise Y"
LISTING_VERBS = {"include", "be", "comprise", "number"}


def customer_drafts(r: Reading, sent: Span) -> Iterator[Draft]:
    lex = r.lex
    for tok in sent:
        if tok.pos_ not in ("NOUN", "PROPN") or (
                tok.lower_ not in lex["customer_nouns"] and tok.lemma_.lower() not in lex["customer_nouns"]):
            continue
        yield from _customer_noun(r, sent, tok)


def _customer_noun(r: Reading, sent: Span, tok: Token) -> Iterator[Draft]:
    suppliers, component = _sellers(r, tok)
    customers, verb, counted = _buyers(r, tok)
    if counted and not suppliers:  # "X counts Y among its customers": X is the subject
        suppliers = r.subject_companies(verb)
    elif customers and not suppliers and _a_bare_list(tok, verb):
        # "Customers include Y and Z": the customers of the company the document is about
        topic = r.topic()
        suppliers = [topic] if topic is not None and topic not in customers else []
    if negated(tok, r.lex) or (verb is not None and negated(verb, r.lex)):
        return
    status = "ended" if "no longer" in sent.doc[sent.start:tok.i].text.lower() else None
    for supplier in dict.fromkeys(suppliers):
        for customer in dict.fromkeys(customers):
            if supplier == customer or r.is_regulator(supplier) or r.is_regulator(customer):
                continue
            yield supply_draft(r, sent, tok, supplier, customer, component, None, status=status)


def _sellers(r: Reading, tok: Token) -> tuple[list[int], str | None]:
    """Whose customers: "X's customers", "its clients", "customers of X", "X customer Y",
    "the biggest buyer of X's image sensors" (then the sensors are the part)."""
    found: list[int] = []
    component = None
    for poss in children(tok, "poss"):
        found += r.entities(poss)
    for obj in prep_objects(tok, "of"):
        named = r.entities(obj)
        if named:
            found += named
            continue
        for poss in children(obj, "poss"):
            owners = r.entities(poss)
            if owners:
                found += owners
                component = " ".join([*(t.text for t in obj.lefts if t.dep_ in ("compound", "amod")
                                        and t.is_lower), obj.text])
    before = sent_token(tok, -1)
    if before is not None and before.dep_ == "compound" and not found:
        cid = r.cluster_at(before)
        if cid is not None and r.type_of(cid) == "company":
            found.append(cid)  # "Quillon customer Halvorsen Motors"
    mods = [w for t in tok.lefts if t.dep_ == "compound" and t.is_lower and t.pos_ == "NOUN"
            and t.lemma_.lower() not in r.lex["company_nouns"]
            for w in t.subtree if w.is_lower]
    if mods and component is None:
        component = " ".join(w.text for w in mods)  # "its server technology customers"
    return found, component


def _buyers(r: Reading, tok: Token) -> tuple[list[int], Token | None, bool]:
    """Who the customers are, the verb that says so (for negation), and whether that
    verb's subject is the seller ("X counts Y among its customers")."""
    noun = tok
    if tok.dep_ == "pobj" and tok.head.lower_ in ("of", "among") and (
            tok.head.head.lower_ in PART_WORDS or tok.head.lower_ == "among"):
        # "one of X's customers" / "counts Y among its clients"
        noun = tok.head.head if tok.head.lower_ == "of" else tok.head
        if tok.head.lower_ == "among" and noun.head.pos_ in ("VERB", "AUX"):
            verb = noun.head
            counted = [c for o in children(verb, "dobj") for c in r.entities(o)]
            if counted:
                return counted, verb, True
            return r.subject_companies(verb), verb, False  # "Y is among X's customers"
    if tok.dep_ == "pobj" and tok.head.lower_ == "as" and tok.head.head.pos_ == "VERB":
        verb = tok.head.head  # "X counts Y as a customer"
        return [c for o in children(verb, "dobj") for c in r.entities(o)], verb, True
    found: list[int] = []
    verb = None
    if noun.dep_ == "appos":
        found += r.entities(noun.head)  # "Y, a major customer of X, said"
    elif noun.dep_ == "attr":
        verb = noun.head  # "Y is one of X's customers"
        found += r.subject_companies(verb)
    elif noun.dep_ in ("nsubj", "nsubjpass") and noun.head.lemma_.lower() in LISTING_VERBS:
        verb = noun.head  # "X's customers include Y and Z"
        found += [c for o in children(verb, "dobj", "attr") for c in r.entities(o)]
    found += [c for a in children(noun, "appos") for c in r.entities(a)]  # "X's customer, Y,"
    for prep in noun.children:  # "customers such as Y", "clients including Y"
        if prep.dep_ == "prep" and prep.lower_ in ("as", "including", "like"):
            found += [c for o in children(prep, "pobj") for c in r.entities(o)]
    after = sent_token(tok, 1)
    if after is not None and not found:
        cid = r.cluster_at(after)
        if cid is not None and r.type_of(cid) == "company":
            found.append(cid)  # "Quillon customer Halvorsen Motors"
    return found, verb, False


def _a_bare_list(tok: Token, verb: Token | None) -> bool:
    """ "Customers include Y", "Clients are Y and Z": customers listed with no word for
    whose (no possessor, article or "of X")."""
    return verb is not None and tok.dep_ == "nsubj" and verb.lemma_.lower() in LISTING_VERBS \
        and not any(c.dep_ in ("poss", "det", "prep", "compound", "amod") for c in tok.children)


def sent_token(tok: Token, step: int) -> Token | None:
    """The token `step` places away within the same sentence, if any."""
    i = tok.i + step
    sent = tok.sent
    return tok.doc[i] if sent.start <= i < sent.end else None
