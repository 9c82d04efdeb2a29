"""The handover's immediate reminders, made when the thing happens rather than by the sweep:
a commitment reduced, cancelled or changed (§5.2, §5.10), a changed check-in schedule
(§5.10) and a missed first outpatient appointment (§5.9, found by the sweep, told at once).

The receivers of transitions.hooks (connected in `NotificationsConfig.ready`): they decide
whom to notify and with which message. They run inside the handover service's transaction,
so the notification is made atomically with the change.
"""

from __future__ import annotations

from typing import Any

from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import User
from cases.models import Case
from transitions.models import AftercareCommitment, CheckInSchedule, CommitmentChange, Transition
from transitions.services import transition_url

from ..services import notify
from .links import case_url


def commitment_reduced_notify(
    sender: Any,
    *,
    commitment: AftercareCommitment,
    change: CommitmentChange,
    transition: Transition,
    actor: User,
    **kwargs: Any,
) -> None:
    """The residential therapist and the caseworker, unless they made the change themselves:
    citizens who look more resourceful than they are must not silently lose their support."""
    notify(
        recipients=[
            u
            for u in (transition.residential_therapist_id, transition.case.caseworker_id)
            if u is not None and u != actor.pk
        ],
        rule="commitment_reduced",
        subject=commitment,
        threshold=f"change-{change.pk}",
        message=_("En aftalt indsats er reduceret i en sag, du følger")
        if change.kind == CommitmentChange.Kind.REDUCED
        else _("En aftalt indsats er annulleret i en sag, du følger"),
        url=transition_url(transition),
    )


def commitment_changed_notify(
    sender: Any,
    *,
    commitment: AftercareCommitment,
    change: CommitmentChange,
    transition: Transition,
    actor: User,
    **kwargs: Any,
) -> None:
    """§5.10, no quiet changes: any change of a commitment is told to the residential therapist
    and the caseworker, unless they made it themselves."""
    notify(
        recipients=[
            u
            for u in (transition.residential_therapist_id, transition.case.caseworker_id)
            if u is not None and u != actor.pk
        ],
        rule="commitment_changed",
        subject=commitment,
        threshold=f"change-{change.pk}",
        message=_("En aftalt indsats er ændret i en sag, du følger"),
        url=transition_url(transition),
    )


def checkin_schedule_changed_notify(
    sender: Any,
    *,
    case: Case,
    schedule: CheckInSchedule,
    transition: Transition | None,
    actor: User,
    **kwargs: Any,
) -> None:
    """§5.10: the caseworker hears of a changed check-in schedule (one row per change: the
    threshold is the schedule's new version). The link is the handover page, or the case page
    on an outpatient-only course."""
    caseworker_id = case.caseworker_id
    notify(
        recipients=[caseworker_id] if caseworker_id != actor.pk else [],
        rule="checkin_schedule_changed",
        subject=schedule,
        threshold=f"schedule-v{schedule.version}",
        message=_("Planen for tjek-ind er ændret i en sag, du følger"),
        url=transition_url(transition) if transition else f"{case_url(case.pk)}#tjek-ind",
    )


def first_appointment_missed_notify(
    sender: Any, *, transition: Transition, actor: User | None, **kwargs: Any
) -> None:
    """The caseworker, the same day: sent by the reminder sweep when the first appointment's
    cut-off passed with no attended contact (§5.9); one notification per appointment day."""
    appointment_day = timezone.localtime(transition.first_appointment_at).date()
    notify(
        recipients=[transition.case.caseworker_id],
        rule="first_appointment_missed",
        subject=transition,
        threshold=f"missed-{appointment_day.isoformat()}",
        message=_("En borger er udeblevet fra første ambulante aftale i en sag, du følger"),
        url=transition_url(transition),
    )
