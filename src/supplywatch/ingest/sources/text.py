"""The `text` source: plain-text captures of web pages (the seed's format), and any text."""

from __future__ import annotations

from supplywatch.errors import EmptyInput, MalformedInput
from supplywatch.ingest.decode import binary_kind, decode_text
from supplywatch.ingest.furniture import Furniture, default_furniture
from supplywatch.ingest.page import Page, parse_page
from supplywatch.ingest.raw import RawInput
from supplywatch.model import Document

NOTHING_LEFT = (
    "no text left after removing page furniture (every line matched a pattern in "
    "supplywatch/ingest/furniture.txt); check that the input is an article"
)


class PageSource:
    """A source of web pages: it cleans them with the furniture patterns (the built-in
    ones unless given)."""

    def __init__(self, furniture: Furniture | None = None) -> None:
        self._furniture = furniture

    @property
    def furniture(self) -> Furniture:
        return self._furniture or default_furniture()


class TextSource(PageSource):
    """Any text; registered last, as the fallback every other source is tried before."""

    name = "text"
    suffixes = (".txt", ".text")

    def sniff(self, raw: RawInput) -> bool:
        return binary_kind(raw.data) is None

    def parse(self, raw: RawInput) -> list[Document]:
        text = decode_text(raw)
        if not text.strip():
            raise EmptyInput(raw.path, "contains only whitespace; there is nothing to read")
        page = parse_page(text, self.furniture)
        if page is None:
            raise MalformedInput(raw.path, NOTHING_LEFT)
        return page_documents(raw, page)


def page_documents(
    raw: RawInput,
    page: Page,
    *,
    source: str | None = None,
    published: str | None = None,
    url: str | None = None,
) -> list[Document]:
    """The page's main story, then its teasers in page order (the loader numbers paths).

    Keyword arguments are metadata found outside the text (HTML meta tags); they
    win over what the text's own header block says.
    """
    main = Document.from_text(
        page.text,
        raw.path,
        title=page.title,
        source=source or page.header.source,
        published=published or page.published,
        url=url or page.header.url or raw.url,
        kind="article",
    )
    teasers = [
        Document.from_text(t.text, raw.path, title=t.title, source=t.source, kind="teaser")
        for t in page.teasers
    ]
    return [main, *teasers]
