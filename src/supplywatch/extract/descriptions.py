"""The words a document uses to describe a company ("the Kolkata-based maker of power
banks", "South Korea's Daesan"), kept so that a later description ("the Kolkata-based
brand", "the Korean supplier") can be matched to the company it stands for."""

from __future__ import annotations

from collections.abc import Iterable

from spacy.tokens import Span, Token

from supplywatch.extract.lexicon import Lexicon

CONTENT_POS = {"NOUN", "ADJ", "VERB", "PROPN"}
PLACE_LABELS = {"GPE", "LOC", "NORP"}
# Words every description may share: they say nothing of which company is meant
UNTELLING = frozenset({"the", "a", "an", "base", "based", "headquarter", "headquartered"})


def description_words(tokens: Iterable[Token], lex: Lexicon) -> set[str]:
    """Lemmas of the common words, and the places ("Kolkata", "Korean" -> korea), of a
    description."""
    words: set[str] = set()
    for tok in tokens:
        low = tok.lower_
        if tok.is_lower and tok.pos_ in CONTENT_POS:
            words.add(tok.lemma_.lower())
        elif low in lex.demonyms:
            words.add(lex.demonyms[low])
        elif tok.text[:1].isupper() and (tok.ent_type_ in PLACE_LABELS or _before_based(tok)):
            words.add(low)
    return words - UNTELLING


def _before_based(tok: Token) -> bool:
    """ "Pune" of "Pune-based": a place, whatever the recogniser made of it."""
    doc = tok.doc
    return tok.i + 2 < len(doc) and doc[tok.i + 1].text == "-" and doc[tok.i + 2].lower_ == "based"


def descriptions_of(span: Span, lex: Lexicon) -> set[str]:
    """What the sentence says a named company is: its appositive ("X, the Osaka-based
    cell maker"), or the words before the name ("Noida-based X", "South Korea's X")."""
    root = span.root
    tokens: list[Token] = []
    for child in root.children:
        if child.dep_ == "appos" and child.pos_ in ("NOUN", "PROPN") and child.i >= span.end:
            tokens += [t for t in child.subtree if t.i <= child.i]
        elif child.i < span.start and child.dep_ in ("amod", "compound", "nmod", "npadvmod", "poss"):
            tokens += list(child.subtree)
    if root.dep_ == "appos" and root.head.i < span.start and root.head.pos_ == "NOUN":
        # "the Osaka company, Kansai Cell": the noun the name stands beside
        tokens += [t for t in root.head.subtree if t.i <= root.head.i]
    return description_words(tokens, lex)
