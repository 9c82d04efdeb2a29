"""The pure handover rules (transitions/readiness.py): no database."""

from __future__ import annotations

from dataclasses import replace

import pytest

from transitions.overdose import OverdoseProblem
from transitions.readiness import (
    ConfirmationFacts,
    ConfirmationProblem,
    Missing,
    ReadinessFacts,
    confirmation_problems,
    is_drug_case,
    is_non_trivial,
    readiness_applies,
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
    assert readiness_missing(facts) == [m for m in Missing if m is not Missing.OVERDOSE_SAFETY]


def test_nothing_done_in_a_drug_case_lists_all_six_in_display_order():
    facts = ReadinessFacts(False, False, 0, False, False, drug_case=True)
    assert readiness_missing(facts) == list(Missing)


def test_a_drug_case_is_ready_once_its_note_has_the_overdose_safety():
    assert readiness_missing(replace(READY, drug_case=True)) == []


def test_a_drug_case_note_without_the_overdose_safety_is_missing_it():
    facts = replace(
        READY,
        drug_case=True,
        overdose_safety_missing=(OverdoseProblem.NALOXONE, OverdoseProblem.FIRST_72H_WHEN),
    )
    assert readiness_missing(facts) == [Missing.OVERDOSE_SAFETY]


def test_an_alcohol_case_is_never_asked_the_overdose_safety():
    facts = replace(READY, overdose_safety_missing=(OverdoseProblem.NALOXONE,))
    assert readiness_missing(facts) == []
    assert not readiness_applies(Missing.OVERDOSE_SAFETY, drug_case=False)
    assert readiness_applies(Missing.OVERDOSE_SAFETY, drug_case=True)


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
        # SEL § 101 a is anonymous drug treatment (cases.legal_bases: drug).
        ("SEL101A", ["alcohol"], True),
        ("SEL101A", ["cocaine"], True),
    ],
)
def test_overdose_risk_is_asked_in_drug_cases(legal_basis, substances, expected):
    assert is_drug_case(legal_basis, substances) is expected
