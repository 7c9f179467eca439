"""Group a document's name candidates into entities: one name, one type per document."""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Callable

from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc

from supplywatch.extract.descriptions import CONTENT_POS, descriptions_of
from supplywatch.extract.legal_names import FORM_JOINERS, ends_in_legal_form, only_legal_form
from supplywatch.extract.lexicon import Lexicon
from supplywatch.extract.mentions import (
    MODEL_TOKEN,
    MONEY,
    REGION_NOUNS,
    Candidate,
    Cluster,
    after_a_possessive,
    context_votes,
    is_model_token,
    model_year_at,
    names_an_identifier,
    possessive_ending,
    spaced_model_at,
    word_positions,
)
from supplywatch.model import name_key

PLURAL_MODEL = re.compile(r"(?<=[A-Z0-9]\d)s$")
TYPE_ORDER = ("company", "product", "place", "person")
SURNAME = "surname"  # a person's, by a surname a fuller name gives (see decide_types)
ACRONYM = re.compile(r"^[A-Z][A-Z0-9&]{1,7}$")
YEAR = re.compile(r"^(?:19|20)\d{2}$")
AMOUNT = re.compile(r"^\d+(?:[.,]\d+)?(?:bn|mn|m|k|million|billion)$", re.IGNORECASE)
SHORT_MODEL = re.compile(r"^[A-Za-z]{1,2}\d{1,2}$")  # "S8", "X5", "Q20": too short for a model number alone
REFERENCE_WORDS = {"the", "this", "that", "our", "its"}


def top_type(votes: Counter[str]) -> str:
    """The type with the most votes; a tie goes to the earlier type of TYPE_ORDER, so the
    answer never depends on the order the votes were counted in (a set's, which changes
    from run to run with Python's string hashing)."""
    def rank(t: str) -> tuple[int, int, str]:
        return votes[t], -TYPE_ORDER.index(t) if t in TYPE_ORDER else -len(TYPE_ORDER), t

    return max(votes, key=rank)


class DocEntities:
    """The entities of one document and which tokens name them."""

    def __init__(self) -> None:
        self.clusters: list[Cluster] = []
        self.token_cluster: dict[int, int] = {}
        self.by_key: dict[str, int] = {}
        # Tokens the learned recogniser calls a kind of product; None when it did not run.
        self.kind_tokens: set[int] | None = None
        # Where each word is written (see `word_positions`), built on first use
        self.positions: dict[str, list[int]] | None = None

    def word_positions(self, doc: Doc) -> dict[str, list[int]]:
        """Where each word is written in the document, built once: reading every token of
        a long page for every one-word name was the slowest step of the entity layer."""
        if self.positions is None:
            self.positions = word_positions(doc)
        return self.positions

    def add_span(self, cid: int, start: int, end: int, text: str) -> None:
        cluster = self.clusters[cid]
        if (start, end) not in cluster.spans:
            cluster.spans.append((start, end))
        cluster.names[text] += 1
        for i in range(start, end):
            self.token_cluster.setdefault(i, cid)
        self.by_key.setdefault(name_key(text), cid)

    def new_cluster(self, type_: str) -> int:
        self.clusters.append(Cluster(type=type_))
        return len(self.clusters) - 1

    def of_type(self, type_: str) -> list[int]:
        return [i for i, c in enumerate(self.clusters) if c.type == type_ and c.spans]


# words before a line's name that no company's takes ("the Marlo", "its Marlo hatchback")
DETERMINERS = frozenset({"the", "its", "their", "a", "an", "'s", "’s"})


def decide_types(cands: list[Candidate], doc: Doc, lex: Lexicon,
                 learned: list[Candidate] | None = None) -> dict[str, str]:
    """One type per name key, by the sum of its votes across the document (`learned`: the
    learned recogniser's names, which only help decide what a short name is)."""
    votes: dict[str, Counter[str]] = defaultdict(Counter)
    for c in cands:
        votes[name_key(c.text(doc))].update(c.votes)
    # A name listed with a company ("Anker and rival Romoss") leans company too.
    at: dict[int, Candidate] = {i: c for c in cands for i in range(c.start, c.end)}
    for c in cands:
        root = doc[c.start:c.end].root
        for other in (root.head, *root.conjuncts):
            c2 = at.get(other.i)
            if c2 is None or c2 is c:
                continue
            key2 = name_key(c2.text(doc))
            if (top_type(votes[key2]) == "company" and root.dep_ == "conj") or (
                other in root.conjuncts and votes[key2]["company"] >= 3
            ):
                votes[name_key(c.text(doc))]["company"] += 1
    # "NavCore" of "its NavCore R12 receiver", later alone ("NavCore receivers"): a line of
    # the possessor's products, not a company
    # "VFS" of "the VFS series" where the document names a "VFS 4400": the models' line
    lines = {doc[i].text for i in range(len(doc) - 1) if spaced_model_at(doc, i)}
    for text in lines:
        if name_key(text) in votes and _only_a_line(doc, text, lex):
            votes[name_key(text)]["product"] += 3
    # (not "Pacebird" of "its Pacebird Trail 2" when "Pacebird Fitness" is the company)
    company_firsts = {key.split()[0] for key, v in votes.items()
                      if len(key.split()) > 1 and v and top_type(v) == "company"}
    for c in cands:
        words = doc[c.start:c.end]
        if len(words) > 1 and c.votes["product"] > c.votes["company"] \
                and after_a_possessive(doc, c.start):
            first = name_key(words[0].text)
            if first in votes and votes[first]["company"] <= 2 and first not in company_firsts:
                votes[first]["product"] += 2
    # "Ridgeway" of "Ridgeway Bikes", which the model reads as a place ("Ridgeway recalled
    # 3,100 bikes", "Ridgeway denied it"): the company, where the words around it say so too
    # (a fuller name with a corporate word, "Aerith Robotics", takes its short form in
    # `_cut_short` when the learned recogniser finds it: not here)
    full_names = [c.text(doc) for c in cands if top_type(votes[name_key(c.text(doc))]) == "company"] \
        + [c.text(doc) for c in learned or () if c.votes["company"]]
    named_first = {name_key(words[0]) for words in map(str.split, full_names) if len(words) > 1
                   and not any(lex.is_company_word(w) for w in words[1:])}
    for key, v in votes.items():
        if key in named_first and top_type(v) in ("place", "person") and v["company"] >= 2:
            v["company"] = max(v.values()) + 1
    # "Stridewell", read as a person by the base model everywhere and as a company by the
    # learned recogniser: the company (a one-word name only), where nothing but the base
    # model says person or place
    # (the first word of a longer company name, "Aerith" of "Aerith Robotics", is left to
    # `merge_short_forms`; not "the Marlo", "its Marlo hatchback": a line, named like one)
    first_words_of_companies = {name_key(words[0]) for words in map(str.split, full_names)
                                if len(words) > 1}
    person_words = {w for key, v in votes.items() if len(key.split()) > 1 and v and top_type(v) == "person"
                    for w in key.split()}
    mentions = Counter(name_key(c.text(doc)) for c in cands)
    determined = Counter(name_key(c.text(doc)) for c in cands
                         if c.start > 0 and doc[c.start - 1].lower_ in DETERMINERS)
    learned_votes: dict[str, Counter[str]] = defaultdict(Counter)
    for c in learned or ():
        learned_votes[name_key(c.text(doc))].update(c.votes)
    for key, v in votes.items():
        lv = learned_votes.get(key)
        if not lv or " " in key or key in person_words or key in first_words_of_companies \
                or top_type(v) not in ("person", "place") or determined[key] * 4 >= mentions[key]:
            continue
        others = sum(lv.values()) - lv["company"]
        if lv["company"] >= 2 and lv["company"] >= 2 * others and v[top_type(v)] <= mentions[key]:
            v["company"] = max(v.values()) + 1
    # "Ghoshal" of "Anirban Ghoshal", tagged an organisation with nothing around it to
    # say so ("Ghoshal declined to put a cost on it"), is the person.
    # (Not "Corsetti" of "Corsetti Trasmissioni S.p.A.", named after its founder's family.)
    surnames = {key.split()[-1] for key, v in votes.items()
                if len(key.split()) > 1 and v and top_type(v) == "person"}
    cued = {name_key(c.text(doc)) for c in cands if c.votes["company"] > 1}
    in_names = {w for key in votes for w in key.split()[:-1]}
    by_surname = {key for key, v in votes.items() if key in surnames and key not in cued
                  and key not in in_names and v["person"] <= v["company"]}
    # A term only the model calls an organisation, never with a company cue anywhere in
    # the document (no suffix, role noun, company verb, conjunction with a company), is
    # dropped: "IoT", "MEMS", a capitalised "Software" heading.
    weak_only = {name_key(c.text(doc)) for c in cands if c.weak} - {
        name_key(c.text(doc)) for c in cands if not c.weak}
    # A name written once with its legal form is a company's, however often it is written
    # bare where the model reads a person ("Importer(s): Pebbleroo Inc." and "contact
    # Pebbleroo"): no person is an "Inc.".
    incorporated = {name_key(c.text(doc)) for c in cands if ends_in_legal_form(c.text(doc), lex)}
    return {
        key: SURNAME if key in by_surname else "none" if key in weak_only and v["company"] <= sum(
            1 for c in cands if name_key(c.text(doc)) == key)
        else "company" if key in incorporated and top_type(v) == "person"
        else max(TYPE_ORDER, key=lambda t: (v[t], -TYPE_ORDER.index(t)))
        for key, v in votes.items()
    }


def _only_a_line(doc: Doc, letters: str, lex: Lexicon) -> bool:
    """Are the capitals of a numbered model ("VFS" of "VFS 4400") written only before a
    number or a line's noun ("the VFS series", "its FX-series presses")? Written alone
    ("KTM recalls ..."), they are a brand."""
    for tok in doc:
        if tok.text != letters:
            continue
        nxt = doc[tok.i + 1] if tok.i + 1 < len(doc) else None
        if nxt is not None and nxt.text in ("-", "–") and tok.i + 2 < len(doc):
            nxt = doc[tok.i + 2]
        if nxt is None or not (nxt.like_num or nxt.lower_ in lex["line_nouns"]):
            return False
    return True


def build(doc: Doc, cands: list[Candidate], models: list[tuple[int, int]],
          lex: Lexicon, learned: list[Candidate] | None = None) -> DocEntities:
    types = decide_types(cands, doc, lex, learned)
    ents = DocEntities()
    key_cluster: dict[str, int] = {}
    for c in sorted(cands, key=lambda c: c.start):
        text = c.text(doc)
        key = name_key(text)
        if not key:
            continue
        if types[key] == "none":
            continue
        if key not in key_cluster:
            key_cluster[key] = ents.new_cluster("person" if types[key] == SURNAME else types[key])
            ents.clusters[key_cluster[key]].surname = types[key] == SURNAME
        ents.add_span(key_cluster[key], c.start, c.end, text)
    merge_acronyms(doc, ents)
    places = {e.text for e in doc.ents if e.label_ in ("GPE", "LOC")} | {
        c.name for c in ents.clusters if c.type == "place" and c.spans}
    merge_short_forms(ents, lex, frozenset(places), doc)
    add_missed_mentions(doc, ents, lex)
    add_products(doc, ents, models, lex)
    numbered_names_read_as_persons(doc, ents, lex)
    add_product_lines(doc, ents, lex)
    add_descriptors(doc, ents, lex)
    if learned is not None:
        add_learned(doc, ents, learned, lex)
    demote_product_lines(doc, ents, lex)  # the learned recogniser's names too
    lines_read_as_places(doc, ents, lex)
    brands_read_as_persons(doc, ents, lex)
    brands_before_possessives(doc, ents)
    claim_learned_products(doc, ents)
    drop_identifiers(doc, ents)
    return ents


def claim_learned_products(doc: Doc, ents: DocEntities) -> None:
    """A product name only the learned recogniser found is read by the rules too when it is
    written like a sold model: capitalised words ending in a model ("Sonnet Q2") or named
    after its brand's possessive ("Pellon Electronics' Aero Buds Pro"), on words no other
    entity holds. Without this "The Sonnet Q2 uses a chip from X" gave no supply: its
    subject was nobody's."""
    for cid, cluster in enumerate(ents.clusters):
        if cluster.claims or cluster.type != "product" or not cluster.spans:
            continue
        words = cluster.name.split()
        if len(words) < 2 or not all(w[:1].isupper() or w[:1].isdigit() for w in words):
            continue
        if cluster.brand is None and not _ends_in_model(cluster.name):
            continue
        spans = _every_use(doc, cluster)
        if not any(i in ents.token_cluster for s, e in spans for i in range(s, e)):
            _claim(doc, ents, cid, spans)


def _every_use(doc: Doc, cluster) -> list[tuple[int, int]]:
    """Where the document writes any of a cluster's names, its own spans included."""
    matcher = PhraseMatcher(doc.vocab)
    matcher.add("name", [Doc(doc.vocab, words=[t.text for t in doc[s:e]]) for s, e in cluster.spans])
    return sorted({(s, e) for _, s, e in matcher(doc)} | set(cluster.spans))


def _claim(doc: Doc, ents: DocEntities, cid: int, spans: list[tuple[int, int]]) -> None:
    """Make a cluster one the rules read, at those of the spans no other entity holds."""
    cluster = ents.clusters[cid]
    cluster.spans, cluster.names = [], Counter()
    cluster.claims = True
    for start, end in spans:
        if not any(i in ents.token_cluster for i in range(start, end)):
            ents.add_span(cid, start, end, doc[start:end].text)


def brands_before_possessives(doc: Doc, ents: DocEntities) -> None:
    """A product written right after a company's possessive has that company for its brand
    ("Pellon Electronics' Aero Buds Pro", "Marvik's Sonnet Q2"), whatever the parser made
    of the phrase (it often joins "Electronics'" to the list before it)."""
    for cluster in ents.clusters:
        if cluster.type != "product" or cluster.brand is not None or not cluster.spans:
            continue
        for start, _ in cluster.spans:
            if start > 1 and possessive_ending(doc[start - 1]):
                owner = ents.token_cluster.get(start - 2)
                # (a name that ends there: not "Costume/Children's Jewelry", one phrase)
                if owner is not None and ents.clusters[owner].type == "company" and any(
                        e == start - 1 for _, e in ents.clusters[owner].spans):
                    cluster.brand = owner
                    break


def drop_identifiers(doc: Doc, ents: DocEntities) -> None:
    """A code only ever written as a notice's, a batch's or a unit's number ("Serial
    numbers 30A00001 to ...", "X's number for this recall is SR-0624") names no product."""
    for cid, cluster in enumerate(ents.clusters):
        if cluster.type == "product" and cluster.spans and all(
                any(ch.isdigit() for ch in doc[start:end].text) and names_an_identifier(doc, start)
                for start, end in cluster.spans):
            _release(ents, cid, list(cluster.spans))


def add_learned(doc: Doc, ents: DocEntities, learned: list[Candidate], lex: Lexicon) -> None:
    """Weigh the learned recogniser's names against the base model's, for the entity
    list only: the rules keep reading the base entities, so facts do not change.

    - A name the learned model tags is listed with the type it gives it most often
      (one type per name per document): "Hon Hai" a company, not a person.
    - A company the base model found but the learned model never tags is not listed
      (unless a fact names it, or its name ends in a legal suffix): "IoT", "MEMS",
      "Home Energy Management Systems".
    - A name only the learned model found becomes an entity that claims no words (like
      the kinds of product): listed, and paired with products (`pairs`), but not read
      by the rules."""
    by_key: dict[str, Counter[str]] = defaultdict(Counter)
    for cand in learned:
        by_key[name_key(cand.text(doc))].update(cand.votes)
    known: set[str] = set()
    for cluster in ents.clusters:
        if not cluster.spans:
            continue
        keys = {name_key(n) for n in cluster.names}
        known |= keys
        votes = sum((by_key[k] for k in keys if k in by_key), Counter())
        if cluster.surname:
            continue  # "Talukdar" of "Anirban Talukdar", whatever the recogniser says
        if votes:
            cluster.list_type = top_type(votes)
            if cluster.list_type == "company" and cluster.type == "place" and any(
                    context_votes(doc, s, e, lex)["place"] for s, e in cluster.spans):
                # "a plant in Puebla", "the Tampere-based maker": the words around the name
                # say where, whatever the recogniser remembers of it
                cluster.list_type = "place"
        elif cluster.type == "company" and not any(ends_in_legal_form(n, lex) for n in cluster.names):
            cluster.listed = False
    new: dict[str, int] = {}
    company_spans = [span for c in ents.clusters if c.type == "company" for span in c.spans]
    for cand in sorted(learned, key=lambda c: c.start):
        text = cand.text(doc)
        key = name_key(text)
        if not key or key in known:
            continue
        if any(s < cand.start and cand.end == e and all(
                t.text[:1].isupper() or t.text in (".", "&") for t in doc[s:e]) for s, e in company_spans):
            continue  # the tail of a name already read: "Automobili SpA" of "Vantaro Automobili SpA"
        if key not in new:
            new[key] = ents.new_cluster(top_type(by_key[key]))
            ents.clusters[new[key]].claims = False
        cluster = ents.clusters[new[key]]
        if (cand.start, cand.end) not in cluster.spans:
            cluster.spans.append((cand.start, cand.end))
            cluster.names[text] += 1
    for cid in new.values():
        _claim_if_free(doc, ents, cid, lex)
    for cluster in ents.clusters:
        if (cluster.list_type or cluster.type) == "company" and cluster.names \
                and all(is_reference_name(n, lex) for n in cluster.names):
            cluster.listed = False  # "the Company", "Group": a reference, not a name


def _claim_if_free(doc: Doc, ents: DocEntities, cid: int, lex: Lexicon) -> None:
    """A company name of two or more capitalised words that only the learned recogniser
    found, on words the base model left alone, is read by the rules too ("Smart Balance
    Wheel Scooters Recalled by Salvage World", where the small model tags nothing): it
    claims its words, and every other use of it."""
    cluster = ents.clusters[cid]
    if cluster.type != "company" or is_reference_name(cluster.name, lex):
        return
    words = cluster.name.split()
    heads = lex["product_heads"] | lex["component_heads"]
    if not all(w[:1].isupper() for w in words) or (any(w.lower() in heads for w in words) and not (
            len(words) > 2 and lex.is_company_word(words[-1]) and words[0].lower() not in heads)):
        return  # "Notebook Computers" in a title-case headline is no company (but "Ostrava
        # Cell Works" is: a name, a part, a corporate word)
    if len(words) < 2 and not _a_one_word_company(doc, cluster, lex):
        return
    cut_short = _cut_short(ents, cid, lex, lambda: _a_company_by_its_contexts(doc, cluster, lex))
    if cut_short is not None:
        _release(ents, cut_short, cluster.spans)
    if any(i in ents.token_cluster for s, e in cluster.spans for i in range(s, e)):
        return
    _claim(doc, ents, cid, _every_use(doc, cluster))
    if cut_short is not None:  # its other mentions ("Aerith" alone) are the company's too
        _merge(ents, cid, cut_short)


def _a_one_word_company(doc: Doc, cluster, lex: Lexicon) -> bool:
    """A one-word name only the learned recogniser reads ("Strydale") is a company the rules
    read too when it is named at least twice and its contexts say so ("Strydale makes
    boots", "Strydale is a subsidiary of ..."). (One word alone is too often a product, a
    place or a person for less.)"""
    return len(cluster.spans) >= 2 and cluster.name[1:].islower() and cluster.name.isalpha() \
        and _contexts_say_company(doc, cluster, lex)


def _a_company_by_its_contexts(doc: Doc, cluster, lex: Lexicon) -> bool:
    """A longer name in plain title case whose contexts say company, named once is enough:
    "a 30% stake in Eletrovia Mobilidade, a fleet leasing company"."""
    return all(w[:1].isupper() and w[1:].islower() for w in cluster.name.split()) \
        and _contexts_say_company(doc, cluster, lex)


def _contexts_say_company(doc: Doc, cluster, lex: Lexicon) -> bool:
    """The words around the name's mentions vote company at least twice, and never place,
    person or product."""
    votes: Counter[str] = sum((context_votes(doc, s, e, lex) for s, e in cluster.spans), Counter())
    return votes["company"] >= 2 and not votes["place"] and not votes["person"] \
        and not votes["product"]


def _cut_short(ents: DocEntities, cid: int, lex: Lexicon,
               said_a_company: Callable[[], bool] = lambda: False) -> int | None:
    """The person (or place) the base model reads where the document names a company by the
    start of its full name: "Aerith" of "Aerith Robotics", "Kestria" of "Kestria
    Composites", when the rest of the full name has a corporate word and no person in the
    document goes by the shorter name (a place: named nowhere else). (The base model may
    have read the full name's first words as that person too.) A full name whose contexts
    say it is a company (`said_a_company`) needs no corporate word: "Eletrovia
    Mobilidade, a fleet leasing company"; asked only when a shorter name is found)."""
    cluster = ents.clusters[cid]
    words = cluster.name.split()
    holders = {ents.token_cluster[i] for s, e in cluster.spans for i in range(s, e)
               if i in ents.token_cluster}
    # (or a company: "Aerith", read a company from its contexts, of "Aerith Robotics")
    for other in ents.of_type("person") + ents.of_type("place") + ents.of_type("company"):
        short = ents.clusters[other]
        short_words = short.name.split()
        if short.type == "company" and not lex.is_company_word(words[-1]):
            continue  # (a company's short form goes only to a name that ends like one:
            # not "MagCharge" to "MagCharge Power Banks Due" of a title-case headline)
        if len(short_words) >= len(words) or words[:len(short_words)] != short_words \
                or not (any(lex.is_company_word(w) for w in words[len(short_words):]) or said_a_company()) \
                or holders - {other} or _a_person_s_name(ents, other):
            continue
        inside = [(s, e) for s, e in short.spans if any(cs <= s < ce for cs, ce in cluster.spans)]
        if short.type == "place" and len(inside) < len(short.spans):
            continue  # a place named on its own too ("Kestria" alone) may be one
        if all(any(s == cs and e < ce for cs, ce in cluster.spans) for s, e in inside):
            return other
    return None


def _release(ents: DocEntities, cid: int, within: list[tuple[int, int]]) -> None:
    """Take the mentions of a cluster that lie within these spans away from it."""
    cluster = ents.clusters[cid]
    for start, end in [sp for sp in cluster.spans if any(s <= sp[0] < e for s, e in within)]:
        cluster.spans.remove((start, end))
        for i in range(start, end):
            if ents.token_cluster.get(i) == cid:
                del ents.token_cluster[i]


def is_reference_name(name: str, lex: Lexicon) -> bool:
    """A "name" made only of words that refer to a company without naming one ("The
    Company", "the Group", "Corporation"): press releases capitalise them."""
    words = [w.strip(".,;:'\"()").lower() for w in name.split()]
    return bool(words) and all(w in REFERENCE_WORDS or w in lex["company_nouns"]
                               or w in lex["legal_suffixes"] for w in words)


def add_unclaimed_mentions(doc: Doc, ents: DocEntities) -> None:
    """Every other use of a name or kind that claims no words ("sensors" tagged once) is
    a mention of it too, where no claiming entity holds those words."""
    names = PhraseMatcher(doc.vocab)
    kinds = PhraseMatcher(doc.vocab, attr="LOWER")
    for cid, cluster in enumerate(ents.clusters):
        if cluster.claims or not cluster.spans:
            continue
        matcher = kinds if doc[cluster.spans[0][0]].is_lower else names
        words = {tuple(t.text for t in doc[s:e]) for s, e in cluster.spans}
        matcher.add(str(cid), [Doc(doc.vocab, words=list(w)) for w in words])
    for matcher in (names, kinds):
        for match_id, start, end in matcher(doc):
            cluster = ents.clusters[int(doc.vocab.strings[match_id])]
            if (start, end) in cluster.spans or any(i in ents.token_cluster for i in range(start, end)):
                continue
            cluster.spans.append((start, end))
            cluster.names[doc[start:end].text] += 1


def _merge(ents: DocEntities, keep: int, drop: int) -> None:
    if keep == drop:
        return
    source = ents.clusters[drop]
    target = ents.clusters[keep]
    target.names.update(source.names)
    for span in source.spans:
        if span not in target.spans:
            target.spans.append(span)
    source.spans = []
    source.names = Counter()
    if target.type != "company" and source.type == "company":
        target.type = "company"
    for tok, cid in list(ents.token_cluster.items()):
        if cid == drop:
            ents.token_cluster[tok] = keep
    for key, cid in list(ents.by_key.items()):
        if cid == drop:
            ents.by_key[key] = keep
    for cluster in ents.clusters:  # the products it was the brand of
        if cluster.brand == drop:
            cluster.brand = keep


def merge_acronyms(doc: Doc, ents: DocEntities) -> None:
    """ "Amperex Technology Limited (ATL)", "Kuramoto Motor Components, known as KMC": the
    acronym names the same company."""
    for cid, cluster in enumerate(ents.clusters):
        for start, end in list(cluster.spans):
            at = _acronym_after(doc, end)
            if at is not None:
                acr = doc[at]
                if ACRONYM.match(acr.text) and acr.text.lower() != name_key(doc[start:end].text):
                    other = ents.token_cluster.get(acr.i)
                    ents.add_span(cid, acr.i, acr.i + 1, acr.text)
                    if other is not None:
                        _merge(ents, cid, other)
                    ents.token_cluster[acr.i] = cid
                    # Every later use of the acronym is the same company.
                    for tok in doc:
                        if tok.text == acr.text and tok.i != acr.i:
                            _merge_token(ents, cid, tok.i)
                    cluster.type = "company"


def _acronym_after(doc: Doc, end: int) -> int | None:
    """Where the short name written right after a name is: "(ATL)", ", known as KMC,"."""
    if end + 2 < len(doc) and doc[end].text == "(" and doc[end + 2].text in (")", ","):
        return end + 1
    i = end + 1 if end + 1 < len(doc) and doc[end].text in (",", "(") else None
    if i is not None and i < len(doc) and doc[i].lower_ == "also":
        i += 1
    if i is not None and i + 2 < len(doc) and doc[i].lower_ == "known" and doc[i + 1].lower_ == "as" \
            and doc[i + 3 if i + 3 < len(doc) else i + 2].text in (",", ")", "."):
        return i + 2
    return None


def _merge_token(ents: DocEntities, cid: int, i: int) -> None:
    other = ents.token_cluster.get(i)
    if other is None:
        ents.add_span(cid, i, i + 1, ents_text(ents, cid, i))
    elif other != cid:
        _merge(ents, cid, other)


def ents_text(ents: DocEntities, cid: int, i: int) -> str:
    for name in ents.clusters[cid].names:
        if len(name.split()) == 1 and name.isupper():
            return name
    return ents.clusters[cid].name


def merge_short_forms(ents: DocEntities, lex: Lexicon, places: frozenset[str] = frozenset(),
                      doc: Doc | None = None) -> None:
    """ "Anker" for "Anker Innovations": a shorter name that starts a longer one is the same
    company, unless the rest is an acronym ("Samsung" is not "Samsung SDI"); or that follows
    one of the `places` a longer one starts with."""
    keys = {cid: name_key(c.name) for cid, c in enumerate(ents.clusters) if c.spans}
    for cid, key in sorted(keys.items(), key=lambda kv: len(kv[1])):
        cluster = ents.clusters[cid]
        if not cluster.spans or cluster.type not in ("company", "person", "place", "product"):
            continue
        longer = []
        for other, okey in keys.items():
            oc = ents.clusters[other]
            if other == cid or not oc.spans or oc.type != "company":
                continue
            # (a longer name ending in a model is a product's, whatever the model typed it:
            # "Tike Tech" is the maker of the "Tike Tech Single City X3", not its short form)
            if _ends_in_model(oc.name):
                continue
            if okey.startswith(key + " ") and any(ends_in_legal_form(n, lex) for n in cluster.names) \
                    and ends_in_legal_form(oc.name, lex):
                continue  # two full names: "Kyungdo Autosafety Co., Ltd." and its subsidiary
                # "Kyungdo Autosafety de Mexico S.A. de C.V."
            if okey.startswith(key + " "):
                rest = oc.name.split()[len(cluster.name.split()):]
                after = okey.split()[len(key.split()):]
                if rest and not all(ACRONYM.match(w) for w in rest) \
                        and not _named_after_a_partner(ents, keys, (cid, other), after, lex, doc):
                    longer.append(other)
            elif len(key.split()) == 1 and okey.split()[1:2] == [key] \
                    and (oc.name.split()[0] in places or oc.name.split()[0].lower() in lex["name_places"]):
                # "Qiantao" of "Zhejiang Qiantao New Energy Co., Ltd.": a Chinese company's
                # name starts with its province or city
                longer.append(other)
            elif _name_before_legal_form(oc.name, lex) == key:
                longer.append(other)
            elif cluster.type in ("person", "company") and _two_word_tail(oc.name, lex) == key \
                    and key not in places:
                longer.append(other)  # "Orélie" of "Maison Orélie", "Daumier" of "Groupe Daumier"
        # "Brantholm Marine" and "Brantholm Marine ASA" are one company's names, not two; but
        # "Verdalux Packaging Inc." and "Verdalux Packaging de Mexico S.A. de C.V." are a
        # group and its unit, and the short form is the group's
        def full_names(a: int, b: int) -> bool:
            return all(ends_in_legal_form(ents.clusters[x].name, lex) for x in (a, b))

        longer = [o for o in longer if not any(
            o2 != o and ((keys[o2].startswith(keys[o] + " ") and not full_names(o, o2))
                         or (keys[o].startswith(keys[o2] + " ") and full_names(o, o2)))
            for o2 in longer)]
        # the longer names that go on with a corporate word or a legal suffix
        named = [o for o in longer if _company_short_form(ents, cid, o, lex)]
        if cluster.type in ("company", "place") and (len(longer) == 1 or len(named) == 1):
            # (of several longer names, the one company: "Tenzo" of "Tenzo Mobility Pvt Ltd",
            # not of "Tenzo's Hosur" plant; a short form with several companies stays apart:
            # "Samsung" of "Samsung Electronics" and "Samsung Display Co.")
            _merge(ents, longer[0] if len(longer) == 1 else named[0], cid)
        elif named and (cluster.type in ("person", "product") or (
                cluster.type == "place" and doc is not None and not _used_as_a_place(doc, cluster))):
            # "Verrow" (typed a person) with "Verrow Packaging plc" and its subsidiary
            # "Verrow Nederland B.V.": a group is named in full before its units are.
            # (Also "Tianmu", typed a place, of "Tianmu Power Technology Co., Ltd." and
            # "Tianmu Power Americas Inc.", when no mention says it is where something is.)
            _merge(ents, min(named, key=lambda other: min(ents.clusters[other].spans)), cid)
        elif len(longer) == 1 and cluster.type == "person" and not _a_person_s_name(ents, cid):
            # "Fennick" (typed a person) of "Fennick Cycles", the one company named so
            _merge(ents, longer[0], cid)


def _named_after_a_partner(ents: DocEntities, keys: dict[int, str], pair: tuple[int, int],
                           rest: list[str], lex: Lexicon, doc: Doc | None) -> bool:
    """Do the words of a longer name after the shorter one's (`rest`, lower case) start
    with another company's first word? Then it is a joint venture named after its parents
    ("Krammer Tanaka Drive Systems", with "Krammer AG" and "Tanaka Seiki Co., Ltd."), not
    the shorter name's company in full."""
    word = rest[0]
    if len(rest) < 2 or word in lex["corporate_words"]:
        return False
    # (the partner by a company's own words: not a product the model took for a company,
    # "Velvet Hour" of "Rowe & Lark Velvet Hour")
    partner = any(cid not in pair and ents.clusters[cid].type == "company"
                  and key.split()[:1] == [word] and len(key.split()) > 1
                  and any(ends_in_legal_form(n, lex) or any(lex.is_company_word(w) for w in n.split()[1:])
                          for n in ents.clusters[cid].names)
                  for cid, key in keys.items())
    # (a word the text also writes in lower case is no partner's name: "Hollowbrook Home"
    # with "Home Office Product Safety")
    return partner and not (doc is not None and any(t.text == word for t in doc))


PLACE_PREPOSITIONS = {"in", "at", "near", "across", "throughout", "outside", "inside", "around"}


def _used_as_a_place(doc: Doc, cluster) -> bool:
    """Does a mention say the name is where something is: "a plant in Zhejiang", "Zhejiang
    province", "the Zhejiang-based maker"?"""
    for start, end in cluster.spans:
        root = doc[start:end].root
        after = doc[end] if end < len(doc) else None
        if (root.dep_ == "pobj" and root.head.lower_ in PLACE_PREPOSITIONS) or (
                after is not None and (after.lower_ in REGION_NOUNS | {"city"}
                                       or (after.text in ("-", "–") and end + 1 < len(doc)
                                           and doc[end + 1].lower_ == "based"))):
            return True
    return False


def _name_before_legal_form(name: str, lex: Lexicon) -> str | None:
    """ "palomar" of "Electrodomesticos Palomar S.A. de C.V.", "valtrebbia" of "Compressori
    Valtrebbia S.p.A.": in a name of two words and a legal form, the second word when the
    first says what the company does (in its language) and the second who it is. Only a
    word no company name uses as its trade ("Power" of "Velmora Power Ltd") counts."""
    words = name.split()
    while words and (words[-1].rstrip(",") in FORM_JOINERS or only_legal_form(words[-1:], lex)):
        words.pop()
    if len(words) != 2 or len(words) == len(name.split()) or words[0].isupper():
        return None  # (not after an acronym: "CPSC Capresso Inc" is a headline's run-on)
    last = words[1].lower()
    return None if last in lex["corporate_words"] else name_key(words[1])


def _two_word_tail(name: str, lex: Lexicon) -> str | None:
    """The second word of a two-word company name with no legal form, when the first says
    what kind of house it is ("Maison Orélie", "Groupe Daumier", "Vetreria Castellani"):
    the word the story goes on to use. Not a trade word ("Tesla Motors") nor an acronym."""
    words = name.split()
    if len(words) != 2 or any(not w[:1].isupper() or w.isupper() for w in words) \
            or words[1].lower() in lex["corporate_words"] or ends_in_legal_form(name, lex):
        return None
    return name_key(words[1])


def _company_short_form(ents: DocEntities, person: int, company: int, lex: Lexicon) -> bool:
    """A name the model calls a person or a product ("Kinderhaus", "Hoi Lam", "Varenne's
    EV") is the short form of the one company whose full name starts with it, when that
    name goes on with a corporate word or a legal suffix ("Kinderhaus Spielwaren GmbH") and
    no person in the document is called by it ("Lin" for "Lin Wei-cheng", "Ford" for
    "Henry Ford" stay people)."""
    short = ents.clusters[person].name.split()
    if not any(lex.is_company_word(w) for w in ents.clusters[company].name.split()[len(short):]):
        return False
    # (a "person" whose name only starts with it is mostly a brand's product the model took
    # for one: "Amberwick Harlow" dressers of "Amberwick Furniture Co.")
    return not _a_person_s_name(ents, person, surnames_only=True)


def _a_person_s_name(ents: DocEntities, cid: int, surnames_only: bool = False) -> bool:
    """Does a person in the document go by this name: "Lin" of "Lin Wei-cheng", "Ford" of
    "Henry Ford"?"""
    short = ents.clusters[cid].name.split()
    companies = [ents.clusters[c].name.split() for c in ents.of_type("company")]
    for other in ents.of_type("person"):
        words = ents.clusters[other].name.split()
        first_names = words[:len(short)] == short and not surnames_only
        if other != cid and len(words) > len(short) and (
                first_names or words[-len(short):] == short) and not any(
                len(name) > len(words) and name[:len(words)] == words for name in companies):
            # (not a "person" whose name starts a company's: "Sarrault Aéro" of "Sarrault
            # Aéro S.A." is that company's short form, and "Sarrault" its shorter one)
            return True
    return False


def add_missed_mentions(doc: Doc, ents: DocEntities, lex: Lexicon) -> None:
    """Every later use of a name the model recognised once is a mention too: the small
    model tags "Romoss" in one sentence and misses it in the next."""
    matcher = PhraseMatcher(doc.vocab)
    for cid, cluster in enumerate(ents.clusters):
        if cluster.spans and cluster.type in ("company", "product"):
            # Patterns are built from the words only: Span.as_doc copies the whole Doc.
            words = {tuple(t.text for t in doc[s:e]) for s, e in cluster.spans
                     if doc[s].text[:1].isupper() or doc[s].text[:1].isdigit()}
            if words:
                matcher.add(str(cid), [Doc(doc.vocab, words=list(w)) for w in words])
    # A multi-word company name ending in an acronym is often shortened to it ("SDI").
    tails: dict[str, list[int]] = {}
    for cid, cluster in enumerate(ents.clusters):
        if cluster.spans and cluster.type == "company":
            words = cluster.name.split()
            if len(words) > 1 and ACRONYM.match(words[-1]):
                tails.setdefault(words[-1], []).append(cid)
    # ... or to its first word ("Amperex" for "Amperex Technology"), when no other name
    # starts with it.
    heads: dict[str, list[int]] = {}
    for cid, cluster in enumerate(ents.clusters):
        if cluster.spans and cluster.type == "company":
            words = cluster.name.split()
            if len(words) > 1 and words[0][:1].isupper() and len(words[0]) > 2:
                heads.setdefault(words[0], []).append(cid)
            # ... or to the name after its trade ("Miedzian" of "Grupa Miedzian S.A.")
            own = _name_before_legal_form(cluster.name, lex)
            heads.setdefault(next((w for w in words if name_key(w) == own), ""), []).append(cid)
    heads.pop("", None)
    for head, cids in heads.items():
        if len(set(cids)) == 1 and name_key(head) not in ents.by_key:
            matcher.add(str(cids[0]), [Doc(doc.vocab, words=[head])])
    for tail, cids in tails.items():
        if len(cids) == 1:
            matcher.add(str(cids[0]), [Doc(doc.vocab, words=[tail])])
    for match_id, start, end in sorted(matcher(doc), key=lambda m: (m[1], -(m[2] - m[1]))):
        if any(i in ents.token_cluster for i in range(start, end)):
            continue
        if end - start == 1 and doc[start].lower_ in lex.demonyms:
            continue  # "the Norwegian company": no short form of "Norwegian Competition Authority"
        cid = int(doc.vocab.strings[match_id])
        if end - start == 1 and doc[start].text not in ents.clusters[cid].names:
            end = _name_goes_on(doc, ents, cid, start)  # "Amperex Technology" of "... Limited"
            before = doc[start - 1] if start > 0 else None
            joined = before is not None and "\n" not in before.whitespace_ and not before.text.endswith(".")
            if end - start == 1 and joined and _name_word(doc, start - 1):
                # "Atlas" of "Atlas Usinage SARL" inside "Haldane Atlas Machining" (a brand
                # before its line stays: "Kovax HeatWave III")
                continue
            if any(i in ents.token_cluster for i in range(start, end)):
                continue
        ents.add_span(cid, start, end, doc[start:end].text)


def _name_goes_on(doc: Doc, ents: DocEntities, cid: int, start: int) -> int:
    """Where a company's first word, written at `start`, ends the longest start of one of
    its names that the text goes on with."""
    best = start + 1
    for name in ents.clusters[cid].names:
        words = name.split()
        n = 1
        while n < len(words) and start + n < len(doc) and doc[start + n].text == words[n]:
            n += 1
        best = max(best, start + n)
    return best


def _name_word(doc: Doc, i: int) -> bool:
    """A capitalised word of a name at `i` (not a sentence's first word)."""
    return 0 <= i < len(doc) and doc[i].pos_ == "PROPN" and doc[i].text[:1].isupper() \
        and not doc[i].is_sent_start


ROMAN = re.compile(r"^(?:II|III|IV|V|VI|VII|VIII|IX|X|XL|XS|XR|SE)$")
MONTHS = {"january", "february", "march", "april", "may", "june", "july", "august",
          "september", "october", "november", "december", "jan", "feb", "mar", "apr", "jun",
          "jul", "aug", "sep", "sept", "oct", "nov", "dec", "q1", "q2", "q3", "q4"}


def add_product_lines(doc: Doc, ents: DocEntities, lex: Lexicon) -> None:
    """A brand followed by a capitalised run with a number in it names a product:
    "Anker PowerCore III 10K", "Dell XPS 13", "Tesla Model Y Performance" (no year alone).
    In a title-case headline the run stops at a verb or a preposition: "Castell Motors
    Recalls 40,000 Scooters Over ..." names no product "Recalls 40,000 Scooters"."""
    for cid, cluster in enumerate(list(ents.clusters)):
        if cluster.type != "company":
            continue
        for start, end in list(cluster.spans):
            stop = end
            while stop < min(len(doc), end + 6) and stop not in ents.token_cluster \
                    and _name_like(doc[stop]) and not (stop > end and doc[stop].is_sent_start) \
                    and doc[stop].lower_ not in lex["headline_verbs"] and doc[stop].pos_ != "ADP" \
                    and not MONEY.match(doc[stop].text):  # ("Bramwell Calls Off EUR410m Bid")
                stop += 1
            run = doc[end:stop]
            if not len(run) or run[0].lower_ in MONTHS or model_year_at(doc, end) or not any(
                    any(ch.isdigit() for ch in t.text) or ROMAN.match(t.text) for t in run):
                continue
            if len(run) == 1 and (run[0].like_num or AMOUNT.match(run[0].text)):
                continue  # "Tesla 2020", "Anker 523", "NOK 4.9bn" alone: a year, a count or money
            _add_model(doc, ents, cid, start, end, stop)


def _add_model(doc: Doc, ents: DocEntities, brand: int | None, start: int, end: int, stop: int) -> None:
    """The model at [end, stop) of the brand named at [start, end): a product."""
    pid = ents.new_cluster("product")
    text = doc[end:stop].text
    ents.add_span(pid, end, stop, text)
    ents.clusters[pid].names[f"{doc[start:end].text} {text}"] += 1  # brand as written
    ents.clusters[pid].brand = brand


def demote_product_lines(doc: Doc, ents: DocEntities, lex: Lexicon) -> None:
    """A "company" that is only ever named right before a model is a product line: "Voltaro
    Stride S8 and Stride S10", "the Tidewell Solara Q20";
    one whose name ends in a model ("The Stride S8 has ...") is a product.
    It becomes a product, and the models it named take the brand before it, if any."""
    for cid, cluster in enumerate(ents.clusters):
        if "company" not in (cluster.type, cluster.list_type) or not cluster.spans \
                or ACRONYM.match(cluster.name) or any(
                lex.is_company_word(w) for n in cluster.names for w in n.split()):
            continue
        ends_in_model = _ends_in_model(cluster.name)
        # the brand named before the line ("Voltaro" of "Voltaro Stride") is its maker
        # ... or its possessive: "Zephyra's AirBook 14"
        before = [ents.token_cluster.get(start - (2 if start > 1 and doc[start - 1].lower_ in
                                                  ("'s", "’s") else 1))
                  for start, _ in cluster.spans if start > 0]
        brands = [b for b in before if b is not None and b != cid
                  and ents.clusters[b].type == "company"] or _brands_written_before(ents, cid)
        # a brand is a company by its name or its grammar, not a headline's run of capitals
        # ("CPSC Century Announce ...")
        brands = [b for b in brands if _company_like(doc, ents, b, lex)]
        # a name ending in a model ("Stride S8", "Airbus A320") is a product's; a name only
        # ever before a model is a line when a brand comes before it at least once (else it
        # is the brand: "the Corvex CX-900")
        line = brands and all(_before_a_model(doc, ents, cid, end, lex) for _, end in cluster.spans)
        if not ends_in_model and not line and not _named_as_a_model(doc, ents, cluster, lex) \
                and not _numbered_line(doc, ents, cluster, lex):
            continue
        if cluster.type == "company":
            cluster.type = "product"
        if cluster.list_type is not None:  # a name the learned recogniser listed as a company
            cluster.list_type = "product"
        cluster.brand = brands[0] if brands else None
        for other in ents.clusters:
            if other.brand == cid:
                other.brand = cluster.brand


MODEL_DETERMINERS = {"every", "each", "a", "an", "its", "their", "his", "her", "our", "this",
                     "these", "those", "new", "'s", "’s"}


MAX_LINE_WORDS = 3


def _named_as_a_model(doc: Doc, ents: DocEntities, cluster, lex: Lexicon) -> bool:
    """A short name written every time as a model, never as a company: "its Ember compact
    SUV", "every Ember sold", "8,900 Ember SUVs", "Solvik's larger Tundra SUV", "the Miro city
    car", "its Merlin trail model", "the Sunny Crunch cereal"."""
    if not 1 <= len(cluster.name.split()) <= MAX_LINE_WORDS or len(cluster.spans) < 1:
        return False
    heads = lex["product_heads"] | lex["line_nouns"] | {"model", "models"}
    alone = False  # once at least, a model with no noun after it: "every Ember sold"
    owned = False  # once at least, a company's model: "Vantaro's Sirocco crossover"
    kinded = False  # once at least, "the" or a determiner, the name and a kind of product
    for start, end in cluster.spans:
        before = doc[start - 1] if start > 0 else None
        determined = before is not None and (
            before.lower_ in MODEL_DETERMINERS or before.like_num
            or (before.is_lower and before.pos_ == "ADJ")
            or (before.is_lower and start > 1 and doc[start - 2].text == "-"))  # "standard-range"
        the = before is not None and before.lower_ == "the"
        headed = False
        for t in doc[end:min(len(doc), end + 3)]:
            if t.lower_ in heads or t.lemma_.lower() in heads:
                headed = True
                break
            if not (t.is_lower and t.pos_ in ("ADJ", "NOUN")):
                break
        if not (determined or headed or the):
            return False
        alone = alone or (determined and not headed and before.lower_ in MODEL_DETERMINERS | {"-"})
        # "Vantaro's Sirocco crossover": a company's possessive, then the kind of product
        owned = owned or (headed and before is not None and before.lower_ in ("'s", "’s")
                          and _company_token(ents, start - 2))
        kinded = kinded or (headed and (determined or the))
    # ("8,900 Kovax vacuums" alone is a brand's products, not a model's name; a company
    # is not "the Corvex" with no kind of product after it)
    return (alone and len(cluster.name.split()) == 1) or owned or kinded


def _company_token(ents: DocEntities, i: int) -> bool:
    cid = ents.token_cluster.get(i)
    return cid is not None and ents.clusters[cid].type == "company"


def _numbered_line(doc: Doc, ents: DocEntities, cluster, lex: Lexicon) -> bool:
    """A one-word name that numbers its models and is never what a sentence is about:
    "the InkStream 400 and InkStream 600", "the InkStream line", "each InkStream printer".
    (A brand before its models is the brand when it acts: "Corvex said", "Corvex Recalls".)"""
    if len(cluster.name.split()) != 1:
        return False
    for start, end in cluster.spans:
        root = doc[start:end].root
        after = doc[end] if end < len(doc) else None
        if root.dep_ in ("nsubj", "nsubjpass") and root.head.pos_ in ("VERB", "AUX") \
                and not (after is not None and after.text.isdigit()) \
                and not (start > 0 and doc[start - 1].lower_ in ("the", *MODEL_DETERMINERS)):
            # "InkStream said": a company acts ("the CardioLoop 2 is" a model, and so is
            # "the Vanta sits where the money is": a company is not "the Vanta")
            return False
        if after is not None and after.lower_ in lex["headline_verbs"]:
            return False  # "Husqvarna Recalls ...": a company acts
    # every use of the word counts, also those inside the models' own names, which the
    # products claimed: "the Aurelia 300 and Aurelia 300X"
    numbered = coded = lined = 0
    for i in ents.word_positions(doc).get(cluster.name, ()):
        if i + 1 >= len(doc):
            continue
        after = doc[i + 1]
        if after.text.isdigit() and len(after.text) <= 5 and not YEAR.match(after.text):
            numbered += 1  # "InkStream 400", "Aurelia 300" (not "Husqvarna 2013 models")
        elif SHORT_MODEL.match(after.text) or (is_model_token(after) and not after.text.isalpha()):
            coded += 1  # "AeroLine V8", "Canon 650D"
        elif after.lower_ in lex["line_nouns"] or after.lower_ in lex["product_heads"]:
            lined += 1
    # models with letters in their codes make a line only with the word for one ("the
    # AeroLine range", "all AeroLine vacuums"): "Canon 650D" and "Audi A4" are a brand's
    return numbered >= 2 or (numbered + coded >= 1 and lined >= 1)


def _ends_in_model(name: str) -> bool:
    """"Stride S8", "Airbus A320": a name whose last word is a model number."""
    words = name.split()
    return len(words) > 1 and bool(
        SHORT_MODEL.match(words[-1]) or (MODEL_TOKEN.match(words[-1]) and not words[-1].isalpha()))


def _company_like(doc: Doc, ents: DocEntities, cid: int, lex: Lexicon) -> bool:
    """Is a brand a company by its name or its grammar, rather than a headline's run of
    capitals: a corporate word, a sentence's subject or owner, or a name standing alone
    ("Manufacturers: Poseidon; Besea; ...", "Recalling firm: Tike Tech.")."""
    cluster = ents.clusters[cid]
    if any(w.lower() in lex["regulator_words"] or w.lower() in lex["regulator_names"]
           for n in cluster.names for w in n.split()):
        return False
    if any(lex.is_company_word(w) for n in cluster.names for w in n.split()[1:]):
        return True
    return any(doc[start:end].root.dep_ in ("nsubj", "nsubjpass", "poss")
               or _stands_alone(doc, start, end) for start, end in cluster.spans)


def _stands_alone(doc: Doc, start: int, end: int) -> bool:
    """A name with punctuation (or a line's end) on both sides: an item of a list or a
    field, not part of a longer run of capitalised words."""
    def apart(tok) -> bool:
        return tok.is_punct and tok.text not in ("-", "–", "'", "’", "&")
    before = doc[start - 1] if start > 0 else None
    after = doc[end] if end < len(doc) else None
    return (before is None or apart(before) or "\n" in before.whitespace_ or before.is_space) \
        and (after is None or apart(after) or after.is_space)


def _brands_written_before(ents: DocEntities, cid: int) -> list[int]:
    """Companies whose name some other name writes right before this one's: "Voltaro" in
    the name "Voltaro Stride S8" (however the model typed that name)."""
    line = ents.clusters[cid].name.split()
    found: list[int] = []
    for other in ents.clusters:
        for name in other.names:
            words = name.split()
            for k in range(1, len(words) - len(line) + 1):
                if words[k:k + len(line)] == line:
                    brand = ents.by_key.get(name_key(" ".join(words[:k])))
                    if brand is not None and brand != cid and ents.clusters[brand].type == "company" \
                            and ents.clusters[brand].spans and brand not in found:
                        found.append(brand)
    return found


def _before_a_model(doc: Doc, ents: DocEntities, cid: int, end: int, lex: Lexicon) -> bool:
    """Is the name followed by a model or a kind of product ("Stride S10", "Solara Q20",
    "Maruni Motors Kizuna hatchback")?"""
    if end >= len(doc):
        return False
    if doc[end].lower_ in lex["product_heads"] or doc[end].lemma_.lower() in lex["product_heads"]:
        return True
    after = ents.token_cluster.get(end)
    if after is not None and after != cid and ents.clusters[after].type == "product":
        return True
    # "Stride S8" with no product made of it yet
    return is_model_token(doc[end]) or bool(SHORT_MODEL.match(doc[end].text))


def _name_like(tok) -> bool:
    text = tok.text
    return (not tok.is_punct and not tok.is_space and tok.lower_ not in ("and", "or", "of", "the")
            and (text[:1].isupper() or text[:1].isdigit()))


def add_products(doc: Doc, ents: DocEntities, models: list[tuple[int, int]],
                 lex: Lexicon) -> None:
    """Model numbers become products; a company name right before one is its brand."""
    company_tokens = {i for i, cid in ents.token_cluster.items()
                      if ents.clusters[cid].type == "company"}
    for start, end in models:
        left = start
        brand: int | None = None
        brand_token = -1
        while left > 0 and doc[left - 1].pos_ == "PROPN" and doc[left - 1].whitespace_:
            prev = left - 1
            if prev in company_tokens:
                brand, brand_token = ents.token_cluster[prev], prev
                break
            if doc[prev].lower_ in lex["headline_verbs"] or doc[prev].is_lower:
                break  # "VELMORA POWER RECALLS PB-20": the name starts after the verb; "(model
                # ZW-2051)": a lower-case word, tagged a proper noun, is no name's
            if _past_model_year(doc, left) != left:
                # "Ski-Doo Model Year 2008 MXZ-600": the brand is before the model year
                brand_token = _past_model_year(doc, left) - 1
                brand = ents.token_cluster[brand_token] if brand_token in company_tokens else None
                break
            left -= 1
        # the model, not its plural: "eight VA-220s a month", "its A320s"
        product_text = PLURAL_MODEL.sub("", doc[left:end].text)
        key = re.sub(r"[\s-]+", "", product_text.lower())
        cid = _find_product(ents, key)
        if cid is None:
            cid = ents.new_cluster("product")
        ents.add_span(cid, left, end, product_text)
        for i in range(left, end):
            ents.token_cluster[i] = cid
        if brand is not None:
            ents.clusters[cid].brand = brand
            # the brand as this sentence writes it ("John Deere GX85" where the cluster's
            # name is "Deere & Company")
            written = next((doc[s:e].text for s, e in ents.clusters[brand].spans
                            if s <= brand_token < e), ents.clusters[brand].name)
            ents.clusters[cid].names[f"{written} {product_text}"] += 1
            ents.clusters[brand].type = "company"
    # every name a company goes by ("Presto" of "National Presto" too)
    company_names = {name_key(n): cid for cid, c in enumerate(ents.clusters)
                     if c.type == "company" and c.spans for n in c.names}
    for cluster in ents.clusters:
        if cluster.type != "product" or cluster.brand is not None or not cluster.spans:
            continue
        start = cluster.spans[0][0]
        before = _past_model_year(doc, start) - 1
        if before >= 0 and before in company_tokens:
            cluster.brand = ents.token_cluster[before]
        elif not spaced_model_at(doc, start):  # (its letters are a line's: "FX 450")
            # "Anker PowerCore 10000": the name starts with a company's name
            first = name_key(doc[start].text)
            cluster.brand = company_names.get(first)
            if cluster.brand is None and _brand_line_model(cluster.name) \
                    and (brand := _brand_read_as_person(doc, ents, first, lex)) is not None:
                ents.clusters[brand].type = "company"
                company_names[first] = cluster.brand = brand


def _brand_line_model(name: str) -> bool:
    """Is the name written brand, line, model ("Paginar Nimbus 7", "Pellucid Aster 6 Pro"), not line and model
    ("Bolt EV") or a company's own name ("Bramwell Specialty Vehicles")?"""
    words = name.split()
    return len(words) >= 3 and _line_model(" ".join(words[1:]))


def brands_read_as_persons(doc: Doc, ents: DocEntities, lex: Lexicon) -> None:
    """A one-word "person" written right before a line and model is its brand: "the
    Pellucid Aster 6 Pro", "Pellucid's Aster 6 Pro" (the learned recogniser's products too)."""
    for cluster in ents.clusters:
        if cluster.type != "product" or cluster.brand is not None or not cluster.names \
                or not _line_model(cluster.name):
            continue
        for span_start, _ in cluster.spans:
            at = span_start - (2 if span_start > 1 and doc[span_start - 1].lower_ in ("'s", "’s") else 1)
            brand = _brand_read_as_person(doc, ents, name_key(doc[at].text), lex) if at >= 0 else None
            if brand is not None:
                _claim_brand(doc, ents, brand)
                cluster.brand = brand
                break


def numbered_names_read_as_persons(doc: Doc, ents: DocEntities, lex: Lexicon) -> None:
    """A one-word "person" written right before a model number is a brand or a line: "the
    Havbris 150 and Havbris 220 engines", "the first Perch". A brand when some mention is a
    company's (a bare subject or owner: "Havbris said", "Havbris's plant"), else a line: a
    product, whose maker the rules read. Each "Havbris 150" is a product.
    Not a person someone in the document is called by, nor one with a title ("Mr Havbris")."""
    for cid, cluster in enumerate(ents.clusters):
        if cluster.type != "person" or not cluster.names or cluster.surname \
                or len(cluster.name.split()) != 1 \
                or not any(_model_number_at(doc, end, lex) for _, end in cluster.spans):
            continue
        if _brand_read_as_person(doc, ents, name_key(cluster.name), lex) != cid:
            continue
        brand = any(_a_company_s_mention(doc, start, end) for start, end in cluster.spans)
        _claim_brand(doc, ents, cid)
        if not brand:
            cluster.type = "product"
        for start, end in list(cluster.spans):
            if _model_number_at(doc, end, lex) and end not in ents.token_cluster:
                _add_model(doc, ents, cid if brand else None, start, end, end + 1)


def lines_read_as_places(doc: Doc, ents: DocEntities, lex: Lexicon) -> None:
    """A one-word "place" that names a product line: written between a brand and a word
    for a line ("the Fjordal Aria line of dishwashers"), or starting a product's name with a
    model after it ("the Aria W7"). It becomes a product, the brand before it its maker."""
    for cluster in ents.clusters:
        if "place" not in (cluster.type, cluster.list_type) or not cluster.names \
                or len(cluster.name.split()) != 1:
            continue
        word = cluster.name
        brands = [b for s, e in cluster.spans if s > 0 and e < len(doc)
                  and doc[e].lower_ in lex["line_nouns"]
                  and (b := ents.token_cluster.get(s - 1)) is not None and ents.clusters[b].type == "company"]
        starts_a_model = any(n.startswith(word + " ") and _ends_in_model(n)
                             for c in ents.clusters if c.type == "product" for n in c.names)
        if brands or starts_a_model:
            cluster.type = "product"
            if cluster.list_type is not None:  # (what the learned recogniser listed it as)
                cluster.list_type = "product"
            cluster.brand = brands[0] if brands else None


def _a_company_s_mention(doc: Doc, start: int, end: int) -> bool:
    """A name used as a company is: the bare subject or owner of its clause ("Havbris
    said", "Havbris's plant"), not "the first Havbris" nor "the Havbris 150"."""
    before = doc[start - 1] if start > 0 else None
    return doc[start:end].root.dep_ in ("nsubj", "nsubjpass", "poss") and (
        before is None or before.pos_ not in ("DET", "ADJ", "PRON", "NUM"))


def _model_number_at(doc: Doc, i: int, lex: Lexicon) -> bool:
    """Is the word at i a model number: "150", "X5", "220e" (not a year, an amount, a
    measure, nor a number the sentence goes on to count with: "Havbris 150 units")?"""
    if i >= len(doc) or (doc[i].whitespace_ == "" and i + 1 < len(doc) and doc[i + 1].text == "%"):
        return False
    word = doc[i].text
    if not any(ch.isdigit() for ch in word) or YEAR.match(word) or AMOUNT.match(word) \
            or not re.fullmatch(r"[A-Za-z]{0,3}\d{2,5}[A-Za-z]{0,3}", word):
        return False
    after = doc[i + 1] if i + 1 < len(doc) else None
    return after is None or not (after.lower_ in lex["measure_units"] or after.text == "%"
                                 or after.lower_ in ("percent", "per", "million", "billion"))


def _claim_brand(doc: Doc, ents: DocEntities, cid: int) -> None:
    """A one-word "person" found to be a brand: a company, named wherever its word is
    written and no other entity holds it."""
    cluster = ents.clusters[cid]
    cluster.type = "company"
    for i in ents.word_positions(doc).get(cluster.name, []):
        if i not in ents.token_cluster:
            ents.add_span(cid, i, i + 1, doc[i].text)


def _line_model(name: str) -> bool:
    """A line and a model: "Aster 6 Pro", "Nimbus 7" (not "6 Pro", nor "Aster")."""
    words = name.split()
    return len(words) >= 2 and words[0][:1].isupper() and words[0][1:].islower() \
        and words[0].isalpha() and any(c.isdigit() for w in words[1:] for c in w)


def _brand_read_as_person(doc: Doc, ents: DocEntities, key: str, lex: Lexicon) -> int | None:
    """The one-word "person" whose name starts a product's ("Paginar" of the "Paginar
    Nimbus 7"): a brand, unless someone in the document goes by it or a title stands
    before it ("Mr Paginar")."""
    cid = ents.by_key.get(key)
    if cid is None or ents.clusters[cid].type != "person" or len(ents.clusters[cid].name.split()) != 1 \
            or _a_person_s_name(ents, cid):
        return None
    titled = any(s > 0 and doc[s - 1].lower_.rstrip(".") in lex["title_words"]
                 for s, _ in ents.clusters[cid].spans)
    return None if titled else cid


def _past_model_year(doc: Doc, start: int) -> int:
    """Where the words before a product start, past a "Model Year 2008" written between
    the brand and the model."""
    if start >= 4 and YEAR.match(doc[start - 1].text) and model_year_at(doc, start - 3):
        return start - 3
    return start


def _find_product(ents: DocEntities, compact: str) -> int | None:
    for cid, cluster in enumerate(ents.clusters):
        if cluster.type != "product" or not cluster.spans:
            continue
        for name in cluster.names:
            other = re.sub(r"[\s-]+", "", name.lower())
            short, long_ = sorted((other, compact), key=len)
            if long_.endswith(short) and any(ch.isdigit() for ch in short):
                return cid
    return None


def add_descriptors(doc: Doc, ents: DocEntities, lex: Lexicon) -> None:
    """Role words written next to a company ("battery maker ATL"), used to resolve
    later descriptive references ("the battery maker")."""
    for cluster in ents.clusters:
        if cluster.type != "company":
            continue
        for start, end in cluster.spans:
            i = start - 1
            while i >= 0 and i >= start - 5 and doc[i].pos_ in CONTENT_POS and (
                    doc[i].is_lower or (doc[i].is_sent_start and doc[i].is_title)):
                # ("Battery maker X" at the start of a sentence is written in capitals)
                cluster.descriptors.add(doc[i].lemma_.lower())
                i -= 1
            if end + 3 < len(doc) and doc[end].text == ",":
                for tok in doc[end + 1:min(len(doc), end + 5)]:
                    if tok.is_punct or tok.pos_ in ("ADP", "VERB", "AUX"):
                        break
                    if tok.is_lower and tok.pos_ in CONTENT_POS:
                        cluster.descriptors.add(tok.lemma_.lower())
            cluster.descriptors |= descriptions_of(doc[start:end], lex)


__all__ = ["DocEntities", "build"]
