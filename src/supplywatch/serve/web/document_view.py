"""The document page's context: the text with what it states highlighted, an extractive
summary, the facts as a table, related documents and comments."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime

from supplywatch.errors import NotFound
from supplywatch.query.recalls import group, source_of
from supplywatch.query.results import EntityRef, describe_fact
from supplywatch.serve.web.highlight import Mark, Segment, fact_anchors, segments
from supplywatch.store import FactRecord, Store, StoredDocument
from supplywatch.store.comments import Comment

RELATION_TYPES = ("supplies", "owns", "makes", "partnership")
# A sentence ends at . ! or ? before a space, or at the end of a line (a headline).
_SENTENCE = re.compile(r"\S.*?(?:[.!?](?=\s|$)|(?=\n)|$)", re.S)
MAX_FIRST_SENTENCE = 400


@dataclass(frozen=True, slots=True)
class Summary:
    """Extractive: the title, the first sentence, and one line per fact stated."""

    title: str | None
    first_sentence: str | None
    lines: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class FactRow:
    id: str
    type: str
    statement: str  # what it states, in canonical names
    status: str | None
    evidence: str
    confidence: float
    entities: tuple[EntityRef, ...]
    anchor: str | None  # where its evidence sits in the highlighted text


@dataclass(frozen=True, slots=True)
class RelatedDocument:
    id: str
    title: str | None
    source: str | None
    published: str | None
    kind: str
    why: tuple[str, ...]  # "same recall: CPSC 06231", "also states: X supplies Y", ...


@dataclass(frozen=True, slots=True)
class DocumentPage:
    id: str
    title: str | None
    source: str | None
    published: str | None
    url: str | None
    kind: str
    path: str
    ingested_at: datetime
    summary: Summary
    segments: tuple[Segment, ...]
    entities: tuple[EntityRef, ...]
    facts: tuple[FactRow, ...]
    same_story: tuple[RelatedDocument, ...]  # the same story or recall from other sources
    similar: tuple[RelatedDocument, ...]  # other stories naming the same entities
    comments: tuple[Comment, ...]
    comments_total: int


def first_sentence(text: str, title: str | None = None) -> str | None:
    """The text's first sentence, after the title when the text starts with it."""
    text = text.strip()
    if title and text.startswith(title.strip()):
        text = text[len(title.strip()):]
    match = _SENTENCE.search(text)
    sentence = " ".join((match.group(0) if match else text).split())
    if len(sentence) > MAX_FIRST_SENTENCE:
        sentence = sentence[:MAX_FIRST_SENTENCE].rsplit(" ", 1)[0] + " …"
    return sentence or None


def document_page(store: Store, doc_id: str) -> DocumentPage:
    doc = store.get_document(doc_id)
    if doc is None:
        raise NotFound(f"no document with id {doc_id!r}; find documents on the home page "
                       "or with the search box")
    facts = store.facts_of_document(doc_id)
    named = store.document_entities(doc_id)
    marks = [Mark(s, e, entity_id=d.entity.id, entity_type=d.entity.type)
             for d in named for s, e in d.mentions]
    marks += [Mark(f.span[0], f.span[1], fact_id=f.id) for f in facts]
    segs = segments(doc.text, marks)
    anchors = fact_anchors(segs)
    same = same_story(store, doc, facts)
    seen = {r.id for r in same}
    similar = tuple(
        RelatedDocument(s.document.id, s.document.title, s.document.source, s.document.published,
                        s.document.kind, ("names " + ", ".join(s.shared[:6])
                                          + (" …" if len(s.shared) > 6 else ""),))
        for s in store.documents_sharing_entities(doc_id, limit=10) if s.document.id not in seen
    )
    notes, total = store.list_comments("document", doc_id, limit=200)
    return DocumentPage(
        id=doc.id, title=doc.title, source=doc.source, published=doc.published, url=doc.url,
        kind=doc.kind, path=doc.path, ingested_at=doc.ingested_at,
        summary=Summary(doc.title, first_sentence(doc.text, doc.title),
                        tuple(dict.fromkeys(describe_fact(f) for f in facts))),
        segments=tuple(segs),
        entities=tuple(EntityRef.of(d.entity) for d in named),
        facts=tuple(_row(f, anchors.get(f.id)) for f in facts),
        same_story=same, similar=similar, comments=tuple(notes), comments_total=total,
    )


def _row(fact: FactRecord, anchor: str | None) -> FactRow:
    refs = {r.entity_id: EntityRef(r.entity_id, r.entity_name, r.entity_type) for r in fact.roles}
    return FactRow(fact.id, fact.type, describe_fact(fact), fact.args.get("status"), fact.evidence,
                   round(fact.confidence, 2), tuple(refs.values()), anchor)


def same_story(store: Store, doc: StoredDocument,
               facts: list[FactRecord]) -> tuple[RelatedDocument, ...]:
    """Other sources of this document's story: the same recall reported elsewhere (an
    agency's record and the news, grouped as `check` groups them), and documents stating
    the same relations."""
    why: dict[str, list[str]] = {}
    refs: dict[str, FactRecord] = {}

    def add(fact: FactRecord, reason: str) -> None:
        if fact.document.id != doc.id:
            refs.setdefault(fact.document.id, fact)
            reasons = why.setdefault(fact.document.id, [])
            if reason not in reasons:
                reasons.append(reason)

    recalls = [f for f in facts if f.type == "recall"]
    companies = {i for f in recalls for i in f.role_ids("company")}
    others = store.recalls_of_companies(companies, exclude=[f.id for f in recalls])
    own = {f.id for f in recalls}
    for members in group([*recalls, *others]):
        if own.isdisjoint(f.id for f in members):
            continue
        for fact in members:
            origin = source_of(fact)
            add(fact, f"same recall: {origin.source or 'news'} {origin.recall_id}"
                if origin.kind == "record" else "same recall, reported in the news")
    for fact in store.facts_restating(doc.id, RELATION_TYPES):
        add(fact, f"also states: {describe_fact(fact)}")
    return tuple(
        RelatedDocument(d, refs[d].document.title, refs[d].document.source,
                        refs[d].document.published, refs[d].document.kind, tuple(reasons))
        for d, reasons in why.items()
    )
