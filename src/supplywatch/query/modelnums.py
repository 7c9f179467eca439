"""Model numbers: find them in text and normalise their spelling.

"A1681", "a-1681" and "A 1681" are one model number, A1681. Codes are whole tokens,
so A1681 never matches inside A16810 or XA1681: two texts share a model number only
when they produce the same code. (UPC/GTIN and vehicle matching will sit beside this.)
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
_GLUE_STOP = frozenset({"a", "an", "as", "at", "by", "in", "is", "no", "of", "on", "or", "to"})
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
