"""The source registry: which source reads an input.

A source is anything with a `name`, `sniff(raw) -> bool` and
`parse(raw) -> list[Document]`. Built-in sources are registered exactly the way
a third-party one would be:

    registry = default_registry()
    registry.register_source(RecallJsonSource(), before="text")

Order matters and is explicit: `load` asks sources in registration order and the
first whose `sniff` says yes parses the input. `text` accepts any text, so it
stays last; register specific formats `before="text"` (or before "html").

A source may also offer `parse_input(raw) -> Parsed`: the documents plus the parts of
the input it had to leave out (a bad CSV row, a feed item without a link), so one bad
row costs only itself. Folder walks take files whose ending a source claims in
`suffixes`; endings in `sniffed_suffixes` (".json", ".csv", ...) are taken only when
that source recognises the file's first bytes, so a folder's label files stay out.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import Protocol, runtime_checkable

from supplywatch.errors import SupplywatchError
from supplywatch.ingest.raw import RawInput
from supplywatch.ingest.sources import HtmlSource, TextSource
from supplywatch.model import Document


@runtime_checkable
class Source(Protocol):
    """Reads one kind of input into documents."""

    name: str

    def sniff(self, raw: RawInput) -> bool:
        """True when this source can read `raw`; cheap (look at raw.head, content_type)."""
        ...

    def parse(self, raw: RawInput) -> list[Document]:
        """The documents in `raw`, main one first; raise a SkipInput subclass when unusable."""
        ...


@dataclass
class Parsed:
    """What a source read from one input: its documents, and the parts it left out."""

    documents: list[Document]
    problems: list[str] = field(default_factory=list)  # "row 12: ...", in input order
    total: int = 0  # rows or items in the input, for "3 of 120 rows"
    unit: str = "rows"

    def summary(self, examples: int = 3) -> str | None:
        """One line for the user, or None when nothing was left out."""
        if not self.problems:
            return None
        shown = "; ".join(self.problems[:examples])
        more = f"; and {len(self.problems) - examples} more" if len(self.problems) > examples else ""
        of = f" of {self.total:,}" if self.total else ""
        return (f"{len(self.problems):,}{of} {self.unit} could not be read and were skipped "
                f"({shown}{more}); the rest were imported — fix those {self.unit} and import "
                "the file again")


class UnknownFormat(SupplywatchError):
    """A format name no registered source has: a usage error, so it aborts the run."""


class SourceRegistry:
    """Sources in the order they are asked to sniff an input."""

    def __init__(self, sources: Iterable[Source] = ()) -> None:
        self._sources: list[Source] = []
        for source in sources:
            self.register_source(source)

    def register_source(self, source: Source, *, before: str | None = None) -> None:
        """Add `source` last, or just ahead of the source named `before`."""
        if not isinstance(source, Source):
            raise TypeError(f"{source!r} is not a source: it needs name, sniff() and parse()")
        if source.name in self.names():
            raise ValueError(f"a source named {source.name!r} is already registered")
        if before is None:
            self._sources.append(source)
        else:
            self._sources.insert(self.names().index(self.get(before).name), source)

    def suffixes(self) -> frozenset[str]:
        """File endings the sources claim: what a folder walk picks up."""
        return frozenset(x.lower() for s in self._sources for x in getattr(s, "suffixes", ()))

    def sniffed_suffixes(self) -> frozenset[str]:
        """File endings a folder walk takes only when a source recognises the content."""
        return frozenset(
            x.lower() for s in self._sources for x in getattr(s, "sniffed_suffixes", ())
        ) - self.suffixes()

    def recognises(self, raw: RawInput) -> bool:
        """Whether a source claiming this file's ending by content sniffs it as its own."""
        suffix = "." + raw.path.rsplit(".", 1)[-1].lower() if "." in raw.path else ""
        return any(
            suffix in (x.lower() for x in getattr(s, "sniffed_suffixes", ())) and s.sniff(raw)
            for s in self._sources
        )

    def names(self) -> list[str]:
        return [source.name for source in self._sources]

    def get(self, name: str) -> Source:
        for source in self._sources:
            if source.name == name:
                return source
        raise UnknownFormat(f"unknown format {name!r}; choose one of: {', '.join(self.names())}")

    def pick(self, raw: RawInput) -> Source | None:
        """The first source that recognises `raw`, or None."""
        return next((source for source in self._sources if source.sniff(raw)), None)

    def __iter__(self) -> Iterator[Source]:
        return iter(tuple(self._sources))

    def __len__(self) -> int:
        return len(self._sources)


def default_registry(mapping: dict[str, str] | None = None) -> SourceRegistry:
    """A fresh registry holding the built-in sources: the official recall formats and the
    BOM and mapped CSVs first (each recognises its own shape), then html, then the text
    fallback. `mapping` (record field -> CSV column) configures the generic CSV source.

    Fresh on every call, so registering a source never changes anyone else's registry.
    """
    from supplywatch.ingest.sources.records import record_sources

    return SourceRegistry([*record_sources(mapping), HtmlSource(), TextSource()])
