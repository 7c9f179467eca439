"""The LLM extractor against the stand-in server: answers become contract facts with
verified spans; what the text does not support is dropped."""

from __future__ import annotations

import json

from supplywatch.extract.llm import LLM_EXTRACTOR_NAME, PROMPT_VERSION
from supplywatch.model import FACT_FIELDS, FACTS_SCHEMA


def _by_type(extraction) -> dict[str, list]:
    out: dict[str, list] = {}
    for fact in extraction.facts:
        out.setdefault(fact.type, []).append(fact)
    return out


def test_a_good_answer_becomes_contract_facts_with_spans(llm_server, make_extractor, load_article):
    llm_server.load("corvane")
    doc = load_article("corvane-tessaly.txt")

    extraction = make_extractor(llm_server.url).extract(doc)

    facts = _by_type(extraction)
    (supplies,) = facts["supplies"]
    assert supplies.args == {"supplier": "Tessaly Drives", "customer": "Corvane Robotics",
                             "component": "servo motors", "product": None, "quantity": 120000,
                             "status": "planned"}
    (owns,) = facts["owns"]
    assert owns.args == {"parent": "Brightfield Group", "child": "Tessaly Drives", "share": 0.6}
    assert facts["makes"][0].args == {"company": "Corvane Robotics", "product": "CR-9"}
    for fact in extraction.facts:
        start, end = fact.span
        assert doc.text[start:end] == fact.evidence
    assert doc.text[slice(*supplies.span)].startswith("Warehouse robot maker Corvane Robotics")
    assert extraction.extractor == LLM_EXTRACTOR_NAME


def test_evidence_reflowed_by_the_model_is_mapped_back_to_the_original_text(
        llm_server, make_extractor, load_article):
    llm_server.load("corvane")
    doc = load_article("corvane-tessaly.txt")

    (partnership,) = _by_type(make_extractor(llm_server.url).extract(doc))["partnership"]

    # The text breaks this sentence across two lines; the model answered with one space.
    assert partnership.evidence == (
        "Corvane and the Osaka-based Hinoki Systems also announced a partnership to jointly "
        "develop\nbattery swapping stations for warehouse fleets.")
    assert doc.text[slice(*partnership.span)] == partnership.evidence
    assert partnership.args["parties"] == ["Corvane Robotics", "Hinoki Systems"]


def test_facts_whose_evidence_is_not_in_the_text_are_dropped(llm_server, make_extractor,
                                                              load_article):
    llm_server.load("corvane")
    extractor = make_extractor(llm_server.url)

    extraction, drops = extractor.read(load_article("corvane-tessaly.txt"))

    assert sorted(f.type for f in extraction.facts) == ["makes", "owns", "partnership", "supplies"]
    assert not any("Hinoki" in n for f in extraction.facts if f.type == "supplies"
                   for _, n in f.names())
    assert drops.counts["evidence not in text"] == 2  # the made-up one, the one cut with "..."
    assert "battery packs" not in {e.name for e in extraction.entities}
    assert extractor.drops.counts == drops.counts  # the run's tally


def test_entities_use_canonical_names_and_mentions_found_in_the_text(
        llm_server, make_extractor, load_article):
    llm_server.load("corvane")
    doc = load_article("corvane-tessaly.txt")

    extraction, drops = make_extractor(llm_server.url).read(doc)

    by_name = {e.name: e for e in extraction.entities}
    assert "Zentrix Motors" not in by_name  # listed by the model, never named by the text
    assert drops.counts["entity not in text"] == 1
    corvane = by_name["Corvane Robotics"]
    assert corvane.type == "company" and corvane.aliases == ["Corvane"]
    assert [doc.text[a:b] for a, b in corvane.mentions] == [
        "Corvane Robotics", "Corvane Robotics", "Corvane", "Corvane"]
    assert [doc.text[a:b] for a, b in by_name["Brightfield Group"].mentions] == ["Brightfield Group"]
    assert by_name["servo motors"].type == "component"
    assert [e.id for e in extraction.entities] == [f"e{n}" for n in range(1, len(by_name) + 1)]
    firsts = [e.mentions[0][0] for e in extraction.entities]
    assert firsts == sorted(firsts)  # numbered in order of first mention, like the local one
    names = {n for f in extraction.facts for _, n in f.names()}
    assert names <= set(by_name)


def test_the_contract_line_has_the_local_extractors_shape(llm_server, make_extractor,
                                                          load_article):
    llm_server.load("lumora")
    line = json.loads(json.dumps(make_extractor(llm_server.url).extract(
        load_article("lumora-recall.txt")).contract()))

    assert line["schema"] == FACTS_SCHEMA
    assert line["document"]["path"] == "lumora-recall.txt"
    for fact in line["facts"]:
        keys = list(fact)
        assert keys[:len(FACT_FIELDS[fact["type"]]) + 1] == ["type", *FACT_FIELDS[fact["type"]]]
        assert keys[-3:] == ["evidence", "span", "confidence"]
        assert isinstance(fact["span"], list) and 0 <= fact["confidence"] <= 1
    (recall,) = [f for f in line["facts"] if f["type"] == "recall"]
    assert recall["products"] == ["Lumora K-7"] and recall["units"] == 48000
    assert recall["cause"] == "Danforth Components" and recall["date"] == "2025-03-03"


def test_the_request_is_an_openai_chat_completion_at_temperature_zero(
        llm_server, make_extractor, load_article):
    llm_server.load("corvane")
    doc = load_article("corvane-tessaly.txt")
    make_extractor(llm_server.url).extract(doc)

    (request,) = llm_server.requests
    assert request["path"] == "/v1/chat/completions"
    assert request["headers"]["Authorization"] == "Bearer sk-test-replay"
    body = request["json"]
    assert body["model"] == "replay-1" and body["temperature"] == 0
    assert body["response_format"] == {"type": "json_object"}
    system, user = body["messages"]
    assert system["role"] == "system" and "character for character" in system["content"]
    for fact_type in FACT_FIELDS:
        assert f'type "{fact_type}"' in system["content"]
    assert doc.text in user["content"]


def test_no_key_means_no_authorization_header(llm_server, make_extractor, load_article):
    llm_server.load("corvane")
    make_extractor(llm_server.url, api_key="").extract(load_article("corvane-tessaly.txt"))
    assert "Authorization" not in llm_server.requests[0]["headers"]


def test_long_documents_go_in_pieces_and_come_back_as_one(llm_server, make_extractor,
                                                          load_article):
    llm_server.load("corvane-pieces")
    doc = load_article("corvane-tessaly.txt")

    extraction = make_extractor(llm_server.url, max_chars=500).extract(doc)

    assert len(llm_server.requests) == 2
    assert all(len(r["json"]["messages"][1]["content"]) < 500 + 200 for r in llm_server.requests)
    # "Corvane" in piece 2 is the "Corvane Robotics" of piece 1: one entity, one name.
    assert [e.name for e in extraction.entities if e.type == "company"] == [
        "Corvane Robotics", "Tessaly Drives", "Marlow Research"]
    (makes,) = [f for f in extraction.facts if f.type == "makes"]
    assert makes.args["company"] == "Corvane Robotics"
    assert doc.text[slice(*makes.span)] == makes.evidence  # offsets of the whole document
    assert makes.span[0] > 460
    # Piece 2's answer repeats a fact from piece 1 whose evidence it never saw: dropped.
    assert [f.type for f in extraction.facts] == ["supplies", "makes"]


def test_version_names_the_prompt_and_the_model(llm_server, make_extractor):
    extractor = make_extractor(llm_server.url)
    assert PROMPT_VERSION in extractor.version and "replay-1" in extractor.version
    assert extractor.name == "supplywatch.llm"
