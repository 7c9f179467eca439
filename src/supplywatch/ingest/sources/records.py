"""What every structured-record source shares: documents from notices, JSON and CSV
reading with clear errors, company names as agencies write them, CPSC headline parsing.

`record_sources(mapping)` lists the built-in record sources in sniffing order; the
registry puts them ahead of html and text (see ingest.registry).
"""

from __future__ import annotations

import csv
import io
import json
import re
from typing import Any

from supplywatch.errors import MalformedInput
from supplywatch.ingest.decode import decode_text
from supplywatch.ingest.raw import RawInput
from supplywatch.model import Document, name_key
from supplywatch.notice import BomProduct, Notice, Party, clean, render_bom, render_notice


def record_sources(mapping: dict[str, str] | None = None) -> list[Any]:
    from supplywatch.ingest.sources.bom import BomCsvSource
    from supplywatch.ingest.sources.cpsc_api import CpscApiSource
    from supplywatch.ingest.sources.cpsc_rss import CpscRssSource
    from supplywatch.ingest.sources.csvmap import MappedCsvSource
    from supplywatch.ingest.sources.gsa import GsaRecallsSource
    from supplywatch.ingest.sources.nhtsa import NhtsaFlatSource

    return [CpscApiSource(), GsaRecallsSource(), NhtsaFlatSource(), CpscRssSource(),
            BomCsvSource(), MappedCsvSource(mapping)]


# --- documents ------------------------------------------------------------------------


def record_path(raw: RawInput, key: str) -> str:
    """`<input>#<agency>-<number>`: stable while the file gains or loses other records."""
    return f"{raw.path}#{re.sub(r'[^0-9A-Za-z._-]+', '-', key.replace(':', '-', 1)).strip('-')}"


def notice_document(raw: RawInput, notice: Notice) -> Document:
    rendered = render_notice(notice)
    return Document.from_text(
        rendered.text, record_path(raw, notice.key), title=notice.title, source=notice.agency,
        published=notice.date, url=notice.url, kind="recall", record=notice,
    )


def bom_document(raw: RawInput, product: BomProduct) -> Document:
    rendered = render_bom(product)
    dates = sorted(line.date for line in product.lines if line.date)
    return Document.from_text(
        rendered.text, record_path(raw, product.key), title=rendered.text.split("\n", 1)[0],
        source="BOM", published=dates[-1] if dates else None, kind="bom", record=product,
    )


# --- reading --------------------------------------------------------------------------


def json_head(raw: RawInput) -> str:
    """The first bytes as text, for sniffing JSON (BOM and leading space dropped)."""
    return raw.head.removeprefix(b"\xef\xbb\xbf").decode("utf-8", "replace").lstrip()


def load_json(raw: RawInput, what: str) -> Any:
    text = decode_text(raw)
    try:
        return json.loads(text)
    except json.JSONDecodeError as exc:
        raise MalformedInput(
            raw.path,
            f"looks like {what} but is not valid JSON ({exc.msg} at line {exc.lineno}, "
            f"column {exc.colno}); the file may be cut short — download it again",
        ) from None


def read_csv(raw: RawInput, what: str) -> tuple[list[str], list[tuple[int, dict[str, str]]]]:
    """The header and the rows (with their line numbers) of a CSV or TSV file."""
    text = decode_text(raw)
    dialect: type[csv.Dialect] | csv.Dialect = csv.excel
    first = text.split("\n", 1)[0]
    if first.count("\t") > first.count(","):
        dialect = csv.excel_tab
    reader = csv.reader(io.StringIO(text), dialect)
    try:
        header = [clean(h).lower() for h in next(reader)]
        rows = []
        for values in reader:
            if any(v.strip() for v in values):
                rows.append((reader.line_num, _row(header, values)))
    except StopIteration:
        raise MalformedInput(raw.path, f"{what} has no header row; check the file") from None
    except csv.Error as exc:
        raise MalformedInput(raw.path, f"is not a readable {what} ({exc}); check the quoting "
                             "of its fields") from None
    return header, rows


EXTRA = "\0extra"  # key of a row's surplus value count (no column can be called that)


def _row(header: list[str], values: list[str]) -> dict[str, str]:
    row = {name: clean(value) for name, value in zip(header, values, strict=False)}
    if len(values) > len(header) and any(v.strip() for v in values[len(header):]):
        row[EXTRA] = str(len(values) - len(header))
    return row


def csv_header(raw: RawInput) -> list[str]:
    """The first line's column names, lower case, for sniffing."""
    text = raw.head.removeprefix(b"\xef\xbb\xbf").decode("utf-8", "replace")
    first = text.split("\n", 1)[0].strip("\r")
    if not first or first.lstrip().startswith(("{", "[", "<")):
        return []
    delimiter = "\t" if first.count("\t") > first.count(",") else ","
    try:
        return [clean(h).lower() for h in next(csv.reader([first], delimiter=delimiter))]
    except (csv.Error, StopIteration):
        return []


# --- companies as agencies write them -------------------------------------------------

_SOLD_AT = re.compile(r"^sold\s+(?:exclusively\s+)?at:?\s*", re.IGNORECASE)
_OF_PLACE = re.compile(r",\s+of\s+[^,]+(?:,\s*[^,]+)*$")
_DBA = re.compile(r"[,\s]+(?:d/b/a|dba|doing business as)\s+", re.IGNORECASE)
_PARENS_SHORT = re.compile(r"^(?P<name>.+?)\s*\((?P<short>[^()]{1,40})\)$")


def party(text: str | None, role: str) -> Party | None:
    """A company as a notice writes it: "Melissa & Doug, of Wilton, Connecticut" ->
    Melissa & Doug; "X Co., Ltd., dba WURUI.BABY, of China" -> X Co., Ltd. (also
    WURUI.BABY); "Hewlett-Packard (HP)" -> Hewlett-Packard (also HP)."""
    s = _SOLD_AT.sub("", clean(text))
    s = _OF_PLACE.sub("", s).strip(" ,;")
    if not s:
        return None
    name, *dba = _DBA.split(s, maxsplit=1)
    name = name.strip(" ,;")
    aliases = [a.strip(" ,;") for a in dba if a.strip(" ,;")]
    short = _PARENS_SHORT.match(name)
    if short:
        name = short.group("name")
        aliases.append(short.group("short"))
    return Party(name, role, tuple(dict.fromkeys(aliases))) if name else None


_RETAIL_CUT = re.compile(
    r"\s+(?:from|for|between|through|since|in (?:january|february|march|april|may|june|july|"
    r"august|september|october|november|december|\d{4}))\b.*$", re.IGNORECASE)
_RETAIL_NAME = re.compile(r"(?:^|\bat\s+|,\s*|\band\s+)((?:[A-Z0-9][\w.&'’-]*)(?:\s+[A-Z0-9][\w.&'’-]*)*)")
_NOT_RETAILERS = frozenset({"online", "sold", "exclusively", "stores", "nationwide", "retailers",
                            "various", "independent", "department", "other", "and", "the"})


def retailers(text: str | None) -> list[Party]:
    """Retailers named in CPSC's "Sold At" prose: "Target stores nationwide and online at
    Target.com from July 2025 ..." -> Target (also Target.com)."""
    prose = _RETAIL_CUT.sub("", _SOLD_AT.sub("", clean(text)))
    found: dict[str, Party] = {}
    for match in _RETAIL_NAME.finditer(prose):
        name = match.group(1).strip(" .,")
        if not name or name_key(name) in _NOT_RETAILERS:
            continue
        base = re.sub(r"\.(?:com|net|org)$", "", name, flags=re.IGNORECASE)
        key = name_key(base)
        if key in found:
            if name != found[key].name:
                found[key] = Party(found[key].name, "retailer", (*found[key].aliases, name))
        else:
            aliases = (name,) if base != name else ()
            found[key] = Party(base if base != name else name, "retailer", aliases)
    return list(found.values())


# --- CPSC headlines -------------------------------------------------------------------

_ALERT = re.compile(r"\s*\(Recall Alert\)\s*$", re.IGNORECASE)
_HEADLINE = re.compile(
    r"^(?:CPSC,?\s+)?(?P<firm>.+?)\s+(?:and\s+CPSC\s+)?(?:Re)?(?:Announces?|Expands?|Issues?|"
    r"Recalls?)\b(?:\s+(?:Recall\s+)?(?:of|to))?\s+(?P<products>.+?)"
    r"(?:\s+Due\s+to\s+(?P<hazard>.+))?$",
    re.IGNORECASE,
)
_RECALLED = re.compile(
    r"^(?:Recall\s+of\s+)?(?P<products>.+?)\s+(?:Recalled|Recall\s+Expanded|Expanded)"
    r"(?:\s+by\s+(?P<firm>.+?))?(?:\s+Due\s+to\s+(?P<hazard>.+))?$",
    re.IGNORECASE,
)
_BY = re.compile(r"\bby\s+(?P<firm>.+?)(?:\s+(?:and\s+)?(?:Sold|at)\b.*)?$", re.IGNORECASE)
_COUNT = re.compile(r"^(?:Over|About|Nearly|More\s+Than|Approximately)\s+[\d.,]+\s*"
                    r"(?:Million|Thousand)?\s+", re.IGNORECASE)
_AFTER = re.compile(r"\s+(?:After|Following)\s+.*$", re.IGNORECASE)


def parse_headline(title: str | None) -> tuple[str | None, str | None, str | None]:
    """(firm, products, hazard) from a CPSC headline, which follows the agency's patterns:
    "<Firm> Recalls <Products> Due to <Hazard>; Sold at ...", "<Products> Recalled [by
    <Firm>] Due to <Hazard>; Imported by <Firm> ..."; None where the headline does not say."""
    segments = [x.strip() for x in _ALERT.sub("", clean(title)).split(";")]
    if not segments[0]:
        return None, None, None
    firm = products = hazard = None
    m = _RECALLED.match(segments[0])
    if m and not re.search(r"\bRecalls?\b", m.group("products"), re.IGNORECASE):
        products, firm, hazard = m.group("products"), m.group("firm"), m.group("hazard")
    else:
        m = _HEADLINE.match(segments[0])
        if m and len(m.group("firm").split()) <= 8:
            firm, products, hazard = m.group("firm"), m.group("products"), m.group("hazard")
    if firm is None:
        firm = next((b.group("firm") for seg in segments[1:] if (b := _BY.search(seg))), None)
    if products:
        products = _AFTER.sub("", _COUNT.sub("", products)).strip() or None
    return firm, products, hazard


_MOJIBAKE = re.compile("[ÂÃâ][\u0080-\u00bf\u0152\u0153\u0160\u0161\u0178\u017d\u017e\u0192"
                       "\u02c6\u02dc\u2013-\u2122]")


def fix_mojibake(text: str) -> str:
    """UTF-8 that was read as Windows-1252 and saved again ("Childrenâ€™s"), repaired;
    any other text unchanged."""
    if not _MOJIBAKE.search(text):
        return text
    try:
        # cp1252 leaves five bytes undefined (0x81, 0x8d ...): those came through as is.
        raw = b"".join(ch.encode("cp1252") if ch not in _UNDEFINED else ch.encode("latin-1")
                       for ch in text)
        return raw.decode("utf-8")
    except (UnicodeEncodeError, UnicodeDecodeError):
        return text


_UNDEFINED = frozenset("\x81\x8d\x8f\x90\x9d")


def firm_in_title(title: str | None, parties: list[Party]) -> Party | None:
    """The party the headline names before "Recall", where one is named there."""
    head = re.split(r"\brecall", clean(title), maxsplit=1, flags=re.IGNORECASE)[0]
    words = f" {name_key(head)} "
    if not words.strip():
        return None
    for p in parties:
        for name in (p.name, *p.aliases):
            key = name_key(name)
            if key and f" {key} " in words:
                return p
    return None


_DATE_FORMATS = ("%Y-%m-%d", "%Y%m%d", "%m/%d/%Y")


def iso_date(value: Any) -> str | None:
    """A date as records write it (2016-12-28, 20161228, 12/28/2016, 2026-08-06T00:00:00)."""
    from datetime import datetime

    text = clean(value)[:10]
    for fmt in _DATE_FORMATS:
        try:
            return datetime.strptime(text, fmt).date().isoformat()
        except ValueError:
            continue
    return None
