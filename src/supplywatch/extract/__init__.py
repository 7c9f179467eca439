"""extract: documents -> entities and facts, in the facts contract (shared/spec/facts.md).

    extractor = Extractor.load(settings)
    for extraction in extractor.extract_many(documents):
        print(extraction.contract())
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from spacy.language import Language

from supplywatch.extract.assemble import assemble
from supplywatch.extract.components import add_components
from supplywatch.extract.spacy_model import load_base_pipeline
from supplywatch.model import Document, Extraction
from supplywatch.settings import Settings

EXTRACTOR_NAME = "supplywatch.rules"
# Bump when rules or patterns/lexicon.json change: stored facts of an older version
# are re-extracted on the next ingest.
EXTRACTOR_VERSION = "1.0.0"


class Extractor:
    def __init__(self, nlp: Language) -> None:
        self.nlp = nlp
        self.name = EXTRACTOR_NAME
        self.version = f"{EXTRACTOR_VERSION}+{nlp.meta.get('name')}-{nlp.meta.get('version')}"

    @classmethod
    def load(cls, settings: Settings | None = None) -> Extractor:
        settings = settings or Settings()
        return cls(add_components(load_base_pipeline(settings.spacy_model)))

    def extract(self, document: Document) -> Extraction:
        return next(self.extract_many([document]))

    def extract_many(self, documents: Iterable[Document], batch_size: int = 16) -> Iterator[Extraction]:
        def with_context() -> Iterator[tuple[str, Document]]:
            for d in documents:
                yield d.text, d

        for doc, document in self.nlp.pipe(with_context(), as_tuples=True, batch_size=batch_size):
            doc.user_data["published"] = document.published
            entities, facts = assemble(doc._.sw_reading, doc._.sw_drafts)
            yield Extraction(document=document, entities=entities, facts=facts,
                             extractor=self.name, extractor_version=self.version)


__all__ = ["EXTRACTOR_NAME", "EXTRACTOR_VERSION", "Extractor"]
