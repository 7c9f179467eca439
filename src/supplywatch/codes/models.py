"""Model numbers: find them in text and normalise their spelling.

"A1681", "a-1681" and "A 1681" are one model number, A1681. Codes are whole tokens,
so A1681 never matches inside A16810 or XA1681: two texts share a model number only
when they produce the same code. Ingest, store and query all normalise with these
functions, so an indexed code and a queried one meet exactly.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# A token: letters/digits, possibly joined by single hyphens ("PAC20-392", "a-1681").
_TOKEN = re.compile(r"[^\W_]+(?:[-‐‑‒–][^\W_]+)*")
_HYPHENS = re.compile(r"[-‐‑‒–]")
# Quantities and ordinals look like codes but are not: 20W, 10000mAh, 2nd, 3-pack.
_MEASURE = re.compile(
    r"\d+(?:MAH|WH|AH|W|V|A|MM|CM|M|KM|IN|FT|LBS?|KG|G|MG|ML|L|OZ|QT|GAL|GB|TB|MB|HZ|KHZ|MHZ|"
    r"GHZ|PACK|PK|PCS?|ST|ND|RD|TH|X|P|K|S)"
)
# Short lower-case words that must not glue onto a following number ("a 2013 model").
_GLUE_STOP = frozenset({
    "a", "an", "as", "at", "by", "in", "is", "no", "of", "on", "or", "to", "and", "the", "for",
    "all", "per", "not", "are", "was", "has", "had", "its", "new", "two", "one", "set", "via",
    "nor", "but", "up", "see", "use", "our", "any", "few", "may", "can", "own", "old", "out",
})
MIN_LENGTH = 3


@dataclass(frozen=True, slots=True)
class ModelCode:
    """A model number found in a text: its normal form and where it was written."""

    code: str  # upper case, hyphens and inner spaces removed: "A1681"
    text: str  # as written: "a-1681"
    start: int
    end: int


def normalise_code(text: str) -> str:
    """Upper case, hyphens and spaces removed: "a-1681" and "A 1681" -> "A1681"."""
    return re.sub(r"\s+", "", _HYPHENS.sub("", text)).upper()


def is_model_code(code: str) -> bool:
    """A normalised token that reads as a model number: letters and digits, not a measure.

    Pure numbers are left out on purpose (years, quantities, UPCs have their own matcher).
    """
    return (
        len(code) >= MIN_LENGTH
        and any(c.isdigit() for c in code)
        and any(c.isalpha() for c in code)
        and not _MEASURE.fullmatch(code)
    )


def model_codes(text: str) -> list[ModelCode]:
    """Every model number in `text`, in order; "A 1681" also yields A1681."""
    tokens = list(_TOKEN.finditer(text))
    out: list[ModelCode] = []
    for i, tok in enumerate(tokens):
        code = normalise_code(tok.group())
        if is_model_code(code):
            out.append(ModelCode(code, tok.group(), tok.start(), tok.end()))
        if i + 1 < len(tokens) and _glues(tok.group(), tokens[i + 1].group(), text, tok.end()):
            nxt = tokens[i + 1]
            joined = normalise_code(tok.group() + nxt.group())
            if is_model_code(joined):
                out.append(ModelCode(joined, text[tok.start() : nxt.end()], tok.start(), nxt.end()))
    return out


def _glues(left: str, right: str, text: str, gap_start: int) -> bool:
    """A short letter prefix separated by one space from a number: "NA 220", "A 1681"."""
    return (
        text[gap_start : gap_start + 1] == " "
        and text[gap_start + 1 : gap_start + 1 + len(right)] == right
        and left.isalpha()
        and len(left) <= 3
        and left not in _GLUE_STOP
        and right[:1].isdigit()
    )


def digit_fragments(code: str) -> list[str]:
    """The digit runs of a code worth searching for ("PAC20392" -> ["20392"])."""
    runs = re.findall(r"\d+", code)
    longest = max(runs, key=len, default="")
    return [longest] if len(longest) >= 2 else [code.lower()]


# "Model No: 616", "Model No. UMCDB01", "model numbers 1234, 5678 and 91011", "Model #A7":
# after such a label a bare number is a model number too.
_LABEL = re.compile(
    r"\bmodels?\s*(?:no\.?s?|nos\.?|numbers?|#)?\s*[:#]?\s*[\"“]?", re.IGNORECASE
)
_LISTED = re.compile(
    r"([A-Za-z0-9][A-Za-z0-9./‐‑–-]*[A-Za-z0-9]|[0-9])[\"”]?"
    r"(\s*(?:,|/|;|\bor\b|\band\b)\s*[\"“]?)?"
)


def labelled_models(text: str) -> list[ModelCode]:
    """Model numbers written after a "Model No:" label, bare numbers included ("616")."""
    out: list[ModelCode] = []
    for label in _LABEL.finditer(text):
        pos = label.end()
        while True:
            item = _LISTED.match(text, pos)
            if item is None or not any(c.isdigit() for c in item.group(1)):
                break
            token = item.group(1)
            code = normalise_code(token)
            if len(code) >= 2 and not _MEASURE.fullmatch(code):
                out.append(ModelCode(code, token, item.start(1), item.end(1)))
            if not item.group(2):
                break
            pos = item.end()
    return out


def index_codes(text: str) -> dict[str, str]:
    """Every model number a record's text states: normal form -> as written."""
    found: dict[str, str] = {}
    for code in (*labelled_models(text), *model_codes(text)):
        found.setdefault(code.code, code.text)
    return found
