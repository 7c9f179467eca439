"""The learned parts of the extractor, shipped as package data in `models/`.

- `models/ner/`: spaCy's `en_core_web_sm` entity recogniser (its own tok2vec included),
  fine-tuned on the DFKI Product Corpus training split for organisations and products
  (company names, product names and kinds of product such as "needle valves"), with the
  base model's other labels (PERSON, GPE, DATE ...) rehearsed. It runs beside the base
  pipeline's `ner` (which still drives the fact rules) and decides the entity list;
  the tagger and parser are untouched.
- `models/relations.json`: a logistic-regression classifier over company -> product
  candidate pairs ("X, a manufacturer of gate valves"), read by `sw_relations`.
- `models/supply_pairs.json`: a logistic-regression classifier over supplier -> customer
  candidate pairs, pronouns and descriptions resolved ("it will buy cells from X"), read
  by `sw_relations` (trained on the tuned invented news sets, see `supply_pairs`).
- `models/makes_check.json`: a logistic-regression check of the rules' `makes` drafts of
  named products, read by `sw_relations` (trained on the same sets, see `makes_check`).
- `models/product_kinds.json`: kinds of product ("smart sensors", "market research
  reports") that the corpus's annotators tagged as products in most documents that use
  them, read by `sw_entities`.

Both are built by `bench/extraction/train.py` (one command, fixed seeds) from the DFKI
training split and the public recall records; nothing is downloaded at run time.
"""

from __future__ import annotations

import dataclasses
import json
import math
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from importlib import resources
from pathlib import Path

from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.pipeline import EntityRecognizer

from supplywatch.errors import ModelNotInstalled
from supplywatch.extract.spacy_model import load_static_vectors

MODELS = "models"
LEARNED_NER = "sw_ner"  # the component, and the doc.spans key its entities are kept under
# Which static word vectors the recogniser was trained with. en_core_web_sm's own
# components read no static vectors, so putting them in the shared vocab changes nothing else.
VECTORS_FILE = "vectors.json"
# Per label, a number added to the recogniser's score for starting an entity of that
# label (its B- and U- actions): above 0 it tags more such names, below 0 fewer. Chosen by
# cross-validation in bench/extraction/train.py; the network's weights are unchanged.
START_BIAS_FILE = "start_bias.json"


@dataclass(frozen=True)
class LearnedModels:
    """Where the learned components are read from (the package's own by default; the
    training script passes other folders to cross-validate)."""

    ner: Path | None = None
    relations: Path | None = None
    supply_pairs: Path | None = None
    makes_check: Path | None = None
    product_kinds: Path | None = None

    @classmethod
    def packaged(cls) -> LearnedModels:
        root = Path(str(resources.files("supplywatch.extract").joinpath(MODELS)))
        return cls(ner=root / "ner", relations=root / "relations.json",
                   supply_pairs=root / "supply_pairs.json", makes_check=root / "makes_check.json",
                   product_kinds=root / "product_kinds.json")

    def without_news_models(self) -> LearnedModels:
        """These models less the two trained on the invented news (the pipeline they are
        trained to follow, see `bench/extraction/learn/supply.py`)."""
        return dataclasses.replace(self, supply_pairs=None, makes_check=None)

    @classmethod
    def none(cls) -> LearnedModels:
        """The base pipeline alone, with the rules (for comparison)."""
        return cls()


@dataclass(frozen=True)
class NewsModel:
    """A logistic regression over sparse features, learned from the invented news sets
    (`supply_pairs`, `makes_check`)."""

    weights: dict[str, float]
    bias: float
    threshold: float
    kind_threshold: float | None = None  # (the makes check: kinds of product, "hinges")

    def probability(self, features: Iterable[str]) -> float:
        """P(yes); a feature counts once, and `fsum` is exact, so the order of the feature
        set (which changes between runs) cannot move the answer."""
        z = self.bias + math.fsum(self.weights.get(f, 0.0) for f in set(features))
        return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))


@cache
def load_news_model(path: Path, what: str) -> NewsModel:
    """Read a model written by `bench/extraction/train.py news`, or say how to rebuild it."""
    if not path.is_file():
        raise ModelNotInstalled(
            f"the learned {what} is missing ({path}); reinstall supplywatch, or rebuild it "
            "with `.venv/bin/python bench/extraction/train.py news`")
    raw = json.loads(path.read_text("utf-8"))
    model = raw.get("model", raw)
    kind = model.get("kind_threshold")
    return NewsModel({k: float(v) for k, v in model["weights"].items()}, float(model["bias"]),
                     float(model["threshold"]), None if kind is None else float(kind))


def add_learned_ner(nlp: Language, folder: Path) -> Language:
    """Add the fine-tuned recogniser saved in `folder` as `sw_ner`, before the base `ner`.
    Its entities go to `doc.spans["sw_ner"]` (component `sw_ner_spans`) and the base
    model then reads the document afresh, so the rules keep the entities they were
    written for and `sw_entities` weighs both."""
    config_file = folder / "component.json"
    if not config_file.is_file():
        raise ModelNotInstalled(
            f"the learned entity recogniser is missing ({config_file}); reinstall supplywatch, "
            "or rebuild it with `.venv/bin/python bench/extraction/train.py`"
        )
    config = json.loads(config_file.read_text("utf-8"))
    vectors_file = folder / VECTORS_FILE
    if vectors_file.is_file():  # a recogniser trained with static word vectors needs them
        wanted = json.loads(vectors_file.read_text("utf-8"))
        nlp.vocab.vectors = load_static_vectors(wanted["model"], wanted["version"],
                                                tuple(wanted["shape"]))
    where = {"before": "ner"} if "ner" in nlp.pipe_names else {}
    nlp.add_pipe("ner", name=LEARNED_NER, config=config, **where)
    recogniser = nlp.get_pipe(LEARNED_NER)
    recogniser.from_disk(folder, exclude=["vocab"])
    bias_file = folder / START_BIAS_FILE
    if bias_file.is_file():
        try:
            apply_start_bias(recogniser, json.loads(bias_file.read_text("utf-8"))["bias"])
        except (ValueError, KeyError, TypeError) as err:
            raise ModelNotInstalled(
                f"{bias_file} does not fit the recogniser beside it ({err}); rebuild both with "
                "`.venv/bin/python bench/extraction/train.py`"
            ) from err
    nlp.add_pipe("sw_ner_spans", after=LEARNED_NER)
    return nlp


def apply_start_bias(recogniser: EntityRecognizer, bias: dict[str, float]) -> None:
    """Shift the recogniser's decisions to start an entity of each label in `bias` (its
    B- and U- moves) by that much, in the units of its scores (log-odds)."""
    moves = recogniser.moves
    names = [moves.get_class_name(i) for i in range(moves.n_moves)]
    unknown = sorted(set(bias) - {n.split("-", 1)[1] for n in names if "-" in n})
    if unknown:
        raise ValueError(f"start bias for labels the recogniser does not have: {unknown}")
    upper = recogniser.model.get_ref("upper")
    scores_bias = upper.get_param("b").copy()
    for i, name in enumerate(names):
        move, _, label = name.partition("-")
        if move in ("B", "U") and label in bias:
            scores_bias[i] += bias[label]
    upper.set_param("b", scores_bias)


def load_product_kinds(nlp: Language, path: Path) -> PhraseMatcher:
    """A matcher (lower case) for the learned list of kinds of product."""
    raw = json.loads(path.read_text("utf-8"))
    matcher = PhraseMatcher(nlp.vocab, attr="LOWER")
    matcher.add("PRODUCT_KIND", [nlp.make_doc(term) for term in raw["kinds"]])
    return matcher
