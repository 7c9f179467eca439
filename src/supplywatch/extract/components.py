"""supplywatch's named spaCy pipeline components (Doc -> Doc).

- `sw_line_breaks` (before the parser): a line break ends a sentence, so a headline
  never runs into the first paragraph.
- `sw_entities` (after ner): entities of the document, typed once per name.
- `sw_relations` (after sw_entities): fact drafts from the rules.
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from supplywatch.extract.clusters import build
from supplywatch.extract.lexicon import load_lexicon
from supplywatch.extract.mentions import find_candidates
from supplywatch.extract.reading import Reading
from supplywatch.extract.rules_corporate import brand_drafts, corporate_drafts
from supplywatch.extract.rules_offerings import offering_drafts
from supplywatch.extract.rules_recall import recall_drafts
from supplywatch.extract.rules_supply import supply_drafts

for _name in ("sw_reading", "sw_drafts"):
    if not Doc.has_extension(_name):
        Doc.set_extension(_name, default=None)


@Language.component("sw_line_breaks", assigns=["token.is_sent_start"])
def line_breaks(doc: Doc) -> Doc:
    for tok in doc[1:]:
        prev = doc[tok.i - 1]
        if "\n" in prev.whitespace_ or (prev.is_space and "\n" in prev.text):
            tok.is_sent_start = True
        elif tok.is_space and "\n" in tok.text:
            tok.is_sent_start = False
    return doc


@Language.component("sw_entities", requires=["doc.ents", "token.dep"], assigns=["doc._.sw_reading"])
def entities(doc: Doc) -> Doc:
    lex = load_lexicon()
    cands, models = find_candidates(doc, lex)
    doc._.sw_reading = Reading(doc, build(doc, cands, models, lex), lex)
    return doc


@Language.component("sw_relations", requires=["doc._.sw_reading"], assigns=["doc._.sw_drafts"])
def relations(doc: Doc) -> Doc:
    reading: Reading = doc._.sw_reading
    drafts = list(brand_drafts(reading))
    for sent in doc.sents:
        drafts += supply_drafts(reading, sent)
        drafts += corporate_drafts(reading, sent)
        drafts += recall_drafts(reading, sent)
        drafts += offering_drafts(reading, sent)
    doc._.sw_drafts = drafts
    return doc


def add_components(nlp: Language) -> Language:
    nlp.add_pipe("sw_line_breaks", before="parser")
    nlp.add_pipe("sw_entities", after="ner")
    nlp.add_pipe("sw_relations", after="sw_entities")
    return nlp
