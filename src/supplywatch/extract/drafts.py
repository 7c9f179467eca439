"""Facts as the rules first find them: entity ids from the document, not names yet."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from spacy.tokens import Span, Token

from supplywatch.extract.lexicon import Lexicon

BASE_CONFIDENCE = 0.85
HEDGED_CONFIDENCE = 0.6


@dataclass
class Draft:
    type: str
    roles: dict[str, list[int]]  # role -> cluster ids (lists for products/parties)
    sent: Span
    confidence: float = BASE_CONFIDENCE
    extra: dict[str, Any] = field(default_factory=dict)
    texts: dict[str, list[str]] = field(default_factory=dict)  # generic names ("power banks")


def hedged(sent: Span, lex: Lexicon) -> bool:
    """Is the sentence a reported claim rather than a plain statement?"""
    low = sent.text.lower()
    if any(p in low for p in lex.phrases["hedge_phrases"]):
        return True
    return any(t.lower_ in lex["hedge_words"] for t in sent if t.lower_ not in ("reports",)) \
        or any(t.lower_ in ("reports", "report") and t.dep_ in ("nsubj",) for t in sent) \
        or any(t.dep_ == "mark" and t.lower_ in ("if", "unless") for t in sent)  # conditional


DENIAL_VERBS = {"deny", "refute", "dismiss", "reject", "doubt", "dispute"}
# Verbs that deny the infinitive they govern: "failed to win a contract to supply",
# "refused to buy" (not "sales declined", where nothing hangs on them)
FAILED_VERBS = {"fail", "refuse", "decline",
                # ... or only try: "has also bid to supply packs to Y", "is vying to supply"
                "bid", "vie", "compete", "pitch", "lobby"}
FALSE_WORDS = {"false", "untrue", "unfounded", "baseless", "inaccurate", "wrong"}
# Links from a clause up to the one that reports, denies or asks about it ("denied reports
# that it supplies", "Rumors that X will buy Y were false"); not into a relative or
# adverbial clause, whose negation is about something else.
REPORTED_LINKS = {"ccomp", "xcomp", "acl", "dobj", "pobj", "prep", "pcomp", "nsubj", "attr"}
# What a company denies or a story reports: "denied a report that it ...", "the rumour that"
CLAIM_NOUNS = {"report", "claim", "rumor", "rumour", "story", "speculation", "suggestion",
               "allegation", "article"}


def negated(tok: Token, lex: Lexicon) -> bool:
    """The trigger, the verb above it, or a clause that reports it denies it or only asks:
    "not recalled", "would not confirm", "is not a supplier", "denied reports that it
    supplies", "declined to comment on whether it supplies", "Rumors that ... were false"."""
    # (a relative clause states its own fact: "X, in which Y holds a stake, will not ...")
    chain = [tok] if tok.dep_ == "relcl" else [tok, tok.head]
    while len(chain) < 6 and chain[-1].head.i != chain[-1].i and (
            chain[-1].dep_ in REPORTED_LINKS
            # "a report (in a local paper) that it had agreed to supply", the "that" read
            # as a relative pronoun: the report's content all the same
            or (chain[-1].dep_ == "relcl" and chain[-1].head.lemma_.lower() in CLAIM_NOUNS)):
        chain.append(chain[-1].head)
    for below, t in zip([None, *chain], chain, strict=False):
        if any(c.dep_ == "neg" for c in t.children) or t.lemma_.lower() in DENIAL_VERBS:
            return True
        if t.pos_ in ("NOUN", "PROPN") and any(c.dep_ == "det" and c.lower_ == "no" for c in t.children):
            return True  # "it has no supply agreement with Y", "has no plans to buy Y"
        if below is None and any(o.dep_ == "dobj" and any(
                c.dep_ == "det" and c.lower_ == "no" for c in o.children) for o in t.children):
            return True  # "it buys no parts from X", "X supplies no cells to Y"
        if t.lemma_.lower() in FAILED_VERBS and below is not None and below.dep_ == "xcomp" \
                and below.head.i == t.i:
            return True
        if any(c.dep_ == "mark" and c.lower_ in ("whether", "if") for c in t.children):
            return True
        if t.lemma_ == "be" and any(c.dep_ == "acomp" and c.lower_ in FALSE_WORDS for c in t.children):
            return True
    return False


def no_longer(tok: Token) -> bool:
    """ "no longer owns", "is no longer a subsidiary of": true once, not now. Supply has a
    status for that (ended); ownership has none, so the statement gives no fact."""
    for t in (tok, tok.head):
        for c in t.children:
            if (c.lower_ == "longer" and any(g.lower_ == "no" for g in c.children)) \
                    or c.lower_ in ("anymore", "formerly"):
                return True
    return False


def not_now(tok: Token, lex: Lexicon) -> bool:
    """Denied, or true once and no longer: what an ownership statement must not be."""
    return negated(tok, lex) or no_longer(tok)


CALL_OFF = {("call", "off"), ("walk", "away"), ("back", "out"), ("pull", "out")}
CANCEL_VERBS = {"cancel", "scrap", "abandon", "drop", "shelve", "kill", "block", "terminate", "abort",
                "withdraw", "prohibit", "veto", "halt", "reject"}


def called_off(tok: Token) -> bool:
    """An acquisition or a deal that did not happen: "called off its planned acquisition
    of X", "walked away from its deal to buy X", "scrapped its plan to buy X"."""
    t, hops = tok, 0
    while hops < 5 and t.head.i != t.i:
        t, hops = t.head, hops + 1
        lemma = t.lemma_.lower()
        if lemma in CANCEL_VERBS or any(
                (lemma, c.lower_) in CALL_OFF for c in t.children if c.dep_ in ("prt", "advmod")):
            return True
    return False


def confidence_for(sent: Span, lex: Lexicon, base: float = BASE_CONFIDENCE) -> float:
    return HEDGED_CONFIDENCE if hedged(sent, lex) else base


CLAUSE_EDGES = {"relcl", "appos", "advcl", "parataxis"}


def nearest_verb(tok: Token) -> Token | None:
    """The verb (or auxiliary) a word's phrase hangs on."""
    return next((a for a in tok.ancestors if a.pos_ in ("VERB", "AUX")), None)


def own_statement(verb: Token) -> bool:
    """A verb joined to another that says its own when: "stopped buying from X and now
    sources them from Y" (Y's supply is current, whatever X's is)."""
    return verb.dep_ == "conj" and verb.pos_ == "VERB" and any(
        c.dep_ in ("aux", "advmod") and c.i < verb.i for c in verb.children)


def status_of(tok: Token, lex: Lexicon) -> str:
    """active / planned / ended for a supply relation stated around this trigger."""
    chain = [tok]
    # up to the verb that governs the statement, not into another clause: in "X, which
    # supplies Y, will deliver ..." and "Y, one of X's customers, cut its forecast" the
    # main verb says nothing about the supply
    while len(chain) < 5 and chain[-1].dep_ not in CLAUSE_EDGES and chain[-1].head.i != chain[-1].i \
            and not own_statement(chain[-1]):
        chain.append(chain[-1].head)
    words: set[str] = set()
    for t in chain:
        if t.lemma_.lower() in ("begin", "start") and t.tag_ in ("VBD", "VBN"):
            continue  # "began delivering", "has started supplying": under way, not planned
        words.add(t.lower_)
        words.add(t.lemma_.lower())
        for c in t.children:
            if c.dep_ in ("aux", "neg", "advmod", "amod", "compound") or c.lemma_.lower() in (
                "deal", "agreement", "contract", "order"
            ):
                words.add(c.lower_)
                words.add(c.lemma_.lower())
                if c.lower_ == "longer":  # "no longer": "no" hangs on "longer"
                    words.update(g.lower_ for g in c.children)
    ended = lex["ended_words"] - {"replace", "replaced"}
    if words & ended or ("no" in words and "longer" in words):
        return "ended"
    if words & {"continue", "keep", "remain"}:
        return "active"  # "will continue to provide motors": under way already
    if words & lex["planned_status_words"] or (tok.tag_ == "VB" and any(
        c.dep_ == "aux" and c.lower_ in ("would", "will", "to") for c in tok.children
    )):
        return "planned"
    return "active"


def misread_verb(tok: Token) -> bool:
    """A verb, or a headline's verb the parser read as a noun with a particle ("Tidewell
    teams up with ...": "teams" a noun, "up" its particle)."""
    return tok.pos_ == "VERB" or (tok.dep_ == "ROOT" and any(c.dep_ == "prt" for c in tok.children))


def _past_a_date(subject: Token) -> list[Token]:
    if subject.ent_type_ not in ("DATE", "TIME"):
        return [subject]
    names = [c for c in subject.children if c.dep_ in ("conj", "appos") and c.pos_ == "PROPN"]
    return names or [subject]


def clause_subject_tokens(tok: Token) -> list[Token]:
    """Subjects of the clause a verb sits in, following xcomp/conj chains upward."""
    verb: Token | None = tok
    hops = 0
    after_infinitive = False
    while verb is not None and hops < 4:
        subs = [c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")]
        if not subs:  # "X is 60% owned by Y" parsed with X as the subject of "is"
            subs = [c for a in verb.children if a.dep_ in ("aux", "auxpass")
                    for c in a.children if c.dep_ in ("nsubj", "nsubjpass")]
        if not subs and misread_verb(verb):  # a headline's "Tidewell teams up with ...",
            # parsed with the name as a compound of the verb
            subs = [c for c in verb.children if c.dep_ == "compound" and c.i < verb.i
                    and c.text[:1].isupper()]
        if subs:
            # "Last autumn, X recalled ...", parsed with the date as the subject and X as
            # its conjunct: X
            return [c for s in subs for c in _past_a_date(s)]
        if verb.dep_ == "xcomp" and verb.head.i != verb.i:
            # object control: "concerns led the automaker to recall ..." -> the automaker
            objs = [c for c in verb.head.children if c.dep_ == "dobj"]
            if objs:
                return objs
        # an infinitive on a noun, then the noun as "attr": "X is the latest automaker to
        # recall ..." -> X (not "X is the first product resulting from ...")
        infinitive = verb.dep_ in ("relcl", "acl") and any(
            c.dep_ == "aux" and c.lower_ == "to" for c in verb.children)
        if infinitive and verb.head.dep_ == "ROOT" and verb.head.pos_ in ("PROPN", "NOUN"):
            # a headline's "X to supply cells to Y": the noun the infinitive hangs on is
            # the sentence, so it is the subject
            return [verb.head]
        if (verb.dep_ in ("xcomp", "ccomp", "conj", "advcl", "pcomp", "acl") or infinitive
                or (verb.dep_ == "attr" and after_infinitive)) and verb.head.i != verb.i:
            # ("X will be 51 per cent owned by Y": "owned" hangs on "cent", the attribute)
            after_infinitive = infinitive or (verb.dep_ == "acl" and verb.head.dep_ == "attr"
                                              and verb.head.like_num is False and verb.tag_ == "VBN")
            verb = verb.head
        else:
            verb = None
        hops += 1
    return []


def children(tok: Token, *deps: str) -> list[Token]:
    return [c for c in tok.children if c.dep_ in deps]


def listed_members(noun: Token) -> list[Token]:
    """The objects of "including", "such as" or "like" hung on a noun ("its subsidiaries,
    including X and Y")."""
    members = []
    for prep in children(noun, "prep"):
        if prep.lower_ in ("including", "like") or (
                prep.lower_ == "as" and prep.i > 0 and prep.nbor(-1).lower_ == "such"):
            members += children(prep, "pobj")
    return members


def prep_objects(tok: Token, *preps: str) -> list[Token]:
    """Objects of the named prepositions attached to tok ("to BMW", "from ATL")."""
    out = []
    for prep in tok.children:
        if prep.dep_ in ("prep", "dative", "agent") and prep.lower_ in preps:
            objs = [c for c in prep.children if c.dep_ == "pobj"]
            out.extend(objs or _dangling_object(prep))
            # "to Hwacheon Motors and to Pallister Electric": the repeated preposition
            out.extend(c for again in prep.conjuncts if again.lower_ == prep.lower_
                       for c in again.children if c.dep_ == "pobj")
    return out


def _dangling_object(prep: Token) -> list[Token]:
    """The parser sometimes detaches a sentence-final "Corp." from its preposition: take
    the last word of the noun phrase right after it."""
    doc = prep.doc
    last = None
    for t in doc[prep.i + 1:min(prep.sent.end, prep.i + 7)]:
        if t.pos_ in ("DET", "PROPN", "NOUN", "ADJ", "NUM", "PART") or t.text[:1].isupper():
            last = t
            if t.text.endswith("."):
                break
        else:
            break
    return [last] if last is not None else []
