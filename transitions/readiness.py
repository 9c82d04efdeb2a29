"""Pure rules of the handover (DESIGN §5.6-§5.8). No Django here: the facts come in as plain
values, so the rules can be read and tested on their own.

- `readiness_missing(facts)`: what is missing before discharge (§5.6).
- `confirmation_problems(...)`: why the receiver cannot confirm yet (§5.7, I-PASS "synthesis by
  receiver": in their own words, not a tick box).
- `is_drug_case(...)`: whether the before-discharge note must assess overdose risk (§5.8) and
  record overdose safety (§5.11, the rule in overdose.py).
"""

from __future__ import annotations

import datetime as dt
import enum
import re
from collections.abc import Iterable
from dataclasses import dataclass

from cases.legal_bases import bases_where

from .overdose import OverdoseProblem


class Missing(enum.StrEnum):
    """One item on the readiness checklist. The order is the order shown to users."""

    OUTPATIENT_THERAPIST = "outpatient_therapist"
    FIRST_APPOINTMENT = "first_appointment"
    MEETING_HELD = "meeting_held"
    BEFORE_DISCHARGE_NOTE = "before_discharge_note"
    # Drug cases only (§5.11): the before-discharge note's naloxone, tolerance talk, 72-hour plan.
    OVERDOSE_SAFETY = "overdose_safety"
    FINAL_CHECKIN = "final_checkin"


@dataclass(frozen=True)
class ReadinessFacts:
    has_outpatient_therapist: bool
    has_first_appointment: bool
    meetings_held: int
    has_before_discharge_note: bool
    final_checkin_done: bool
    drug_case: bool = False
    # What the latest before-discharge note lacks of overdose safety (overdose.py).
    overdose_safety_missing: tuple[OverdoseProblem, ...] = ()


def readiness_applies(item: Missing, *, drug_case: bool) -> bool:
    """Whether a checklist item is asked of this case: overdose safety only of drug cases."""
    return drug_case or item is not Missing.OVERDOSE_SAFETY


def readiness_missing(facts: ReadinessFacts) -> list[Missing]:
    """The checklist items not yet done, in display order. Empty means ready for discharge."""
    missing: list[Missing] = []
    if not facts.has_outpatient_therapist:
        missing.append(Missing.OUTPATIENT_THERAPIST)
    if not facts.has_first_appointment:
        missing.append(Missing.FIRST_APPOINTMENT)
    if facts.meetings_held < 1:
        missing.append(Missing.MEETING_HELD)
    if not facts.has_before_discharge_note:
        missing.append(Missing.BEFORE_DISCHARGE_NOTE)
    if facts.drug_case and (not facts.has_before_discharge_note or facts.overdose_safety_missing):
        missing.append(Missing.OVERDOSE_SAFETY)
    if not facts.final_checkin_done:
        missing.append(Missing.FINAL_CHECKIN)
    return missing


# --- the receiver's confirmation (§5.7) ------------------------------------------------------

MIN_SYNTHESIS_CHARS = 20
MIN_SYNTHESIS_WORDS = 4
# Answers that say nothing in the receiver's own words.
_PLACEHOLDERS = frozenset(
    {
        "ok",
        "okay",
        "set",
        "læst",
        "se plan",
        "se planen",
        "se ovenfor",
        "som aftalt",
        "ja",
        "-",
        "x",
    }
)
_WORD = re.compile(r"\w+", re.UNICODE)


def is_non_trivial(text: str) -> bool:
    """True when `text` is a real synthesis: some words, not a placeholder."""
    stripped = " ".join(text.split())
    if stripped.lower().strip(".!") in _PLACEHOLDERS:
        return False
    return (
        len(stripped) >= MIN_SYNTHESIS_CHARS and len(_WORD.findall(stripped)) >= MIN_SYNTHESIS_WORDS
    )


class ConfirmationProblem(enum.StrEnum):
    NOT_NAMED_RECEIVER = "not_named_receiver"
    ALREADY_COMPLETED = "already_completed"
    CANCELLED = "cancelled"
    NO_BEFORE_DISCHARGE_NOTE = "no_before_discharge_note"
    NOTE_NOT_ACKNOWLEDGED = "note_not_acknowledged"
    SITUATION_TRIVIAL = "situation_trivial"
    ACTIONS_TRIVIAL = "actions_trivial"
    CONTINGENCY_TRIVIAL = "contingency_trivial"
    COPIED = "copied"
    EARLY_WITHOUT_REASON = "early_without_reason"


@dataclass(frozen=True)
class ConfirmationFacts:
    is_named_receiver: bool
    status: str
    has_before_discharge_note: bool
    has_acknowledged_note: bool
    situation: str
    actions: str
    contingency: str
    # Confirmed before the planned discharge week (is_before_discharge_week): needs a reason.
    is_early: bool = False
    early_reason: str = ""


def is_before_discharge_week(
    today: dt.date, *, planned_discharge_on: dt.date | None, discharged_on: dt.date | None
) -> bool:
    """Whether a confirmation today comes before the week of the planned discharge (DESIGN
    §5.13): the plan is still being written then, so the receiver must say why. Never once
    the citizen has been discharged; always while no discharge is planned."""
    if discharged_on is not None:
        return False
    if planned_discharge_on is None:
        return True
    week_starts = planned_discharge_on - dt.timedelta(days=planned_discharge_on.weekday())
    return today < week_starts


def confirmation_problems(facts: ConfirmationFacts) -> list[ConfirmationProblem]:
    """Why the handover cannot be completed by this user now. Empty means it can."""
    problems: list[ConfirmationProblem] = []
    if not facts.is_named_receiver:
        problems.append(ConfirmationProblem.NOT_NAMED_RECEIVER)
    if facts.status == "completed":
        problems.append(ConfirmationProblem.ALREADY_COMPLETED)
    if facts.status == "cancelled":
        problems.append(ConfirmationProblem.CANCELLED)
    if not facts.has_before_discharge_note:
        problems.append(ConfirmationProblem.NO_BEFORE_DISCHARGE_NOTE)
    elif not facts.has_acknowledged_note:
        problems.append(ConfirmationProblem.NOTE_NOT_ACKNOWLEDGED)
    texts = (facts.situation, facts.actions, facts.contingency)
    for text, problem in zip(
        texts,
        (
            ConfirmationProblem.SITUATION_TRIVIAL,
            ConfirmationProblem.ACTIONS_TRIVIAL,
            ConfirmationProblem.CONTINGENCY_TRIVIAL,
        ),
        strict=True,
    ):
        if not is_non_trivial(text):
            problems.append(problem)
    normalised = [" ".join(t.split()).lower() for t in texts]
    if all(normalised) and len(set(normalised)) < len(normalised):
        # The same text pasted into all three boxes is not a synthesis.
        problems.append(ConfirmationProblem.COPIED)
    if facts.is_early and not facts.early_reason.strip():
        problems.append(ConfirmationProblem.EARLY_WITHOUT_REASON)
    return problems


# --- the before-discharge note (§5.8) ---------------------------------------------------------

# Drug treatment, as the legal-basis table (cases.legal_bases) has it: SEL § 101, BL § 33,
# SEL § 101 a (anonymous drug treatment) and SUL § 142. Under SUL § 141 (alcohol) the
# substances decide: a citizen treated for alcohol who also uses drugs is a drug case too.
DRUG_LEGAL_BASES = frozenset(str(basis) for basis in bases_where("drug"))
NON_DRUG_SUBSTANCES = frozenset({"alcohol"})


def is_drug_case(legal_basis: str, substances: Iterable[str]) -> bool:
    """Overdose risk must be assessed before discharge: tolerance falls in residential
    treatment, and a relapse in the first weeks after discharge is the most dangerous moment."""
    if legal_basis in DRUG_LEGAL_BASES:
        return True
    return any(s not in NON_DRUG_SUBSTANCES for s in substances if s)
