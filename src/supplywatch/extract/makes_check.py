"""A learned second reading of the `makes` drafts: named products' makers, and kinds of product.

The rules draft "C makes P" from many constructions; in news about supply chains most of
their mistakes give a named product to the wrong company: the supplier whose part goes
into it ("X's modem powered the Aster 5 Pro"), the assembler, the buyer, a product line
read as a company. Each draft is described by sparse features (how P is named, whether
its name starts with C's or another company's, what else the document says C is, the
grammatical roles of both in the sentence and the words around them) and scored by a
logistic regression trained on the labelled invented news sets (`bench/extraction/train.py
news`, shipped as `models/makes_check.json`). Only a document that states a supply relation
is checked (`supply_story`); there a named product keeps its maker when one of the pair's
drafts clears the model's threshold.

Kinds of product ("X, the German maker of hinges and drawer systems") are judged too, the
company -> product classifier's included, against a threshold of their own: in a supply
story they are mostly background that the story's readers (and its labels: a generic
`makes` is optional at best) do not count as a product the company makes, and on the
invented training sets they were wrong five times in six. The classifier's named products
stay its own threshold's business (it learned them from product pages).
"""

from __future__ import annotations

from pathlib import Path

from spacy.tokens import Token

from supplywatch.extract.drafts import Draft
from supplywatch.extract.learned import NewsModel, load_news_model
from supplywatch.extract.pairs import dependency_path
from supplywatch.extract.reading import Reading
from supplywatch.extract.rules_teardown import teardown_labs
from supplywatch.extract.supply_pairs import parties_in, role_of, triggers_in

MakesModel = NewsModel  # P(the company makes the product)


def load_makes_model(path: Path) -> NewsModel:
    return load_news_model(path, "check of products' makers")


def is_kind(r: Reading, d: Draft) -> bool:
    """A draft about a kind of product ("battery cells"), not a named one ("Aster 5 Pro",
    "iX", "iPhones"): a kind is written in lower case, without digits."""
    name = r.ents.clusters[d.roles["product"][0]].name
    return name == name.lower() and not any(ch.isdigit() for ch in name)


def in_check(r: Reading, d: Draft) -> bool:
    """A `makes` draft the check judges: the rules' drafts, and any draft about a kind of
    product; not the company -> product classifier's named products (`pairs`, learned from
    product pages: its own threshold decides those)."""
    return d.type == "makes" and (not d.extra.get("learned") or is_kind(r, d))


def document_roles(r: Reading, drafts: list[Draft]) -> dict[str, set[int]]:
    """What the drafts say each company is elsewhere in the document."""
    roles: dict[str, set[int]] = {"supplier": set(), "customer": set(), "parent": set(),
                                  "child": set(), "partner": set(), "recaller": set(), "maker": set()}
    for d in drafts:
        if d.extra.get("maker_field"):
            continue  # a notice's "Manufacturer:" field: no story of supply to judge by
        for role, ids in d.roles.items():
            key = {"parties": "partner",
                   "company": "recaller" if d.type == "recall" else "maker"}.get(role, role)
            if key in roles:
                roles[key].update(ids)
    # a product more than one company is drafted to make (or to recall): one of them at most
    makers: dict[int, set[int]] = {}
    for d in drafts:
        if d.type in ("makes", "recall"):
            for pid in d.roles.get("product", d.roles.get("products", [])):
                makers.setdefault(pid, set()).update(d.roles["company"])
    roles["made_by_several"] = {pid for pid, cids in makers.items() if len(cids) > 1}
    roles["lab"] = set(teardown_labs(r))
    topic = r.topic()
    roles["topic"] = {topic} if topic is not None else set()
    return roles


def makes_features(r: Reading, d: Draft, roles: dict[str, set[int]]) -> list[str]:
    """Features of one `makes` draft (see the module's docstring)."""
    company, product = d.roles["company"][0], d.roles["product"][0]
    c_cluster, p_cluster = r.ents.clusters[company], r.ents.clusters[product]
    words = p_cluster.name.split()
    feats = [f"ptype={p_cluster.type}",
             f"conf={round(d.confidence, 1)}"]
    feats.append("p_kind" if is_kind(r, d) else "p_named")
    feats.append("src=pairs" if d.extra.get("learned") else "src=rules")
    if any(ch.isdigit() for ch in p_cluster.name):
        feats.append("p_digit")
    c_words = {w.lower() for n in c_cluster.names for w in n.split()}
    if words[0].lower() in c_words:
        feats.append("p_starts_with_c")
    elif any(w.lower() in c_words for w in words):
        feats.append("p_has_c_word")
    first = r.company_named_first(p_cluster.name)
    if first is not None and first != company:
        feats.append("p_named_after_other")
    brand = p_cluster.brand
    feats.append("brand=none" if brand is None else "brand=c" if brand == company else "brand=other")
    feats += [f"c_is_{role}" for role, ids in roles.items() if company in ids]
    feats += [f"p_is_{role}" for role, ids in roles.items() if product in ids]
    feats.append(f"c_named={min(len(c_cluster.spans), 4)}")
    if c_cluster.spans and all(e in r.ents.token_cluster and r.type_of(r.ents.token_cluster[e]) == "product"
                               for _, e in c_cluster.spans if e < len(r.doc)):
        feats.append("c_only_before_products")  # "Strada S2", "Strada S3": a line, not a maker
    feats += _name_features(r, company, "c") + _name_features(r, product, "p")
    feats += _sentence_features(r, d, company, product)
    return feats


def _name_features(r: Reading, cid: int, tag: str) -> list[str]:
    """What a name looks like: the base model's type for it, lower-case words inside it
    ("VoltPak Portable Power Banks Due"), a legal form, its length."""
    cluster = r.ents.clusters[cid]
    name = cluster.name
    words = name.split()
    feats = [f"{tag}_len={min(len(words), 5)}"]
    if any(w.islower() for w in words[1:]):
        feats.append(f"{tag}_lower_inside")
    if r.lex.is_company_word(words[-1].lower()):
        feats.append(f"{tag}_company_word")
    types = {r.doc[s].ent_type_ or "-" for s, _ in cluster.spans}
    feats += [f"{tag}_ent={t}" for t in sorted(types)]
    if all(w[:1].isupper() for w in words) and len(words) == 2 and "PERSON" in types:
        feats.append(f"{tag}_person")
    return feats


def _mentions(r: Reading, cid: int, start: int, end: int) -> list[Token]:
    return [r.doc[s:e].root for s, e in r.ents.clusters[cid].spans if start <= s < end]


def _sentence_features(r: Reading, d: Draft, company: int, product: int) -> list[str]:
    sent = d.sent
    triggers = triggers_in(r, sent)
    feats = [f"group={g}" for g in sorted({g for gs in triggers.values() for g in gs})]
    ps = _mentions(r, product, sent.start, sent.end)
    cs = _mentions(r, company, sent.start, sent.end)
    others = {r.company_at(t) for t in sent} - {None, company}
    feats.append(f"other_companies={min(len(others), 3)}")
    if not ps:
        return [*feats, "p_not_in_sentence"]
    p = ps[0]
    p_role = role_of(p)
    feats += [f"p_role={p_role}", f"p_dep={p_role.split('>')[0]}"]
    owners = [c for t in p.children if t.dep_ == "poss" for c in r.entities(t)]
    if owners:
        feats.append("p_owned_by_c" if company in owners else "p_owned_by_other")
    if not cs:
        # named in the sentence by a reference ("The company is best known for its X"), or
        # not at all (a brand found elsewhere)
        referred = any(p.cid == company and p.how != "name" for p in parties_in(r, sent))
        return [*feats, "c_referred_to" if referred else "c_not_in_sentence"]
    c = min(cs, key=lambda t: abs(t.i - p.i))
    c_role = role_of(c)
    feats += [f"c_role={c_role}", f"c_dep={c_role.split('>')[0]}", "c<p" if c.i < p.i else "p<c",
              f"c_dep|p_dep={c_role.split('>')[0]}|{p_role.split('>')[0]}"]
    lo, hi = sorted((c.i, p.i))
    between = {r.company_at(t) for t in r.doc[lo + 1:hi]} - {None, company, product}
    if between:
        feats.append("company_between")
    labels, lca, inner = dependency_path(c, p)
    if lca is not None and len(labels) <= 6:
        path = "_".join(labels)
        feats += [f"path={path}", f"lca={lca.lemma_.lower()}", f"path|lca={path}|{lca.lemma_.lower()}"]
        feats += [f"on_path={g}" for t in (lca, *inner) for g in triggers.get(t.i, ())]
    else:
        feats.append("path=long")
    return feats


def supply_story(roles: dict[str, set[int]]) -> bool:
    """Does the document state a supply relation? The check learned from supply-chain news,
    where the rules' mistake is to give a product to the wrong party of the story; on a page
    that states none (a product page's "X launched the Y") the rules' reading stands."""
    return bool(roles["supplier"])


def checked_makes(r: Reading, model: MakesModel, drafts: list[Draft]) -> list[Draft]:
    """The drafts, less the `makes` drafts of named products in a supply story whose pair
    no draft makes likely enough."""
    roles = document_roles(r, drafts)
    if not supply_story(roles):
        return drafts
    best: dict[tuple[int, int], float] = {}
    for d in drafts:
        if in_check(r, d):
            key = (d.roles["company"][0], d.roles["product"][0])
            best[key] = max(best.get(key, 0.0), model.probability(makes_features(r, d, roles)))
    return [d for d in drafts if not in_check(r, d)
            or best[(d.roles["company"][0], d.roles["product"][0])] >= needed(model, is_kind(r, d))]


def needed(model: MakesModel, kind: bool) -> float:
    """The probability a pair must reach: kinds of product have a threshold of their own
    (a story's "X, a maker of hinges" is mostly background its readers do not count)."""
    if kind:
        return model.kind_threshold if model.kind_threshold is not None else 0.0
    return model.threshold
