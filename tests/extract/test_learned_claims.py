"""A company only the learned recogniser finds, on words the base model left alone, is
read by the rules: it claims its words and its other mentions. The base model's own
entities stay as they were, and names made of product words are not claimed."""

from __future__ import annotations

from collections import Counter

import pytest
from spacy.language import Language

from supplywatch.extract.clusters import build
from supplywatch.extract.lexicon import load_lexicon
from supplywatch.extract.mentions import Candidate, find_candidates
from supplywatch.extract.spacy_model import load_base_pipeline

TEXT = ("Smart Glide Scooters Recalled by Thrift Town\n"
        "Consumers should stop using the scooters and contact Thrift Town for a credit.")


@pytest.fixture(scope="module")
def base() -> Language:
    return load_base_pipeline()


def _company(doc, words: str) -> Candidate:
    tokens = words.split()
    for i in range(len(doc)):
        if [t.text for t in doc[i:i + len(tokens)]] == tokens:
            return Candidate(i, i + len(tokens), Counter({"company": 1}))
    raise AssertionError(f"{words!r} not in the text")


def test_a_learned_only_company_claims_its_words_and_other_mentions(base):
    doc = base(TEXT)
    lex = load_lexicon()
    found = find_candidates(doc, lex)
    # as in notices where the small model tags nothing: its names here are left out
    names = [c for c in found.names if "Thrift" not in doc[c.start:c.end].text]
    ents = build(doc, names, found.models, lex, [_company(doc, "Thrift Town")])
    claimed = {ents.token_cluster.get(i) for i in range(len(doc)) if doc[i].text == "Thrift"}
    assert len(claimed) == 1 and None not in claimed, "both mentions belong to one company"
    cluster = ents.clusters[claimed.pop()]
    assert cluster.type == "company" and cluster.claims


def test_a_name_made_of_product_words_is_not_claimed(base):
    doc = base(TEXT)
    lex = load_lexicon()
    found = find_candidates(doc, lex)
    ents = build(doc, found.names, found.models, lex, [_company(doc, "Smart Glide Scooters")])
    scooters = next(t.i for t in doc if t.text == "Scooters")
    owner = ents.token_cluster.get(scooters)
    assert owner is None or ents.clusters[owner].type != "company"
