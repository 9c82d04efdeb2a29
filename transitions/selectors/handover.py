"""The case's transition, and the facts its readiness checklist and its confirmation
are judged on (DESIGN §5.6, §5.7)."""

from __future__ import annotations

from typing import Any

from django.http import Http404
from django.utils import timezone

from accounts.models import User
from cases.models import Case
from treatment_options.models import Episode, TreatmentType

from .. import readiness
from ..models import CheckIn, StatusNote, Transition
from ..overdose import overdose_safety_problems

TRANSITION_RELATED = (
    "case__caseworker",
    "case__citizen",
    "residential_therapist",
    "outpatient_therapist",
    "confirmed_by",
    "residential_episode__offer__provider__unit",
    "outpatient_episode__offer__provider",
)


def transition_current_for_case(case: Case) -> Transition | None:
    """The case's current transition: the newest one that is not cancelled, else the newest."""
    return current_of(
        case,
        list(
            Transition.objects.filter(case=case)
            .select_related(*TRANSITION_RELATED)
            .order_by("-created_at", "-pk")[:5]
        ),
    )


def current_of(case: Case, rows: list[Transition]) -> Transition | None:
    """Of the case's transitions, newest first: the newest one that is not cancelled, else
    the newest."""
    current = next((t for t in rows if t.status != Transition.Status.CANCELLED), None)
    if current is None and rows:
        current = rows[0]
    if current is not None:
        # The decorator loaded the case with the access check; reuse it (no second query).
        current.case = case
    return current


def transition_get_for_case(case: Case) -> Transition:
    transition = transition_current_for_case(case)
    if transition is None:
        raise Http404
    return transition


def residential_episode_for_transition(case: Case) -> Any:
    """The case's started residential episode without a transition, newest first, or None."""
    return (
        Episode.objects.filter(
            case=case,
            offer__treatment_type=TreatmentType.RESIDENTIAL,
            actual_start__isnull=False,
            transition_from__isnull=True,
        )
        .order_by("-actual_start", "-pk")
        .first()
    )


def readiness_facts(transition: Transition) -> readiness.ReadinessFacts:
    """The readiness facts, from the database (the page uses its prefetched rows instead)."""
    case = transition.case
    note = (
        transition.notes.filter(kind=StatusNote.Kind.BEFORE_DISCHARGE)
        .order_by("-written_at", "-pk")
        .first()
    )
    return facts_from(
        transition,
        drug_case=readiness.is_drug_case(case.legal_basis, case.substances or []),
        meetings_held=transition.meetings.filter(held=True).count(),
        before_discharge=note,
        final_checkin_done=transition.checkins.filter(
            kind=CheckIn.Kind.FINAL, answered_at__isnull=False
        ).exists(),
    )


def facts_from(
    transition: Transition,
    *,
    drug_case: bool,
    meetings_held: int,
    before_discharge: StatusNote | None,
    final_checkin_done: bool,
) -> readiness.ReadinessFacts:
    """The readiness facts from rows already read (the page's, or readiness_facts' own)."""
    return readiness.ReadinessFacts(
        has_outpatient_therapist=transition.outpatient_therapist_id is not None,
        has_first_appointment=transition.first_appointment_at is not None,
        meetings_held=meetings_held,
        has_before_discharge_note=before_discharge is not None,
        final_checkin_done=final_checkin_done,
        drug_case=drug_case,
        overdose_safety_missing=tuple(
            overdose_safety_problems(before_discharge, drug_case=drug_case)
            if before_discharge is not None
            else ()
        ),
    )


def confirmation_is_early(transition: Transition) -> bool:
    """Whether confirming today comes before the planned discharge week (a reason is asked)."""
    return readiness.is_before_discharge_week(
        timezone.localdate(),
        planned_discharge_on=transition.planned_discharge_on,
        discharged_on=transition.discharged_on,
    )


def confirmation_problems_for(
    *,
    transition: Transition,
    user: User,
    situation: str,
    actions: str,
    contingency: str,
    early_reason: str = "",
) -> list[readiness.ConfirmationProblem]:
    note = (
        transition.notes.filter(kind=StatusNote.Kind.BEFORE_DISCHARGE)
        .order_by("-written_at", "-pk")
        .first()
    )
    return readiness.confirmation_problems(
        readiness.ConfirmationFacts(
            is_named_receiver=user.pk == transition.outpatient_therapist_id,
            status=transition.status,
            has_before_discharge_note=note is not None,
            has_acknowledged_note=note is not None
            and note.acknowledgements.filter(user=user).exists(),
            situation=situation,
            actions=actions,
            contingency=contingency,
            is_early=confirmation_is_early(transition),
            early_reason=early_reason,
        )
    )
