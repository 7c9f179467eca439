"""Cutting a document's text into highlighted segments."""

from __future__ import annotations

from supplywatch.serve.web.highlight import Mark, fact_anchors, segments

TEXT = "Volta supplies cells to Nimbus. Nimbus recalls the NA-220."


def test_segments_cover_the_text_and_carry_mentions_and_evidence() -> None:
    marks = [Mark(0, 5, entity_id=1, entity_type="company"),
             Mark(24, 30, entity_id=2, entity_type="company"),
             Mark(32, 38, entity_id=2, entity_type="company"),
             Mark(0, 31, fact_id="f1"), Mark(32, 58, fact_id="f2")]
    segs = segments(TEXT, marks)
    assert "".join(s.text for s in segs) == TEXT
    assert [(s.text, s.entity_id, s.facts) for s in segs] == [
        ("Volta", 1, ("f1",)), (" supplies cells to ", None, ("f1",)), ("Nimbus", 2, ("f1",)),
        (".", None, ("f1",)), (" ", None, ()), ("Nimbus", 2, ("f2",)),
        (" recalls the NA-220.", None, ("f2",)),
    ]
    assert fact_anchors(segs) == {"f1": "ev-0", "f2": "ev-32"}


def test_overlapping_evidence_and_bad_spans() -> None:
    marks = [Mark(0, 31, fact_id="a"), Mark(0, 31, fact_id="b"), Mark(15, 40, fact_id="c"),
             Mark(50, 500, fact_id="beyond"), Mark(10, 5, entity_id=9)]
    segs = segments(TEXT, marks)
    assert "".join(s.text for s in segs) == TEXT
    assert [s.facts for s in segs] == [("a", "b"), ("a", "b", "c"), ("c",), ()]
    assert fact_anchors(segs) == {"a": "ev-0", "b": "ev-0", "c": "ev-15"}


def test_the_shortest_mention_wins_where_mentions_overlap() -> None:
    marks = [Mark(51, 57, entity_id=7, entity_type="product"),
             Mark(47, 57, entity_id=8, entity_type="product")]
    segs = segments(TEXT, marks)
    assert [(s.text, s.entity_id) for s in segs if s.entity_id] == [("the ", 8), ("NA-220", 7)]
