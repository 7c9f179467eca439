"""Talking to the endpoint: retries that honour Retry-After, and errors that say what to do."""

from __future__ import annotations

import email.utils
import time

import pytest

from supplywatch.errors import SkipInput
from supplywatch.extract.llm import LlmAuthError, LlmRequestRejected, LlmUnavailable
from supplywatch.extract.llm.client import retry_after
from supplywatch.model import Document

HALVARD = "Halvard Tools will supply drill chucks to Benmore Hardware from June."


def test_rate_limit_waits_as_told_then_succeeds(llm_server, make_extractor, slept):
    llm_server.load("http")

    (fact,) = make_extractor(llm_server.url).extract(Document.from_text(HALVARD, "h.txt")).facts

    assert slept == [7.0]  # the server's Retry-After, not the default backoff
    assert len(llm_server.requests) == 2
    assert (fact.args["supplier"], fact.args["status"]) == ("Halvard Tools", "planned")


def test_server_errors_back_off_exponentially(llm_server, make_extractor, slept):
    llm_server.load("http")
    doc = Document.from_text("Dorrit Mills is wholly owned by Dorrit Holdings.", "d.txt")

    extraction = make_extractor(llm_server.url, backoff=0.5).extract(doc)

    assert slept == [0.5, 1.0]  # after the 503, after the 502
    (fact,) = extraction.facts
    assert fact.args == {"parent": "Dorrit Holdings", "child": "Dorrit Mills", "share": 1.0}
    assert {e.name for e in extraction.entities} == {"Dorrit Holdings", "Dorrit Mills"}


def test_a_retry_after_longer_than_we_wait_fails_at_once(llm_server, make_extractor, slept):
    llm_server.load("http")
    doc = Document.from_text("Tamsin Textiles weaves cotton.", "t.txt")

    with pytest.raises(LlmUnavailable, match="asks to wait 3600 s") as caught:
        make_extractor(llm_server.url).extract(doc)

    assert "exceeded your current quota" in str(caught.value)
    assert slept == [] and len(llm_server.requests) == 1


def test_retries_run_out_with_a_clear_error(llm_server, make_extractor, slept):
    llm_server.load("http")
    doc = Document.from_text("Dorrit Mills is wholly owned by Dorrit Holdings.", "d.txt")

    with pytest.raises(LlmUnavailable, match="failed 2 times") as caught:
        make_extractor(llm_server.url, attempts=2).extract(doc)

    assert "HTTP 502" in str(caught.value) and "SUPPLYWATCH_LLM_URL" in str(caught.value)
    assert len(slept) == 1


def test_a_refused_key_says_which_variable_to_set(llm_server, make_extractor, slept):
    llm_server.load("http")
    doc = Document.from_text("Penwick Audio makes speakers.", "p.txt")

    with pytest.raises(LlmAuthError) as caught:
        make_extractor(llm_server.url).extract(doc)

    message = str(caught.value)
    assert "HTTP 401" in message and "Incorrect API key" in message
    assert "SUPPLYWATCH_LLM_API_KEY" in message
    assert not isinstance(caught.value, SkipInput)  # every document would fail: stop the run
    assert slept == []  # not retried


def test_server_down_is_a_clear_error_after_retries(closed_port_url, make_extractor, slept):
    doc = Document.from_text("Nobody is listening.", "n.txt")

    with pytest.raises(LlmUnavailable) as caught:
        make_extractor(closed_port_url, attempts=3).extract(doc)

    message = str(caught.value)
    assert "connection failed (ConnectError" in message and closed_port_url in message
    assert "SUPPLYWATCH_LLM_URL" in message
    assert slept == [1.0, 2.0]


def test_a_slow_answer_times_out_and_is_retried(llm_server, make_extractor, slept):
    llm_server.load("http")
    doc = Document.from_text("Wexley Optics makes the Wexley W-4 rangefinder.", "w.txt")

    started = time.monotonic()
    (fact,) = make_extractor(llm_server.url, timeout=0.3).extract(doc).facts

    assert time.monotonic() - started < 0.95  # did not wait out the 1 s reply
    assert fact.args == {"company": "Wexley Optics", "product": "Wexley W-4"}
    assert len(slept) == 1


def test_a_rejected_request_skips_only_that_document(llm_server, make_extractor):
    llm_server.load("http")
    doc = Document.from_text("Rook Valves makes valves.", "r.txt")

    with pytest.raises(LlmRequestRejected) as caught:
        make_extractor(llm_server.url).extract(doc)

    assert isinstance(caught.value, SkipInput) and caught.value.source == "r.txt"
    assert "maximum context length" in caught.value.message
    assert "SUPPLYWATCH_LLM_MAX_CHARS" in caught.value.message


def test_a_wrong_path_is_a_configuration_error(llm_server, make_extractor):
    from supplywatch.extract.llm import LlmConfigError

    with pytest.raises(LlmConfigError, match="SUPPLYWATCH_LLM_URL"):
        make_extractor(llm_server.base + "/wrong").extract(Document.from_text("x y", "x.txt"))


def test_retry_after_reads_seconds_and_http_dates():
    assert retry_after("12") == 12.0
    assert retry_after(" 1.5 ") == 1.5
    assert retry_after(None) is None and retry_after("soon") is None
    later = email.utils.formatdate(time.time() + 30, usegmt=True)
    assert 25 <= retry_after(later) <= 30
    assert retry_after(email.utils.formatdate(time.time() - 60, usegmt=True)) == 0.0
