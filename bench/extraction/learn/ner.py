"""Fine-tune a copy of the base pipeline's NER (its own tok2vec included) on DFKI."""

from __future__ import annotations

import json
import random
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import spacy
from spacy.language import Language
from spacy.training import Example
from spacy.util import fix_random_seed, minibatch
from thinc.api import Optimizer

from supplywatch.extract.learned import VECTORS_FILE

# The pipeline whose NER (its own tok2vec included) is fine-tuned: en_core_web_md, for its
# static word vectors (5-fold CV on DFKI in bench/extraction/README.md), or "sm", the base
# pipeline itself.
BASES = {"md": ("core_web_md", "3.8.0"), "sm": None}


def base_pipeline(base: str = "md") -> Language:
    from supplywatch.extract.spacy_model import find_pipeline, load_base_pipeline

    wanted = BASES[base]
    if wanted is None:
        return load_base_pipeline()
    folder = find_pipeline(*wanted)
    if folder is None:
        raise SystemExit(f"en_{wanted[0]} {wanted[1]} is not installed: run `make install`")
    return spacy.load(folder)


@dataclass(frozen=True)
class NerConfig:
    epochs: int = 20
    batch_size: int = 8
    dropout: float = 0.2
    learn_rate: float = 0.001
    seed: int = 13
    chunk_chars: int = 0  # 0: one example per document; else per paragraph (corpus.paragraphs)
    case_share: float = 0.0  # share of examples also given in capitals and title case
    # Keep the base model's other labels (PERSON, GPE ...) by rehearsal. Without it the
    # recogniser scores a little higher on DFKI in 5-fold CV but forgets companies in short
    # news sentences ("Kovax Appliances sells heaters."): bench/extraction/README.md.
    rehearse: bool = True
    base: str = "md"  # see BASES
    # Recall summaries rehearsed with all the base model's labels (corpus.news_examples);
    # only with `rehearse`.
    news_rehearsal: int = 500
    # Share of the documents also given with their companies renamed (corpus.renamed):
    # the recogniser then has to read companies from context, not remember their names.
    rename_share: float = 0.0


def fine_tune(nlp: Language, examples: Sequence[Example], config: NerConfig, log=print) -> Optimizer:
    """Update only the `ner` component (and the tok2vec inside it) on `examples`; returns
    the optimizer, whose parameter averages are what gets saved."""
    fix_random_seed(config.seed)
    rng = random.Random(config.seed)
    data = list(examples)
    with nlp.select_pipes(enable=["ner"]):
        optimizer = nlp.resume_training()
        optimizer.learn_rate = config.learn_rate
        for epoch in range(config.epochs):
            rng.shuffle(data)
            losses: dict[str, float] = {}
            start = time.perf_counter()
            for batch in minibatch(data, size=config.batch_size):
                nlp.update(batch, drop=config.dropout, sgd=optimizer, losses=losses)
            log(f"  epoch {epoch + 1}/{config.epochs}: loss {losses.get('ner', 0):.0f} "
                f"({time.perf_counter() - start:.0f}s)")
    return optimizer


def save_ner(nlp: Language, optimizer: Optimizer, path: Path) -> None:
    """The component's weights (averaged over training) and the config to rebuild it."""
    path.mkdir(parents=True, exist_ok=True)
    config = {k: v for k, v in nlp.config["components"]["ner"].items() if k != "factory"}
    with nlp.use_params(optimizer.averages):
        nlp.get_pipe("ner").to_disk(path, exclude=["vocab"])
    vectors = nlp.vocab.vectors
    if vectors.shape[0] and _uses_static_vectors(config):
        meta = nlp.meta
        (path / VECTORS_FILE).write_text(json.dumps(
            {"model": meta["name"], "version": meta["version"], "shape": list(vectors.shape)}) + "\n",
            "utf-8")
    (path / "component.json").write_text(json.dumps(config, indent=1, sort_keys=True) + "\n", "utf-8")


def _uses_static_vectors(config: dict) -> bool:
    """Whether a component config's model reads the vocab's static vectors."""
    return any(k == "include_static_vectors" and v is True for k, v in _items(config))


def _items(config: dict):
    for key, value in config.items():
        if isinstance(value, dict):
            yield from _items(value)
        else:
            yield key, value
