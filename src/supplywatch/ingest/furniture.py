"""Page-furniture patterns: the data file `furniture.txt`, loaded into a matcher.

The patterns live in a data file, not in code, so that adding a generic pattern
never means touching the page parser (see the file's header for its format).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Literal

LineKind = Literal["drop", "end", "related"]

SECTIONS = ("drop", "end", "related", "time", "byline")
MAX_FURNITURE_CHARS = 300  # longer lines are prose, whatever words they contain

# Decoration around furniture labels: ":: Go Back ::", "» Next", "Share:", "- Menu -".
_DECORATION = " \t:|•·»«›‹><*=_~#.-–—"
_SPACES = re.compile(r"\s+")


def bare(line: str) -> str:
    """The line as [drop]/[end]/[related] patterns see it: trimmed of decoration."""
    return _SPACES.sub(" ", line.strip(_DECORATION)).strip()


@dataclass(frozen=True)
class Furniture:
    """Compiled furniture patterns, one tuple per section of the data file."""

    drop: tuple[re.Pattern[str], ...]
    end: tuple[re.Pattern[str], ...]
    related: tuple[re.Pattern[str], ...]
    time: tuple[re.Pattern[str], ...]
    byline: tuple[re.Pattern[str], ...]

    def kind(self, line: str) -> LineKind | None:
        """What a line is, if it is furniture: a line to drop, an end or a related heading."""
        text = bare(line)
        if not text:
            # A line of pure decoration ("* * *", "----") carries nothing.
            return "drop" if line.strip() else None
        if len(text) > MAX_FURNITURE_CHARS:
            return None
        for name in ("related", "end", "drop"):
            patterns: tuple[re.Pattern[str], ...] = getattr(self, name)
            if any(p.search(text) for p in patterns):
                return name  # type: ignore[return-value]
        return None

    def related_outlet(self, line: str) -> str | None:
        """The outlet a related heading names ("More from Daily Planet"), else None."""
        text = bare(line)
        for pattern in self.related:
            match = pattern.search(text)
            if match and "name" in pattern.groupindex:
                return match.group("name").strip()
        return None

    def is_time(self, line: str) -> bool:
        text = line.strip()
        return len(text) <= 60 and any(p.search(text) for p in self.time)

    def byline_outlet(self, line: str) -> str | None:
        """The outlet a byline line names ("- Daily Planet" -> "Daily Planet"), else None."""
        text = line.strip()
        for pattern in self.byline:
            match = pattern.search(text)
            if match:
                return match.group("name").strip()
        return None


def parse_furniture(text: str) -> Furniture:
    """Compile the contents of a furniture file; raise ValueError naming a bad line."""
    found: dict[str, list[re.Pattern[str]]] = {name: [] for name in SECTIONS}
    section: str | None = None
    for number, raw in enumerate(text.splitlines(), start=1):
        line = raw.split("  #", 1)[0].strip()
        if not line or line.startswith("#"):
            continue
        if line.startswith("[") and line.endswith("]"):
            section = line[1:-1]
            if section not in found:
                raise ValueError(
                    f"line {number}: unknown section [{section}]; use one of {SECTIONS}"
                )
            continue
        if section is None:
            raise ValueError(f"line {number}: pattern before any [section] header")
        try:
            pattern = re.compile(line, re.IGNORECASE)
        except re.error as exc:
            raise ValueError(f"line {number}: bad regular expression {line!r}: {exc}") from exc
        if section == "byline" and "name" not in pattern.groupindex:
            raise ValueError(f"line {number}: a [byline] pattern needs a (?P<name>...) group")
        found[section].append(pattern)
    return Furniture(**{name: tuple(patterns) for name, patterns in found.items()})


@cache
def default_furniture() -> Furniture:
    """The bundled patterns, read on first use (not at import) and then kept."""
    data = resources.files(__package__ or __name__).joinpath("furniture.txt")
    return parse_furniture(data.read_text(encoding="utf-8"))
