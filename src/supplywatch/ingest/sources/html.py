"""The `html` source: web pages, main text and metadata via trafilatura."""

from __future__ import annotations

import re

from supplywatch.errors import MalformedInput
from supplywatch.ingest.decode import binary_kind, charset_from_html, decode_text
from supplywatch.ingest.page import parse_page
from supplywatch.ingest.raw import RawInput
from supplywatch.ingest.sources.text import NOTHING_LEFT, PageSource, page_documents
from supplywatch.model import Document

# A document that opens like HTML (after an XML declaration or comments), or has its tags.
_HTML_START = re.compile(
    rb"^\s*(<\?xml[^>]*>\s*)?(<!--.*?-->\s*)*<(!doctype\s+html|html)\b", re.I | re.S
)
_HTML_TAG = re.compile(rb"<(html|head|body)[\s>]", re.I)
_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
NO_TEXT = (
    "no article text could be extracted from this HTML (it may be a script-only page, "
    "an index or an error page); if a browser shows the article, save its text as a "
    ".txt file and pass that instead"
)


class HtmlSource(PageSource):
    name = "html"
    suffixes = (".html", ".htm", ".xhtml")

    def sniff(self, raw: RawInput) -> bool:
        if "html" in (raw.content_type or "").lower():
            return True
        if raw.url is None and raw.path.lower().endswith((".html", ".htm", ".xhtml")):
            return True
        if binary_kind(raw.data) is not None:
            return False
        head = raw.head.removeprefix(b"\xef\xbb\xbf")
        return bool(_HTML_START.match(head) or _HTML_TAG.search(head))

    def parse(self, raw: RawInput) -> list[Document]:
        # Imported here: trafilatura (and lxml) take a while to load, and only HTML needs them.
        import trafilatura

        html = decode_text(raw, declared=charset_from_html(raw.data))
        extracted = trafilatura.bare_extraction(
            html,
            url=raw.url,
            with_metadata=True,
            include_comments=False,  # reader comments are not the story
            include_tables=True,
            include_images=False,
            include_links=False,
        )
        text = getattr(extracted, "text", None) or ""
        if not text.strip():
            raise MalformedInput(raw.path, NO_TEXT)
        title = (getattr(extracted, "title", None) or "").strip()
        # The story text starts with its title, as for text pages; trafilatura
        # usually keeps the <h1>, so only add the title when it is missing.
        if title and not text.lstrip().startswith(title):
            text = f"{title}\n{text}"
        page = parse_page(text, self.furniture)
        if page is None:
            raise MalformedInput(raw.path, NOTHING_LEFT)
        date = getattr(extracted, "date", None)
        return page_documents(
            raw,
            page,
            source=getattr(extracted, "sitename", None) or None,
            published=date if isinstance(date, str) and _DATE.match(date) else None,
            url=getattr(extracted, "url", None) or None,
        )
