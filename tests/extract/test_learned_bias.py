"""The learned recogniser's start bias (`models/ner/start_bias.json`): a per-label shift
of its scores for starting a name, chosen by cross-validation, read at load time."""

from __future__ import annotations

import json
import shutil

import pytest

from supplywatch.errors import ModelNotInstalled
from supplywatch.extract import LearnedModels
from supplywatch.extract.learned import LEARNED_NER, START_BIAS_FILE, add_learned_ner
from supplywatch.extract.spacy_model import load_base_pipeline

# Invented companies and products.
TEXT = ("Brelford Instruments introduced the Quarro T4 thermal camera and the Vessix handheld "
        "analyser this spring. Its distributor Halmont Supply also stocks Brelford's Pyra gauge "
        "series, pressure transmitters and calibration software.")


def recogniser_folder(tmp_path, bias: dict | None):
    folder = tmp_path / "ner"
    shutil.copytree(LearnedModels.packaged().ner, folder)
    (folder / START_BIAS_FILE).unlink(missing_ok=True)
    if bias is not None:
        (folder / START_BIAS_FILE).write_text(json.dumps({"bias": bias}), "utf-8")
    return folder


def names(folder, label: str) -> list[str]:
    nlp = add_learned_ner(load_base_pipeline(), folder)
    doc = nlp(TEXT)
    return [span.text for span in doc.spans[LEARNED_NER] if span.label_ == label]


def test_start_bias_moves_how_many_names_of_its_label_are_tagged(tmp_path):
    plain = names(recogniser_folder(tmp_path / "plain", None), "PRODUCT")
    eager = names(recogniser_folder(tmp_path / "eager", {"PRODUCT": 6.0}), "PRODUCT")
    shy = names(recogniser_folder(tmp_path / "shy", {"PRODUCT": -30.0}), "PRODUCT")
    assert plain, "the recogniser should tag some of these products unbiased"
    assert len(eager) > len(plain)
    assert shy == []


def test_start_bias_leaves_other_labels_to_the_model(tmp_path):
    plain = names(recogniser_folder(tmp_path / "plain", None), "ORG")
    shy_products = names(recogniser_folder(tmp_path / "shy", {"PRODUCT": -30.0}), "ORG")
    assert "Brelford Instruments" in plain
    assert "Brelford Instruments" in shy_products


def test_start_bias_for_a_label_the_recogniser_lacks_is_refused(tmp_path):
    folder = recogniser_folder(tmp_path, {"GADGET": 1.0})
    with pytest.raises(ModelNotInstalled, match=r"GADGET.*rebuild"):
        add_learned_ner(load_base_pipeline(), folder)
