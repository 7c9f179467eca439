"""A document as the relation rules see it: tokens, entities, and who "the company" is."""

from __future__ import annotations

import itertools
from collections.abc import Iterable
from dataclasses import dataclass

from spacy.tokens import Doc, Span, Token

from supplywatch.extract.clusters import DocEntities
from supplywatch.extract.descriptions import UNTELLING, description_words
from supplywatch.extract.doc_context import DOCUMENT_SOURCE
from supplywatch.extract.drafts import (
    children,
    clause_subject_tokens,
    misread_verb,
    nearest_verb,
    prep_objects,
)
from supplywatch.extract.lexicon import Lexicon
from supplywatch.extract.mentions import hyphenated_start
from supplywatch.extract.quantities import parse_quantity
from supplywatch.model import name_key

NP_DEPS = {"compound", "conj", "cc", "nmod", "amod", "det", "punct", "nummod", "quantmod",
           "appos", "preconj", "predet"}
PRONOUNS = {"it", "its", "they", "their", "them", "itself", "we", "our"}
FIRST_PERSON = {"we", "our", "us"}
SAY_VERBS = {"say", "tell", "add", "state", "write", "announce"}
RELATIVE_PRONOUNS = {"which", "that", "who", "whom"}
PLURAL_REFS = {"they", "their", "them", "companies", "firms", "makers", "automakers"}


@dataclass
class Component:
    start: int
    end: int
    name: str
    quantity: int | None


# nouns for a joint venture ("the venture", "the JV")
VENTURE_NOUNS = {"venture", "jv"}


# descriptions that say nothing of what a company does ("the company"; not "the supplier")
GENERIC_COMPANY_NOUNS = frozenset({"company", "firm", "group", "business", "companies", "firms"})


class Reading:
    def __init__(self, doc: Doc, ents: DocEntities, lex: Lexicon) -> None:
        self.doc = doc
        self.ents = ents
        self.lex = lex
        self.components = find_components(doc, ents, lex)
        self._kinds: dict[str, int] = {}
        self._names_parts_of: dict[int, bool] = {}  # corefer asks per candidate token
        self._component_at = {i: c for c in self.components for i in range(c.start, c.end)}
        # what each description of a company resolved to, in document order (see _learn_descriptions)
        self._chain: dict[int, list[int]] | None = None

    # -- entities ---------------------------------------------------------------
    def cluster_at(self, tok: Token) -> int | None:
        return self.ents.token_cluster.get(tok.i)

    def type_of(self, cid: int) -> str:
        return self.ents.clusters[cid].type

    def company_at(self, tok: Token) -> int | None:
        """The company a token names, if it names one."""
        cid = self.cluster_at(tok)
        return cid if cid is not None and self.type_of(cid) == "company" else None

    def is_regulator(self, cid: int) -> bool:
        name = self.ents.clusters[cid].name.lower()
        words = name.split()
        # A regulator's common noun ends its name or takes "of": "Consumer Product Safety
        # Commission", "Department of Transportation"; not "Office Depot", "Bureau Veritas".
        if any(w in self.lex["regulator_words"] and (n == len(words) - 1 or words[n + 1] in (
                "of", "for", "on")) for n, w in enumerate(words)):
            return True
        padded = f" {name} "
        return any(f" {n} " in padded for n in self.lex["regulator_names"])

    def subject_companies(self, verb: Token) -> list[int]:
        """The companies a verb's clause names as its subjects (through conjunctions,
        coreference and xcomp/conj chains)."""
        return [c for s in clause_subject_tokens(verb) for c in self.entities(s)]

    def entities(self, tok: Token, type_: str = "company", deep: bool = False) -> list[int]:
        """Entities of a type that a noun phrase names, through conjunctions and coreference."""
        found: list[int] = []
        if tok.lower_ in RELATIVE_PRONOUNS:
            return self.antecedent(tok, type_)
        named = self._called(tok)
        if named is not None and self.cluster_at(tok) is None:
            return self.entities(named, type_, deep)  # "the venture, to be called X"

        phrase = list(self._np_tokens(tok, deep))
        named_next = self._named_right_after(tok, type_)
        if named_next is not None and named_next not in phrase:
            # "with Dutch bike-subscription company Trapwel", the name parsed apart from its
            # role noun: the name is what the noun stands for
            return self.entities(named_next, type_, deep)
        for t in phrase:
            cid = self.cluster_at(t)
            if cid is None and t.i == tok.i:
                if self._names_its_own(tok, phrase, type_):
                    continue
                cid_list = self.corefer(t, type_)
                found.extend(c for c in cid_list if c not in found)
                continue
            if cid is not None and self.type_of(cid) == type_ and cid not in found:
                found.append(cid)
        return found

    def _named_right_after(self, tok: Token, type_: str) -> Token | None:
        """The name written right after a role noun that has none of its own ("company
        Trapwel"), when the parser did not join them."""
        if type_ != "company" or tok.pos_ != "NOUN" or self.cluster_at(tok) is not None \
                or tok.lemma_.lower() not in self.lex["company_nouns"] or tok.i + 1 >= len(self.doc):
            return None
        nxt = self.doc[tok.i + 1]
        if nxt.text == "," and tok.i + 2 < len(self.doc) and nxt.whitespace_:
            # "the family's holding company, Brandl Beteiligungen GmbH, with ...": an
            # appositive by its commas (not "the company, Acme said")
            name = self.doc[tok.i + 2]
            cid = self.cluster_at(name)
            ends = [e for s, e in self.ents.clusters[cid].spans if s == name.i] if cid is not None else []
            if not ends or self.type_of(cid) != type_ or ends[0] >= len(self.doc) \
                    or self.doc[ends[0]].text not in (",", ".", ";", ")"):
                return None
            return name
        cid = self.cluster_at(nxt)
        if cid is None or self.type_of(cid) != type_ or nxt.head.i == tok.i \
                or nxt.i not in {s for s, _ in self.ents.clusters[cid].spans}:
            return None  # (joined by the parse already, or not the start of a name)
        return nxt

    def _names_its_own(self, tok: Token, phrase: Iterable[Token], type_: str = "company") -> bool:
        """Does the noun's phrase name an entity of the type ("the Swabian gearbox maker
        Hollweg AG")? Then the noun refers to nothing else."""
        return any(t.i != tok.i and (c := self.cluster_at(t)) is not None and self.type_of(c) == type_
                   for t in phrase)

    def _called(self, tok: Token) -> Token | None:
        """The name a noun is given: "the venture, to be called X", "a unit named X"."""
        for acl in tok.children:
            if acl.dep_ in ("acl", "relcl") and acl.lemma_.lower() in ("call", "name"):
                for name in acl.children:
                    if name.dep_ in ("oprd", "attr", "dobj"):
                        # the name's head may be a legal form the parse put last ("sp. z o.o.")
                        named = [t for t in name.subtree if self.cluster_at(t) is not None]
                        if named:
                            return named[-1]
        return None

    def venture_before(self, reference: Token) -> int | None:
        """The joint venture a later "the venture" (or "the JV") stands for: the last
        company the text calls one ("Kelvard is a joint venture of ...", "X, a joint
        venture", "a joint venture, X", "the venture, to be called X")."""
        doc = self.doc
        for tok in reversed(doc[max(0, reference.sent.start - 120):reference.i]):
            if tok.lower_ not in VENTURE_NOUNS:
                continue
            if tok.dep_ == "appos" and (cid := self.company_at(tok.head)) is not None:
                return cid  # "X, a joint venture ..."
            for child in tok.children:
                if child.dep_ == "appos" and (cid := self.company_at(child)) is not None:
                    return cid  # "a joint venture, X, ..."
            if (named := self._called(tok)) is not None and (cid := self.company_at(named)) is not None:
                return cid  # "the venture, to be called X"
            if tok.dep_ == "attr":
                subjects = [c for s in tok.head.children if s.dep_ == "nsubj" for c in self.entities(s)]
                if len(subjects) == 1:
                    return subjects[0]  # "X is a joint venture of A and B"
            if tok.i + 2 < len(doc) and doc[tok.i + 1].text == "," \
                    and (cid := self.company_at(doc[tok.i + 2])) is not None:
                return cid
            if tok.i < reference.i and tok.sent.start == reference.sent.start:
                continue  # (an earlier mention in the same sentence: "the venture ... the JV")
            if self.cluster_at(tok) is None and self._is_description(tok) and tok.i != reference.i:
                continue  # an earlier "the venture": the one it stands for is further back
            return None  # the last venture named, but not by its name
        return None

    def antecedent(self, tok: Token, type_: str = "company") -> list[int]:
        """What a relative pronoun stands for: the noun its clause hangs on ("the JV, which
        is 51% owned by ..."), else the nearest name of the type before it."""
        verb = tok.head
        if verb.dep_ == "prep":  # "X, in which Y holds a stake": the clause is the verb's
            verb = verb.head
        if verb.dep_ == "relcl" and verb.head.i < tok.i:
            noun = verb.head
            cid = self.cluster_at(noun)
            if cid is not None:
                return [cid] if self.type_of(cid) == type_ else []
            if noun.dep_ == "appos" and self.cluster_at(noun.head) is not None:
                # "Okuma Denchi, the Osaka company that had supplied Korvik": Okuma
                return self.entities(noun.head, type_)
            ref = self.corefer(noun, type_)
            if ref:
                return ref
            if noun.pos_ == "NOUN" and any(d.dep_ == "det" and d.lower_ in ("a", "an", "another")
                                           for d in noun.children):
                # "Y, a holding company that bought 62% of X": Y; but "a factory that
                # produces for X" is a thing the text does not name
                edge = noun.left_edge.i
                if edge - 2 >= tok.sent.start and self.doc[edge - 1].text == ",":
                    cid = self.cluster_at(self.doc[edge - 2])
                    return [cid] if cid is not None and self.type_of(cid) == type_ else []
                return []
        for i in range(tok.i - 1, max(tok.sent.start, tok.i - 25) - 1, -1):
            cid = self.cluster_at(self.doc[i])
            if cid is not None and self.type_of(cid) == type_:
                return [cid]
        return []

    def previous_subjects(self, sent: Span) -> list[int]:
        """Companies that are the subject of the sentence before this one."""
        if sent.start == 0:
            return []
        prev = self.doc[sent.start - 1].sent
        # what a report says before who says it: "X is recalling ..., the NHTSA said": X
        reported = [t for t in prev if t.dep_ in ("nsubj", "nsubjpass") and t.head.dep_ == "ccomp"
                    and t.head.head.dep_ == "ROOT"]
        subjects = reported + [t for t in prev if t.dep_ in ("nsubj", "nsubjpass") and t.head.dep_ == "ROOT"]
        found = [c for s in subjects for c in self.entities(s) if not self.is_regulator(c)]
        return found[:1] if reported and found else found

    def in_an_appositive(self, tok: Token) -> bool:
        """Is the word inside a description of another company ("X, a subsidiary of Y")?"""
        for node in [tok, *tok.ancestors]:
            if node.dep_ == "appos":
                return self.cluster_at(node) != self.cluster_at(tok) \
                    and self.company_at(node.head) is not None
            if node.dep_ in ("ROOT", "relcl", "ccomp", "advcl"):
                return False
        return False

    def appositive_of(self, tok: Token) -> list[int]:
        """The company a role noun describes: "X, a subsidiary of Y" (by the parse, or by
        the comma when the parser attached the noun elsewhere)."""
        if tok.dep_ == "appos":
            return self.entities(tok.head)
        i = tok.i - 1
        while i > tok.sent.start and (self.doc[i].pos_ in ("DET", "ADJ", "NUM")
                                      or self.doc[i].dep_ in ("amod", "compound", "det")):
            i -= 1
        if i > tok.sent.start and self.doc[i].text == ",":
            cid = self.cluster_at(self.doc[i - 1])
            if cid is not None and self.type_of(cid) == "company":
                return [cid]
        return []

    def _np_tokens(self, tok: Token, deep: bool) -> Iterable[Token]:
        stack = [tok]
        seen = set()
        while stack:
            t = stack.pop()
            if t.i in seen:
                continue
            seen.add(t.i)
            yield t
            for child in t.children:
                # A common noun in a name's modifiers ("Apple battery supplier ATL") starts
                # another phrase: its own modifiers are not part of this name.
                if child.dep_ in ("compound", "nmod", "amod") and child.is_lower and not deep:
                    continue
                if child.dep_ in NP_DEPS or (deep and child.dep_ in ("prep", "pobj")):
                    stack.append(child)

    def may_state_facts(self, sent: Span) -> bool:
        """Does the sentence name an entity, or refer to a company ("it", "the supplier")?
        Every fact rule needs one of those in its sentence, so the others (about a third
        of a web page's words) are not read word by word fifteen times."""
        clusters = self.ents.token_cluster
        company_nouns = self.lex["company_nouns"]
        return any(t.i in clusters or t.lower_ in PRONOUNS or
                   (t.pos_ in ("NOUN", "PROPN") and t.lemma_.lower() in company_nouns) for t in sent)

    def corefer(self, tok: Token, type_: str = "company") -> list[int]:
        """Resolve a pronoun or a descriptive reference ("the Shenzhen-based gadget maker")."""
        if type_ != "company":
            return []
        if self._is_description(tok) and tok.lower_ in VENTURE_NOUNS:
            venture = self.venture_before(tok)  # "the venture", "the JV": the one named before
            if venture is not None:
                return [venture]
        if self._chain is None:
            self._learn_descriptions()
        if tok.i in self._chain:
            return self._chain[tok.i]
        return self._corefer(tok)

    def _is_description(self, tok: Token) -> bool:
        return tok.pos_ in ("NOUN", "PROPN") and tok.lemma_.lower() in self.lex["company_nouns"] \
            and any(c.lower_ in ("the", "this", "that", "these", "those") for c in tok.children)

    def _learn_descriptions(self) -> None:
        """Resolve the document's descriptions of companies in the order it writes them, each
        adding its words to the company it stands for: "the Singapore-based phone maker"
        resolved to Pellucid lets a later "the Singapore company" find Pellucid too."""
        self._chain = {}
        for tok in self.doc:
            if not self._is_description(tok) or self.cluster_at(tok) is not None \
                    or (tok.dep_ == "appos" and self.cluster_at(tok.head) is not None):
                continue
            called = self._called(tok)
            if called is not None and (cid := self.company_at(called)) is not None:
                # "The joint venture, to be called X, ...": X, and a later "the venture" too
                self._chain[tok.i] = [cid]
                self.ents.clusters[cid].descriptors |= description_words(
                    _described(tok), self.lex) | {tok.lemma_.lower()}
                continue
            if self._names_its_own(tok, self._np_tokens(tok, False)):
                continue  # "the Swabian gearbox maker Hollweg AG": a name, no reference
            found = self._corefer(tok)
            self._chain[tok.i] = found
            if len(found) == 1:
                self.ents.clusters[found[0]].descriptors |= description_words(_described(tok), self.lex)

    def _named_before_a_comma(self, tok: Token) -> int | None:
        """The company whose name ends right before the comma that opens a description's
        phrase: an appositive the parser did not join ("Roventa, the consumer robotics brand
        owned by X, launched ..."). Not "..., the company said": a speaker's verb right
        after the noun."""
        left = tok.left_edge.i
        nxt = self.doc[tok.i + 1] if tok.i + 1 < len(self.doc) else None
        if tok.dep_ == "poss":
            return None  # "X, the group's automation division": the group is another
        if left < 2 or self.doc[left - 1].text != "," or (
                nxt is not None and nxt.i == tok.head.i and nxt.pos_ in ("VERB", "AUX")):
            return None
        cid = self.company_at(self.doc[left - 2])
        if cid is None or not any(e == left - 1 for _, e in self.ents.clusters[cid].spans):
            return None
        return cid

    def _corefer(self, tok: Token) -> list[int]:
        word = tok.lower_
        is_pron = word in PRONOUNS
        is_desc = self._is_description(tok)
        if not (is_pron or is_desc):
            return []
        if is_desc and (anchor := self._named_before_a_comma(tok)) is not None:
            return [anchor]  # "Roventa, the consumer robotics brand owned by X, launched"
        if word in FIRST_PERSON:
            speakers = self._speakers(tok.sent)
            if speakers:  # '"Our line is produced by X," Y said': Y
                return speakers
        if tok.dep_ == "poss":  # "Harlow's Trail E7 and its Urban C3": Harlow
            head = tok.head
            siblings = [*head.conjuncts] + ([head.head] if head.dep_ == "conj" else [])
            owners = [c for n in siblings for p in n.children if p.dep_ == "poss" and p.i != tok.i
                      and (c := self.cluster_at(p)) is not None and self.type_of(c) == "company"]
            if owners:
                return owners[:1]
            buyers = self._buyers_for(tok)
            if buyers:  # "X delivers cells to Y for its cargo bike": the buyer's bike
                return buyers
            # "The company operates ... through its subsidiary X": "its" is what the
            # clause's subject refers to
            # (and past a clause misread inside its object: "recalled its Okabe Golden Flax
            # milled flaxseed", "milled" read as a verb)
            verbs = [a for a in tok.ancestors if a.pos_ in ("VERB", "AUX")][:2]
            if len(verbs) == 2 and not (verbs[0].dep_ == "ccomp" and verbs[0].head == verbs[1]
                                        and not self.subject_companies(verbs[0])):
                verbs = verbs[:1]
            for verb, subj in [(v, s) for v in verbs for s in clause_subject_tokens(v)]:
                if subj.lower_ in RELATIVE_PRONOUNS and subj.i < tok.i \
                        and verb.lemma_.lower() not in self.lex["supply_verbs"]:
                    # "X, which has used Bystra packs in its Citra 12 bus": X (but "S, which
                    # has supplied motors for its Stadsrijder models": the buyer's)
                    referent = self.antecedent(subj)
                    if referent:
                        return referent
                if subj.i != tok.i and self.cluster_at(subj) is None and subj.lower_ not in PRONOUNS:
                    referent = self.corefer(subj)
                    if referent:
                        return referent
                if subj.dep_ in ("conj", "appos") and subj.i < tok.i \
                        and (cid := self.company_at(subj)) is not None:
                    return [cid]  # "Last autumn, X recalled its ...": the subject past the date
        if is_desc and any(c.lower_ == "same" for c in tok.children):
            subject = self._clause_subject(tok)
            for i in range(tok.i - 1, max(0, tok.sent.start - 80) - 1, -1):
                cid = self.cluster_at(self.doc[i])
                if cid is not None and cid != subject and self.type_of(cid) == "company" \
                        and not self.is_regulator(cid):
                    return [cid]  # "buys its fuel from X and has agreed with the same supplier"
        if is_desc and tok.tag_ == "NNS" and any(c.lower_ in ("two", "both") for c in tok.children):
            pair = self._last_named(tok, 2)
            if len(pair) == 2:  # "the two companies", "both companies": the last two named
                return pair
        if word in ("they", "their", "them"):
            # '... the two companies said they would ...': what that description stands for
            for t in reversed(tok.sent[:tok.i - tok.sent.start]):
                if t.tag_ == "NNS" and self._is_description(t):
                    group = self.corefer(t)
                    if len(group) > 1:
                        return group
                    break
        if is_pron and word not in PLURAL_REFS:
            reporter = self._reporter(tok)
            if reporter:  # "The Pune-based brand said that its cells come from X": the brand
                return reporter
        if word in ("it", "its") and all(t.is_punct or t.is_space for t in tok.sent[:tok.i - tok.sent.start]):
            described = self._described_subject_before(tok.sent)
            if described:  # "The Singapore company is reshaping its business. Its notebooks ..."
                return described
            alone = self._only_company_before(tok.sent)
            if alone:  # "The decision does not affect X's footwear. Its best-selling shoe ..."
                return alone
        described = _described(tok)
        modifiers = description_words(described, self.lex)
        bare = not modifiers  # "the company", not "the Munich-based company"
        # a place ("the Pune-based brand", "the Korean supplier") tells more than a trade word
        places = description_words((c for c in described if not c.is_lower), self.lex)
        # "The Korean supplier will ship cells to X": not X, named beside it in its clause
        beside = self._named_beside(tok) if is_desc else set()
        if is_desc:  # the role noun itself: "the JV" matches a company called "a joint venture"
            modifiers |= set(self.lex.expansions.get(tok.lemma_.lower(), (tok.lemma_.lower(),)))
        if is_desc and places:
            placed = self._placed_before(tok, places, beside)
            if placed is not None:  # "the Lyon-based group", pages after "X, the Lyon-based ..."
                return self._group_with(placed) if word in PLURAL_REFS else [placed]
        sent = tok.sent
        window_start = max(0, sent.start - 80)
        subject = self._clause_subject(tok)
        best: tuple[float, int] | None = None
        for i in range(tok.i - 1, window_start - 1, -1):
            cid = self.cluster_at(self.doc[i])
            if cid is None and is_desc and bare and self._chain \
                    and len(self._chain.get(i, ())) == 1 and self.doc[i].lemma_ == tok.lemma_ \
                    and not description_words(_described(self.doc[i]), self.lex) \
                    and self.doc[i].sent.start != sent.start:
                # the same description said before ("Orrin bought the company ... The
                # company is best known for"): the same company, ahead of a subject between
                best = max(best or (-9.0, -1), (1.6 - 0.02 * (tok.i - i), self._chain[i][0]))
                continue
            if cid is None or self.type_of(cid) != "company" or self.is_regulator(cid):
                continue
            if subject is not None and cid == subject and tok.dep_ not in ("nsubj", "poss"):
                continue  # "Anker ... ceased doing business with the company": not Anker
            cand = self._name_root(cid, i)
            if cand.head.i == tok.head.i and cand.dep_ == "compound":
                continue  # "Our Bramble Bear line": a name in the pronoun's own phrase
            if tok.dep_ == "poss" and tok.head.dep_ == "appos" and cid == self.cluster_at(tok.head.head):
                continue  # "X Vietnam Co., its wholly owned subsidiary": not X Vietnam itself
            score = -0.02 * (tok.i - i)
            if cand.dep_ in ("nsubj", "nsubjpass") or (  # "Tidewell teams up": a misparse
                    cand.dep_ == "compound" and misread_verb(cand.head) and cand.i < cand.head.i):
                score += 1.0
                if cand.head.dep_ == "ROOT" or (cand.head.dep_ == "conj" and cand.head.head.dep_ == "ROOT"):
                    score += 0.5  # the main clause's subject is the likeliest topic
            elif cand.dep_ == "poss" and cand.head.dep_ == "attr" and cand.head.head.lemma_ == "be":
                score += 1.0  # "It is Harlan's second recall": what the sentence is about
            if cand.sent.start == sent.start:
                score += 0.3
            if is_desc and cand.dep_ == "compound" and self.cluster_at(cand.head) is None:
                score -= 0.5  # a name used as a brand ("the Chevrolet Bolt recall") is a weak topic
            if is_desc and tok.lemma_.lower() in self.lex["end_product_nouns"] \
                    and self._names_parts(cid):
                # "faulty LG batteries led the automaker to ...": a company the document
                # names on parts is the parts' maker, not the automaker
                score -= 1.5
            if cid in beside:
                continue
            if is_desc and bare and word in GENERIC_COMPANY_NOUNS and cid == self.topic():
                # "the company", pages on: the one the document is about (not "the
                # manufacturer": a role tells more)
                score += 0.75
            overlap = modifiers & self.ents.clusters[cid].descriptors
            score += 0.75 * len(overlap - UNTELLING) + 0.75 * len(overlap & places)
            if is_desc and not places and tok.lemma_.lower() in overlap:
                # what it is called ("the group" for "industrial group X"), when no place
                # says more ("the Osaka-based maker")
                score += 0.75
            if best is None or score > best[0]:
                best = (score, cid)
        if best is None:
            return []
        if word in PLURAL_REFS:
            return self._group_with(best[1])
        return [best[1]]

    def _buyers_for(self, poss: Token) -> list[int]:
        """The customers of the supply a possessive's "for" phrase belongs to: "X supplies
        cells to Y for its Vega", "X will supply Y with modules for its home batteries":
        what the parts are for is the buyer's."""
        noun = poss.head
        while noun.dep_ == "conj":
            noun = noun.head
        if noun.dep_ != "pobj" or noun.head.lower_ != "for":
            return []
        verb = noun.head.head
        for _ in range(3):  # "for" hung on the parts: "supply Y with 9,000 modules for its Vega"
            if verb.pos_ == "VERB" or verb.dep_ not in ("dobj", "dative", "pobj", "prep"):
                break
            verb = verb.head
        if verb.pos_ != "VERB" or verb.lemma_.lower() not in self.lex["supply_verbs"]:
            return []
        buyers = [c for o in prep_objects(verb, "to") for c in self.entities(o)]
        if not buyers and prep_objects(verb, "with"):  # "supply Y with modules"
            buyers = [c for o in children(verb, "dobj", "dative") for c in self.entities(o)]
        return buyers[:1]

    def _placed_before(self, tok: Token, places: set[str], beside: set[int]) -> int | None:
        """The one company named before `tok`, anywhere in the document, that an earlier
        description put in one of `places`: a place says which company is meant however
        far back it was said, where a trade word ("group") fits many."""
        found = {cid for i in range(tok.i) if (cid := self.cluster_at(self.doc[i])) is not None
                 and self.type_of(cid) == "company" and not self.is_regulator(cid)
                 and places & self.ents.clusters[cid].descriptors}
        found -= beside
        if len(found) != 1:
            return None
        placed = found.pop()
        # "the Japanese unit" after "Kamiura's compressor unit, Kamiura Compressor Co.": a
        # company nearby called what the description calls it is meant, whatever its place
        noun = tok.lemma_.lower()
        start = max(0, tok.sent.start - 80)
        if any((cid := self.cluster_at(self.doc[i])) is not None and cid != placed
               and noun in self.ents.clusters[cid].descriptors for i in range(start, tok.i)):
            return None
        return placed

    def topic(self, besides: frozenset[int] = frozenset()) -> int | None:
        """The company the document is about: named more often than any other, and at
        least twice; `besides` those known not to be it (the makers of the parts a teardown
        sentence lists are not their buyer)."""
        if besides:
            return self._most_named(besides)
        if not hasattr(self, "_topic"):
            self._topic = self._most_named(frozenset())
        return self._topic

    def outlet(self) -> set[int]:
        """The companies named like the outlet the document comes from (its "Source:")."""
        source = self.doc.user_data.get(DOCUMENT_SOURCE)
        if not source:
            return set()
        key = name_key(source)
        return {cid for cid, c in enumerate(self.ents.clusters)
                if c.type == "company" and key in {name_key(n) for n in c.names}}

    def _most_named(self, besides: frozenset[int]) -> int | None:
        # (not the outlet, however often its datelines name it: "DETROIT (Continental Newswire)")
        besides = besides | self.outlet()
        counts = sorted(((len({s for s, _ in c.spans}), cid)
                         for cid, c in enumerate(self.ents.clusters)
                         if c.type == "company" and c.spans and not self.is_regulator(cid)
                         and cid not in besides), reverse=True)
        tied = len(counts) > 1 and counts[1][0] == counts[0][0]
        return None if not counts or counts[0][0] < 2 or tied else counts[0][1]

    def company_named_first(self, product_name: str) -> int | None:
        """The company whose whole name starts a product's ("Ouyang Motors L7"). A product
        line the model took for a company ("Trail E7") owns nothing: the name must be a
        company's by its words."""
        words = product_name.lower().split()
        for cid, cluster in enumerate(self.ents.clusters):
            if cluster.type != "company" or not cluster.spans:
                continue
            for name in cluster.names:
                named = name.lower().split()
                if 0 < len(named) < len(words) and words[:len(named)] == named and any(
                        self.lex.is_company_word(w) for w in named[1:]):
                    return cid
        return None

    def _named_beside(self, tok: Token) -> set[int]:
        """Companies that are the other parties of the verb a described company is the
        subject or object of: "The Korean supplier will ship cells to X" (not X)."""
        if tok.dep_ not in ("nsubj", "nsubjpass", "dobj"):
            return set()
        verb = tok.head
        parties = [c for c in verb.children if c.i != tok.i and c.dep_ in (
            "nsubj", "nsubjpass", "dobj", "dative")]
        parties += [o for p in verb.children if p.dep_ in ("prep", "dative", "agent")
                    for o in p.children if o.dep_ == "pobj"]
        # (not a party of its own: "The company operates through its subsidiary X")
        parties = [p for p in parties if not any(t.lower_ in PRONOUNS for t in p.subtree)]
        # the parties themselves, not a brand in a product's name ("recalled Nimbus NA-220s")
        return {c for p in parties for t in (p, *p.conjuncts) if (c := self.company_at(t)) is not None}

    def products_possessing(self, noun: Token) -> list[int]:
        """The products a noun is said to be part of by a possessive ("the Starling 90's wing
        skins"), by the parse or, where it lost the possessive, by the words before the noun."""
        found: list[int] = []
        for i in range(noun.left_edge.i, noun.i):
            tok = self.doc[i]
            if tok.text in ("'s", "’s") and i > 0 and (cid := self.cluster_at(self.doc[i - 1])) is not None \
                    and self.type_of(cid) == "product" and cid not in found:
                found.append(cid)
        return found

    def possessing_products(self, sent: Span) -> list[int]:
        """The products a sentence writes as the owner of something ("The Tote Runner's drive
        units rely on ..."), in order."""
        return list(dict.fromkeys(
            c for t in sent if t.dep_ == "poss" and (c := self.cluster_at(t)) is not None
            and self.type_of(c) == "product"))

    def _only_company_before(self, sent: Span) -> list[int]:
        """The one company the sentence before names (in any role), if it names one."""
        if sent.start == 0:
            return []
        named = {cid for t in self.doc[sent.start - 1].sent if (cid := self.cluster_at(t)) is not None
                 and self.type_of(cid) == "company" and not self.is_regulator(cid)}
        return list(named) if len(named) == 1 else []

    def _described_subject_before(self, sent: Span) -> list[int]:
        """The company the sentence before names by a description as its subject."""
        if sent.start == 0:
            return []
        prev = self.doc[sent.start - 1].sent
        subjects = [t for t in prev if t.dep_ in ("nsubj", "nsubjpass") and t.head.dep_ == "ROOT"]
        if len(subjects) != 1 or self.cluster_at(subjects[0]) is not None \
                or not self._is_description(subjects[0]):
            return []
        found = self.corefer(subjects[0])
        return found if len(found) == 1 else []

    def _reporter(self, tok: Token) -> list[int]:
        """The company that says the clause a pronoun is in, named or described: "X said
        that its cells come from Y", "The brand said it would ..."."""
        own = nearest_verb(tok)
        if own is not None and any(self.company_at(t) is not None for t in clause_subject_tokens(own)):
            return []  # "X has completed its acquisition of ..., the maker said": X's own
        below = tok
        for verb in tok.ancestors:
            if verb.lemma_.lower() in SAY_VERBS and verb.pos_ == "VERB" and below.dep_ == "ccomp":
                # the subject nearest the verb: not a dateline's city ("TOKYO, Oct 8 - X said")
                for subj in sorted(children(verb, "nsubj"), key=lambda t: abs(verb.i - t.i))[:1]:
                    if subj.lower_ in PRONOUNS:
                        continue
                    cid = self.cluster_at(subj)
                    if cid is not None:
                        return [cid] if self.type_of(cid) == "company" else []
                    return self.corefer(subj)
                return []
            below = verb
        return []

    def _speakers(self, sent: Span) -> list[int]:
        """Companies that say the sentence ('..., Castell said'; 'Castell said: "..."')."""
        return [c for t in sent if t.lemma_.lower() in SAY_VERBS and t.pos_ == "VERB"
                for s in t.children if s.dep_ == "nsubj" and s.lower_ not in PRONOUNS
                for c in self.entities(s)]  # (not "we said": no speaker named)

    def _names_parts(self, cid: int) -> bool:
        """Is the company named on a part somewhere in the document ("LG batteries")?"""
        if cid not in self._names_parts_of:
            self._names_parts_of[cid] = self._find_names_parts(cid)
        return self._names_parts_of[cid]

    def _find_names_parts(self, cid: int) -> bool:
        heads = self.lex["component_heads"]
        cluster = self.ents.clusters[cid]
        if any(self.doc[start:end].root.dep_ == "compound"
               and self.doc[start:end].root.head.lower_ in heads for start, end in cluster.spans):
            return True
        # the name's first word inside a part's name: "faulty LG batteries" (LG Chem)
        first = cluster.name.split()[0]
        return any(first in self._capitalised_modifiers(comp) for comp in self.components)

    def maker_named_in(self, comp: Component) -> int | None:
        """The company a part's name names before its head ("faulty LG batteries"): the
        company called exactly that word, else the only one whose name starts with it."""
        words = self._capitalised_modifiers(comp)
        companies = self.ents.of_type("company")
        exact = [cid for cid in companies if self.ents.clusters[cid].name in words]
        if exact:
            return exact[0]
        found = {cid for cid in companies if self.ents.clusters[cid].name.split()[0] in words}
        return found.pop() if len(found) == 1 else None

    def _capitalised_modifiers(self, comp: Component) -> set[str]:
        return {t.text for t in self.doc[comp.start:comp.end - 1] if t.text[:1].isupper()}

    def _name_root(self, cid: int, i: int) -> Token:
        for start, end in self.ents.clusters[cid].spans:
            if start <= i < end:
                return self.doc[start:end].root
        return self.doc[i]

    def _last_named(self, tok: Token, n: int) -> list[int]:
        """The n companies "the two companies" stands for: the last different companies the
        sentences before it (this one and the two before) make their subjects or the
        subjects' owners ("Ellsworth supplies ..., while Dravik builds ..."), then the last
        named ("X signed a contract with Y"); not a regulator, nor a name a possessive
        owns ("Velosta's Stad": a line, whatever the tagger says)."""
        start = tok.sent.start
        for _ in range(2):
            if start > 0:
                start = self.doc[start - 1].sent.start
        subjects: list[int] = []
        named: list[int] = []
        for i in range(tok.i - 1, start - 1, -1):
            cid = self.cluster_at(self.doc[i])
            if cid is None or self.type_of(cid) != "company" or self.is_regulator(cid) \
                    or (i > 0 and self.doc[i - 1].lower_ in ("'s", "’s")):
                continue
            root = self._name_root(cid, i)
            while root.dep_ == "conj" and root.head.i != root.i:
                root = root.head  # "Toyota and Panasonic have announced ...": both subjects
            subject = root.dep_ in ("nsubj", "nsubjpass") or (
                root.dep_ == "poss" and root.head.dep_ in ("nsubj", "nsubjpass"))
            if subject and cid not in subjects:
                subjects.append(cid)
            if cid not in named:
                named.append(cid)
        found = subjects[:n]
        found += [c for c in named if c not in found][:n - len(found)]
        return sorted(found, key=lambda c: min(s for s, _ in self.ents.clusters[c].spans))


    def _group_with(self, cid: int) -> list[int]:
        """The companies last named together with cid ("Anker and rival Romoss")."""
        for start, _end in reversed(self.ents.clusters[cid].spans):
            root = self.doc[start]
            while root.dep_ in ("conj", "compound", "nmod") and root.head.i != root.i:
                root = root.head
            group = self.entities(root)
            if len(group) > 1:
                return group
        return [cid]

    def _clause_subject(self, tok: Token) -> int | None:
        head = tok
        while head.dep_ not in ("ROOT",) and head.pos_ not in ("VERB", "AUX"):
            head = head.head
        verb = head
        while verb is not None:
            for child in verb.children:
                if child.dep_ in ("nsubj", "nsubjpass"):
                    cid = self.cluster_at(child)
                    if cid is None and child.lower_ in PRONOUNS and child.i != tok.i:
                        ref = self.corefer(child)
                        cid = ref[0] if ref else None
                    if cid is None:
                        ids = [c for c in (self.cluster_at(t) for t in child.subtree) if c]
                        cid = ids[0] if ids else None
                    return cid
            if verb.dep_ in ("xcomp", "ccomp", "conj", "advcl", "relcl") and verb.head.i != verb.i:
                verb = verb.head
            else:
                verb = None
        return None

    def kind_entity(self, start: int, end: int) -> list[int]:
        """The document's entity for a kind of product named at [start, end) ("gate valves"),
        created on first use. Its tokens are not claimed, so other rules still read them."""
        start = hyphenated_start(self.doc, start)
        name = self.doc[start:end].text
        key = name.lower()
        cid = self._kinds.get(key)
        if cid is None:
            head = self.doc[end - 1]
            heads = self.lex["component_heads"]
            type_ = "component" if head.lower_ in heads or head.lemma_.lower() in heads \
                else "product"
            cid = self._kinds[key] = self.ents.new_cluster(type_)
            self.ents.clusters[cid].claims = False
        cluster = self.ents.clusters[cid]
        if (start, end) not in cluster.spans:
            cluster.spans.append((start, end))
            cluster.names[name] += 1
        return [cid]

    # -- components -------------------------------------------------------------
    def component_in(self, tok: Token) -> Component | None:
        for t in [tok, *tok.subtree]:
            comp = self._component_at.get(t.i)
            if comp is not None:
                return comp
        return None

    def components_in(self, span: Span) -> list[Component]:
        return [c for c in self.components if span.start <= c.start < span.end]


def _described(tok: Token) -> list[Token]:
    """The words a description puts before its noun ("the Kolkata-based" brand)."""
    return [c for left in tok.lefts for c in left.subtree]


def find_components(doc: Doc, ents: DocEntities, lex: Lexicon) -> list[Component]:
    """Noun phrases whose head is a kind of part: "45 million lithium-ion batteries"."""
    return [c for chunk in doc.noun_chunks if (c := component_of(chunk, chunk.root, ents, lex))]


def component_of(phrase: Span, root: Token, ents: DocEntities, lex: Lexicon) -> Component | None:
    """The part a noun phrase headed by `root` names, without its determiners, numbers and
    names, with the quantity it states; None unless `root` is a kind of part."""
    heads = lex["component_heads"]
    if root.lower_ not in heads and root.lemma_.lower() not in heads:
        return None
    # a kind of part the recogniser read as a product's name ("DC-link film capacitors")
    # is still that part: its words are kept
    own = ents.token_cluster.get(root.i)
    if own is not None and ents.clusters[own].type not in ("product", "component"):
        own = None
    doc = phrase.doc
    # a number written into a word names the part, it counts nothing: "5G modem", "1-inch sensor"
    glued = {t.i for t in phrase if t.like_num and not t.whitespace_ and t.i + 1 < len(doc)
             and (doc[t.i + 1].is_alpha or doc[t.i + 1].text == "-")}
    kept = []
    for t in phrase:
        if t.i in glued:
            kept.append(t)
            continue
        if (t.i in ents.token_cluster and (own is None or ents.token_cluster[t.i] != own)) \
                or t.dep_ in ("det", "poss", "nummod", "quantmod", "case") or t.lower_ in ("'s", "’s") \
                or t.like_num or t.pos_ in ("PRON", "DET", "NUM") or (t.is_punct and t.text != "-"):
            continue
        if t.lower_ in ("initial", "new", "remaining", "first", "some", "many", "all", "more",
                        "than", "about", "over", "around", "up", "to"):
            continue
        kept.append(t)
    if not kept or kept[-1].i != root.i or (len(kept) == 2 and kept[0].lower_ in lex["not_part_modifiers"]):
        return None  # (not "its supervisory board"; but "battery management boards")
    first = kept[0].i
    if _contiguous(kept) and (start := hyphenated_start(doc, first)) < first \
            and all(i not in ents.token_cluster for i in range(start, first)):
        first = start  # "long-time modem", not "time modem"
    name = doc[first:root.i + 1].text if _contiguous(kept) else " ".join(t.text for t in kept)
    nums = [t for t in phrase if (t.like_num or t.dep_ in ("nummod", "quantmod")) and t.i not in glued]
    quantity = parse_quantity(doc[nums[0].i:nums[-1].i + 1].text) if nums else None
    return Component(first, root.i + 1, name, quantity)


def _contiguous(tokens: list[Token]) -> bool:
    return all(b.i == a.i + 1 for a, b in itertools.pairwise(tokens))
