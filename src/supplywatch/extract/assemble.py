"""Drafts → the facts contract: canonical names, merged duplicates, evidence spans."""

from __future__ import annotations

import dataclasses
import re
from collections import defaultdict
from collections.abc import Iterable
from itertools import pairwise
from typing import Any

from spacy.tokens import Span, Token

from supplywatch.extract.doc_context import in_a_record
from supplywatch.extract.drafts import Draft
from supplywatch.extract.legal_names import ends_in_legal_form, only_legal_form
from supplywatch.extract.lexicon import Lexicon
from supplywatch.extract.mentions import MONTHS, OWNED_SITES, SITE_WORDS, YEAR
from supplywatch.extract.reading import Reading
from supplywatch.extract.rules_recall import cause_in, hazard_in, recalled_products
from supplywatch.model import Entity, Fact, alias_order, name_key

STATUS_RANK = {"ended": 3, "planned": 2, "active": 1}


def evidence(sent: Span) -> tuple[str, tuple[int, int]]:
    text = sent.text.strip()
    start = sent.start_char + (len(sent.text) - len(sent.text.lstrip()))
    return text, (start, start + len(text))


def cluster_names(r: Reading) -> dict[int, str]:
    """cluster id -> the entity's name, for every entity of the document."""
    return {cid: c.name for cid, c in enumerate(r.ents.clusters) if c.spans}


def entities_of(r: Reading, used: set[str] | None = None) -> list[Entity]:
    """Contract entities (e1, e2 ...) in order of first mention, one per name: a cluster
    that is not `listed` is left out unless a fact names it (`used`), and a name already
    listed lends its entity its mentions."""
    used = used or set()
    out: list[Entity] = []
    by_key: dict[str, Entity] = {}
    doc = r.doc

    def add(name: str, type_: str, names: Iterable[str], spans: Iterable[tuple[int, int]],
            own: bool) -> None:
        mentions = [(doc[s].idx, doc[e - 1].idx + len(doc[e - 1])) for s, e in spans]
        key = name_key(name)
        ent = None if own else by_key.get(key)
        if ent is None:
            ent = Entity(id="", name=name, type=type_)
            out.append(ent)
            by_key.setdefault(key, ent)
        ent.aliases = sorted({*ent.aliases, *(n for n in names if n != ent.name)},
                             key=alias_order)
        ent.mentions = sorted({*ent.mentions, *mentions})

    order = sorted(
        (i for i, c in enumerate(r.ents.clusters) if c.spans),
        key=lambda i: min(s for s, _ in r.ents.clusters[i].spans),
    )
    for cid in order:
        c = r.ents.clusters[cid]
        if c.name in used:
            add(c.name, c.type, c.names, c.spans, own=True)
        elif c.listed:
            add(c.name, c.list_type or c.type, c.names, c.spans, own=False)
    kinds = r.ents.kind_tokens
    for comp in r.components:
        if kinds is not None and comp.name.lower() in r.lex["vague_nouns"] and not any(
                i in kinds for i in range(comp.start, comp.end)):
            continue  # "parts", "services": a word for parts, not a kind the recogniser names
        add(comp.name, "component", (), [(comp.start, comp.end)], own=False)
    out.sort(key=lambda e: e.mentions[0] if e.mentions else (0, 0))
    for n, ent in enumerate(out, 1):
        ent.id = f"e{n}"
    return out


def assemble(r: Reading, drafts: list[Draft]) -> tuple[list[Entity], list[Fact]]:
    names = cluster_names(r)
    makers = _product_makers(r, drafts)
    facts: list[Fact] = []
    facts += _supplies(drafts, names, makers)
    facts += _owns(drafts, names)
    facts += _recalls(r, drafts, names, makers)
    facts += _makes(r, drafts, names)
    facts += _partnerships(drafts, names)
    facts = _one_makes_per_pair(facts)
    facts = _models_of_one_line(facts)
    facts = _without_bought_parts(facts)
    facts = _without_suppliers_making_customer_products(facts)
    facts = [f for f in facts if f.type != "makes" or _likely_product(f, r.lex)]
    facts = _without_other_companies_wares(r, facts)
    facts.sort(key=lambda f: (f.span[0], f.type))
    entities = entities_of(r, {name for f in facts for _, name in f.names()})
    return entities, facts


def _product_makers(r: Reading, drafts: list[Draft]) -> dict[int, int]:
    makers: dict[int, int] = {}
    for d in drafts:
        if d.type == "makes" and not d.extra.get("learned"):
            # (a pair the classifier decided is a fact of its own, not a product's maker
            # for the supply and recall rules)
            makers.setdefault(d.roles["product"][0], d.roles["company"][0])
    for pid, c in enumerate(r.ents.clusters):
        if c.brand is not None:
            makers[pid] = c.brand
    # "the Starling 90's wing skins" where only "the Starling 90 regional turboprop" (or the
    # "Starling" line) has its maker named: the same maker, when the names agree on one
    keys = {pid: name_key(c.name) for pid, c in enumerate(r.ents.clusters) if c.type == "product" and c.spans}
    for pid, key in keys.items():
        if pid in makers:
            continue
        related = {makers[o] for o, okey in keys.items() if o in makers and o != pid
                   and (okey.startswith(key + " ") or key.startswith(okey + " "))}
        if len(related) == 1:
            makers[pid] = related.pop()
    return makers


def _fact(type_: str, args: dict[str, Any], d: Draft) -> Fact:
    text, span = evidence(d.sent)
    return Fact(type=type_, args=args, evidence=text, span=span, confidence=d.confidence)


def _supplies(drafts: list[Draft], names: dict[int, str], makers: dict[int, int]) -> list[Fact]:
    merged: dict[tuple[int, int], tuple[Draft, dict[str, Any]]] = {}
    for d in (d for d in drafts if d.type == "supplies"):
        if "supplier" in d.roles:
            supplier = d.roles["supplier"][0]
        else:  # bought by a product's name: its maker sells it ("ordered 40 Havbris 220s")
            supplier = makers.get(d.roles["maker_of"][0])
            if supplier is None:
                continue
        product = d.roles.get("product", d.roles.get("maker_of", [None]))[0]
        customer = d.roles.get("customer", [None])[0]
        if customer is None and product is not None:
            customer = makers.get(product)
        if customer is None or customer == supplier:
            continue
        key = (supplier, customer)
        if key not in merged:
            merged[key] = (d, {"component": None, "product": None, "quantity": None,
                               "status": "active"})
        main, args = merged[key]
        args["component"] = args["component"] or d.extra.get("component")
        args["quantity"] = args["quantity"] or d.extra.get("quantity")
        if product is not None and args["product"] is None:
            args["product"] = names.get(product)
        status = d.extra.get("status") or "active"
        args.setdefault("_drafts", []).append(d)
        if STATUS_RANK[status] > STATUS_RANK[args["status"]]:
            # The sentence that says the relation ended (or is planned) is the evidence
            # a reader needs first.
            args["status"] = status
            merged[key] = (d, args)
        elif status == args["status"] and d.confidence > main.confidence:
            merged[key] = (d, args)
    facts = []
    for (s, c), (d, args) in merged.items():
        drafts = args.pop("_drafts")
        fact = _fact("supplies", {"supplier": names[s], "customer": names[c], **args}, d)
        fact.confidence = max(x.confidence for x in drafts)
        more = _more_evidence(d, drafts)
        if more:
            fact.args["more_evidence"] = more
        facts.append(fact)
    return facts


def _more_evidence(main: Draft, drafts: list[Draft]) -> list[dict[str, Any]]:
    """The other sentences a merged fact rests on, each with its span."""
    out: list[dict[str, Any]] = []
    seen = {main.sent.start}
    for d in drafts:
        if d.sent.start not in seen:
            seen.add(d.sent.start)
            text, span = evidence(d.sent)
            out.append({"evidence": text, "span": list(span)})
    return out


def _owns(drafts: list[Draft], names: dict[int, str]) -> list[Fact]:
    seen: dict[tuple[int, int], Fact] = {}
    for d in (d for d in drafts if d.type == "owns"):
        key = (d.roles["parent"][0], d.roles["child"][0])
        if key in seen:
            if seen[key].args.get("share") is None:  # another sentence may state the share
                seen[key].args["share"] = d.extra.get("share")
            continue
        if (key[1], key[0]) in seen:
            continue
        seen[key] = _fact("owns", {"parent": names[key[0]], "child": names[key[1]],
                                   "share": d.extra.get("share")}, d)
    return list(seen.values())


def _makes(r: Reading, drafts: list[Draft], names: dict[int, str]) -> list[Fact]:
    seen: dict[tuple[int, int], Fact] = {}
    for d in (d for d in drafts if d.type == "makes"):
        key = (d.roles["company"][0], d.roles["product"][0])
        if _a_place(r, key[1]):
            continue  # "the contractor's Sriperumbudur facility": where, not what
        if key[0] in names and key[1] in names and key not in seen:
            seen[key] = _fact("makes", {"company": names[key[0]], "product": names[key[1]]}, d)
    return list(seen.values())


def _a_place(r: Reading, cid: int) -> bool:
    """Is this "product" a place: read as a name by the base model and named before a site
    ("the contractor's Sriperumbudur facility", "its Helsinki engineering centre")?"""
    cluster = r.ents.clusters[cid]
    if not cluster.spans or any(ch.isdigit() for n in cluster.names for ch in n):
        return False  # a model ("Citi 12E", "Trail 2") is a product whatever the tagger says
    if len(cluster.name.split()) == 1 and cluster.brand is None and all(
            _before_who(r, e) for _, e in cluster.spans):
        # written only as where people or companies are from ("its Aberdeenshire
        # founders", "a Stuttgart supplier"; not by the tagger's GPE alone: "Lysefjord",
        # "Strada" are lines named like places)
        return True
    return any(_before_a_site(r, e) and all(t.ent_type_ in ("GPE", "LOC", "FAC", "ORG")
                                            for t in r.doc[s:e]) for s, e in cluster.spans) \
        or any(_where_something_is(r, s, e) for s, e in cluster.spans)


# people a place's name can stand before: "its Aberdeenshire founders"
PEOPLE_NOUNS = frozenset({"founder", "founders", "owner", "owners", "engineer", "engineers",
                          "worker", "workers", "staff", "employee", "employees", "family",
                          "families", "management", "managers", "executives", "shareholders"})


def _before_who(r: Reading, end: int) -> bool:
    """Is a lower-case word for people or for companies written right after?"""
    nxt = r.doc[end] if end < len(r.doc) else None
    return nxt is not None and nxt.is_lower and (
        nxt.lower_ in PEOPLE_NOUNS or nxt.lower_ in r.lex["company_nouns"]
        or nxt.lower_ in r.lex["supplier_nouns"])


def _where_something_is(r: Reading, start: int, end: int) -> bool:
    """A name written as where something is: "-based" after it ("Toulouse-based"), or after
    "in"/"near" on a site or a line ("its engine module line in Figeac"), or before a company
    noun as a place's name is ("a Stuttgart supplier")."""
    doc = r.doc
    if end + 1 < len(doc) and doc[end].text in ("-", "–") and doc[end + 1].lower_ == "based":
        return True
    if doc[start:end].text.endswith("-based"):
        return True
    root = doc[start:end].root
    if root.dep_ == "pobj" and root.head.lower_ in ("in", "near", "at") \
            and root.head.head.lemma_.lower() in SITE_WORDS | {"line"}:
        return True
    return root.dep_ == "compound" and root.head.lemma_.lower() in r.lex["supplier_nouns"] \
        and root.ent_type_ in ("GPE", "LOC")


def _before_a_site(r: Reading, end: int) -> bool:
    """Is a site named right after (one word, or one word between: "engineering centre")?"""
    words: list[str] = []
    for t in r.doc[end:end + 2]:
        if not t.is_lower:
            break
        words.append(t.lemma_.lower())
    return any(w in SITE_WORDS for w in words)


def _one_makes_per_pair(facts: list[Fact]) -> list[Fact]:
    """One `makes` fact per company and product name, the surest kept: the recall rules
    and the pair classifier can both state "Velmora Power makes PB-20"."""
    best: dict[tuple[str, str], Fact] = {}
    for f in facts:
        if f.type == "makes":
            key = (name_key(f.args["company"]), name_key(f.args["product"]))
            if key not in best or f.confidence > best[key].confidence:
                best[key] = f
    # "solid-state batteries" said, "batteries" (its head, from the same sentence) is no
    # second product of the same company
    longer = {(f.span, company, product) for (company, product), f in best.items()}
    kept = {id(f) for (company, product), f in best.items() if not any(
        span == f.span and other == company and long_name.endswith(" " + product)
        for span, other, long_name in longer)}
    return [f for f in facts if f.type != "makes" or id(f) in kept]


# a bare model number ("MF-4410", "LO-CR200", "HK1750"): one word with a digit in it
BARE_MODEL = re.compile(r"^(?=\S*\d)(?=\S*[A-Za-z])[A-Za-z0-9][\w./-]*$")
YEAR_END = re.compile(r"\b(?:19|20)\d\d$")


def _models_of_one_line(facts: list[Fact]) -> list[Fact]:
    """The model numbers one sentence lists for a company's line are that line's names,
    not products of their own: "Hollis 4-in-1 Convertible Cribs with model numbers MF-4410,
    MF-4412 and MF-4415" is one product, "the Kelso Rapid (model HK1750)" too: where the
    sentence names the line, its `makes` fact stands for the models. (On the tuned sets,
    asking for the word "model" as well kept 24 more true facts and 62 more false ones.) (Models listed alone
    keep a fact each: they are as often products of their own.)"""
    groups: dict[tuple[str, tuple[int, int]], list[Fact]] = {}
    for f in facts:
        if f.type == "makes":
            groups.setdefault((name_key(f.args["company"]), f.span), []).append(f)
    dropped: set[int] = set()
    for group in groups.values():
        models = [f for f in group if BARE_MODEL.match(f.args["product"])]
        # a line's name, not the model's own ("PB-20 power banks") nor a brand and a model
        # year ("Husqvarna 2013")
        lines = [f for f in group if f not in models and not YEAR_END.search(f.args["product"])
                 and not any(m.args["product"] in f.args["product"].split() for m in models)]
        if models and lines:
            dropped |= {id(f) for f in models}
    return [f for f in facts if id(f) not in dropped]


def _without_bought_parts(facts: list[Fact]) -> list[Fact]:
    """No "C makes P" from a sentence that says C buys P: in "C's battery cells come from
    S" the possessive names the buyer, not the maker."""
    bought = {(f.span, name_key(f.args["customer"]), name_key(f.args["component"]))
              for f in facts if f.type == "supplies" and f.args.get("customer")
              and f.args.get("component")}
    return [f for f in facts if f.type != "makes" or (
        f.span, name_key(f.args["company"]), name_key(f.args["product"])) not in bought]


def _without_suppliers_making_customer_products(facts: list[Fact]) -> list[Fact]:
    """No "S makes P" for a supplier S of the document when a company that supplies no one
    here makes P (a named product) too: S's parts go into P, or S assembles it ("the Pulse 2 used a panel
    from S", "S will assemble the InkStream 400"); P is the other company's."""
    suppliers = {name_key(f.args["supplier"]) for f in facts if f.type == "supplies"}
    makers: dict[str, set[str]] = {}
    for f in facts:
        if f.type == "makes":
            makers.setdefault(name_key(f.args["product"]), set()).add(name_key(f.args["company"]))
    return [f for f in facts if f.type != "makes" or not f.args["product"][:1].isupper()
            or name_key(f.args["company"]) not in suppliers
            or not makers[name_key(f.args["product"])] - suppliers]


def _without_other_companies_wares(r: Reading, facts: list[Fact]) -> list[Fact]:
    """No "C makes P" where P is another company's name, alone or before a kind of thing
    ("Voss has bought Miratec sensors for its e-axle": Miratec's sensors, not Voss's)."""
    # (a company by more than the type it was given: a legal form, a corporate word, or a
    # party to trade or ownership here; "FlexaPaper", "Gloopy Galaxy" typed companies may
    # be their owner's lines)
    parties = {name_key(n) for f in facts if f.type in ("supplies", "owns")
               for role, n in f.names() if role != "product"}
    companies: dict[str, set[str]] = {}
    for c in r.ents.clusters:
        if c.type == "company" and c.spans and any(
                ends_in_legal_form(n, r.lex) or any(r.lex.is_company_word(w) for w in n.split()[1:])
                or name_key(n) in parties for n in c.names):
            keys = {name_key(n) for n in c.names}
            for key in keys:
                companies.setdefault(key, set()).update(keys)
    kept = []
    for f in facts:
        if f.type == "makes":
            words = f.args["product"].split()
            maker = name_key(f.args["company"])
            # (the whole name too: "Samsung makes Samsung SDI" names a company, not a product)
            heads = [" ".join(words[:n]) for n in range(1, min(3, len(words)) + 1)
                     if all(w.islower() for w in words[n:])]
            if any(maker not in companies.get(name_key(h), {maker}) for h in heads):
                continue
        kept.append(f)
    return kept


# Words for the parties to trade, which no product is named by ("rival engine makers")
PARTY_NOUNS = frozenset({"company", "firm", "brand", "rival", "competitor", "partner", "operator",
                         "automaker", "carmaker", "chipmaker"})


# Where things are made, which is not what is made ("is building a 200-millimeter substrate
# plant"): the sites a company owns, less those that are sold too ("USB hub", "rolling mill",
# "foundry services", "ironworks")
SITE_NOUNS = frozenset(OWNED_SITES - {"hub", "mill", "foundry", "works"})


def _likely_product(fact: Fact, lex: Lexicon) -> bool:
    """Is "C makes P" a product and its maker? Not a quantity ("mAh", "900 tonnes"), a
    person's title run into a name ("Kaoriya President Tetsuya Morikawa"), a word for trade
    ("its last delivery", "PET volumes") or for companies ("rival engine makers"), nor made
    by a news outlet ("Sporting Trade Journal") or one itself. ("engineering services" is a
    product.)"""
    words = fact.args["product"].split()
    if len(fact.args["product"].strip()) < 2:
        return False  # a letter cut off a model's number ("Max 30" + "K") names nothing
    lows = [w.lower().strip(".,") for w in words]
    if lows[-1] in lex["measure_units"] or any(
            low in lex["title_words"] and word.istitle() and after[:1].isupper()
            for word, low, after in zip(words, lows, words[1:], strict=False)):
        return False  # (a title before a name: "President Tetsuo", not "Stihl MS 361C")
    if words[-1].islower() and (lows[-1] in lex["not_products"]
                                or lows[-1].removesuffix("s") in lex["maker_nouns"] | PARTY_NOUNS
                                or lows[-1] in lex["customer_nouns"]
                                or lows[-1].removesuffix("s") in SITE_NOUNS):
        return False
    if any(low in lex["company_nouns"] and after == "of" for low, after in pairwise(lows)) \
            or any(low.endswith("-based") for low in lows):
        return False  # a company described ("the Karlsruhe-based maker of sensors")
    maker = fact.args["company"].split()
    if len(words) > 1 and name_key(words[0]) == name_key(maker[0]) \
            and all(w.isalpha() and w.islower() for w in words[1:]):
        return False  # "Ashcombe sensors", "Sunbright SoC": the maker's kind of goods, no name
    last = words[-1].rstrip(".,")
    if ends_in_legal_form(fact.args["product"], lex) and (not last.isupper() or "." in last):
        # a company ("Ferraguti Fluid Power S.r.l") is no product; capitals may be a
        # model's letters ("Polaris XC SP", "Z Master 2000 Series ZRT")
        return False
    if words[-1].istitle() and lows[-1] in lex["media_words"]:
        return False  # a publication ("seen by The Rack Report", "its Annual Report")
    return maker[-1].lower() not in lex["media_words"]


def _partnerships(drafts: list[Draft], names: dict[int, str]) -> list[Fact]:
    seen: dict[frozenset[int], Fact] = {}
    for d in (d for d in drafts if d.type == "partnership"):
        key = frozenset(d.roles["parties"])
        if len(key) >= 2 and not any(key <= k for k in seen):
            seen[key] = _fact("partnership", {"parties": [names[p] for p in d.roles["parties"]]}, d)
    return list(seen.values())


def _recalls(r: Reading, drafts: list[Draft], names: dict[int, str],
             makers: dict[int, int]) -> list[Fact]:
    by_company: dict[int, list[Draft]] = defaultdict(list)
    for d in _recallers_settled([d for d in drafts if d.type == "recall"]):
        by_company[d.roles["company"][0]].append(d)
    if not by_company:
        return []
    extra_products: dict[int, list[int]] = defaultdict(list)
    for pid, _sent in recalled_products(r):
        owner = makers.get(pid)
        if owner is None and len(by_company) == 1:
            owner = next(iter(by_company))
        if owner in by_company:
            extra_products[owner].append(pid)
    hazard, cause = _doc_hazard_and_cause(r, by_company, names)
    facts = []
    news = not in_a_record(r.doc)  # (a record tells of one recall)
    for company, ds in list(by_company.items()) if news else ():
        for past in _earlier_recalls(ds):
            ds.remove(past)
            facts.append(_earlier_recall(past, names[company], names))
    for company, ds in by_company.items():
        ds.sort(key=lambda d: (-d.confidence, d.sent.start))
        products = [p for d in ds for p in d.roles["products"]] + extra_products[company]
        generic = list(dict.fromkeys(t for d in ds for t in d.texts.get("products", [])))
        # "62,000 WaveDock 3 wireless chargers": a recalled line named where the recall is
        # stated, though the model did not take it for a product's name
        named_lines = list(dict.fromkeys(t for d in ds for t in d.texts.get("lines", [])))
        if not products and not named_lines:
            # A story about a company's recall that never says "recalled" next to the model
            # still names it: the recaller's own products in the document.
            products = [p for p, maker in makers.items() if maker == company]
        product_names = list(dict.fromkeys(names[p] for p in products if p in names))
        if not products and not generic:
            # "Apple also carried out a recall": in a round-up, the same kind of product
            # as the document's other recalls.
            generic = list(dict.fromkeys(t for other in by_company.values() for d in other
                                         for t in d.texts.get("products", [])))[:1]
        units = next((d.extra["units"] for d in ds if d.extra.get("units")), None)
        first = min(ds, key=lambda d: d.sent.start)
        fact = _fact("recall", {
            "company": names[company], "products": product_names or generic,
            "units": units, "hazard": hazard, "cause": cause,
            "date": r.doc.user_data.get("published"),
            "units_shared": any(d.extra.get("joint") for d in ds) or None,
        }, first)
        fact.confidence = max(d.confidence for d in ds)
        facts.append(fact)
        for pid in dict.fromkeys(products):
            if pid not in makers and pid in names:
                facts.append(Fact("makes", {"company": names[company], "product": names[pid]},
                                  fact.evidence, fact.span, 0.7))
        if not product_names and not only_legal_form(names[company].split(), r.lex):
            for line in named_lines:  # (not for "LLC" cut off "Augusta RV, LLC")
                facts.append(Fact("makes", {"company": names[company], "product": line},
                                  fact.evidence, fact.span, 0.7))
    return facts


# words that put a recall before the story's own: "In 2023 X recalled ...", "its first recall
# since 2019, when it recalled ...", "an earlier recall of ..."
EARLIER_WORDS = {"earlier", "previous", "previously", "prior", "ago", "since", "before", "past"}


def _earlier_recalls(ds: list[Draft]) -> list[Draft]:
    """The drafts of one company's recalls that tell of another, earlier recall: a sentence
    that dates itself before the story ("In 2023", "since 2019", "earlier") and has its own
    count of units, not the story's. Each is a recall of its own, not more products of the
    story's (whose draft is the surest, then the first)."""
    counted = [d for d in ds if d.extra.get("units")]
    if len(counted) < 2:
        return []
    story = max(counted, key=lambda d: (d.confidence, -d.sent.start))
    return [d for d in counted if d is not story and d.extra["units"] != story.extra["units"]
            and d.sent.start != story.sent.start and any(_earlier(t) for t in d.sent)]


def _earlier(tok: Token) -> bool:
    """ "In 2023", "since 2019", "in June", "earlier", "two years ago" (not a model year:
    "2019 Honda Insight vehicles"): with a count of its own, a recall the story looks back on."""
    return tok.lower_ in EARLIER_WORDS or (
        (YEAR.match(tok.text) is not None or tok.lower_ in MONTHS) and tok.dep_ == "pobj"
        and tok.head.lower_ in ("in", "since", "during"))


def _earlier_recall(d: Draft, company: str, names: dict[int, str]) -> Fact:
    """The earlier recall as its sentence states it: its products and units only (the
    story's hazard, cause and date are the story's)."""
    products = list(dict.fromkeys(names[p] for p in d.roles["products"] if p in names))
    fact = _fact("recall", {
        "company": company, "products": products or list(dict.fromkeys(d.texts.get("products", []))),
        "units": d.extra["units"], "hazard": None, "cause": None, "date": None,
        "units_shared": d.extra.get("joint") or None,
    }, d)
    fact.confidence = d.confidence
    return fact


def _recallers_settled(drafts: list[Draft]) -> list[Draft]:
    """Who recalls, by how each draft knows it. A sentence that says who recalls beats a
    notice's field ("Supplier: X"), which is kept only where no sentence says it; a recaller
    read off a product's name ("This recall involves Kettlemore kettles") is the brand, so
    where the document names one recaller otherwise, the draft is that recaller's."""
    stated = [d for d in drafts if not d.extra.get("guessed") and not d.extra.get("field")]
    fields = [d for d in drafts if d.extra.get("field")]
    # (a page of several notices keeps each notice's recaller; a field that names the
    # recaller a sentence names gives the notice's products to a recall whose sentences
    # name none: "The distributor, X, is recalling the product")
    bare = {d.roles["company"][0] for d in stated} - {
        d.roles["company"][0] for d in stated if d.roles["products"] or d.texts.get("products")}
    kept = stated + [d for d in fields if d.extra.get("item") or d.roles["company"][0] in bare] \
        if stated else fields
    guessed = [d for d in drafts if d.extra.get("guessed")]
    recallers = {d.roles["company"][0] for d in kept}
    if len(recallers) == 1:
        guessed = [dataclasses.replace(d, roles={**d.roles, "company": [*recallers]})
                   for d in guessed]
    return kept + guessed


def _doc_hazard_and_cause(r: Reading, by_company: dict[int, list[Draft]],
                          names: dict[int, str]) -> tuple[str | None, str | None]:
    sents = list(r.doc.sents)
    recall_starts = {d.sent.start for ds in by_company.values() for d in ds}
    recall_idx = {i for i, s in enumerate(sents) if s.start in recall_starts}
    hazard = None
    for i in sorted(recall_idx):
        for j in (i, i + 1, i - 1, i + 2):
            if 0 <= j < len(sents):
                hazard = hazard_in(r, sents[j])
                if hazard:
                    break
        if hazard:
            break
    cause_text, cause_company = None, None
    for s in sents:
        text, company = cause_in(r, s)
        cause_text = cause_text or text
        if company is not None and company not in by_company:
            cause_company = cause_company if cause_company is not None else company
    cause = names.get(cause_company) if cause_company is not None else cause_text
    return hazard, cause

