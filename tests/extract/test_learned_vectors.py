"""The learned recogniser's static word vectors: read from the installed package named in
`models/ner/vectors.json` (nothing downloaded), checked, and harmless to the base pipeline."""

from __future__ import annotations

import json
import shutil

import pytest

from supplywatch.errors import ModelNotInstalled
from supplywatch.extract import LearnedModels
from supplywatch.extract.learned import VECTORS_FILE, add_learned_ner
from supplywatch.extract.spacy_model import load_base_pipeline, load_static_vectors

TEXT = ("Kestrel Fluid Systems makes gate valves and flow meters in Ohio. Its largest customer, "
        "Norvane Chemicals Inc., bought 4,000 valves in 2024.")


def declared() -> dict:
    return json.loads((LearnedModels.packaged().ner / VECTORS_FILE).read_text("utf-8"))


def test_shipped_recogniser_gets_the_vectors_it_was_trained_with(extractor):
    wanted = declared()
    vectors = extractor.nlp.vocab.vectors
    assert vectors.shape == tuple(wanted["shape"])
    assert extractor.nlp.vocab["valves"].has_vector
    assert not extractor.nlp.vocab["xqzvbnwrt"].has_vector


def test_vectors_are_read_without_their_strings():
    # Looked up by hash: the md vocabulary's 684,830 strings would cost every process
    # (and every Dask worker) about 150 MB for nothing.
    wanted = declared()
    vectors = load_static_vectors(wanted["model"], wanted["version"], tuple(wanted["shape"]))
    assert len(vectors.strings) == 0
    assert vectors.n_keys > vectors.shape[0]  # every spelling still finds its row


def _copy_with(tmp_path, **changes):
    folder = tmp_path / "ner"
    shutil.copytree(LearnedModels.packaged().ner, folder)
    (folder / VECTORS_FILE).write_text(json.dumps({**declared(), **changes}), "utf-8")
    return folder


def test_missing_vectors_say_how_to_install_them(tmp_path):
    folder = _copy_with(tmp_path, version="0.0.1")
    with pytest.raises(ModelNotInstalled, match=r"not installed.*make install"):
        add_learned_ner(load_base_pipeline(), folder)


def test_vectors_of_another_shape_are_refused(tmp_path):
    rows, width = declared()["shape"]
    folder = _copy_with(tmp_path, shape=[rows, width + 1])
    with pytest.raises(ModelNotInstalled, match=r"trained with"):
        add_learned_ner(load_base_pipeline(), folder)


def test_vectors_change_nothing_the_base_pipeline_reads():
    # The rules read the base pipeline's tags, parse and entities: the vectors the learned
    # recogniser needs share its vocab, and must not move any of them.
    nlp = load_base_pipeline()
    before = nlp(TEXT)
    wanted = declared()
    nlp.vocab.vectors = load_static_vectors(wanted["model"], wanted["version"], tuple(wanted["shape"]))
    after = nlp(TEXT)
    assert [(t.tag_, t.dep_, t.head.i) for t in after] == [(t.tag_, t.dep_, t.head.i) for t in before]
    assert [(e.text, e.label_) for e in after.ents] == [(e.text, e.label_) for e in before.ents]
