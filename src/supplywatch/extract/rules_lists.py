"""Supply stated through a buyer's supplier list: "Apple added Y to its supplier list",
"Y is on the Apple supplier list", "Y and Z were added (on the list)", "manufacturers on
the list included Y", "X dropped Y from its supplier list" (ended). Every company on X's
supplier list supplies X.

The list is named once with its owner ("its supplier list", "the Apple supplier list");
later sentences say "the list", which is the last supplier list named before them."""

from __future__ import annotations

from collections.abc import Iterator

from spacy.tokens import Span, Token

from supplywatch.extract.drafts import Draft, children, clause_subject_tokens, negated, prep_objects
from supplywatch.extract.reading import Reading
from supplywatch.extract.rules_supply import left_modifier_companies, possessor_companies, supply_draft

LIST_NOUNS = {"list", "roster"}
# verbs that put a company on the list (object or passive subject), or take it off
ADD_VERBS = {"add", "include", "put", "place", "name", "keep", "admit", "approve"}
REMOVE_VERBS = {"remove", "drop", "delete", "cut", "strike", "exclude", "kick"}
# "Y is / remains / appears / stays on the list"
BEING_VERBS = {"be", "remain", "appear", "stay", "feature", "sit"}


def list_drafts(r: Reading) -> Iterator[Draft]:
    owner: list[int] = []
    for sent in r.doc.sents:
        for tok in sent:
            if tok.pos_ != "NOUN" or tok.lemma_.lower() not in LIST_NOUNS:
                continue
            named = _owner_of_supplier_list(r, tok)
            if named:
                owner = named
            elif not (owner and _bare_reference(tok)):
                continue  # a list of something else, or no supplier list named before
            yield from _members(r, sent, tok, owner)


def _bare_reference(noun: Token) -> bool:
    """ "the list", with nothing that makes it another list ("the Entity List", "the list
    of the best employers")."""
    return any(c.lower_ in ("the", "this", "that") for c in noun.children) and not any(
        c.dep_ in ("compound", "amod", "nmod", "poss") for c in noun.lefts) and not prep_objects(
        noun, "of")


def _owner_of_supplier_list(r: Reading, noun: Token) -> list[int]:
    """X for "X's supplier list", "its supplier list" (X the clause's subject), "the X
    supplier list"; [] when the list is not a list of suppliers."""
    mods = [c for c in noun.lefts if c.dep_ in ("compound", "amod", "nmod")]
    if not any(m.lemma_.lower() in r.lex["supplier_nouns"] or m.lower_ in r.lex["supplier_nouns"]
               for m in mods):
        return []
    return [c for c in left_modifier_companies(r, noun) if not r.is_regulator(c)]


def _members(r: Reading, sent: Span, noun: Token, owner: list[int]) -> Iterator[Draft]:
    """The companies a sentence puts on (or takes off) the list."""
    members: list[int] = []
    verb: Token | None = None
    ended = False
    if noun.dep_ == "pobj" and noun.head.lower_ in ("on", "to", "from", "onto", "off"):
        host = noun.head.head
        if host.pos_ in ("VERB", "AUX"):
            verb = host
            lemma = verb.lemma_.lower()
            ended = lemma in REMOVE_VERBS or noun.head.lower_ in ("from", "off")
            passive = any(c.dep_ in ("auxpass", "nsubjpass") for c in verb.children)
            if lemma in ADD_VERBS | REMOVE_VERBS and not passive:
                members = [c for o in children(verb, "dobj") for c in _named(r, o)]
            elif lemma in ADD_VERBS | REMOVE_VERBS | BEING_VERBS:
                # "were added (to the list)", "remained on the list", "are on the list"
                members = [c for s in clause_subject_tokens(verb) for c in _named(r, s)]
        elif host.pos_ in ("NOUN", "PROPN") and host.dep_ in ("nsubj", "nsubjpass"):
            # "Other manufacturers on the list included Y and Z"
            verb = host.head
            if verb.lemma_.lower() in {"include", "be", "comprise"}:
                members = [c for o in children(verb, "dobj", "attr") for c in _named(r, o)]
    elif noun.dep_ in ("nsubj", "nsubjpass") and noun.head.lemma_.lower() in {"include", "comprise"}:
        verb = noun.head  # "The list includes Y"
        members = [c for o in children(verb, "dobj") for c in _named(r, o)]
    if verb is None or negated(verb, r.lex):
        return
    for member in dict.fromkeys(members):
        for buyer in owner:
            if member != buyer and not r.is_regulator(member):
                yield supply_draft(r, sent, verb, member, buyer, None, None,
                                   status="ended" if ended else "active")


def _named(r: Reading, tok: Token) -> list[int]:
    """Companies a phrase names: itself, its possessor ("ASE's production sites"), and
    the examples it gives ("many others, such as Y and Z")."""
    found = r.entities(tok)
    found += possessor_companies(r, tok)
    for prep in tok.children:
        if prep.dep_ == "prep" and prep.lower_ in ("as", "including", "like"):
            found += [c for o in children(prep, "pobj") for c in r.entities(o)]
    for amod in children(tok, "amod"):  # "others, such as Y": spaCy hangs "such" on the noun
        for prep in amod.children:
            if prep.lower_ == "as":
                found += [c for o in children(prep, "pobj") for c in r.entities(o)]
    return list(dict.fromkeys(found))

