"""Settings of the LLM extractor: declared, read from the environment, checked with
messages that name the variable to set; the local extractor stays the default."""

from __future__ import annotations

import pytest

from supplywatch.extract import EXTRACTOR_KINDS, load_extractor
from supplywatch.extract.llm import LlmConfigError, LlmExtractor
from supplywatch.extract.llm.extractor import extractor_version
from supplywatch.extract.llm.prompt import load_prompt, parse_prompt
from supplywatch.model import Document
from supplywatch.settings import SETTINGS, Settings

LLM_SETTINGS = ("llm_url", "llm_model", "llm_api_key", "llm_timeout", "llm_max_chars")


def test_llm_settings_are_declared_with_help_and_read_from_the_environment():
    declared = {s.name: s for s in SETTINGS}
    for name in LLM_SETTINGS:
        assert declared[name].help
        assert declared[name].default == getattr(Settings(), name)
    settings = Settings.load({"SUPPLYWATCH_LLM_URL": "http://127.0.0.1:9/v1",
                              "SUPPLYWATCH_LLM_MODEL": "m", "SUPPLYWATCH_LLM_API_KEY": "sk-secret",
                              "SUPPLYWATCH_LLM_TIMEOUT": "2.5", "SUPPLYWATCH_LLM_MAX_CHARS": "800"})
    assert (settings.llm_url, settings.llm_model, settings.llm_api_key) == (
        "http://127.0.0.1:9/v1", "m", "sk-secret")
    assert (settings.llm_timeout, settings.llm_max_chars) == (2.5, 800)
    assert "sk-secret" not in repr(settings)


@pytest.mark.parametrize(("env", "names"), [
    ({}, "SUPPLYWATCH_LLM_URL"),
    ({"SUPPLYWATCH_LLM_URL": "http://127.0.0.1:9/v1"}, "SUPPLYWATCH_LLM_MODEL"),
    ({"SUPPLYWATCH_LLM_URL": "127.0.0.1:9", "SUPPLYWATCH_LLM_MODEL": "m"}, "SUPPLYWATCH_LLM_URL"),
    ({"SUPPLYWATCH_LLM_URL": "http://h/v1", "SUPPLYWATCH_LLM_MODEL": "m",
      "SUPPLYWATCH_LLM_MAX_CHARS": "100"}, "SUPPLYWATCH_LLM_MAX_CHARS"),
    ({"SUPPLYWATCH_LLM_URL": "http://h/v1", "SUPPLYWATCH_LLM_MODEL": "m",
      "SUPPLYWATCH_LLM_TIMEOUT": "-1"}, "SUPPLYWATCH_LLM_TIMEOUT"),
])
def test_missing_or_bad_settings_name_the_variable_to_set(env, names):
    with pytest.raises(LlmConfigError) as caught:
        load_extractor(Settings.load(env), "llm")
    assert names in str(caught.value)
    assert "\n" not in str(caught.value)


def test_load_extractor_picks_the_llm_extractor_without_calling_it(llm_settings, llm_server):
    extractor = load_extractor(llm_settings, "llm")
    assert isinstance(extractor, LlmExtractor)
    assert extractor.config.base_url == llm_server.url
    assert llm_server.requests == []  # nothing is sent until there is a document
    assert EXTRACTOR_KINDS == ("local", "llm")


def test_an_unknown_kind_is_refused():
    from supplywatch.errors import SupplywatchError

    with pytest.raises(SupplywatchError, match="choose one of local, llm"):
        load_extractor(Settings(), "oracle")


def test_the_version_fits_the_store_and_long_model_names_stay_apart():
    short = extractor_version("facts-v1", "gpt-4o-mini")
    assert short == "1.0.0+facts-v1+gpt-4o-mini"
    a = extractor_version("facts-v1", "meta-llama/Meta-Llama-3.1-70B-Instruct-Turbo-128k-a")
    b = extractor_version("facts-v1", "meta-llama/Meta-Llama-3.1-70B-Instruct-Turbo-128k-b")
    assert len(a) <= 50 and len(b) <= 50 and a != b
    assert a.startswith("1.0.0+facts-v1+meta-llama/")


def test_the_prompt_file_fills_in_the_document():
    prompt = load_prompt()
    doc = Document.from_text("Acme buys {braces} from Bolt.", "a.txt", title="Acme deal",
                             published="2025-01-02")
    system, user = prompt.messages(doc, doc.text, 2, 3)
    assert system["content"] == prompt.system and "EVIDENCE" in prompt.system
    assert "{braces}" in user["content"] and "Acme deal" in user["content"]
    assert "2025-01-02" in user["content"] and "Part 2 of 3" in user["content"]
    assert "#" not in prompt.system.splitlines()[0]  # comment lines are not sent
    with pytest.raises(ValueError, match="section"):
        parse_prompt("broken", "=== system ===\nonly a system message\n")
