"""The model's answer is checked against the facts contract: a bad item costs itself,
an unusable answer is a clear per-document error, never a crash."""

from __future__ import annotations

import pytest

from supplywatch.errors import SkipInput
from supplywatch.extract.llm import LlmBadResponse
from supplywatch.extract.llm.evidence import locate
from supplywatch.extract.llm.schema import parse_answer
from supplywatch.model import Document


def test_broken_items_are_dropped_with_counted_reasons_and_the_rest_kept(
        llm_server, make_extractor, load_article):
    llm_server.load("lumora")

    extraction, drops = make_extractor(llm_server.url).read(load_article("lumora-recall.txt"))

    assert [(f.type, f.args.get("status")) for f in extraction.facts] == [
        ("makes", None), ("recall", None), ("supplies", "ended"), ("supplies", "active")]
    assert dict(drops.counts) == {
        "unknown fact type": 1,       # "acquires"
        "bad value": 2,               # units "about 48,000"; share 60 (not 0..1)
        "missing field": 1,           # supplies without status
        "not an object": 1,           # a bare string among the facts
        "fewer than two parties": 1,  # "Lumora Home" and its alias "Lumora"
        "bad entity": 1,              # type "country"
    }
    assert any("units" in d for d in drops.details)
    assert any("'acquires'" in d for d in drops.details)


def test_aliases_in_facts_become_canonical_names_and_unlisted_names_become_entities(
        llm_server, make_extractor, load_article):
    llm_server.load("lumora")
    doc = load_article("lumora-recall.txt")

    extraction = make_extractor(llm_server.url).extract(doc)

    makes = next(f for f in extraction.facts if f.type == "makes")
    assert makes.args == {"company": "Lumora Home", "product": "Lumora K-7"}  # said "Lumora", "K-7"
    ended = next(f for f in extraction.facts if f.args.get("status") == "ended")
    assert ended.args["customer"] == "Lumora Home"
    hinges = next(e for e in extraction.entities if e.name == "hinges")  # only a fact named it
    assert hinges.type == "component"
    assert [doc.text[a:b] for a, b in hinges.mentions] == ["hinges"]


@pytest.mark.parametrize(("text", "says"), [
    ("Quillon Bikes buys frames from Astor Tubes.", "not valid JSON"),
    ("Ferrow Pumps makes pumps.", "not an object"),
    ("Bramble Foods sells jam.", "'facts'"),
    ("Sallow Tea imports leaves.", "not an OpenAI chat completion"),
    ("Orrin Lamps makes lamps.", "cut off"),
])
def test_an_unusable_answer_skips_the_document_with_a_clear_message(
        llm_server, make_extractor, text, says):
    llm_server.load("broken")
    doc = Document.from_text(text, "story.txt")

    with pytest.raises(LlmBadResponse) as caught:
        make_extractor(llm_server.url).extract(doc)

    assert isinstance(caught.value, SkipInput)  # a batch goes on without this document
    assert caught.value.source == "story.txt"
    assert says in caught.value.message


def test_json_in_a_markdown_fence_is_still_read(llm_server, make_extractor):
    llm_server.load("broken")
    doc = Document.from_text("Kettering Glass supplies windscreens to Ostler Cars.", "k.txt")

    (fact,) = make_extractor(llm_server.url).extract(doc).facts

    assert (fact.args["supplier"], fact.args["customer"]) == ("Kettering Glass", "Ostler Cars")
    assert fact.span == (0, len(doc.text))


def test_schema_rules_for_values():
    answer = parse_answer("""{"facts": [
      {"type": "supplies", "supplier": "A", "customer": "B", "status": "active",
       "quantity": 2000000.0, "hazard": "", "evidence": "e", "notes": "extra"},
      {"type": "supplies", "supplier": "A", "customer": "B", "status": "soon", "evidence": "e"},
      {"type": "supplies", "supplier": "A", "customer": 7, "status": "active", "evidence": "e"},
      {"type": "recall", "company": "A", "products": [], "evidence": "e"},
      {"type": "recall", "company": "A", "products": ["P"], "date": "2025-02-30", "evidence": "e"},
      {"type": "recall", "company": "A", "products": ["P"], "units": true, "evidence": "e"},
      {"type": "makes", "company": "A", "product": "P", "evidence": "e", "confidence": 1.5},
      {"type": "makes", "company": "A", "product": "P", "evidence": ""},
      {"type": "owns", "parent": "A", "child": "B", "share": 0.25, "evidence": "e", "confidence": null}
    ]}""", "s")

    kept = [(f.type, f.args) for f in answer.facts]
    assert kept == [
        ("supplies", {"supplier": "A", "customer": "B", "component": None, "product": None,
                      "quantity": 2000000, "status": "active"}),
        ("owns", {"parent": "A", "child": "B", "share": 0.25}),
    ]
    assert [f.confidence for f in answer.facts] == [0.7, 0.7]  # none given, or null
    assert answer.drops.counts["bad value"] == 7
    assert answer.entities == []  # no "entities" key: facts' names become entities later


def test_locate_exact_then_whitespace_and_quotes_folded():
    text = "Title\nAcme said it will buy\n  parts from \u201cBolt\u201d Co \u2013 soon. Next."
    assert locate("Title", text) == (0, 5)
    start, end = locate('Acme said it will buy parts from "Bolt" Co - soon.', text)
    assert text[start:end] == "Acme said it will buy\n  parts from \u201cBolt\u201d Co \u2013 soon."
    assert locate("  Next.  ", text) == (len(text) - 5, len(text))
    assert locate("Acme said it will buy parts from Bolt Co.", text) is None  # words differ
    assert locate("   ", text) is None
