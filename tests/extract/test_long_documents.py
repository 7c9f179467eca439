"""Documents longer than one spaCy pass are read in pieces with true offsets."""

from __future__ import annotations

from supplywatch.extract.chunks import PIECE_CHARS, pieces
from supplywatch.model import Document


def test_pieces_cover_the_text_and_cut_at_line_ends():
    text = "".join(f"Line {i} of a long report about suppliers.\n" for i in range(5000))
    parts = pieces(text, limit=10_000)
    assert "".join(p for _, p in parts) == text
    assert all(len(p) <= 10_000 for _, p in parts)
    assert all(p.endswith("\n") for _, p in parts[:-1])
    assert all(text[o:o + len(p)] == p for o, p in parts)


def test_a_line_longer_than_a_piece_is_cut_at_a_sentence_end():
    text = "Kovax makes heaters. " * 2000
    parts = pieces(text, limit=5_000)
    assert "".join(p for _, p in parts) == text
    assert all(p.endswith(". ") for _, p in parts[:-1])


def test_long_document_facts_keep_true_offsets(extractor):
    filler = "Analysts expect demand for space heaters to rise this winter.\n"
    tail = "Volta Cells will supply 2 million cells to Kovax Appliances next year.\n"
    text = "Heater makers prepare for winter\n" + filler * (2 * PIECE_CHARS // len(filler)) + tail
    document = Document.from_text(text, "long.txt")
    extraction = extractor.extract(document)
    (fact,) = [f for f in extraction.facts if f.type == "supplies"]
    assert (fact.args["supplier"], fact.args["customer"]) == ("Volta Cells", "Kovax Appliances")
    start, end = fact.span
    assert start > 2 * PIECE_CHARS - len(filler) * 2
    assert document.text[start:end] == fact.evidence
    for entity in extraction.entities:
        for a, b in entity.mentions:
            assert document.text[a:b].strip()


def test_a_headline_in_capitals_is_a_piece_of_its_own():
    text = "VELMORA POWER RECALLS PB-20 POWER BANKS\n\nVelmora Power is recalling power banks."
    assert pieces(text) == [(0, text[:41]), (41, text[41:])]
    # a title in ordinary case, or a text in capitals throughout, stays whole
    assert pieces("Velmora Power recalls PB-20\nThe recall covers ...") == [
        (0, "Velmora Power recalls PB-20\nThe recall covers ...")]
    assert pieces("RECALL NOTICE\nPB-20 POWER BANKS") == [(0, "RECALL NOTICE\nPB-20 POWER BANKS")]
