"""Company -> product pairs decided by a small learned classifier.

Candidates are a company and a product (a named product, a kind such as "needle valves",
or a part) named in one sentence. Each candidate is described by sparse features (the
dependency path between the two names, the words between them, which comes first, what
the rules drafted for them ...) and scored by a logistic regression trained on the DFKI
Product Corpus (`bench/extraction/train.py`, shipped as `models/relations.json`). A
document keeps a pair when its best-scoring mention clears the model's threshold; the
pair becomes a `makes` draft with that score as its confidence. Named products need the
model's threshold; kinds of product need near certainty unless the sentence states the
company's own offering (see KIND_THRESHOLD below); a company that is the subject of an
offering verb whose object is the product ("X makes flow meters") needs no model at all.
"""

from __future__ import annotations

import json
import math
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from spacy.tokens import Span, Token

from supplywatch.extract.clusters import is_reference_name
from supplywatch.extract.drafts import Draft, clause_subject_tokens, confidence_for, negated
from supplywatch.extract.reading import Reading
from supplywatch.extract.rules_offerings import GENERIC_CONFIDENCE

MAX_PER_SENTENCE = 24  # names of each kind considered in one sentence (long lists)
MAX_PATH = 6


# A kind of product ("batteries", "services") is paired with a company only when the
# classifier is nearly sure. The DFKI corpus annotates "X provides <kind>" generously, news
# readers do not: on the labelled news dev set (shared/data/gold-dev), generic pairs below
# this cost precision that no recall made up for (see bench/extraction/README.md).
KIND_THRESHOLD = 0.95
# ... unless the sentence states the company's own offering: "X offers gate valves", "X, a
# manufacturer of needle valves", "X's gate valves", "key players in the valves market are
# X and Y" (`_offering_word`, `_market_player`). Then the classifier only has to find the
# pair more likely than not (but not for a kind as empty as "services" or "solutions").
STATED_KIND_THRESHOLD = 0.5
OFFERING_WORDS = ("offer_verbs", "make_verbs", "maker_nouns", "supplier_nouns")
# ... and when the company is the subject of that verb and the product its object ("X makes
# gate valves", "X offers ball, gate and needle valves"), the pair needs no classifier at all.
DIRECT_PATHS = ("nsubj^_vdobj", "nsubj^_vdobj_vconj", "nsubj^_vdobj_vconj_vconj")


@dataclass(frozen=True)
class PairModel:
    weights: dict[str, float]
    bias: float
    threshold: float  # for named products ("Lexus IS 200d"), chosen by cross-validation
    kind_threshold: float = KIND_THRESHOLD
    stated_kind_threshold: float = STATED_KIND_THRESHOLD

    def needed(self, features: list[str], kind: str) -> float:
        """The probability a candidate must reach: named products at the model's
        threshold, kinds of product higher unless the sentence states the offering."""
        if "direct_offering" in features and "p_only_vague" not in features:
            return 0.0  # the sentence says it in so many words: no model is needed to see it
        if kind == "named":
            return self.threshold
        if "offering_on_path" in features and "p_only_vague" not in features:
            return max(self.threshold, self.stated_kind_threshold)
        return self.kind_threshold

    def probability(self, features: Iterable[str]) -> float:
        """P(the company makes or offers the product); a feature counts once. `fsum`
        is exact, so the set's order (which changes between runs) cannot move the answer."""
        z = self.bias + math.fsum(self.weights.get(f, 0.0) for f in set(features))
        return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))

    def to_json(self) -> dict:
        return {"bias": self.bias, "threshold": self.threshold,
                "stated_kind_threshold": self.stated_kind_threshold,
                "weights": dict(sorted(self.weights.items()))}

    @classmethod
    def from_json(cls, raw: dict) -> PairModel:
        threshold = float(raw["threshold"])
        kind_threshold = float(raw.get("kind_threshold", max(threshold, KIND_THRESHOLD)))
        stated = float(raw.get("stated_kind_threshold", STATED_KIND_THRESHOLD))
        return cls({k: float(v) for k, v in raw["weights"].items()}, float(raw["bias"]),
                   threshold, kind_threshold, stated)


@cache
def load_pair_model(path: Path) -> PairModel:
    raw = json.loads(path.read_text("utf-8"))
    return PairModel.from_json(raw.get("model", raw))


@dataclass
class Mention:
    cid: int | None  # the entity's cluster (None for a part not yet made an entity)
    start: int
    end: int
    kind: str  # "company", "named", "kind" (lower case) or "part"


@dataclass
class Candidate:
    company: Mention
    product: Mention
    sent: Span
    features: list[str]


def mentions_in(r: Reading, sent: Span) -> tuple[list[Mention], list[Mention]]:
    """The companies and products named in a sentence, in text order."""
    companies: list[Mention] = []
    products: list[Mention] = []
    seen: set[tuple[int, int]] = set()
    for cid, cluster in enumerate(r.ents.clusters):
        if cluster.type not in ("company", "product", "component") or not cluster.listed:
            continue
        for start, end in cluster.spans:
            if sent.start <= start < sent.end and (start, end) not in seen:
                seen.add((start, end))
                if cluster.type == "company":
                    companies.append(Mention(cid, start, end, "company"))
                else:
                    products.append(Mention(cid, start, end, _product_kind(r, start, end)))
    for comp in r.components_in(sent):
        if not any(s <= comp.start < e or comp.start <= s < comp.end for s, e in seen):
            products.append(Mention(None, comp.start, comp.end, "part"))
    companies.sort(key=lambda m: m.start)
    products.sort(key=lambda m: m.start)
    return companies[:MAX_PER_SENTENCE], products[:MAX_PER_SENTENCE]


def _product_kind(r: Reading, start: int, end: int) -> str:
    """ "named" for a product's name ("Lexus IS 200d"), "kind" for a kind of product: in
    lower case ("needle valves"), or a product or part noun alone ("EVs", "Sensors")."""
    first = r.doc[start]
    heads = r.lex["product_heads"] | r.lex["component_heads"]
    if first.is_lower or (end - start == 1 and (first.lower_ in heads or first.lemma_.lower() in heads)):
        return "kind"
    return "named"


def candidates(r: Reading, rule_pairs: set[tuple[int, int]],
               with_unlisted: bool = True) -> Iterator[Candidate]:
    """Company -> product pairs named in one sentence. With `with_unlisted`, also a company
    the entity list leaves out (only the base model tagged it) when the sentence states
    its offering directly ("Rolls-Royce makes engines."): those pairs need no classifier,
    so training leaves them out."""
    company_count = {cid: len(c.spans) for cid, c in enumerate(r.ents.clusters) if c.type == "company"}
    top = max(company_count.values(), default=0)
    unlisted = _unlisted_companies(r) if with_unlisted else []
    for sent in r.doc.sents:
        companies, products = mentions_in(r, sent)
        if products and unlisted:
            yield from _unlisted_direct(r, sent, unlisted, companies, products)
        if not companies or not products:
            continue
        for c in companies:
            for p in products:
                if c.start < p.end and p.start < c.end:
                    continue
                feats = pair_features(r, sent, c, p, companies, products)
                if (c.cid, p.cid) in rule_pairs:
                    feats.append("rule_makes")
                if company_count.get(c.cid, 0) == top:
                    feats.append("main_company")
                yield Candidate(c, p, sent, feats)


def _unlisted_companies(r: Reading) -> list[Mention]:
    """Mentions of the companies the entity list leaves out, regulators and reference
    words ("The Company") excepted: found once per document."""
    return [Mention(cid, start, end, "company") for cid, cluster in enumerate(r.ents.clusters)
            if cluster.type == "company" and cluster.spans and not cluster.listed
            and not r.is_regulator(cid)
            and not all(is_reference_name(n, r.lex) for n in cluster.names)
            for start, end in cluster.spans]


def _unlisted_direct(r: Reading, sent: Span, unlisted: list[Mention], companies: list[Mention],
                     products: list[Mention]) -> Iterator[Candidate]:
    for company in unlisted:
        if not sent.start <= company.start < sent.end:
            continue
        others = sorted([*companies, company], key=lambda m: m.start)
        for p in products:
            if company.start < p.end and p.start < company.end:
                continue
            feats = pair_features(r, sent, company, p, others, products)
            if "direct_offering" in feats:
                yield Candidate(company, p, sent, feats)


def _root(r: Reading, m: Mention) -> Token:
    return r.doc[m.start:m.end].root


def dependency_path(a: Token, b: Token) -> tuple[list[str], Token | None, list[Token]]:
    """Dependency labels up from a to the lowest common head, then down to b; that head;
    and the words strictly between a and b on the path (the head included)."""
    up_a = [a, *a.ancestors]
    up_b = [b, *b.ancestors]
    ids_b = {t.i: n for n, t in enumerate(up_b)}
    for n, t in enumerate(up_a):
        if t.i in ids_b:
            m = ids_b[t.i]
            labels = [f"{x.dep_}^" for x in up_a[:n]] + [f"v{x.dep_}" for x in reversed(up_b[:m])]
            inner = [x for x in [*up_a[1:n], t, *up_b[1:m]] if x.i not in (a.i, b.i)]
            return labels, t, inner
    return [], None, []


def _offering_word(r: Reading, company: Token, words: list[Token]) -> str | None:
    """The word on the path that states the company's offering: a verb whose subject is
    the company ("X offers valves", "X, which makes ..."), or a maker noun the company
    is named as ("X, a manufacturer of", "valve maker X", "X is a supplier of")."""
    for t in words:
        lemma = t.lemma_.lower()
        if not any(lemma in r.lex[g] for g in OFFERING_WORDS) or negated(t, r.lex):
            continue
        if t.pos_ == "VERB" and _is_subject(company, t):
            return lemma
        if t.pos_ == "NOUN" and _named_as(company, t):
            return lemma
    return None


def _is_subject(company: Token, verb: Token) -> bool:
    if verb.dep_ == "relcl" and verb.head.i == company.i:
        return True  # "X, which makes valves"
    subjects = clause_subject_tokens(verb)
    return any(s.i == company.i or (company.i in {a.i for a in s.subtree} and
               company.dep_ in ("compound", "appos", "conj", "nsubj", "nsubjpass")) for s in subjects)


def _market_player(r: Reading, company: Token, product: Token) -> bool:
    """The company is named as a player in the market the product names: "Leading vendors
    in the X market are A, B and C", "Major players in the X market include A", "A and B
    are key players in the X market"."""
    named = company
    while named.dep_ == "conj" and named.head.i != named.i:
        named = named.head
    verb = named.head
    if verb.lemma_ not in ("be", "include"):
        return False
    if named.dep_ in ("attr", "dobj"):
        players = [c for c in verb.children if c.dep_ == "nsubj"]
    elif named.dep_ == "nsubj" and verb.lemma_ == "be":
        players = [c for c in verb.children if c.dep_ == "attr"]
    else:
        return False
    for player in players:
        if player.lemma_.lower() not in r.lex["player_nouns"]:
            continue
        for prep in (c for c in player.children if c.dep_ == "prep" and c.lower_ == "in"):
            for market in (c for c in prep.children if c.dep_ == "pobj"):
                if market.lemma_.lower() in r.lex["market_nouns"] and product.i != market.i \
                        and any(t.i == product.i for t in market.subtree):
                    return True
    return False


def _named_as(company: Token, noun: Token) -> bool:
    if noun.head.i == company.i and noun.dep_ in ("appos", "compound"):
        return True  # "X, a manufacturer of valves"
    if company.head.i == noun.i and company.dep_ in ("appos", "compound", "nmod"):
        return True  # "valve maker X", "the manufacturer, X"
    # "X is a supplier of ...": the noun is the copula's attribute, X its subject
    return noun.dep_ == "attr" and any(c.i == company.i for c in noun.head.children
                                       if c.dep_ == "nsubj")


def pair_features(r: Reading, sent: Span, c: Mention, p: Mention, companies: list[Mention],
                  products: list[Mention]) -> list[str]:
    doc = r.doc
    feats = [f"pkind={p.kind}", f"ptype={'component' if p.kind == 'part' else r.type_of(p.cid)}"
             if p.cid is not None else f"pkind2={p.kind}"]
    first = "c<p" if c.start < p.start else "p<c"
    lo, hi = (c.end, p.start) if c.start < p.start else (p.end, c.start)
    gap = hi - lo
    bucket = "0" if gap <= 0 else "1" if gap == 1 else "2-3" if gap <= 3 else "4-7" if gap <= 7 \
        else "8-15" if gap <= 15 else "16+"
    feats += [first, f"gap={bucket}", f"{first}|gap={bucket}"]
    between = doc[lo:hi] if gap > 0 else doc[lo:lo]
    if gap <= 12:
        for t in between:
            if not t.is_punct or t.text in (",", "(", ":", ";"):
                feats.append(f"btw={t.lemma_.lower()}")
                feats.append(f"{first}|btw={t.lemma_.lower()}")
    else:
        feats.append("btw=long")
    if gap <= 3:
        feats.append(f"btw_seq={'_'.join(t.lower_ for t in between)}")
    others = sum(1 for m in companies if lo <= m.start < hi)
    feats.append(f"companies_between={min(others, 2)}")
    feats.append(f"products_between={min(sum(1 for m in products if lo <= m.start < hi), 3)}")
    feats.append(f"n_companies={min(len(companies), 3)}")
    feats.append(f"n_products={min(len(products), 5)}")
    brand_words = {w.lower() for w in r.ents.clusters[c.cid].name.split()} if c.cid is not None else set()
    pwords = {t.lower_ for t in doc[p.start:p.end]}
    if brand_words & pwords:
        feats.append("product_has_company_word")
    if p.start == c.end:
        feats.append("company_then_product")
    ca, pa = _root(r, c), _root(r, p)
    labels, lca, inner = dependency_path(ca, pa)
    if lca is not None and len(labels) <= MAX_PATH:
        offering = _offering_word(r, ca, [lca, *inner])
        if offering is None and _market_player(r, ca, pa):
            offering = "market"  # "key players in the X market are A, B and C"
        if offering is None and ca.dep_ == "poss" and ca.head.i == pa.i:
            offering = "'s"  # "Acme's gate valves"
        path = "_".join(labels)
        if offering is not None:
            feats += ["offering_on_path", f"offering_on_path={offering}"]
            if path in DIRECT_PATHS and ca.dep_ == "nsubj":
                feats.append("direct_offering")  # "X makes gate valves (and flow meters)"
        lemma = lca.lemma_.lower()
        feats += [f"path={path}", f"lca={lemma}", f"path|lca={path}|{lemma}", f"lca_pos={lca.pos_}"]
        if labels:
            feats += [f"path_first={labels[0]}", f"path_last={labels[-1]}"]
    else:
        feats.append("path=none" if lca is None else "path=long")
    feats.append(f"c_dep={ca.dep_}")
    feats.append(f"c_head={ca.head.lemma_.lower()}")
    feats.append(f"p_dep={pa.dep_}")
    feats.append(f"p_head={pa.head.lemma_.lower()}")
    if pa.dep_ == "pobj":
        feats.append(f"p_prep={pa.head.lower_}|{pa.head.head.lemma_.lower()}")
    if c.cid is not None and r.is_regulator(c.cid):
        feats.append("regulator")
    head = doc[p.end - 1]
    lemma = head.lemma_.lower()
    feats.append(f"p_lemma={lemma}")
    for group in ("hazard_words", "vague_nouns", "component_heads", "product_heads", "defect_words"):
        if lemma in r.lex[group] or head.lower_ in r.lex[group]:
            feats.append(f"p_in={group}")
    if all(t.lower_ in r.lex["vague_nouns"] or t.lower_ in r.lex["vague_modifiers"]
           for t in doc[p.start:p.end]):
        feats.append("p_only_vague")  # "solutions", "new products": says nothing of what
    if head.like_num or not any(ch.isalpha() for ch in head.text):
        feats.append("p_head_not_word")
    return feats


# the heads of the lexicon's vague nouns that name a part of a company, not a product
BUSINESS_NOUNS = frozenset({"business", "businesses", "division", "divisions", "arm",
                            "operation", "operations", "subsidiary", "subsidiaries"})


def _names_a_business(r: Reading, m: Mention) -> bool:
    head = r.doc[m.end - 1]
    return head.lower_ in BUSINESS_NOUNS or head.lemma_.lower() in BUSINESS_NOUNS


def is_hazard(r: Reading, m: Mention) -> bool:
    head = r.doc[m.end - 1]
    return m.end - m.start == 1 and (head.lower_ in r.lex["hazard_words"]
                                     or head.lemma_.lower() in r.lex["hazard_words"])


def product_owner(r: Reading, m: Mention) -> int | None:
    """The company a product mention says is its maker: its brand ("Samsung Galaxy Note7"),
    a listed company whose whole name starts the product's ("Ouyang Motors L7"), or a
    company possessor ("Strelitz's Aero e-SUV")."""
    if m.cid is not None:
        brand = r.ents.clusters[m.cid].brand
        if brand is not None and _named_alone(r, brand) and _acts_as_company(r, brand):
            return brand
    named_first = r.company_named_first(r.doc[m.start:m.end].text)
    if named_first is not None:
        return named_first
    root = r.doc[m.start:m.end].root
    while root.dep_ == "compound" and root.head.i > root.i and root.head.is_lower:
        root = root.head  # "Nuvela's Drift laptops": the possessive is on the noun
    owners = [c for p in root.children if p.dep_ == "poss" for c in r.entities(p)]
    return owners[0] if len(owners) == 1 else None


def _supplied_into(r: Reading, company: Mention, product: Mention) -> bool:
    """Is the product where the company's parts go, not what it offers? The company is the
    subject of a supply verb and the product sits below the verb but is not its object
    (nor one of a list of objects): "X supplies inverters for the Aero", "X supplies the
    cells used in every Aero"."""
    verb = _root(r, company).head
    if _root(r, company).dep_ != "nsubj" or verb.lemma_.lower() not in r.lex["supply_verbs"]:
        return False
    root = _root(r, product)
    # what is supplied: the object, or what customers are provided with
    supplied = [o for o in verb.children if o.dep_ == "dobj"]
    supplied += [o for w in verb.children if w.lower_ == "with" for o in w.children if o.dep_ == "pobj"]
    objects = {o.i for o in supplied} | {c.i for o in supplied for c in o.conjuncts}
    return root.i not in objects and any(a.i == verb.i for a in root.ancestors)


def _acts_as_company(r: Reading, cid: int) -> bool:
    """Does the document show the brand as a company: a corporate word or legal form in its
    name, or a sentence whose subject it is? ("Tarmac" of a recall's "Tarmac SL7 Bicycles"
    is neither, and owns nothing.)"""
    cluster = r.ents.clusters[cid]
    if any(r.lex.is_company_word(w) for n in cluster.names for w in n.split()[1:]):
        return True
    return any(r.doc[start:end].root.dep_ in ("nsubj", "nsubjpass") for start, end in cluster.spans)


def _named_alone(r: Reading, cid: int) -> bool:
    """Is a company named somewhere other than right before a product? A product line the
    model took for a company ("Solara" of "Tidewell Solara Q20") never is."""
    for _, end in r.ents.clusters[cid].spans:
        nxt = r.cluster_at(r.doc[end]) if end < len(r.doc) else None
        if nxt is None or r.type_of(nxt) not in ("product", "component"):
            return True
    return False


def without_suppliers_products(r: Reading, learned: list[Draft], rule_drafts: list[Draft]) -> list[Draft]:
    """The learned `makes` drafts, less those that pair a company with a product in a
    sentence where the rules read it as a supplier: "the Aria 11 Pro's panel came from
    Seorim Display", "the KG-125 grinder uses cells from Huilong" (the product is its
    customer's), unless the product is what it supplies ("X supplies its Y 5000 packs",
    "supply NavCore receivers to Z") or named as its own ("a Helix HX7260 chip")."""
    supplied: dict[tuple[int, int], list[str]] = {}  # (supplier, sentence) -> parts named
    for d in rule_drafts:
        if d.type == "supplies":
            for supplier in d.roles.get("supplier", ()):
                supplied.setdefault((supplier, d.sent.start), []).append(
                    (d.extra.get("component") or "").lower())
    return [d for d in learned if (parts := supplied.get((d.roles["company"][0], d.sent.start))) is None
            or _what_it_supplies(r, d, parts)]


def _what_it_supplies(r: Reading, draft: Draft, parts: list[str]) -> bool:
    """Is the pair's product what its company supplies in that sentence (`parts`: the parts
    the rules named for it there, "" where they named none)?"""
    company, product = draft.roles["company"][0], draft.roles["product"][0]
    name = r.ents.clusters[product].name.lower()
    said = draft.sent.text.lower()
    if any(part and (name in part or f"{name} {part}" in said) for part in parts):
        return True
    if not all(parts) and _before_a_noun(r, product, draft.sent):
        return True  # a part the rules did not name, the product's name on it
    return _named_with(r, company, product)


def _before_a_noun(r: Reading, product: int, sent: Span) -> bool:
    """Is the product named right before a lower-case noun in the sentence ("NavCore
    receivers")?"""
    return any(sent.start <= start and end < sent.end and r.doc[end].is_lower
               and r.doc[end].pos_ == "NOUN" for start, end in r.ents.clusters[product].spans)


def _named_with(r: Reading, company: int, product: int) -> bool:
    """Is the product named right after the company, or as its possessive's ("a Helix
    HX7260 chip", "Paraxis Semiconductor's Aurelis 7 platform"): the supplier's own part?"""
    ends = {e for _, e in r.ents.clusters[company].spans}
    for start, _ in r.ents.clusters[product].spans:
        if start in ends or (start - 1 in ends and r.doc[start - 1].text in ("'s", "’s")):
            return True
    return False


def learned_makes(r: Reading, model: PairModel, rule_drafts: list[Draft]) -> list[Draft]:
    """`makes` drafts for the pairs the model accepts, one per (company, product)."""
    rule_pairs = {(d.roles["company"][0], d.roles["product"][0]) for d in rule_drafts
                  if d.type == "makes"}
    best: dict[tuple[int, tuple[int, int] | int], tuple[float, Candidate]] = {}
    for cand in candidates(r, rule_pairs):
        if is_hazard(r, cand.product):
            continue  # "fire", "overheating": what a product does wrong, never a product
        if cand.product.kind in ("kind", "part") and _names_a_business(r, cand.product):
            continue  # "sold its home-textiles division": a part of a company, no product
        owner = product_owner(r, cand.product)
        if owner is not None and owner != cand.company.cid:
            continue  # "X supplies inverters for Y's Aero", "... for the Ouyang Motors L7"
        if _supplied_into(r, cand.company, cand.product):
            continue  # "X supplies the cells used in every Aero": the Aero is a customer's
        prob = model.probability(cand.features)
        if prob < model.needed(cand.features, cand.product.kind):
            continue
        product_key = cand.product.cid if cand.product.cid is not None else \
            (cand.product.start, cand.product.end)
        key = (cand.company.cid, product_key)
        if key not in best or prob > best[key][0]:
            best[key] = (prob, cand)
    drafts = []
    for prob, cand in best.values():
        pid = cand.product.cid
        if pid is None:
            pid = r.kind_entity(cand.product.start, cand.product.end)[0]
        if "direct_offering" in cand.features:  # as sure as the sentence, hedges included
            prob = min(max(prob, GENERIC_CONFIDENCE), confidence_for(cand.sent, r.lex))
        drafts.append(Draft("makes", {"company": [cand.company.cid], "product": [pid]}, cand.sent,
                            round(min(prob, 0.95), 3), extra={"learned": True}))
    return drafts
