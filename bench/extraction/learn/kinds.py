"""Learn the list of kinds of product (`models/product_kinds.json`) from the corpus.

A lower-case phrase the annotators tagged as a product ("smart sensors", "market
research reports") is kept when it was tagged in at least `min_docs` training documents
and in at least `min_share` of the training documents that use it at all."""

from __future__ import annotations

import json
import re
from collections import Counter
from collections.abc import Sequence
from pathlib import Path

from learn.corpus import PRONOUNS


def learn_kinds(records: Sequence[dict], min_docs: int = 2, min_share: float = 0.5) -> list[str]:
    tagged: Counter[str] = Counter()
    for record in records:
        terms = {" ".join(e["text"].lower().split()) for e in record["entities"]
                 if e["type"] == "PRODUCT" and e["text"][:1].islower()}
        tagged.update(t for t in terms if len(t) >= 3 and t not in PRONOUNS and re.search("[a-z]", t))
    candidates = [t for t, n in tagged.items() if n >= min_docs]
    texts = [" ".join(r["text"].lower().split()) for r in records]
    kept = []
    for term in candidates:
        pattern = re.compile(r"(?<![\w-])" + re.escape(term) + r"(?![\w-])")
        used = sum(1 for text in texts if pattern.search(text))
        if tagged[term] / max(used, 1) >= min_share:
            kept.append(term)
    return sorted(kept)


def save(kinds: list[str], path: Path, about: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps({"_about": about, "kinds": kinds}, indent=0, ensure_ascii=False) + "\n",
                    "utf-8")
