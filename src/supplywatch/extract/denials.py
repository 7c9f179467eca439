"""Claims a company denies elsewhere in the story. "The report ... said Yunxi would provide
cells for the Zephyra Nova 13" is a reported claim, kept at a hedged confidence; when the
same story says "Yunxi denied the report" (here or in its headline), the claim is no fact.
Only hedged drafts are dropped: a plain statement the writer makes stands."""

from __future__ import annotations

from spacy.tokens import Doc

from supplywatch.extract.drafts import BASE_CONFIDENCE, DENIAL_VERBS, Draft, children
from supplywatch.extract.reading import Reading

CLAIM_NOUNS = {"report", "claim", "rumor", "rumour", "story", "speculation", "suggestion",
               "allegation", "article"}
DENIABLE = {"supplies": ("supplier", "customer"), "owns": ("parent", "child")}


def denying_companies(r: Reading, doc: Doc) -> set[int]:
    """Companies that deny a report or claim: "Yunxi denied a report that ...", "X
    dismissed the rumours"."""
    found: set[int] = set()
    for tok in doc:
        if tok.pos_ != "VERB" or tok.lemma_.lower() not in DENIAL_VERBS - {"doubt"}:
            continue
        if any(o.lemma_.lower() in CLAIM_NOUNS for o in children(tok, "dobj")):
            found.update(r.subject_companies(tok))
    return found


def without_denied_claims(r: Reading, doc: Doc, drafts: list[Draft]) -> list[Draft]:
    denied = denying_companies(r, doc)
    if not denied:
        return drafts
    return [d for d in drafts if not (
        d.type in DENIABLE and d.confidence < BASE_CONFIDENCE
        and any(c in denied for role in DENIABLE[d.type] for c in d.roles.get(role, [])))]
