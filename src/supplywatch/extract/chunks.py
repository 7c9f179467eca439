"""Long documents in pieces: spaCy's parser needs memory in proportion to a text's
length (and refuses texts over `nlp.max_length`), so a long document is read in
paragraph-aligned pieces whose results are put back together with true offsets."""

from __future__ import annotations

from supplywatch.model import Entity, Fact, alias_order

PIECE_CHARS = 50_000


def pieces(text: str, limit: int = PIECE_CHARS) -> list[tuple[int, str]]:
    """(offset, text) pieces of at most `limit` characters, cut at line ends where possible,
    else at a sentence end, else anywhere. A headline in capitals is a piece of its own."""
    start = shouted_headline_end(text)
    out: list[tuple[int, str]] = [(0, text[:start])] if start else []
    while len(text) - start > limit:
        window = text[start:start + limit]
        cut = window.rfind("\n")
        if cut < limit // 2:
            cut = max(window.rfind(". "), window.rfind("? "), window.rfind("! "))
            cut = cut + 2 if cut >= limit // 2 else limit  # keep ". " with its sentence
        else:
            cut += 1
        out.append((start, text[start:start + cut]))
        start += cut
    out.append((start, text[start:]))
    return out


def shouted_headline_end(text: str) -> int:
    """Where the leading lines written in capitals end ("VELMORA POWER RECALLS PB-20 POWER
    BANKS"), or 0. The entity recogniser reads a few words on each side of a name, and a
    shouted headline just before the first sentence makes it miss the names there
    ("Velmora Power is recalling ..."), so the headline is read apart."""
    end = 0
    for line in text.splitlines(keepends=True):
        if not line.strip():
            if end:
                end += len(line)
                continue
            return 0
        # (stops at the first lower-case letter: most documents' first line has one early)
        if any(c.islower() for c in line) or sum(
                1 for w in line.split() if any(c.isalpha() for c in w)) < 2:
            break
        end += len(line)
    rest = text[end:]
    return end if end and any(c.islower() for c in rest) else 0


def shifted(entities: list[Entity], facts: list[Fact], offset: int) -> tuple[list[Entity], list[Fact]]:
    for ent in entities:
        ent.mentions = [(a + offset, b + offset) for a, b in ent.mentions]
    for fact in facts:
        fact.span = (fact.span[0] + offset, fact.span[1] + offset)
        for extra in fact.args.get("more_evidence") or []:
            extra["span"] = [extra["span"][0] + offset, extra["span"][1] + offset]
    return entities, facts


def merged(parts: list[tuple[list[Entity], list[Fact]]]) -> tuple[list[Entity], list[Fact]]:
    """One entity per (name, type) across pieces; a statement found in two pieces once."""
    by_name: dict[tuple[str, str], Entity] = {}
    for entities, _ in parts:
        for ent in entities:
            key = (ent.name, ent.type)
            if key not in by_name:
                by_name[key] = Entity(id="", name=ent.name, type=ent.type,
                                      aliases=list(ent.aliases), mentions=list(ent.mentions))
            else:
                known = by_name[key]
                known.aliases = sorted(set(known.aliases) | set(ent.aliases), key=alias_order)
                known.mentions += ent.mentions
    entities = list(by_name.values())
    for n, ent in enumerate(entities, 1):
        ent.id = f"e{n}"
    seen: set[tuple[str, ...]] = set()
    facts: list[Fact] = []
    for _, part_facts in parts:
        for fact in part_facts:
            key = (fact.type, *sorted(f"{r}={n}" for r, n in fact.names()))
            if key not in seen:
                seen.add(key)
                facts.append(fact)
    return entities, facts


def quote_original(facts: list[Fact], text: str) -> None:
    """Evidence quoted from the document's own text at the facts' (document) offsets: a
    piece read in another letter case (`headlines`) keeps every offset, not the words."""
    for fact in facts:
        fact.evidence = text[fact.span[0]:fact.span[1]]
        for extra in fact.args.get("more_evidence") or []:
            extra["evidence"] = text[extra["span"][0]:extra["span"][1]]
