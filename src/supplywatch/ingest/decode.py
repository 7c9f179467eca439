"""Bytes -> text: tell binary from text, honour declared charsets, explain failures."""

from __future__ import annotations

import codecs
import re

from supplywatch.errors import BinaryInput, EncodingError
from supplywatch.ingest.raw import RawInput

SNIFF_BYTES = 8192
BINARY_SHARE = 0.3  # above this share of non-text bytes, undecodable data is binary, not text

# (magic prefix, what it is, what to do instead)
_MAGIC: tuple[tuple[bytes, str, str], ...] = (
    (b"%PDF-", "a PDF document", "extract its text first, e.g. pdftotext FILE FILE.txt"),
    (b"PK\x03\x04", "a ZIP archive (or a .docx/.xlsx document)",
     "unpack it or save the document as plain text first"),
    (b"\x1f\x8b", "gzip-compressed data", "decompress it first, e.g. gunzip FILE"),
    (b"\x89PNG", "a PNG image", "pass the article's text or HTML instead"),
    (b"\xff\xd8\xff", "a JPEG image", "pass the article's text or HTML instead"),
    (b"GIF8", "a GIF image", "pass the article's text or HTML instead"),
    (b"\x7fELF", "an executable", "pass a text or HTML file instead"),
)
_UTF16_32_BOMS = (  # UTF-32 first: its little-endian BOM starts with UTF-16's
    codecs.BOM_UTF32_LE, codecs.BOM_UTF32_BE, codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE,
)
_TEXT_CONTROLS = frozenset(b"\t\n\r\f\b\x1b")
_CHARSET_PARAM = re.compile(r"charset\s*=\s*[\"']?([A-Za-z0-9_.:-]+)", re.IGNORECASE)
_META_CHARSET = re.compile(rb"<meta[^>]+charset\s*=\s*[\"']?([A-Za-z0-9_.:-]+)", re.IGNORECASE)
# Pages that say latin-1 mean windows-1252 (what browsers do), which fills 0x80-0x9f.
_WEB_LATIN1 = frozenset({"latin-1", "iso8859-1", "ascii"})


def binary_kind(data: bytes) -> str | None:
    """Describe `data` when it is not text at all (an image, a PDF, random bytes), else None."""
    head = data[:SNIFF_BYTES]
    for magic, what, _ in _MAGIC:
        if head.startswith(magic):
            return what
    if head.startswith(_UTF16_32_BOMS):
        return None  # text in a wide encoding: an encoding problem, not a binary one
    if b"\x00" in head:
        return "binary data (it contains NUL bytes)"
    controls = sum(1 for b in head if b < 32 and b not in _TEXT_CONTROLS)
    high = 0 if _is_utf8_prefix(head) else sum(1 for b in head if b >= 0x80)
    if head and (controls + high) / len(head) > BINARY_SHARE:
        return "binary data (mostly non-text bytes)"
    return None


def check_not_binary(raw: RawInput) -> None:
    what = binary_kind(raw.data)
    if what is None:
        return
    hint = next((todo for magic, _, todo in _MAGIC if raw.data.startswith(magic)), None)
    raise BinaryInput(
        raw.path,
        f"is {what}, not text; supplywatch reads plain text and HTML — "
        f"{hint or 'pass a text or HTML file instead'}",
    )


def charset_from_content_type(content_type: str | None) -> str | None:
    match = _CHARSET_PARAM.search(content_type or "")
    return match.group(1) if match else None


def charset_from_html(data: bytes) -> str | None:
    """The charset a page declares in a <meta> tag near its top, if any."""
    match = _META_CHARSET.search(data[:SNIFF_BYTES])
    return match.group(1).decode("ascii") if match else None


def decode_text(raw: RawInput, declared: str | None = None) -> str:
    """The input as text: UTF-8 unless a charset is declared; EncodingError explains failures.

    `declared` is a charset the content itself states (an HTML <meta>); the HTTP
    Content-Type header's charset, when present, wins over it as browsers do.
    """
    check_not_binary(raw)
    data = raw.data
    if data.startswith(_UTF16_32_BOMS):
        raise EncodingError(
            raw.path,
            "is UTF-16 or UTF-32 text; convert it to UTF-8, e.g. iconv -f utf-16 -t utf-8 FILE",
        )
    charset = charset_from_content_type(raw.content_type) or declared
    codec = _codec(raw.path, charset) if charset else "utf-8"
    if codec == "utf-8":
        codec = "utf-8-sig"  # a leading BOM is not part of the text
    if codec in _WEB_LATIN1:
        codec = "cp1252"
    try:
        return data.decode(codec)
    except UnicodeDecodeError as exc:
        if codec == "cp1252":
            return data.decode("latin-1")  # bytes cp1252 leaves undefined: keep them, as latin-1
        bad = f"invalid byte 0x{data[exc.start]:02x} at offset {exc.start}"
        if charset:
            raise EncodingError(
                raw.path,
                f"not valid {charset} text as declared ({bad}); fix the charset declaration "
                "or convert the file to UTF-8",
            ) from None
        raise EncodingError(
            raw.path,
            f"not UTF-8 text ({bad}); convert it to UTF-8, "
            "e.g. iconv -f latin1 -t utf-8 FILE > FILE.utf8.txt",
        ) from None


def _codec(source: str, charset: str) -> str:
    try:
        return codecs.lookup(charset).name
    except LookupError:
        raise EncodingError(
            source,
            f"declares an unknown charset {charset!r}; fix the declaration or convert "
            "the file to UTF-8",
        ) from None


def _is_utf8_prefix(head: bytes) -> bool:
    """True when `head` decodes as UTF-8, allowing a character cut at the sniff boundary."""
    try:
        head.decode("utf-8")
    except UnicodeDecodeError as exc:
        return exc.start >= len(head) - 3 and exc.reason == "unexpected end of data"
    return True
