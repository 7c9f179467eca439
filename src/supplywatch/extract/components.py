"""supplywatch's named spaCy pipeline components (Doc -> Doc).

- `sw_line_breaks` (before the parser): a line break ends a sentence, so a headline
  never runs into the first paragraph.
- `sw_ner` + `sw_ner_spans` (before ner, when the learned models are loaded): the
  fine-tuned recogniser; its entities are kept in doc.spans["sw_ner"].
- `sw_entities` (after ner): entities of the document, typed once per name.
- `sw_relations` (after sw_entities): fact drafts from the rules, and company ->
  product pairs from the learned classifier.
"""

from __future__ import annotations

from itertools import pairwise
from pathlib import Path

import numpy
from spacy.attrs import ORTH, SENT_START
from spacy.language import Language
from spacy.tokens import Doc, Token
from spacy.util import filter_spans

from supplywatch.extract.clusters import add_unclaimed_mentions, build
from supplywatch.extract.denials import without_denied_claims
from supplywatch.extract.doc_context import in_a_record
from supplywatch.extract.drafts import Draft
from supplywatch.extract.learned import LEARNED_NER, LearnedModels, load_product_kinds
from supplywatch.extract.legal_names import closes_a_name
from supplywatch.extract.lexicon import Lexicon, load_lexicon
from supplywatch.extract.makes_check import checked_makes, load_makes_model
from supplywatch.extract.mentions import ends_a_dateline, find_candidates
from supplywatch.extract.pairs import learned_makes, load_pair_model, without_suppliers_products
from supplywatch.extract.reading import Reading
from supplywatch.extract.rules_contract import contract_drafts
from supplywatch.extract.rules_corporate import brand_drafts, corporate_drafts
from supplywatch.extract.rules_customer import customer_drafts
from supplywatch.extract.rules_deals import DEAL, deal_drafts, direct_deals
from supplywatch.extract.rules_labelled_parts import field_drafts, labelled_part_drafts
from supplywatch.extract.rules_lists import list_drafts
from supplywatch.extract.rules_misread import misread_supply_drafts
from supplywatch.extract.rules_notice_fields import notice_recall_drafts
from supplywatch.extract.rules_offerings import EMIT_GENERIC_MAKES, offering_drafts
from supplywatch.extract.rules_orders import order_drafts
from supplywatch.extract.rules_possessed import possessed_product_drafts
from supplywatch.extract.rules_recall import recall_drafts
from supplywatch.extract.rules_stakes import stake_drafts
from supplywatch.extract.rules_supply import supply_drafts
from supplywatch.extract.rules_teardown import teardown_drafts, teardown_labs
from supplywatch.extract.supply_pairs import learned_supplies, load_supply_model

for _name in ("sw_reading", "sw_drafts"):
    if not Doc.has_extension(_name):
        Doc.set_extension(_name, default=None)


@Language.component("sw_line_breaks", assigns=["token.is_sent_start"])
def line_breaks(doc: Doc) -> Doc:
    lex = load_lexicon()
    # a recall record's title case line ("X Recalls Y Due to Z; Sold at W") is read by its
    # own rules with the sentences the parser finds in it
    within_lines = not in_a_record(doc)
    # Written in one go: each `token.is_sent_start = ...` checks the whole document for
    # a parse first, which made this component quadratic in the document's length.
    starts = doc.to_array(SENT_START).astype(numpy.int64)
    for prev, tok in pairwise(doc):
        line_break = "\n" in prev.whitespace_ or (prev.is_space and "\n" in prev.text)
        if line_break or _starts_after_a_legal_form(prev, tok, lex) or ends_a_dateline(prev):
            starts[tok.i] = SENT_STARTS
        elif tok.is_space and "\n" in tok.text:
            starts[tok.i] = NO_SENT_START
        elif tok.is_lower and tok.is_alpha and _abbreviation(prev):
            # "... picked Seohan Energy Co., Ltd. as its supplier": the full stop is the
            # abbreviation's; no sentence starts in lower case
            starts[tok.i] = NO_SENT_START
        elif within_lines and prev.text[-1:].isalnum() and not tok.is_space:
            # within a line, a sentence ends at a stop, a colon, a dash or a bar, never
            # right after a word: after a byline the parser cut "Dunmore | Rolling Stock
            # has started ..." in two and lost the company's name
            starts[tok.i] = NO_SENT_START
    doc.from_array([SENT_START], starts.astype(numpy.uint64))
    return doc


SENT_STARTS, NO_SENT_START = 1, -1  # the values of spaCy's SENT_START attribute


# Words that start a sentence after a name, whatever the tagger makes of what follows
SENTENCE_OPENERS = {"the", "it", "its", "a", "an", "this", "that", "these", "those", "he", "she",
                    "they", "we", "but", "and", "in", "on", "at", "after", "last", "earlier"}
FINITE_VERB_TAGS = {"VBD", "VBZ", "VBP", "MD"}


def _starts_after_a_legal_form(prev: Token, tok: Token, lex: Lexicon) -> bool:
    """Does a sentence start after a legal form that kept its full stop? In "... a
    subsidiary of Halvik Industries Inc. Brennard has determined ..." the tokenizer leaves
    "Inc." whole, and the parser reads one sentence with one name in it. Not before more
    of a name ("Koda Co. Ltd."), an officer ("Apple Inc. CEO Tim Cook") or anything but
    a capitalised word that opens a clause ("The", "It") or is followed by its verb."""
    if not (prev.text.endswith(".") and closes_a_name(prev.text.rstrip("."), lex)) \
            or not tok.text[:1].isupper() or lex.is_company_word(tok.text) \
            or tok.lower_ in lex["title_words"]:
        return False
    if tok.lower_ in SENTENCE_OPENERS:
        return True
    after = tok.doc[tok.i + 1:tok.i + 4]
    for t in after:
        if t.tag_ in FINITE_VERB_TAGS:
            return True
        if t.is_punct:
            break
    return False


def _abbreviation(tok) -> bool:
    """ "Ltd.", "Inc.", "S.A.", "U.S.": a short capitalised word written with its full stop."""
    return len(tok.text) <= 6 and tok.text.endswith(".") and tok.text[:1].isupper()


@Language.component("sw_ner_spans", assigns=["doc.spans"])
def ner_spans(doc: Doc) -> Doc:
    """Keep the learned recogniser's entities in doc.spans["sw_ner"] and leave doc.ents
    unset, for the base `ner` that runs next."""
    doc.spans[LEARNED_NER] = list(doc.ents)
    doc.set_ents([], default="missing")
    return doc


@Language.factory("sw_entities", default_config={"product_kinds": ""},
                  requires=["doc.ents", "token.dep"], assigns=["doc._.sw_reading"])
def make_entities(nlp: Language, name: str, product_kinds: str):
    """Entities of the document, typed once per name; with `product_kinds` (a list learned
    by the training script), the kinds of product named in it are found as well."""
    kinds = load_product_kinds(nlp, Path(product_kinds)) if product_kinds else None

    def entities(doc: Doc) -> Doc:
        lex = load_lexicon()
        found = find_candidates(doc, lex)
        learned = found.learned if LEARNED_NER in doc.spans else None
        reading = Reading(doc, build(doc, found.names, found.models, lex, learned), lex)
        spans = found.kinds
        if kinds is not None:
            spans = spans + [(s, e) for _, s, e in kinds(doc)
                             if not any(i in reading.ents.token_cluster for i in range(s, e))]
            spans = [(s.start, s.end) for s in filter_spans([doc[s:e] for s, e in spans])]
        if learned is not None:
            reading.ents.kind_tokens = {i for s, e in spans for i in range(s, e)}
        for start, end in spans:
            reading.kind_entity(start, end)
        if learned is not None:
            add_unclaimed_mentions(doc, reading.ents)
        doc._.sw_reading = reading
        return doc

    return entities


@Language.factory("sw_relations", default_config={"pair_model": "", "supply_model": "", "makes_model": ""},
                  requires=["doc._.sw_reading"], assigns=["doc._.sw_drafts"])
def make_relations(nlp: Language, name: str, pair_model: str, supply_model: str, makes_model: str):
    """Fact drafts from the rules; with `pair_model` (a file written by the training
    script), generic company -> product pairs decided by the learned classifier; with
    `makes_model`, the named products' makers the check accepts; with `supply_model`, the
    supplier -> customer pairs the rules missed that its classifier accepts."""
    model = load_pair_model(Path(pair_model)) if pair_model else None
    supplies = load_supply_model(Path(supply_model)) if supply_model else None
    makes = load_makes_model(Path(makes_model)) if makes_model else None

    def relations(doc: Doc) -> Doc:
        reading: Reading = doc._.sw_reading
        drafts = list(brand_drafts(reading))
        drafts += list_drafts(reading)
        drafts += labelled_part_drafts(reading)
        drafts += field_drafts(reading)
        drafts += notice_recall_drafts(reading)
        offers: list[Draft] = []
        for sent in doc.sents:
            if not reading.may_state_facts(sent):
                continue
            drafts += supply_drafts(reading, sent)
            drafts += contract_drafts(reading, sent)
            drafts += misread_supply_drafts(reading, sent)
            drafts += customer_drafts(reading, sent)
            drafts += order_drafts(reading, sent)
            drafts += deal_drafts(reading, sent)
            drafts += corporate_drafts(reading, sent)
            drafts += stake_drafts(reading, sent)
            drafts += teardown_drafts(reading, sent)
            drafts += possessed_product_drafts(reading, sent)
            drafts += recall_drafts(reading, sent)
            offers += offering_drafts(reading, sent)
        # an agreement that names no seller becomes supply only where the document says who sells
        drafts = [d for d in drafts if d.type != DEAL] + direct_deals(reading, drafts)
        if model is not None:
            drafts += without_suppliers_products(reading, learned_makes(reading, model, offers), drafts)
        elif EMIT_GENERIC_MAKES:
            drafts += offers
        news = not in_a_record(doc)
        if not news:
            # a record's "Manufacturers:" field lists the brand beside its supplier; the
            # records layer reads its fields itself
            drafts = [d for d in drafts if not d.extra.get("maker_field")]
        if makes is not None and news:
            drafts = checked_makes(reading, makes, drafts)
        if supplies is not None and news:
            # (it reads what the rules drafted, and what a denial elsewhere in the story
            # takes back goes for its pairs too: the filters below follow it)
            drafts += learned_supplies(reading, supplies, drafts)
        drafts = without_denied_claims(reading, doc, drafts)
        # the lab that took a product apart makes none of what it found, and buys none of it
        labs = teardown_labs(reading)
        drafts = [d for d in drafts if not (
            d.type == "makes" and d.roles["company"][0] in labs
            and reading.ents.clusters[d.roles["product"][0]].name[:1].isupper())
            and not (d.type == "supplies" and set(d.roles.get("customer", ())) & labs)]
        # a regulator that announces a product's recall does not make it
        doc._.sw_drafts = [d for d in drafts if d.type != "makes"
                           or not reading.is_regulator(d.roles["company"][0])]
        return doc

    return relations


# Legal forms written with full stops that the English tokenizer cuts after the last letter
# ("Kft" + "."), so that the full stop ends the sentence and the name loses its appositive.
LEGAL_FORM_TOKENS = ("Kft.", "Bhd.", "Sdn.", "sp.", "Sp.", "o.o.", "Zrt.", "Nyrt.", "Tbk.", "a.s.",
                     "s.r.o.", "d.o.o.", "Ltda.", "Pvt.", "S.A.S.", "S.L.", "Pte.", "Pty.", "C.V.",
                     "S.p.A.", "S.r.l.",
                     "A/S")  # (a Danish or Norwegian company's, which the tokenizer cuts at the slash)


def add_components(nlp: Language, models: LearnedModels | None = None) -> Language:
    for form in LEGAL_FORM_TOKENS:
        nlp.tokenizer.add_special_case(form, [{ORTH: form}])
    # "A/S" ends a sentence with its own full stop, which the tokenizer keeps as "S."
    nlp.tokenizer.add_special_case("A/S.", [{ORTH: "A/S"}, {ORTH: "."}])
    nlp.add_pipe("sw_line_breaks", before="parser")
    kinds = models.product_kinds if models is not None else None
    nlp.add_pipe("sw_entities", after="ner",
                 config={"product_kinds": str(kinds) if kinds is not None else ""})
    relations = models.relations if models is not None else None
    supply_pairs = models.supply_pairs if models is not None else None
    makes_check = models.makes_check if models is not None else None
    nlp.add_pipe("sw_relations", after="sw_entities",
                 config={"pair_model": str(relations) if relations is not None else "",
                         "supply_model": str(supply_pairs) if supply_pairs is not None else "",
                         "makes_model": str(makes_check) if makes_check is not None else ""})
    return nlp
