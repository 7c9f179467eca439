"""UPC/EAN/GTIN: find them, check their check digit, compare them as GTIN-14.

A UPC-A (12 digits), an EAN-13 and a GTIN-14 of the same item differ only by leading
zeros, so every code is stored and compared as 14 digits. A UPC-E (8 digits, zeros
suppressed) is expanded to its UPC-A; an 8-digit code can also be an EAN-8, so a
query tries both readings.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

LENGTHS = (8, 12, 13, 14)
# Digits, optionally grouped by single spaces or hyphens as printed under a barcode
# ("0 12345 67890 5", "012345-678905").
_CANDIDATE = re.compile(r"(?<![\w-])\d(?:[ -]?\d){7,13}(?![\w-])")


@dataclass(frozen=True, slots=True)
class Gtin:
    """One code as written, and its GTIN-14 form."""

    text: str
    gtin14: str
    valid: bool  # the check digit is right
    kind: str  # UPC-A | UPC-E | EAN-8 | EAN-13 | GTIN-14

    @property
    def expected_check_digit(self) -> str:
        return check_digit(self.gtin14[:-1])


def check_digit(body: str) -> str:
    """The GS1 check digit for the digits before it (weights 3,1,3,... from the right)."""
    total = sum(int(d) * (3 if i % 2 == 0 else 1) for i, d in enumerate(reversed(body)))
    return str((10 - total % 10) % 10)


def is_valid(digits: str) -> bool:
    return digits.isdigit() and len(digits) >= 2 and check_digit(digits[:-1]) == digits[-1]


def expand_upc_e(code: str) -> str | None:
    """The 12-digit UPC-A a zero-suppressed 8-digit UPC-E stands for (number system 0 or 1)."""
    if len(code) != 8 or not code.isdigit() or code[0] not in "01":
        return None
    ns, d, check = code[0], code[1:7], code[7]
    last = d[5]
    if last in "012":
        body = f"{d[0]}{d[1]}{last}0000{d[2]}{d[3]}{d[4]}"
    elif last == "3":
        body = f"{d[0]}{d[1]}{d[2]}00000{d[3]}{d[4]}"
    elif last == "4":
        body = f"{d[0]}{d[1]}{d[2]}{d[3]}00000{d[4]}"
    else:
        body = f"{d[0]}{d[1]}{d[2]}{d[3]}{d[4]}0000{last}"
    return ns + body + check


def readings(text: str) -> list[Gtin]:
    """Every way to read `text` (digits, spaces, hyphens) as a GTIN: valid readings first.

    An 8-digit code is read as EAN-8 and, where it can be one, as UPC-E.
    """
    digits = re.sub(r"[\s-]", "", text)
    if not digits.isdigit() or len(digits) not in LENGTHS:
        return []
    kind = {12: "UPC-A", 13: "EAN-13", 14: "GTIN-14", 8: "EAN-8"}[len(digits)]
    out = [Gtin(text, digits.zfill(14), is_valid(digits), kind)]
    upc_a = expand_upc_e(digits)
    if upc_a is not None:
        out.append(Gtin(text, upc_a.zfill(14), is_valid(upc_a), "UPC-E"))
    return sorted(out, key=lambda g: not g.valid)


def normalise(text: str) -> Gtin | None:
    """The best reading of a code as a record states it, or None when it is not one.

    Records keep codes with a wrong check digit (typos happen at the source): they are
    stored as written, marked invalid, and still found by an exact query.
    """
    found = readings(text)
    return found[0] if found else None


def find_gtins(text: str) -> list[Gtin]:
    """Every code in a free text (a query, a description), each in its best reading."""
    out: list[Gtin] = []
    for match in _CANDIDATE.finditer(text):
        best = normalise(match.group())
        if best is not None:
            out.append(best)
    return out


def index_keys(text: str) -> list[Gtin]:
    """The keys a recorded code is indexed under: its GTIN readings, or, for a code of an
    odd length (records hold 10- and 11-digit "UPCs"), its digits padded to 14 and marked
    invalid, so that typing exactly what the record says still finds it."""
    found = readings(text)
    if found:
        return found
    digits = re.sub(r"[\s-]", "", text)
    if digits.isdigit() and 6 <= len(digits) <= 14:
        return [Gtin(text, digits.zfill(14), False, f"{len(digits)} digits")]
    return []
