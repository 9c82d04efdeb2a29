"""Overdose safety in the before-discharge note (DESIGN §5.11): a pure rule, no Django.

Tolerance falls during residential treatment, and a relapse in the first weeks after discharge is
the most dangerous moment. For a drug case the before-discharge note therefore records whether
naloxone was offered and handed out (or declined), that the talk about the lowered tolerance was
held, and a plan for the first 72 hours: who contacts the citizen, when, and what happens if they
cannot be reached. Alcohol cases are not asked.
"""

from __future__ import annotations

import enum
from typing import Protocol

NALOXONE_ANSWERS = frozenset({"yes", "no", "declined"})


class OverdoseProblem(enum.StrEnum):
    """One missing part of the overdose safety; the value is the note's field."""

    NALOXONE = "naloxone"
    TOLERANCE_TALK = "tolerance_talk"
    FIRST_72H_WHO = "first_72h_who"
    FIRST_72H_WHEN = "first_72h_when"
    FIRST_72H_UNREACHABLE = "first_72h_unreachable"


class OverdoseSafety(Protocol):
    """What the rule reads of a note (a StatusNote, or any object with these attributes)."""

    @property
    def naloxone(self) -> str: ...
    @property
    def tolerance_talk(self) -> bool: ...
    @property
    def first_72h_who(self) -> str: ...
    @property
    def first_72h_when(self) -> str: ...
    @property
    def first_72h_unreachable(self) -> str: ...


def overdose_safety_problems(note: OverdoseSafety, *, drug_case: bool) -> list[OverdoseProblem]:
    """What the before-discharge note of a drug case lacks, in form order. Empty for an alcohol
    case, and for a drug case whose note answers every part."""
    if not drug_case:
        return []
    problems: list[OverdoseProblem] = []
    if note.naloxone not in NALOXONE_ANSWERS:
        problems.append(OverdoseProblem.NALOXONE)
    if not note.tolerance_talk:
        problems.append(OverdoseProblem.TOLERANCE_TALK)
    for problem, text in (
        (OverdoseProblem.FIRST_72H_WHO, note.first_72h_who),
        (OverdoseProblem.FIRST_72H_WHEN, note.first_72h_when),
        (OverdoseProblem.FIRST_72H_UNREACHABLE, note.first_72h_unreachable),
    ):
        if not (text or "").strip():
            problems.append(problem)
    return problems
