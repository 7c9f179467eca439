"""Headlines in title case or in capitals, read as the sentence they stand for.

The small English model reads capitals as names: "Castell Motors Taps Velmora Power for
Cells" is one organisation to it, "Velmora Power Acquires Brisk Cells" another, and
"VELMORA POWER RECALLS PB-20 POWER BANKS" gives "PB-20 POWER BANKS" as a company. The
story under a headline writes the same words in their own case ("Velmora Power",
"acquires", "cells"), so the headline is parsed in that case: a word the story writes
capitalised in mid-sentence keeps its capital, a word it writes in lower case or never
(or a function word) loses it; a word in capitals the story never writes stays so when
it is short (an acronym). Only the letters' case
changes, never the length, so every offset, and the evidence quoted from the original
text, stays exact.
"""

from __future__ import annotations

import itertools
import re
from collections import Counter

from supplywatch.extract.lexicon import load_lexicon

WORD = re.compile(r"[A-Za-z][A-Za-z'’]*")
# Closed-class words: never names on their own, lower case in a sentence.
FUNCTION_WORDS = frozenset("""
    a an the and or but nor for so yet of to in on at by from with without over under into onto
    upon as after before amid amidst against about above below between among across through
    during since until till via per than then off out up down near is are was were be been am
    has have had do does did will would shall should can could may might must its their his her
    our your it they he she we you this that these those who which what why how when where not
    no new
""".split())  # noqa: SIM905 (a word list reads better as text)
ENDINGS = ("ing", "ed", "es", "s")
MIN_BODY_WORDS = 20
BODY_CHARS = 20_000  # the story's opening names what its headline names; a book need not be read


def readable_headline(text: str) -> tuple[int, str] | None:
    """(end, recased) for the first line of `text` when it is a headline in title case or
    capitals and the story under it shows how its words are written; else None."""
    end = text.find("\n")
    if end <= 0:
        return None
    line, body = text[:end], text[end:end + BODY_CHARS]
    words = WORD.findall(line)
    if len(words) < 3 or line.rstrip().endswith((".", "?", "!")):
        return None
    long_words = [w for w in words if len(w) >= 4]
    shouted = not any(c.islower() for c in line)
    if not long_words or not (shouted or all(w[0].isupper() for w in long_words)):
        return None
    forms = _BodyForms(body, shouted)
    if forms.words < MIN_BODY_WORDS:
        return None
    suffixes = load_lexicon()["legal_suffixes"] | {"group", "holdings"}
    names = _names_from_story(line, body)
    first = _first_word(line)
    out: list[str] = []
    kept_name = False  # the word before was written with a capital and kept it
    last = 0
    for match in WORD.finditer(line):
        word, start = match.group(0), match.start()
        out.append(line[last:start])
        last = match.end()
        glued = start > 0 and not line[start - 1].isspace() and line[start - 1] not in "\"'“‘("
        if start in names:
            new = names[start]
        elif glued or (kept_name and word.lower() in suffixes):
            new = word  # "W.1.G.H.Forged", "Self-Balancing"; "Massey Energy Company"
        else:
            new = forms.recase(word, first=start == first)
        kept_name = new[:1].isupper()
        out.append(new)
    out.append(line[last:])
    recased = "".join(out)
    if recased == line or len(recased) != len(line):
        return None
    return end, recased


def _names_from_story(line: str, body: str) -> dict[int, str]:
    """Runs of two to five capitalised headline words that the story writes as a name
    ("Brisk Cells", even where it also writes "battery cells"): word offset -> the word as
    the story writes it."""
    words = list(WORD.finditer(line))
    found: dict[int, str] = {}
    for size in range(5, 1, -1):
        for i in range(len(words) - size + 1):
            run = words[i:i + size]
            if any(m.start() in found for m in run) or not all(m.group(0)[0].isupper() for m in run) \
                    or any(line[a.end():b.start()] != " " for a, b in itertools.pairwise(run)):
                continue
            phrase = line[run[0].start():run[-1].end()]
            match = re.search(r"\b" + re.escape(phrase) + r"\b", body, re.IGNORECASE)
            if match is None or not all(w[:1].isupper() for w in match.group(0).split()):
                continue
            for m, written in zip(run, match.group(0).split(), strict=True):
                found[m.start()] = written if len(written) == len(m.group(0)) else m.group(0)
    return found


def _first_word(line: str) -> int:
    match = WORD.search(line)
    return match.start() if match else -1


class _BodyForms:
    """How the story under a headline writes each word."""

    def __init__(self, body: str, shouted: bool) -> None:
        self.shouted = shouted
        self.lower: Counter[str] = Counter()
        self.capital: Counter[str] = Counter()  # capitalised, not at a sentence's start
        self.written: dict[str, Counter[str]] = {}
        self.words = 0
        for match in WORD.finditer(body):
            word = match.group(0)
            key = word.lower()
            self.words += 1
            if word.islower():
                self.lower[key] += 1
                continue
            self.written.setdefault(key, Counter())[word] += 1
            if not _sentence_start(body, match.start()):
                self.capital[key] += 1

    def recase(self, word: str, first: bool) -> str:
        key = word.lower()
        if len(word) > 1 and word.isupper() and not self._known(key):
            # in a headline in capitals a long word the story never writes is a common
            # word ("BANKS"); a short one may be an acronym ("NHTSA" is five letters)
            return key if self.shouted and len(word) > 5 else word
        if self.capital[key] and not self.lower[key]:
            return self._written(key, word)
        if word.isupper() and key in self.written and not self.lower[key]:
            return self._written(key, word)  # capitals -> how the story's sentences start with it
        if self.lower[key] or self._stem_lower(key) or key in FUNCTION_WORDS or not (
                word.isupper() or key in self.written):
            # a word the story writes in lower case, or never: the names in a headline
            # are the story's names ("Faulty Airbags" -> "faulty airbags")
            return key[:1].upper() + key[1:] if first else key
        return word

    def _written(self, key: str, word: str) -> str:
        form = self.written[key].most_common(1)[0][0]
        return form if len(form) == len(word) else word

    def _known(self, key: str) -> bool:
        return bool(key in self.written or self.lower[key] or self._stem_lower(key)
                    or key in FUNCTION_WORDS)

    def _stem_lower(self, key: str) -> bool:
        """ "Recalls" when the story writes "recalling": the same word, in lower case."""
        stem = _stem(key)
        return len(stem) >= 4 and any(_stem(k) == stem for k in self.lower if k[:3] == key[:3])


def _stem(word: str) -> str:
    if word.endswith("ies") and len(word) >= 6:
        return word[:-3] + "y"  # "batteries" -> "battery"
    for ending in ENDINGS:
        if word.endswith(ending) and len(word) - len(ending) >= 4:
            return word[: -len(ending)]
    return word


def _sentence_start(text: str, at: int) -> bool:
    before = text[:at].rstrip(" \t\"'“‘(")
    return not before or before[-1] in ".!?:\n"
