"""The pure handover rules (transitions/readiness.py): no database."""

from __future__ import annotations

import pytest

from transitions.readiness import (
    ConfirmationFacts,
    ConfirmationProblem,
    Missing,
    ReadinessFacts,
    confirmation_problems,
    is_drug_case,
    is_non_trivial,
    readiness_missing,
)

READY = ReadinessFacts(
    has_outpatient_therapist=True,
    has_first_appointment=True,
    meetings_held=1,
    has_before_discharge_note=True,
    final_checkin_done=True,
)


def test_everything_done_means_nothing_missing():
    assert readiness_missing(READY) == []


def test_nothing_done_lists_all_five_in_display_order():
    facts = ReadinessFacts(False, False, 0, False, False)
    assert readiness_missing(facts) == list(Missing)


@pytest.mark.parametrize(
    ("change", "missing"),
    [
        ({"has_outpatient_therapist": False}, Missing.OUTPATIENT_THERAPIST),
        ({"has_first_appointment": False}, Missing.FIRST_APPOINTMENT),
        ({"meetings_held": 0}, Missing.MEETING_HELD),
        ({"has_before_discharge_note": False}, Missing.BEFORE_DISCHARGE_NOTE),
        ({"final_checkin_done": False}, Missing.FINAL_CHECKIN),
    ],
)
def test_each_missing_item_is_reported_alone(change, missing):
    facts = ReadinessFacts(**{**READY.__dict__, **change})
    assert readiness_missing(facts) == [missing]


SITUATION = "Borgeren har boet på Sydgården i tolv uger og er stabil, men bekymret for boligen."
ACTIONS = "Samtale hver uge i otte uger, bostøtte søges, opfølgning med jobcentret i maj."
CONTINGENCY = "Ved tilbagefald ringer borgeren til mig samme dag; ellers akuttelefonen."


def facts(**change):
    base = dict(
        is_named_receiver=True,
        status="handed_over",
        has_before_discharge_note=True,
        has_acknowledged_note=True,
        situation=SITUATION,
        actions=ACTIONS,
        contingency=CONTINGENCY,
    )
    return ConfirmationFacts(**{**base, **change})


def test_named_receiver_with_three_real_texts_may_confirm():
    assert confirmation_problems(facts()) == []


@pytest.mark.parametrize(
    ("change", "problem"),
    [
        ({"is_named_receiver": False}, ConfirmationProblem.NOT_NAMED_RECEIVER),
        ({"status": "completed"}, ConfirmationProblem.ALREADY_COMPLETED),
        ({"status": "cancelled"}, ConfirmationProblem.CANCELLED),
        ({"has_before_discharge_note": False}, ConfirmationProblem.NO_BEFORE_DISCHARGE_NOTE),
        ({"has_acknowledged_note": False}, ConfirmationProblem.NOTE_NOT_ACKNOWLEDGED),
        ({"situation": "ok"}, ConfirmationProblem.SITUATION_TRIVIAL),
        ({"actions": "se planen"}, ConfirmationProblem.ACTIONS_TRIVIAL),
        ({"contingency": "   "}, ConfirmationProblem.CONTINGENCY_TRIVIAL),
    ],
)
def test_confirmation_is_refused_with_the_reason(change, problem):
    assert problem in confirmation_problems(facts(**change))


def test_the_same_text_in_all_three_boxes_is_not_a_synthesis():
    problems = confirmation_problems(
        facts(situation=SITUATION, actions=SITUATION, contingency=SITUATION)
    )
    assert problems == [ConfirmationProblem.COPIED]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("ok", False),
        ("Læst.", False),
        ("Se ovenfor", False),
        ("kort tekst", False),
        ("aaaaaaaaaaaaaaaaaaaaaaaaaaaaaa", False),  # one long word is not a synthesis
        ("Borgeren er stabil og har en plan for weekenderne.", True),
    ],
)
def test_non_trivial_text(text, expected):
    assert is_non_trivial(text) is expected


@pytest.mark.parametrize(
    ("legal_basis", "substances", "expected"),
    [
        ("SEL101", ["cannabis"], True),
        ("BL33", [], True),
        ("SUL142", ["opioids"], True),
        ("SUL141", ["alcohol"], False),
        ("SUL141", ["alcohol", "benzodiazepines"], True),
        ("SEL101A", ["alcohol"], False),
        ("SEL101A", ["cocaine"], True),
    ],
)
def test_overdose_risk_is_asked_in_drug_cases(legal_basis, substances, expected):
    assert is_drug_case(legal_basis, substances) is expected
