"""`LlmExtractor`: the `Extractor` interface over an OpenAI-compatible chat endpoint."""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Iterator
from types import TracebackType

import httpx

from supplywatch.extract.chunks import pieces
from supplywatch.extract.llm.client import ChatClient
from supplywatch.extract.llm.config import LlmConfig
from supplywatch.extract.llm.evidence import locate
from supplywatch.extract.llm.names import assemble
from supplywatch.extract.llm.prompt import Prompt, load_prompt
from supplywatch.extract.llm.report import EVIDENCE_NOT_FOUND, Drops
from supplywatch.extract.llm.schema import RawEntity, RawFact, parse_answer
from supplywatch.model import Document, Extraction
from supplywatch.settings import Settings

LLM_EXTRACTOR_NAME = "supplywatch.llm"
# Bump when validation or assembly here changes what facts come out; the prompt and
# the model have versions of their own, both part of `LlmExtractor.version`.
LLM_EXTRACTOR_VERSION = "1.0.0"
VERSION_CHARS = 50  # the store's extractor_version column


class LlmExtractor:
    """Reads documents with a language model; every fact's evidence is checked in the text.

    Same interface as `supplywatch.extract.Extractor`: `name`, `version`, `extract`,
    `extract_many`. `drops` counts, across the run, what was thrown away and why.
    """

    def __init__(self, config: LlmConfig, client: httpx.Client | None = None, *,
                 prompt: Prompt | None = None, chat: ChatClient | None = None) -> None:
        config.check()
        self.config = config
        self.prompt = prompt or load_prompt()
        self.chat = chat or ChatClient(config, client)
        self.name = LLM_EXTRACTOR_NAME
        self.version = extractor_version(self.prompt.version, config.model)
        self.drops = Drops()

    @classmethod
    def from_settings(cls, settings: Settings, client: httpx.Client | None = None) -> LlmExtractor:
        """Raises LlmConfigError, naming the variable to set, when a setting is missing."""
        return cls(LlmConfig.from_settings(settings), client)

    def extract(self, document: Document) -> Extraction:
        return self.read(document)[0]

    def extract_many(self, documents: Iterable[Document], batch_size: int = 1) -> Iterator[Extraction]:
        """Extractions in the order of `documents`, one request per piece of each.
        (`batch_size` is accepted for the local extractor's signature; unused.)"""
        for document in documents:
            yield self.extract(document)

    def read(self, document: Document) -> tuple[Extraction, Drops]:
        """One document's extraction, and what of the model's answers was dropped."""
        drops = Drops()
        entities: list[RawEntity] = []
        located: list[tuple[RawFact, tuple[int, int]]] = []
        split = [(o, t) for o, t in pieces(document.text, self.config.max_chars) if t.strip()]
        for n, (offset, text) in enumerate(split, 1):
            messages = self.prompt.messages(document, text, n, len(split))
            answer = parse_answer(self.chat.complete(messages, document.path), document.path)
            drops.update(answer.drops)
            entities += answer.entities
            for fact in answer.facts:
                # Only the piece the model saw can hold its evidence.
                span = locate(fact.evidence, text)
                if span is None:
                    drops.add(EVIDENCE_NOT_FOUND, f"{fact.type} fact: {fact.evidence[:100]!r}")
                    continue
                located.append((fact, (span[0] + offset, span[1] + offset)))
        contract_entities, facts = assemble(document.text, entities, located, drops)
        self.drops.update(drops)
        extraction = Extraction(document=document, entities=contract_entities, facts=facts,
                                extractor=self.name, extractor_version=self.version)
        return extraction, drops

    def close(self) -> None:
        self.chat.close()

    def __enter__(self) -> LlmExtractor:
        return self

    def __exit__(self, kind: type[BaseException] | None, value: BaseException | None,
                 tb: TracebackType | None) -> None:
        self.close()


def extractor_version(prompt_version: str, model: str) -> str:
    """"1.0.0+facts-v1+<model>", the model shortened (with a hash, so two long names
    stay apart) where the whole would not fit the store's column."""
    base = f"{LLM_EXTRACTOR_VERSION}+{prompt_version}+"
    if len(base) + len(model) <= VERSION_CHARS:
        return base + model
    digest = hashlib.sha256(model.encode()).hexdigest()[:8]
    return f"{base}{model[:VERSION_CHARS - len(base) - 9]}~{digest}"
