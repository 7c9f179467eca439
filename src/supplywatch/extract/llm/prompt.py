"""The prompt, read from a versioned data file in prompts/, turned into chat messages."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from supplywatch.model import Document

# Bump with a new prompts/<version>.txt whenever the wording changes: the version is
# part of the extractor's, so stored facts of the old prompt are extracted again.
PROMPT_VERSION = "facts-v1"

_SECTION = re.compile(r"^=== (system|user) ===$", re.MULTILINE)


@dataclass(frozen=True)
class Prompt:
    version: str
    system: str
    user: str  # a str.format template: {title}, {published}, {part}, {text}

    def messages(self, document: Document, text: str, part: int = 1, parts: int = 1
                 ) -> list[dict[str, str]]:
        """The chat messages asking for the facts of `text`, one piece of `document`."""
        where = f"(Part {part} of {parts} of the text.)\n" if parts > 1 else ""
        user = self.user.format(title=document.title or "(none)",
                                published=document.published or "(unknown)",
                                part=where, text=text)
        return [{"role": "system", "content": self.system},
                {"role": "user", "content": user}]


@lru_cache(maxsize=4)
def load_prompt(version: str = PROMPT_VERSION) -> Prompt:
    raw = resources.files("supplywatch.extract.llm").joinpath("prompts", f"{version}.txt")
    return parse_prompt(version, raw.read_text("utf-8"))


def parse_prompt(version: str, raw: str) -> Prompt:
    """Split a prompt file into its system and user messages (comment lines dropped)."""
    text = "\n".join(line for line in raw.splitlines() if not line.startswith("#"))
    found = _SECTION.split(text)
    # found == [preamble, name, body, name, body]
    sections = {found[i]: found[i + 1].strip("\n") for i in range(1, len(found) - 1, 2)}
    if len(found) != 5 or set(sections) != {"system", "user"}:
        raise ValueError(f"prompt {version}: needs one '=== system ===' and one '=== user ===' section")
    return Prompt(version=version, system=sections["system"].strip(), user=sections["user"])
