"""What the components know of the document a piece of text comes from, kept in
`doc.user_data` by `Extractor._tokenized`: its kind and the outlet it comes from."""

from __future__ import annotations

from spacy.tokens import Doc

# doc.user_data key for the kind of document a piece comes from ("news", "recall", "bom" ...)
DOCUMENT_KIND = "sw_document_kind"
# doc.user_data key for the outlet a document comes from (Document.source), where known
DOCUMENT_SOURCE = "sw_document_source"
# Kinds read by their own rules alone: the models learned from news articles would judge
# a recall record's or a bill of materials' house style by news writing.
RECORD_KINDS = frozenset({"recall", "bom"})


def in_a_record(doc: Doc) -> bool:
    """Is the text a structured record's (a recall notice, a bill of materials), written
    to a house style rather than as news?"""
    return doc.user_data.get(DOCUMENT_KIND) in RECORD_KINDS
