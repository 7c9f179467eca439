"""Claims a company denies elsewhere in the story. "The report ... said Yunxi would provide
cells for the Zephyra Nova 13" is a reported claim, kept at a hedged confidence; when the
same story says "Yunxi denied the report" (here or in its headline), the claim is no fact.
Only hedged drafts are dropped: a plain statement the writer makes stands."""

from __future__ import annotations

from spacy.tokens import Doc, Token

from supplywatch.extract.drafts import (
    BASE_CONFIDENCE,
    CALL_OFF,
    CANCEL_VERBS,
    CLAIM_NOUNS,
    DENIAL_VERBS,
    Draft,
    children,
    prep_objects,
)
from supplywatch.extract.reading import Reading

DENIABLE = {"supplies": ("supplier", "customer"), "owns": ("parent", "child")}
CLAIM_PRONOUNS = {"that", "this", "it"}


def denying_companies(r: Reading, doc: Doc) -> dict[int, set[int]]:
    """Companies that deny a report or claim ("Yunxi denied a report that ...", "X
    dismissed the rumours"), each with the other companies the denied report names: "denied
    a report that it would supply Hallam" denies a trade with Hallam, not every trade the
    story tells of it. An empty set: the denial names no one, and covers every claim."""
    found: dict[int, set[int]] = {}
    for tok in doc:
        if tok.pos_ != "VERB" or tok.lemma_.lower() not in DENIAL_VERBS - {"doubt"}:
            continue
        claims = [o for o in children(tok, "dobj")
                  if o.lemma_.lower() in CLAIM_NOUNS or o.lower_ in CLAIM_PRONOUNS]
        if not claims:
            continue
        deniers = set(r.subject_companies(tok))  # ("Kanchan denied that")
        named = {c for claim in claims for t in claim.subtree
                 if (c := r.company_at(t)) is not None} - deniers
        if not named and all(o.lower_ in CLAIM_PRONOUNS for o in claims):
            # "Forum posters claimed the sensor comes from X. Ridgeway denied it, saying it
            # buys no parts from X": what "it" stands for names X, here or a sentence before
            named = _named_around(r, tok) - deniers
        for company in deniers:
            if company in found and not found[company]:
                continue  # already denied without names: every claim
            found[company] = found.get(company, set()) | named if named else set()
    return found


def _named_around(r: Reading, tok: Token) -> set[int]:
    """The companies named in a token's sentence and in the one before it."""
    sent = tok.sent
    before = r.doc[sent.start - 1].sent if sent.start > 0 else None
    return {c for s in (before, sent) if s is not None for t in s
            if (c := r.company_at(t)) is not None}


def contradicted_suppliers(r: Reading, doc: Doc) -> set[int]:
    """Companies the story says supply nothing: "Sonnaro told us it had never sourced from
    Tavira", "Veltrix told us it has never supplied Sunvera", "Mingtai does not make docks
    for Halcyra", "we found no Tavira parts"."""
    lex = r.lex
    trade = lex["supply_verbs"] | lex["purchase_verbs"] | lex["component_make_verbs"] | lex["use_verbs"]
    found: set[int] = set()
    for tok in doc:
        if tok.pos_ == "VERB" and tok.lemma_.lower() in trade and _denies_any_trade(tok):
            if tok.lemma_.lower() in lex["purchase_verbs"] | lex["use_verbs"]:
                found.update(c for t in tok.subtree if t.dep_ == "pobj" and t.head.lower_ == "from"
                             for c in r.entities(t))  # "never sourced from X": X
            else:
                found.update(r.subject_companies(tok))  # "X has never supplied Y": X
        elif tok.pos_ == "NOUN" and tok.lemma_.lower() in lex["component_heads"] and any(
                c.dep_ == "det" and c.lower_ == "no" for c in tok.children):
            found.update(c for t in tok.lefts if (c := r.company_at(t)) is not None)
    return found


TAKEOVER_VERBS = {"buy", "acquire", "purchase", "take"}


def called_off_takeovers(r: Reading, doc: Doc) -> set[tuple[int, int]]:
    """(buyer, target) of takeovers the story says did not happen: "X has abandoned its
    planned acquisition of Y", "X called off its bid for Y", "X walked away from a deal
    to buy Y". Another sentence's "X agreed to buy Y in February" is then no ownership."""
    found: set[tuple[int, int]] = set()
    for tok in doc:
        lemma = tok.lemma_.lower()
        if tok.pos_ != "VERB" or not (lemma in CANCEL_VERBS or any(
                (lemma, c.lower_) in CALL_OFF for c in tok.children if c.dep_ in ("prt", "advmod"))):
            continue
        buyers = set(r.subject_companies(tok))
        if not buyers:
            continue
        targets: set[int] = set()
        for t in tok.subtree:
            low = t.lemma_.lower()
            if low in r.lex["acquisition_nouns"] or low in ("bid", "offer", "deal", "merger"):
                targets.update(c for o in prep_objects(t, "of", "for", "with") for c in r.entities(o))
            elif t.pos_ == "VERB" and low in TAKEOVER_VERBS:
                targets.update(c for o in children(t, "dobj") for c in r.entities(o))
        found.update((b, c) for b in buyers for c in targets - buyers)
    return found


def without_denied_claims(r: Reading, doc: Doc, drafts: list[Draft]) -> list[Draft]:
    called_off = called_off_takeovers(r, doc)
    if called_off:
        drafts = [d for d in drafts if not (d.type == "owns" and any(
            (p, c) in called_off for p in d.roles["parent"] for c in d.roles["child"]))]
    denied = denying_companies(r, doc)
    contradicted = contradicted_suppliers(r, doc)
    if not denied and not contradicted:
        return drafts
    return [d for d in drafts if not (
        d.type in DENIABLE and d.confidence < BASE_CONFIDENCE and (
            _denied(d, denied)
            or (d.type == "supplies" and set(d.roles.get("supplier", [])) & contradicted)))]


def _denied(draft: Draft, denied: dict[int, set[int]]) -> bool:
    """Does a denial cover this claim: one of its companies denied a report that names no
    one, or that names the claim's other company?"""
    companies = {c for role in DENIABLE[draft.type] for c in draft.roles.get(role, [])}
    return any(not denied[c] or denied[c] & companies for c in companies if c in denied)


def _denies_any_trade(verb: Token) -> bool:
    """ "has never supplied", "does not make": no trade at all; not "has not bought cells
    from X since the recall" (a trade that ended)."""
    if any(c.lower_ == "never" for c in verb.children):
        return True
    return any(c.dep_ == "neg" for c in verb.children) and verb.tag_ in ("VB", "VBP", "VBZ") \
        and not any(t.lower_ in ("since", "longer", "anymore") for t in verb.subtree)
