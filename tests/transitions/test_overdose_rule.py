"""The pure overdose-safety rule (transitions/overdose.py, DESIGN §5.11): no database."""

from __future__ import annotations

from dataclasses import dataclass, replace

import pytest

from transitions.overdose import OverdoseProblem, overdose_safety_problems


@dataclass(frozen=True)
class Note:
    naloxone: str = "yes"
    tolerance_talk: bool = True
    first_72h_who: str = "Anders Ambulant"
    first_72h_when: str = "Dagen efter udskrivning kl. 10"
    first_72h_unreachable: str = "Opsøgende besøg samme dag."


def test_a_complete_note_lacks_nothing():
    assert overdose_safety_problems(Note(), drug_case=True) == []


def test_an_empty_note_lacks_everything_in_form_order():
    empty = Note("", False, "", "", "")
    assert overdose_safety_problems(empty, drug_case=True) == list(OverdoseProblem)


def test_an_alcohol_case_is_never_asked():
    assert overdose_safety_problems(Note("", False, "", "", ""), drug_case=False) == []


@pytest.mark.parametrize("answer", ["yes", "no", "declined"])
def test_every_naloxone_answer_counts(answer):
    assert overdose_safety_problems(Note(naloxone=answer), drug_case=True) == []


@pytest.mark.parametrize(
    ("change", "problem"),
    [
        ({"naloxone": ""}, OverdoseProblem.NALOXONE),
        ({"naloxone": "maybe"}, OverdoseProblem.NALOXONE),
        ({"tolerance_talk": False}, OverdoseProblem.TOLERANCE_TALK),
        ({"first_72h_who": "  "}, OverdoseProblem.FIRST_72H_WHO),
        ({"first_72h_when": ""}, OverdoseProblem.FIRST_72H_WHEN),
        ({"first_72h_unreachable": "\n"}, OverdoseProblem.FIRST_72H_UNREACHABLE),
    ],
)
def test_each_missing_part_is_named_alone(change, problem):
    assert overdose_safety_problems(replace(Note(), **change), drug_case=True) == [problem]
