"""What a `check` query names: UPC/GTINs, model numbers, a vehicle, product words.

"036000291452" is a UPC; "Anker A1681 PowerCore" a model number with brand words;
"2013 Acura ILX" a vehicle (a model year, then a make the database knows, then a
model); "Model No: 616" a bare-number model. One query can hold several of these;
each is looked up, and every match says which one it came from.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from supplywatch.codes import gtin
from supplywatch.codes.models import ModelCode, labelled_models, model_codes, normalise_code
from supplywatch.codes.vehicles import make_key, model_key, split_years
from supplywatch.model import name_key

_NOISE_WORDS = frozenset({"the", "and", "for", "with", "recall", "recalled", "model", "product",
                          "upc", "ean", "gtin", "no", "number", "is", "my", "a", "an", "of"})
_BARE_NUMBER = re.compile(r"(?<![\w-])\d{3,7}(?:-\d{1,4})?(?![\w-])")


@dataclass(frozen=True, slots=True)
class VehicleQuery:
    years: tuple[int, ...]
    make_key: str
    make_text: str
    model_key: str  # "" when only a make is named
    model_text: str


@dataclass(frozen=True, slots=True)
class ParsedQuery:
    text: str
    gtins: tuple[gtin.Gtin, ...]  # every reading of every code
    codes: tuple[ModelCode, ...]  # letters-and-digits model numbers
    numbers: tuple[str, ...]  # bare numbers that may be model numbers ("616")
    words: tuple[str, ...]  # name words, codes and numbers taken out
    years: tuple[int, ...]
    rest: str  # the query without its model years: where a vehicle's make and model are

    @property
    def code_keys(self) -> list[str]:
        return list(dict.fromkeys([c.code for c in self.codes] + list(self.numbers)))


def parse_query(query: str) -> ParsedQuery:
    text = " ".join(query.split())
    gtins: list[gtin.Gtin] = []
    for found in gtin.find_gtins(text):
        gtins += gtin.readings(found.text)
    if not gtins:  # a code of an odd length, typed exactly as a record holds it
        digits = re.sub(r"[\s-]", "", text)
        if digits.isdigit() and 6 <= len(digits) <= 14:
            gtins = gtin.index_keys(text)
    years = split_years(text)
    codes = [c for c in model_codes(text) if not c.code.isdigit()]
    numbers = _bare_numbers(text, gtins, years.years)
    words = _words(text, codes, numbers, gtins)
    return ParsedQuery(text, tuple(gtins), tuple(codes), tuple(numbers), tuple(words),
                       years.years, years.rest)


def _bare_numbers(text: str, gtins: list[gtin.Gtin], years: tuple[int, ...]) -> list[str]:
    """Numbers that can only be model numbers: not a UPC, not a model year."""
    taken = {g.text for g in gtins}
    out = [c.code for c in labelled_models(text)]
    for m in _BARE_NUMBER.finditer(text):
        if m.group() in taken or (len(m.group()) == 4 and int(m.group()) in years):
            continue
        out.append(normalise_code(m.group()))
    return list(dict.fromkeys(out))


def _words(text: str, codes: list[ModelCode], numbers: list[str],
           gtins: list[gtin.Gtin]) -> list[str]:
    for piece in [c.text for c in codes] + [g.text for g in gtins]:
        text = text.replace(piece, " ")
    return [w for w in name_key(text).split()
            if len(w) >= 3 and w not in _NOISE_WORDS and not w.isdigit()]


def vehicle_of(parsed: ParsedQuery, known_makes: set[str]) -> VehicleQuery | None:
    """The vehicle the query names: the longest run of its first words that is a known make
    ("land rover"), then the model; None when no known make leads the query."""
    words = parsed.rest.split()
    for n in range(min(3, len(words)), 0, -1):
        key = make_key(" ".join(words[:n]))
        if key in known_makes:
            model_text = " ".join(words[n:])
            return VehicleQuery(parsed.years, key, " ".join(words[:n]), model_key(model_text),
                                model_text)
    return None
