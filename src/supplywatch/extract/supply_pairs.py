"""Supplier -> customer pairs decided by a small learned classifier.

The supply rules (`rules_supply` and friends) read a sentence that names both companies
in a construction they know. News often names one party and leaves the other to a
pronoun ("it will buy its cells from X"), a description ("the Taiwanese contract
manufacturer") or the story's subject, and writers vary the wording more than rules
can follow. This module proposes every ordered pair of companies a sentence names or
refers to (references resolved by `Reading.corefer`), describes each by sparse features
(how each party is written, its grammatical role and the word it hangs on, the supply,
purchase and deal words around them, the dependency path between them, what the rules
drafted for the pair), and scores it with a logistic regression trained on the labelled
invented news sets (`bench/extraction/train.py news`, shipped as
`models/supply_pairs.json`). A pair the rules did not draft, whose best sentence clears
the model's threshold, becomes a `supplies` draft with that sentence as its evidence.
When a sentence names one company only, the story's own company (its topic) is the other
candidate party ("The bogies will come from X").
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from spacy.tokens import Span, Token

from supplywatch.extract.clusters import is_reference_name
from supplywatch.extract.drafts import (
    BASE_CONFIDENCE,
    Draft,
    confidence_for,
    nearest_verb,
    negated,
    prep_objects,
    status_of,
)
from supplywatch.extract.learned import NewsModel, load_news_model
from supplywatch.extract.lexicon import Lexicon
from supplywatch.extract.pairs import dependency_path
from supplywatch.extract.reading import FIRST_PERSON, PRONOUNS, SAY_VERBS, Reading
from supplywatch.extract.rules_supply import ORIGIN_VERBS, PLACING_VERBS
from supplywatch.extract.rules_teardown import (
    CONTAINMENT_VERBS,
    implied_buyer,
    teardown_labs,
)

MAX_PARTIES = 8  # mentions of companies considered in one sentence
MAX_PATH = 7

# Word groups of the lexicon whose members in a sentence say what kind of relation it
# states: supply and purchase words for it, ownership and partnership words against.
TRIGGER_GROUPS = (
    "supply_verbs", "purchase_verbs", "obtain_verbs", "use_verbs", "supplier_nouns",
    "customer_nouns", "order_verbs", "win_verbs", "reliance_verbs", "selection_verbs",
    "deal_nouns", "switch_verbs", "component_make_verbs", "make_verbs", "ended_words",
    "planned_words", "ownership_verbs", "ownership_nouns", "acquisition_nouns", "stake_nouns",
    "partnership_nouns", "partnership_verbs", "joint_venture_nouns", "recall_lemmas",
    "divest_verbs", "holding_verbs",
)
# What an outlet does with news: "Reuters reported that ...", "..., citing X". (A company
# that says something is still a party to it: "Y said X would supply its cells".)
REPORT_VERBS = {"report", "quote", "cite"}
# What "supply" means in "in short supply", "tight supply", "ample supply"
MARKET_STATES = {"short", "tight", "ample", "scarce", "limited", "global"}
# Verbs the supply rules read beyond the lexicon's groups: "the bogies will come from X",
# "the cells are packed into the Y"
VERB_GROUPS = {"origin_verbs": ORIGIN_VERBS, "placing_verbs": PLACING_VERBS}
# What a statement is made in, or sourced to: "said in a statement to X", "a report from X"
SOURCE_NOUNS = {"statement", "interview", "comment", "email", "filing", "letter", "report", "story",
                "article", "note", "speak", "talk"}


SupplyModel = NewsModel  # P(the sentence states that the first party supplies the second)


def load_supply_model(path: Path) -> NewsModel:
    return load_news_model(path, "supplier -> customer classifier")


@dataclass(frozen=True)
class Party:
    cid: int
    tok: Token  # the name's head word, the reference, or (implicit) the sentence's root
    how: str  # "name", "pronoun", "description" ("..._ambiguous" when it may be several), "topic"


@dataclass
class SupplyCandidate:
    supplier: Party
    customer: Party
    sent: Span
    features: list[str]


def parties_in(r: Reading, sent: Span) -> list[Party]:
    """The companies a sentence names, and those its pronouns and descriptions refer to."""
    parties: list[Party] = []
    named: set[int] = set()
    for start, cid, head in _company_names(r):
        if sent.start <= start < sent.end:
            root = r.doc[head]
            named.add(head)
            if not (_reports(root) or _audience(root) or _a_possessed_line(root)):
                parties.append(Party(cid, root, "name"))
    for tok in sent:
        if tok.i in named or r.cluster_at(tok) is not None:
            continue
        if tok.lower_ in FIRST_PERSON and not r._speakers(sent):
            continue  # "we found a chip from X": the writer, unless a company says it
        if tok.lower_ in PRONOUNS:
            how = "pronoun"
        elif r._is_description(tok):
            how = "description"
        else:
            continue
        found = [c for c in r.corefer(tok) or () if not r.is_regulator(c)]
        if len(found) > 1:
            how += "_ambiguous"
        parties.extend(Party(cid, tok, how) for cid in found[:3])
    parties.sort(key=lambda p: p.tok.i)
    # one company read twice ("Vlastek Bogie s.r.o." and "Bogie s.r.o."): its fuller name
    parties = [p for p in parties if not any(
        q.cid != p.cid and _one_company(r, p.cid, q.cid)
        and len(r.ents.clusters[q.cid].name) > len(r.ents.clusters[p.cid].name) for q in parties)]
    return parties[:MAX_PARTIES]


def _company_names(r: Reading) -> list[tuple[int, int, int]]:
    """Where the document names a company that may be a party, as (start, cluster, index of
    the head word); found once per document (kept in `doc.user_data`, as plain numbers)."""
    cached = r.doc.user_data.get("sw_supply_names")
    if cached is None:
        cached = []
        # inside a product's name, past its first word: "Castell Motors L7" names no company "L7"
        in_products = {i for c in r.ents.clusters if c.type == "product"
                       for s, e in c.spans for i in range(s + 1, e)}
        for cid, cluster in enumerate(r.ents.clusters):
            if cluster.type != "company" or not cluster.spans or not cluster.names \
                    or r.is_regulator(cid) or all(is_reference_name(n, r.lex) for n in cluster.names):
                continue
            if cluster.name.split()[-1].lower() in r.lex["media_words"]:
                continue  # a news outlet reports supply; it is never a party to it
            cached += [(start, cid, r.doc[start:end].root.i) for start, end in cluster.spans
                       if start not in in_products]
        r.doc.user_data["sw_supply_names"] = cached
    return cached


def _a_possessed_line(tok: Token) -> bool:
    """Is the name a product line of whoever owns the noun it modifies ("its Vega scooters",
    "Castell's Vega scooters")? Then it names no company that buys."""
    return tok.dep_ == "compound" and any(c.dep_ == "poss" for c in tok.head.children)


def _reports(tok: Token) -> bool:
    """Is the name the subject of "report"? A reporter ("Reuters reported that ...") is no
    party to what it reports."""
    head = _phrase_head(tok)
    return head.dep_ == "nsubj" and head.head.lemma_.lower() in REPORT_VERBS


def _audience(tok: Token) -> bool:
    """Is the name whom a statement was made to, or whom it is sourced to ("told X", "said
    in a statement to X", "according to X", "a report from X")? Then it is no party to
    what was said."""
    head = _phrase_head(tok)
    if head.dep_ in ("dobj", "dative") and head.head.lemma_.lower() == "tell":
        return True
    if head.dep_ != "pobj":
        return False
    prep, over = head.head.lower_, head.head.head
    if prep == "to":
        return over.lower_ == "according" or over.lemma_.lower() in SAY_VERBS | SOURCE_NOUNS
    return prep in ("from", "by", "in") and over.lemma_.lower() in SOURCE_NOUNS


def _implicit(r: Reading, sent: Span, parties: list[Party],
              triggers: dict[int, list[str]]) -> list[Party]:
    """The company the story is about, when a sentence names only the other party and
    leaves it to be understood ("The bogies will come from Vlastek", "Power comes from a
    cell made by X")."""
    topic = implied_buyer(r)  # a teardown is about the product, not the lab that opened it
    if topic is None or not parties or any(p.cid == topic for p in parties):
        return []
    # (a company named only to describe the one named, "X, a subsidiary of Japan's Y", is
    # no second party)
    if len({p.cid for p in parties if not r.in_an_appositive(p.tok)}) != 1:
        return []
    return [Party(topic, sent.root, "topic")]


def _hangs_on_a_trigger(r: Reading, tok: Token, triggers: dict[int, list[str]]) -> bool:
    """Does the named party hang on a supply word, directly ("supplier X", "come from X",
    "bought from X"), or on a part that a verb does something with ("uses chips from X"),
    unlike "chips from X are in short supply"?"""
    head = _phrase_head(tok)
    anchor = head.head if head.dep_ in ("pobj", "poss", "compound") else head
    if anchor.dep_ == "prep":
        anchor = anchor.head
    if anchor.i in triggers or head.i in triggers:
        return True
    if r.component_in(anchor) is None:
        return False
    # a part a verb does something with ("is built around a chip from X", "is handled by
    # chips from X"); not one that only is ("chips from X are scarce")
    verb = nearest_verb(anchor)
    return verb is not None and (verb.i in triggers or verb.lemma_ not in ("be", "have"))


def candidates(r: Reading, drafts: list[Draft]) -> Iterator[SupplyCandidate]:
    """Every ordered pair of different companies in a sentence that has a trigger word."""
    drafted = _drafted_pairs(drafts)
    topic = r.topic()
    labs = teardown_labs(r)
    for sent in r.doc.sents:
        if not r.may_state_facts(sent):
            continue
        triggers = triggers_in(r, sent)
        if not triggers and not r.components_in(sent):
            continue
        parties = parties_in(r, sent)
        parties += _implicit(r, sent, parties, triggers)
        for a in parties:
            for b in parties:
                if a.cid == b.cid or a.cid in labs or b.cid in labs or _one_company(r, a.cid, b.cid):
                    continue
                feats = pair_features(r, sent, a, b, triggers)
                feats += [f"rule={kind}" for kind in drafted.get((a.cid, b.cid), ())]
                feats += [f"rule_rev={kind}" for kind in drafted.get((b.cid, a.cid), ())]
                if a.cid == topic:
                    feats.append("a_topic")
                if b.cid == topic:
                    feats.append("b_topic")
                yield SupplyCandidate(a, b, sent, feats)


def _one_company(r: Reading, a: int, b: int) -> bool:
    """Two entities whose names one contains the other's words ("LAS VEGAS - Lakeshire
    Computing Inc." and "Lakeshire Computing Inc."): a misread of one company."""
    wa = set(r.ents.clusters[a].name.lower().split())
    wb = set(r.ents.clusters[b].name.lower().split())
    return bool(wa) and bool(wb) and (wa <= wb or wb <= wa)


def _drafted_pairs(drafts: list[Draft]) -> dict[tuple[int, int], set[str]]:
    pairs: dict[tuple[int, int], set[str]] = {}
    for d in drafts:
        if d.type == "supplies" and "supplier" in d.roles and d.roles.get("customer"):
            pairs.setdefault((d.roles["supplier"][0], d.roles["customer"][0]), set()).add("supplies")
        elif d.type == "owns":
            pairs.setdefault((d.roles["parent"][0], d.roles["child"][0]), set()).add("owns")
        elif d.type == "partnership":
            ids = [p for p in d.roles.get("parties", [])]
            for x in ids:
                for y in ids:
                    if x != y:
                        pairs.setdefault((x, y), set()).add("partnership")
    return pairs


def triggers_in(r: Reading, sent: Span) -> dict[int, list[str]]:
    """The sentence's words that belong to a trigger group, with their groups."""
    found: dict[int, list[str]] = {}
    words = _trigger_words(r.lex)
    for tok in sent:
        low, lemma = tok.lower_, tok.lemma_.lower()
        if low not in words and lemma not in words:
            continue
        if any(c.dep_ == "amod" and c.lower_ in MARKET_STATES for c in tok.children):
            continue  # "in short supply", "tight supply": the market, not a relation
        if _in_another_role(r, tok):
            continue  # "Y dropped X as a sponsor", "Y named X as a partner"
        groups = [g for g in TRIGGER_GROUPS if low in r.lex[g] or lemma in r.lex[g]]
        groups += [g for g, words in VERB_GROUPS.items() if tok.pos_ == "VERB" and lemma in words]
        if groups:
            found[tok.i] = groups
    return found


def _in_another_role(r: Reading, tok: Token) -> bool:
    """Does the verb give its object a role other than supplier or customer ("dropped X as a
    sponsor", "replaced X as chief executive")? Then it says nothing of supply."""
    if tok.pos_ != "VERB":
        return False
    roles = prep_objects(tok, "as")
    supply_roles = (r.lex["supplier_nouns"], r.lex["customer_nouns"])
    return bool(roles) and not any(
        t.lemma_.lower() in words or t.lower_ in words for t in roles for words in supply_roles)


_TRIGGER_WORDS: dict[int, tuple[Lexicon, frozenset[str]]] = {}


def _trigger_words(lex: Lexicon) -> frozenset[str]:
    """Every word of every trigger group, to pass over the others at once (a sentence's
    words are looked up in 28 groups otherwise); kept per lexicon (one per process)."""
    entry = _TRIGGER_WORDS.get(id(lex))
    if entry is None or entry[0] is not lex:
        words = frozenset().union(*(lex[g] for g in TRIGGER_GROUPS), *VERB_GROUPS.values())
        entry = _TRIGGER_WORDS[id(lex)] = (lex, words)
    return entry[1]


def _phrase_head(tok: Token) -> Token:
    """The word that gives a party's phrase its role: "Apple and Samsung", "X, the Korean
    maker", "Kiyomura Industries" hang on their first word."""
    t = tok
    while t.dep_ in ("compound", "conj", "appos") and t.head.i != t.i:
        t = t.head
    return t


def role_of(tok: Token) -> str:
    """A party's grammatical role and the word it hangs on ("nsubj>supply", "pobj>from>buy")."""
    t = _phrase_head(tok)
    if t.dep_ == "pobj":
        prep = t.head
        return f"pobj>{prep.lower_}>{prep.head.lemma_.lower()}"
    if t.dep_ == "poss":
        return f"poss>{t.head.lemma_.lower()}"
    return f"{t.dep_}>{t.head.lemma_.lower()}"


def _party_features(r: Reading, party: Party, tag: str, triggers: dict[int, list[str]],
                    prefix: str = "") -> list[str]:
    """How one party stands in the sentence: its role, and its role against each trigger
    word it hangs on ("a@supply_verbs=nsubj", "b@purchase_verbs=pobj>from")."""
    role = role_of(party.tok)
    dep = role.split(">")[0]
    feats = [f"{prefix}{tag}_role={role}", f"{prefix}{tag}_dep={dep}"]
    t = _phrase_head(party.tok)
    if t.dep_ == "pobj":
        feats.append(f"{prefix}{tag}_prep={t.head.lower_}")
        dep = f"{dep}>{t.head.lower_}"
    head = t.head.head if t.dep_ == "pobj" else t.head
    feats += [f"{prefix}{tag}@{g}={dep}" for g in triggers.get(head.i, ())]
    feats += [f"{prefix}{tag}_is={g}" for g in triggers.get(t.i, ())]  # "supplier X", "its suppliers"
    return feats


def _sentence_features(r: Reading, sent: Span, triggers: dict[int, list[str]],
                       prefix: str = "") -> list[str]:
    """What the sentence says whichever pair it is read for (worked out once per sentence)."""
    memo = r.doc.user_data.setdefault("sw_supply_sentences", {})
    key = (sent.start, prefix)
    if key not in memo:
        memo[key] = _sentence_words(r, sent, triggers, prefix)
    return memo[key]


def _sentence_words(r: Reading, sent: Span, triggers: dict[int, list[str]], prefix: str) -> list[str]:
    feats = [f"{prefix}group={g}" for g in sorted({g for gs in triggers.values() for g in gs})]
    feats += [f"{prefix}trig={r.doc[i].lemma_.lower()}" for i in triggers]
    if r.components_in(sent):
        feats.append("has_part")
    if confidence_for(sent, r.lex) < BASE_CONFIDENCE:
        feats.append("hedged")
    return feats


def pair_features(r: Reading, sent: Span, a: Party, b: Party,
                  triggers: dict[int, list[str]]) -> list[str]:
    """Features of "a supplies b" stated in `sent`."""
    feats = [f"a_how={a.how}", f"b_how={b.how}"]
    if a.how == "topic" or b.how == "topic":
        named, tag = (b, "b") if a.how == "topic" else (a, "a")
        return feats + _implicit_features(r, sent, named, tag, triggers)
    feats.append("a<b" if a.tok.i < b.tok.i else "b<a")
    fa, fb = _party_features(r, a, "a", triggers), _party_features(r, b, "b", triggers)
    feats += fa + fb
    # the two roles together: "nsubj supplies ... pobj to", "pobj from ... nsubj buys"
    feats += [f"{x}|{y}" for x in fa if "@" in x for y in fb if "@" in y]
    feats.append(f"{fa[1]}|{fb[1]}")
    feats += _sentence_features(r, sent, triggers)
    labels, lca, inner = dependency_path(a.tok, b.tok)
    if lca is not None and len(labels) <= MAX_PATH:
        lemma = lca.lemma_.lower()
        path = "_".join(labels)
        feats += [f"path={path}", f"lca={lemma}", f"path|lca={path}|{lemma}"]
        feats += [f"on_path={g}" for t in (lca, *inner) for g in triggers.get(t.i, ())]
        if negated(lca, r.lex):
            feats.append("negated")
    else:
        feats.append("path=none" if lca is None else "path=long")
    lo, hi = sorted((a.tok.i, b.tok.i))
    gap = hi - lo
    feats.append("gap=" + ("1-3" if gap <= 3 else "4-8" if gap <= 8 else "9-16" if gap <= 16 else "17+"))
    if gap <= 10:
        feats += [f"btw={t.lemma_.lower()}" for t in r.doc[lo + 1:hi] if not t.is_punct]
    return feats


def _implicit_features(r: Reading, sent: Span, named: Party, tag: str,
                       triggers: dict[int, list[str]]) -> list[str]:
    """Features of a pair whose other party the sentence leaves to be understood: what the
    named one is and does (kept apart from the two-party features by their prefix)."""
    feats = _party_features(r, named, tag, triggers, "implicit|")
    feats += _sentence_features(r, sent, triggers, "implicit|")
    if any(abs(c.start - named.tok.i) <= 4 for c in r.components_in(sent)):
        feats.append(f"implicit|{tag}_near_part")
    if _hangs_on_a_trigger(r, named.tok, triggers):
        feats.append(f"implicit|{tag}_hangs_on_trigger")
    verb = nearest_verb(_phrase_head(named.tok))
    lemma = verb.lemma_.lower() if verb is not None else "-"
    feats.append(f"implicit|verb={lemma}")
    if lemma in CONTAINMENT_VERBS:  # how a sentence puts a part inside a product
        feats.append("implicit|contained")
    if not any(t.lower_ in PRONOUNS for t in sent):
        feats.append("implicit|no_pronoun")
    return feats


def learned_supplies(r: Reading, model: SupplyModel, drafts: list[Draft]) -> list[Draft]:
    """`supplies` drafts for the pairs the model accepts and the rules did not draft, one per
    ordered pair, from the sentence the model is surest of."""
    drafted = {k for k, kinds in _drafted_pairs(drafts).items() if "supplies" in kinds}
    best: dict[tuple[int, int], tuple[float, SupplyCandidate]] = {}
    for cand in candidates(r, drafts):
        key = (cand.supplier.cid, cand.customer.cid)
        if key in drafted or key[::-1] in drafted:
            continue
        prob = model.probability(cand.features)
        if prob >= model.threshold and (key not in best or prob > best[key][0]):
            best[key] = (prob, cand)
    out = []
    for (supplier, customer), (prob, cand) in best.items():
        if (customer, supplier) in best and best[(customer, supplier)][0] > prob:
            continue  # one direction per pair of companies: the likelier
        parts = r.components_in(cand.sent)
        trigger = next((r.doc[i] for i in triggers_in(r, cand.sent)), cand.sent.root)
        out.append(Draft("supplies", {"supplier": [supplier], "customer": [customer]}, cand.sent,
                         round(min(prob, confidence_for(cand.sent, r.lex)), 3), extra={
                             "component": parts[0].name if parts else None, "quantity": None,
                             "status": status_of(trigger, r.lex), "learned": True}))
    return out
