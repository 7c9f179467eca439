"""The extractor's domain vocabulary, read from the versioned data file patterns/lexicon.json."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from functools import cache
from importlib import resources


@dataclass(frozen=True)
class Lexicon:
    words: dict[str, frozenset[str]]
    phrases: dict[str, tuple[str, ...]]
    expansions: dict[str, tuple[str, ...]]
    demonyms: dict[str, str] = field(default_factory=dict)  # "korean" -> "korea"

    def __getitem__(self, name: str) -> frozenset[str]:
        return self.words[name]

    def is_company_word(self, word: str) -> bool:
        """A corporate word or a legal form, however punctuated ("Ltd.", "S.p.A.", "GmbH,")."""
        bare = word.lower().strip(".,").replace(".", "")
        return bare in self.words["corporate_words"] or bare in _bare_forms(self.words["legal_suffixes"])


@cache
def _bare_forms(forms: frozenset[str]) -> frozenset[str]:
    return frozenset(f.replace(".", "") for f in forms)


@cache
def load_lexicon() -> Lexicon:
    raw = json.loads(
        resources.files("supplywatch.extract").joinpath("patterns/lexicon.json").read_text("utf-8")
    )
    words: dict[str, frozenset[str]] = {}
    phrases: dict[str, tuple[str, ...]] = {}
    expansions = {k: tuple(v) for k, v in raw.pop("expansions", {}).items()}
    demonyms = {k.lower(): v.lower() for k, v in raw.pop("demonyms", {}).items()}
    for key, values in raw.items():
        if key.startswith("_"):
            continue
        words[key] = frozenset(v.lower() for v in values)
        phrases[key] = tuple(v.lower() for v in values if " " in v)
    return Lexicon(words=words, phrases=phrases, expansions=expansions, demonyms=demonyms)
