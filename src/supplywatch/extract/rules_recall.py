"""Recalls: who recalls which products, how many units, for what hazard, blamed on what."""

from __future__ import annotations

import re
from collections.abc import Iterator

from spacy.tokens import Span, Token

from supplywatch.extract.drafts import (
    Draft,
    children,
    clause_subject_tokens,
    confidence_for,
    negated,
    prep_objects,
)
from supplywatch.extract.quantities import parse_quantity
from supplywatch.extract.reading import Reading

ANNOUNCE = {"announce", "issue", "launch", "expand", "conduct", "carry", "initiate", "order",
            "begin", "start", "make", "have"}


# Words that make a "company" a page's rubric or a form, not a recaller: "Recalls & Product
# Safety Warnings", "Consumer Product Incident Report Form", "| Ratings | Recalls |"
RUBRIC_WORDS = {"recall", "recalls", "warning", "warnings", "form", "ratings", "alert", "alerts"}


def recall_drafts(r: Reading, sent: Span) -> Iterator[Draft]:
    if sum(t.text == "|" for t in sent) >= 2:
        return  # a menu line ("| Ratings | Recalls | Road Safety"), no statement
    for tok in sent:
        if tok.lemma_.lower() not in r.lex["recall_lemmas"] and not tok.lower_.startswith("recall"):
            continue
        if negated(tok, r.lex) or _not_affected(tok):
            continue
        if tok.dep_ == "amod":
            continue  # "the recalled products": see recalled_product_mentions
        if _remembers(tok):
            continue  # '"We had six weeks of stock," recalls X, its head of purchasing'
        yield from _recall(r, sent, tok)


def _remembers(tok: Token) -> bool:
    """A speaker's "recalls" after the quote it ends: a memory, not a recall."""
    before = [t for t in tok.doc[max(0, tok.i - 3):tok.i] if not t.is_space]
    return tok.pos_ == "VERB" and len(before) >= 2 and before[-1].is_quote and before[-2].text == ","


def _not_affected(tok: Token) -> bool:
    """ "... aren't impacted by the recall"."""
    head = tok.head.head if tok.head.dep_ in ("agent", "prep") else tok.head
    return head.lemma_.lower() in ("impact", "affect", "include", "involve") and any(
        c.dep_ == "neg" for c in head.children)


def _recall(r: Reading, sent: Span, tok: Token) -> Iterator[Draft]:
    companies, objects, guessed = _companies_and_objects(r, tok)
    if not companies:
        companies = _linear_company(r, sent, tok)
    companies = [c for c in dict.fromkeys(companies) if not r.is_regulator(c)
                 and not RUBRIC_WORDS & {w.lower() for w in r.ents.clusters[c].name.split()}]
    if not companies:
        return
    products: list[int] = []
    generic: list[str] = []
    lines: list[str] = []
    units = None
    for obj in objects:
        products += r.entities(obj, "product", deep=True)
        phrase = _generic_phrase(r, obj)
        if phrase:
            text = phrase.text.strip(QUOTES)
            generic.append(text)
            if named_line(r, phrase):
                lines.append(text)
        if units is None:
            units = _units(obj)
    # "Dell recalled 4.1 million Sony batteries": the named maker of a recalled part supplied it.
    for obj in objects:
        comp = r.component_in(obj)
        for t in obj.subtree:
            maker = r.cluster_at(t)
            if comp is not None and maker is not None and r.type_of(maker) == "company" \
                    and maker not in companies and t.i < comp.end \
                    and not _right_after_recaller(r, t, companies):
                for c in companies:
                    yield Draft("supplies", {"supplier": [maker], "customer": [c]}, sent, 0.7,
                                extra={"component": comp.name, "status": "active"})
    yield from _named_part_makers(r, sent, companies, objects)
    for c in companies:
        yield Draft("recall", {"company": [c], "products": list(dict.fromkeys(products))}, sent,
                    confidence_for(sent, r.lex),
                    extra={"units": units, "joint": len(companies) > 1, "guessed": guessed},
                    texts={"products": generic, "lines": lines})


def _right_after_recaller(r: Reading, tok: Token, companies: list[int]) -> bool:
    """ "Velmora Power PowerCell chargers": a name right after the recaller's is its product
    line, not the maker of a part."""
    start = tok.i
    while start > 0 and r.cluster_at(r.doc[start - 1]) == r.cluster_at(tok):
        start -= 1
    return start > 0 and r.cluster_at(r.doc[start - 1]) in companies


def _named_part_makers(r: Reading, sent: Span, companies: list[int],
                       objects: list[Token]) -> Iterator[Draft]:
    """ "... caused by faulty LG batteries led the automaker to recall": a company named on a
    part in the recall's sentence supplied that part to the recaller."""
    in_objects = {t.i for o in objects for t in o.subtree}
    for comp in r.components_in(sent):
        head = r.doc[comp.end - 1]
        makers = [m for mod in head.lefts if mod.dep_ == "compound" and mod.i not in in_objects
                  and (m := r.cluster_at(mod)) is not None]
        if not makers and comp.start not in in_objects:
            # the part's name holds the maker's short name: "faulty LG batteries" (LG Chem)
            makers = [m] if (m := r.maker_named_in(comp)) is not None else []
        for maker in dict.fromkeys(makers):
            if r.type_of(maker) != "company" or maker in companies:
                continue
            for c in companies:
                yield Draft("supplies", {"supplier": [maker], "customer": [c]}, sent, 0.7,
                            extra={"component": comp.name, "status": "active"})


def _companies_and_objects(r: Reading, tok: Token) -> tuple[list[int], list[Token], bool]:
    """The recallers and the recalled phrases of a recall word, and whether the recallers
    were only read off the products' names ("This recall involves Kettlemore kettles": a
    brand, which a notice's stated recaller may not be)."""
    passive = any(c.dep_ == "auxpass" for c in tok.children) or (
        tok.tag_ == "VBN" and tok.dep_ in ("acl", "ROOT") and prep_objects(tok, "by"))
    # "a year after its VoltPocket recall": a noun the parser took for a verb
    noun = any(c.dep_ in ("poss", "det") for c in tok.children)
    if tok.pos_ == "VERB" and not passive and not noun:
        subjects = [_body_owner(r, s) for s in clause_subject_tokens(tok)]
        companies = [c for s in subjects for c in r.entities(s)]
        objects = children(tok, "dobj")
        if not companies or all(r.is_regulator(c) for c in companies):
            stated = [c for o in prep_objects(tok, "from") for c in r.entities(o)]
            return [c for o in objects for c in _makers_in(r, o)] + stated, objects, not stated
        return companies, objects, False
    if passive and not noun:
        companies = [c for o in prep_objects(tok, "by") for c in r.entities(o)]
        subjects = clause_subject_tokens(tok) or ([tok.head] if tok.dep_ == "acl" else [])
        if not companies:
            return [c for s in subjects for c in _makers_in(r, s)], subjects, True
        return companies, subjects, False
    # The noun: "Samsung's recall of the Note7", "X announced a recall of ..."
    # "Nimbus's recall", "the Nimbus recall"; not "the SDI battery recall" (a part's maker)
    companies = [c for p in children(tok, "poss") for c in r.entities(p)]
    if not companies:  # with a possessor, a name before the noun is the product ("its X recall")
        companies = [c for p in children(tok, "compound")
                     if r.cluster_at(p) is not None for c in r.entities(p)]
    if not companies:  # "The recall, announced by X on Tuesday, covers ..."
        companies = [c for a in children(tok, "acl") if a.lemma_.lower() in ANNOUNCE
                     for o in prep_objects(a, "by") for c in r.entities(o) if not r.is_regulator(c)]
    objects = prep_objects(tok, "of", "involving", "for", "on")
    verb = tok.head if tok.dep_ in ("dobj", "nsubj", "pobj") else None
    if tok.dep_ == "nsubj" and verb is not None and verb.lemma_.lower() in SCOPE_VERBS:
        # "This recall involves Velmora PB-20 power banks": the products, and their brand
        objects = objects + children(verb, "dobj")
        if not companies:  # the brand is the phrase's first name ("Velmora Power PowerCell 10K")
            return [c for o in objects for c in _makers_in(r, o)][:1], objects, True
    if not companies and verb is not None and verb.lemma_.lower() in ANNOUNCE:
        companies = [c for s in clause_subject_tokens(verb) for c in r.entities(_body_owner(r, s))]
        if not companies or all(r.is_regulator(c) for c in companies):
            stated = [c for o in prep_objects(verb, "from") + prep_objects(tok, "from")
                      for c in r.entities(o)]
            return stated + [c for o in objects for c in _makers_in(r, o)], objects, not stated
    return companies, objects, False


# A company's own bodies that decide on a recall: "Brennard's Field Quality Committee"
INTERNAL_BODIES = {"committee", "board", "council", "panel", "team", "taskforce", "department"}


def _body_owner(r: Reading, subj: Token) -> Token:
    """The company whose committee or board the subject is ("X's Field Quality Committee
    decided to conduct a recall": X), else the subject itself."""
    cid = r.cluster_at(subj)
    name = r.ents.clusters[cid].name if cid is not None else subj.text
    if name.split()[-1].lower() in INTERNAL_BODIES:
        owners = [p for p in subj.children if p.dep_ == "poss"]
        if owners:
            return owners[0]
    return subj


# verbs by which a recall names what it covers
SCOPE_VERBS = {"involve", "include", "cover", "affect"}


def _makers_in(r: Reading, tok: Token) -> list[int]:
    """Companies a phrase names as makers or brands ("vehicles made by Audi, BMW ...")."""
    found: list[int] = []
    for t in tok.subtree:
        cid = r.cluster_at(t)
        if cid is None:
            continue
        if r.type_of(cid) == "company" and not r.is_regulator(cid):
            found.append(cid)
        elif r.type_of(cid) == "product" and r.ents.clusters[cid].brand is not None:
            found.append(r.ents.clusters[cid].brand)
    return list(dict.fromkeys(found))


def _linear_company(r: Reading, sent: Span, tok: Token) -> list[int]:
    """Headlines the parser gets wrong: "Anker recalls ...", "... Recalled by Salvage World"."""
    if tok.i > sent.start:
        cid = r.cluster_at(r.doc[tok.i - 1])
        if cid is not None and r.type_of(cid) == "company":
            return [cid]
    if tok.i + 2 < sent.end and r.doc[tok.i + 1].lower_ == "by":
        cid = r.cluster_at(r.doc[tok.i + 2])
        if cid is not None and r.type_of(cid) == "company":
            return [cid]
    return []


QUOTES = "'\"‘’“” "
# a kind of product written as an acronym's plural: "SUVs", "TVs", "ATVs", "PCs"
ACRONYM_PLURAL = re.compile(r"[A-Z]{2,4}s")


BATCH_NOUNS = {"lot", "lots", "batch", "batches"}
# what goods are counted in: "146,000 packages of X", "9,000 jars of Y"
CONTAINERS = {"package", "packages", "packet", "packets", "bag", "bags", "box", "boxes", "case",
              "cases", "bottle", "bottles", "jar", "jars", "can", "cans", "carton", "cartons",
              "pouch", "pouches", "tub", "tubs", "tin", "tins", "sachet", "sachets", "container",
              "containers", "pair", "pairs", "piece", "pieces"}


def _generic_phrase(r: Reading, obj: Token) -> Span | None:
    """What kind of product was recalled, where no model is named: "power banks"."""
    if obj.lower_ in ("units", "unit", "number", "all", "some", "models") or obj.lower_ in CONTAINERS \
            or obj.lower_ in BATCH_NOUNS:
        for o in prep_objects(obj, "of"):  # "146,000 packages of Brambleworth granola bars"
            return _generic_phrase(r, o)
        return None
    if not (obj.is_lower or (ACRONYM_PLURAL.fullmatch(obj.text) and obj.head.is_lower)):
        return None  # (a title-case headline's "Recalls Youth ATVs" names no line)
    # the whole phrase as written ("'Bead Landing' tassel keychain mobile power banks"),
    # without determiners, numbers and defect words in front
    lefts = [t for t in obj.lefts if t.dep_ not in ("det", "nummod", "quantmod", "poss", "prep")
             and not t.like_num]
    start = min((t.left_edge.i for t in lefts), default=obj.i)
    doc = obj.doc
    while start < obj.i and (doc[start].is_punct or doc[start].like_num or doc[start].pos_ == "DET"
                             or doc[start].lower_ in r.lex["defect_words"]
                             or doc[start].lower_ in ("certain", "some", "about", "approximately")):
        start += 1
    phrase = doc[start:obj.i + 1]
    if phrase.text.lower() in r.lex["vague_nouns"]:
        return None  # "is recalling the product": what it is, the notice says elsewhere
    heads = r.lex["product_heads"] | r.lex["component_heads"]
    padded = f" {phrase.text.strip(QUOTES).lower()} "
    # a kind of product the vocabulary lacks is still one when a name is written on it
    # ("212,000 Kitchora CrispMax 6-quart air fryers")
    if named_line(r, phrase) or obj.lower_ in heads or obj.lemma_.lower() in heads or any(
            f" {h} " in padded for h in r.lex.phrases["product_heads"]):
        return phrase
    return None


def named_line(r: Reading, phrase: Span) -> bool:
    """A recalled thing with a name written on it: a product line ("Kitchora CrispMax air
    fryers", "WaveDock 3 wireless chargers"), unless it is a part named by its maker
    ("Sony batteries")."""
    head = phrase[-1]
    part = head.lower_ in r.lex["component_heads"] or head.lemma_.lower() in r.lex["component_heads"]
    return any(t.text[:1].isupper() and not (part and r.company_at(t) is not None)
               for t in phrase[:-1])


def _units(obj: Token) -> int | None:
    if obj.lower_ in BATCH_NOUNS:
        return None  # "14 lots of X tablets": batches, not units
    # a model year ("certain 2002 Pathfinder vehicles") is not a count
    # nor is a number written onto its unit ("PowerCell 10K", "20000mAh", "5V"), nor one
    # that ends a capitalised name ("XPS 13 laptops", "Vega 5 scooters")
    nums = [t for t in obj.subtree if t.like_num and t.i < obj.i + 1
            and not re.fullmatch(r"(19|20)\d\d", t.text)
            and not (not t.whitespace_ and t.i + 1 < len(t.doc) and t.doc[t.i + 1].is_alpha)
            and not _ends_a_name(t)]
    if not nums:
        return None
    first = nums[0]
    start = first.i
    doc = obj.doc
    while start > 0 and doc[start - 1].dep_ in ("quantmod", "advmod") and doc[start - 1].i < first.i:
        start -= 1
    return parse_quantity(doc[start:nums[-1].i + 1].text)


def _ends_a_name(num: Token) -> bool:
    """ "XPS 13": a number right after a capitalised word that is no sentence's start."""
    if num.i == 0 or "," in num.text:
        return False
    prev = num.doc[num.i - 1]
    return prev.is_alpha and prev.text[:1].isupper() and not prev.is_sent_start \
        and prev.lower_ not in ("about", "over", "nearly", "some", "almost")


def recalled_products(r: Reading) -> Iterator[tuple[int, Span]]:
    """Products named in a sentence that calls them recalled ("two of the recalled products")."""
    for sent in r.doc.sents:
        if not any((t.lower_ in ("recalled", "affected") and t.dep_ == "amod") or
                   (t.lemma_.lower() == "recall" and t.pos_ == "NOUN" and
                   t.head.lemma_.lower() in SCOPE_VERBS)
                   for t in sent):
            continue
        for t in sent:
            cid = r.cluster_at(t)
            if cid is not None and r.type_of(cid) == "product":
                yield cid, sent


def hazard_in(r: Reading, sent: Span) -> str | None:
    """The hazard a sentence states: "overheating and fire risks", "fire and burn hazards"."""
    lex = r.lex
    for chunk in sent.noun_chunks:
        words = {t.lower_ for t in chunk}
        if words & lex["hazard_words"] and (words & lex["hazard_nouns"] or len(chunk) <= 4):
            toks = [t for t in chunk if t.dep_ not in ("det", "poss") and t.pos_ != "PRON"]
            if toks:
                return r.doc[toks[0].i:toks[-1].i + 1].text
    for tok in sent:
        if tok.lower_ in lex["hazard_nouns"]:
            toks = [t for t in tok.subtree if t.i <= tok.i and t.dep_ not in ("det", "poss")]
            text = r.doc[toks[0].i:tok.i + 1].text
            if any(w in lex["hazard_words"] for w in text.lower().split()):
                return text
    for tok in sent:  # stated by a verb: "the batteries can overheat and catch fire"
        if tok.pos_ == "VERB" and (tok.lower_ in lex["hazard_words"]
                                   or tok.lemma_.lower() in lex["hazard_words"]):
            last = tok
            for conj in tok.conjuncts:
                if conj.i > tok.i and {t.lower_ for t in conj.subtree} & lex["hazard_words"]:
                    last = max(last, *conj.subtree, key=lambda t: t.i)
            return r.doc[tok.i:last.i + 1].text
    return None


def cause_in(r: Reading, sent: Span) -> tuple[str | None, int | None]:
    """What a sentence blames: a component phrase ("defective battery cells") or a company."""
    lex = r.lex
    for tok in sent:
        if tok.lemma_.lower() in lex["cause_markers"] and tok.pos_ == "VERB":
            for obj in prep_objects(tok, "to", "on") + children(tok, "dobj"):
                comps = r.entities(obj, deep=True)
                if comps and obj.dep_ == "pobj":
                    return None, comps[0]
                comp = r.component_in(obj)
                if comp is not None and _defective(r, comp.start, comp.end):
                    return r.doc[_defect_start(r, comp.start):comp.end].text, None
        if tok.lower_ in ("over", "because", "due", "after") or tok.lemma_ == "cause":
            comp = r.component_in(tok.head) if tok.lower_ == "due" else None
            for o in [*tok.subtree][1:6]:
                c = r.components_in(r.doc[o.i:o.i + 1])
                if c and _defective(r, c[0].start, c[0].end):
                    comp = c[0]
                    break
            if comp is not None and _defective(r, comp.start, comp.end):
                return r.doc[_defect_start(r, comp.start):comp.end].text, None
    return None, None


def _defective(r: Reading, start: int, end: int) -> bool:
    window = r.doc[max(0, start - 3):end]
    return any(t.lower_ in r.lex["defect_words"] for t in window)


def _defect_start(r: Reading, start: int) -> int:
    for i in range(max(0, start - 3), start):
        if r.doc[i].lower_ in r.lex["defect_words"]:
            return i
    return start
