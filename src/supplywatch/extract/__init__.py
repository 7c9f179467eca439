"""extract: documents -> entities and facts, in the facts contract (shared/spec/facts.md).

    extractor = Extractor.load(settings)
    for extraction in extractor.extract_many(documents):
        print(extraction.contract())
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Protocol

from spacy.language import Language
from spacy.tokens import Doc

from supplywatch.errors import SupplywatchError
from supplywatch.extract.assemble import assemble
from supplywatch.extract.chunks import merged, pieces, quote_original, shifted
from supplywatch.extract.components import add_components
from supplywatch.extract.doc_context import DOCUMENT_KIND, DOCUMENT_SOURCE
from supplywatch.extract.headlines import readable_headline
from supplywatch.extract.learned import LearnedModels, add_learned_ner
from supplywatch.extract.spacy_model import load_base_pipeline
from supplywatch.model import Document, Entity, Extraction, Fact
from supplywatch.settings import Settings

EXTRACTOR_NAME = "supplywatch.rules"
# Bump when rules or patterns/lexicon.json change: stored facts of an older version
# are re-extracted on the next ingest.
EXTRACTOR_VERSION = "1.25.0"


class Extractor:
    def __init__(self, nlp: Language) -> None:
        self.nlp = nlp
        self.name = EXTRACTOR_NAME
        self.version = f"{EXTRACTOR_VERSION}+{nlp.meta.get('name')}-{nlp.meta.get('version')}"

    @classmethod
    def load(cls, settings: Settings | None = None, models: LearnedModels | None = None) -> Extractor:
        """The base spaCy pipeline with the learned entity recogniser and supplywatch's
        components; `models` defaults to the ones shipped in the package."""
        settings = settings or Settings()
        models = models or LearnedModels.packaged()
        nlp = load_base_pipeline(settings.spacy_model)
        nlp = add_components(nlp, models)
        if models.ner is not None:
            add_learned_ner(nlp, models.ner)
        return cls(nlp)

    def extract(self, document: Document) -> Extraction:
        return next(self.extract_many([document]))

    def extract_many(self, documents: Iterable[Document], batch_size: int = 16) -> Iterator[Extraction]:
        """Extractions in the order of `documents`, read in batches with `nlp.pipe`."""
        current: Document | None = None
        parts: list[tuple[list[Entity], list[Fact]]] = []
        for doc, (document, offset, last, recased) in self.nlp.pipe(
            self._tokenized(self._pieces(documents)), as_tuples=True, batch_size=batch_size
        ):
            if current is not document:
                current, parts = document, []
            doc.user_data["published"] = document.published
            entities, facts = shifted(*assemble(doc._.sw_reading, doc._.sw_drafts), offset)
            if recased:  # evidence quotes the document, not the headline as it was parsed
                quote_original(facts, document.text)
            parts.append((entities, facts))
            if last:
                entities, facts = parts[0] if len(parts) == 1 else merged(parts)
                yield Extraction(document=document, entities=entities, facts=facts,
                                 extractor=self.name, extractor_version=self.version)

    def _tokenized(self, pieces: Iterable[tuple[str, tuple[Document, int, bool, bool]]]
                   ) -> Iterator[tuple[Doc, tuple[Document, int, bool, bool]]]:
        """Each piece tokenized, with its document's kind for the components (the models
        learned from news leave recall records and BOMs to their own rules) and the outlet
        it comes from (a teardown's "we" is the outlet)."""
        for piece, context in pieces:
            doc = self.nlp.make_doc(piece)
            doc.user_data[DOCUMENT_KIND] = context[0].kind
            doc.user_data[DOCUMENT_SOURCE] = context[0].source
            yield doc, context

    @staticmethod
    def _pieces(documents: Iterable[Document]) -> Iterator[tuple[str, tuple[Document, int, bool, bool]]]:
        """A document's pieces (see `chunks.pieces`), with a headline in title case or
        capitals written in the case its story writes its words (`headlines`)."""
        for document in documents:
            # a recall record's title is written to a house style its own rules read
            headline = None if document.kind in ("recall", "bom") else readable_headline(document.text)
            text = document.text
            recased_at: list[tuple[int, int]] = []
            if headline:  # the same length: every offset holds
                end, line = headline
                text = line + text[end:]
                recased_at.append((0, end))
                # the page may print the headline again above the story: recase it there too
                original = "\n" + document.text[:end] + "\n"
                at = text.find(original, end)
                while at >= 0:
                    text = text[:at + 1] + line + text[at + 1 + end:]
                    recased_at.append((at + 1, at + 1 + end))
                    at = text.find(original, at + end)
            split = pieces(text)
            for n, (offset, piece) in enumerate(split, 1):
                recased = any(start < offset + len(piece) and offset < stop for start, stop in recased_at)
                yield piece, (document, offset, n == len(split), recased)


class DocumentExtractor(Protocol):
    """What ingest and `extract` need of an extractor (the local one, the LLM one)."""

    name: str
    version: str

    def extract(self, document: Document) -> Extraction: ...

    def extract_many(self, documents: Iterable[Document], batch_size: int = 16) -> Iterator[Extraction]: ...


EXTRACTOR_KINDS = ("local", "llm")


def load_extractor(settings: Settings | None = None, kind: str = "local") -> DocumentExtractor:
    """The extractor of this kind: "local" (spaCy + rules, the default) or "llm" (an
    OpenAI-compatible endpoint from SUPPLYWATCH_LLM_URL / _MODEL / _API_KEY; raises
    LlmConfigError naming the variable to set when one is missing)."""
    settings = settings or Settings()
    if kind == "local":
        return Extractor.load(settings)
    if kind == "llm":
        from supplywatch.extract.llm import LlmExtractor  # httpx and pydantic only when asked

        return LlmExtractor.from_settings(settings)
    raise SupplywatchError(f"unknown extractor {kind!r}; choose one of {', '.join(EXTRACTOR_KINDS)}")


__all__ = ["EXTRACTOR_KINDS", "EXTRACTOR_NAME", "EXTRACTOR_VERSION", "DocumentExtractor", "Extractor",
           "LearnedModels", "load_extractor"]
