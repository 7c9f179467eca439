"""Statements denied, only asked about, called off or merely considered: no fact, or a
hedged plan. A wrong edge in the graph is worse than a missing one. All companies are
invented."""

from __future__ import annotations

import pytest


def facts(result: dict, type_: str) -> list[dict]:
    return [f for f in result["facts"] if f["type"] == type_]


@pytest.mark.parametrize("text", [
    "Velmora Power denied reports that it supplies cells to Castell Motors.",
    "Velmora Power is not a supplier to Castell Motors.",
    "Velmora Power declined to comment on whether it supplies Castell Motors.",
    "Velmora Power told reporters it has no supply agreement with Castell Motors.",
])
def test_a_denied_or_questioned_supply_is_no_fact(extract_text, text):
    assert facts(extract_text(text), "supplies") == []


@pytest.mark.parametrize("text", [
    "Rumors that Helix Holdings will acquire Velmora Power were false.",
    "Helix Holdings walked away from its deal to buy Velmora Power.",
    "Helix Holdings called off its planned acquisition of Velmora Power.",
    "Helix Holdings scrapped its plan to buy Velmora Power.",
])
def test_an_acquisition_denied_or_called_off_is_no_ownership(extract_text, text):
    assert facts(extract_text(text), "owns") == []


def test_a_supply_under_consideration_is_a_hedged_plan(extract_text):
    found = facts(extract_text("Castell Motors is considering buying cells from Velmora Power."),
                  "supplies")
    assert [(f["supplier"], f["customer"], f["status"]) for f in found] == [
        ("Velmora Power", "Castell Motors", "planned")]
    assert found[0]["confidence"] < 0.7


@pytest.mark.parametrize(("text", "type_"), [
    ("Velmora Power supplies cells to Castell Motors, which does not make its own.", "supplies"),
    ("Helix Holdings bought Velmora Power after a rival bid was called off.", "owns"),
])
def test_a_denial_in_another_clause_leaves_the_statement(extract_text, text, type_):
    assert len(facts(extract_text(text), type_)) == 1


@pytest.mark.parametrize("text", [
    "Analysts doubt that Velmora Power supplies Castell Motors.",
    "Velmora Power failed to win a contract to supply Castell Motors.",
    "Velmora Power refused to supply cells to Castell Motors.",
])
def test_a_doubted_failed_or_refused_supply_is_no_fact(extract_text, text):
    assert facts(extract_text(text), "supplies") == []


def test_a_decline_elsewhere_in_the_sentence_denies_nothing(extract_text):
    # "declined" denies only an infinitive that hangs on it ("declined to supply")
    found = facts(extract_text("Velmora Power supplies cells to Castell Motors, though sales"
                               " declined."), "supplies")
    assert [(f["supplier"], f["customer"]) for f in found] == [("Velmora Power", "Castell Motors")]


@pytest.mark.parametrize("text", [
    "If the deal is approved, Velmora Power will supply cells to Castell Motors.",
    "Velmora Power hopes to supply cells to Castell Motors.",
    "Velmora Power wants to become a supplier to Castell Motors.",
])
def test_a_conditional_or_hoped_for_supply_is_a_hedged_plan(extract_text, text):
    found = facts(extract_text(text), "supplies")
    assert [(f["supplier"], f["customer"], f["status"]) for f in found] == [
        ("Velmora Power", "Castell Motors", "planned")]
    assert found[0]["confidence"] < 0.7


def test_a_contract_lost_is_supply_that_ended(extract_text):
    found = facts(extract_text("Velmora Power lost its contract to supply cells to Castell Motors."),
                  "supplies")
    assert [(f["supplier"], f["customer"], f["status"]) for f in found] == [
        ("Velmora Power", "Castell Motors", "ended")]


@pytest.mark.parametrize("text", [
    "Helix Holdings no longer owns Velmora Power.",
    "Velmora Power is no longer a subsidiary of Helix Holdings.",
    "Velmora Power is not a subsidiary of Helix Holdings.",
    "Helix Holdings is no longer the owner of Velmora Power.",
])
def test_ownership_that_no_longer_holds_is_no_fact(extract_text, text):
    # an owns fact states current ownership: the contract has no status to say "ended"
    assert facts(extract_text(text), "owns") == []


def test_a_reported_claim_the_company_denies_elsewhere_is_no_fact(extract_text):
    result = extract_text(
        "Velmora Power on Monday denied a report that it had won an order from Castell Motors.\n\n"
        "The report, citing two people familiar with the matter, said Velmora Power would "
        "provide battery cells for the Castell Motors Vega 13.")
    assert facts(result, "supplies") == []


def test_a_denial_leaves_what_the_writer_states(extract_text):
    result = extract_text(
        "Velmora Power on Monday denied a report that it had won an order from Castell Motors. "
        "Velmora Power supplies battery cells to Ardent Motors Inc.")
    assert [(f["supplier"], f["customer"]) for f in facts(result, "supplies")] == [
        ("Velmora Power", "Ardent Motors Inc.")]


CLAIM = ("Notes.\n\nHarlan Audio Ltd. sells earbuds. Last year a broadcaster reported that Harlan "
         "Audio Ltd. used chips from Taviro Semiconductor Inc. in its earbuds. ")


def reported_supplies(result: dict) -> list[tuple[str, str]]:
    return [(f["supplier"], f["customer"]) for f in facts(result, "supplies")]


@pytest.mark.parametrize("contradiction", [
    "Harlan Audio Ltd. told us it had never sourced from Taviro Semiconductor Inc.",
    "Taviro Semiconductor Inc. told us it has never supplied Harlan Audio Ltd.",
    "Taviro Semiconductor Inc. does not make chips for Harlan Audio Ltd.",
])
def test_a_reported_supply_the_story_contradicts_is_no_fact(extract_text, contradiction):
    assert reported_supplies(extract_text(CLAIM + contradiction)) == []


def test_a_supply_that_ended_is_no_contradiction(extract_text):
    result = extract_text(CLAIM + "Harlan Audio Ltd. has not bought chips from Taviro "
                          "Semiconductor Inc. since the recall.")
    assert reported_supplies(result) == [("Taviro Semiconductor Inc.", "Harlan Audio Ltd.")]
