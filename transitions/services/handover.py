"""The transition itself: created for a residential episode (or from the case page),
discharge recorded, receiver and first appointment named, cancelled (DESIGN §5)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from accounts.models import User
from accounts.roles import Role
from cases.event_messages import EventCode
from cases.models import Case
from treatment_options.models import Episode

from .. import checkin_plan
from ..models import PlanSection, PlanSectionKey, Transition
from ..selectors import residential_episode_for_transition
from .after_discharge import transition_first_weeks_refresh
from .bookkeeping import bump, case_event, lock, sync_access
from .checkins import checkins_schedule_after_discharge, ensure_final_checkin
from .status import transition_status_refresh

# §5.10: check-ins go on for 12 months by default (the course's schedule, checkin_plan).
DEFAULT_CHECKIN_WEEKS = list(checkin_plan.DEFAULT_CHECKIN_WEEKS)
# Statuses in which the handover is over: nothing more to plan or confirm.
CLOSED_STATUSES = (Transition.Status.COMPLETED, Transition.Status.CANCELLED)


def _is_role(user: User, role: Role) -> bool:
    return (
        user is not None
        and getattr(user, "is_authenticated", False)
        and getattr(user, "role", None) == role
    )


@transaction.atomic
def transition_create_for_episode(*, episode: Episode, actor: User) -> Transition:
    """The transition for a residential episode, created with its ten plan sections on the
    first call (§5: the handover starts when the residential episode starts). Idempotent."""
    existing = Transition.objects.filter(residential_episode=episode).first()
    if existing is not None:
        return existing
    case = episode.case
    transition = Transition(
        case=case,
        residential_episode=episode,
        residential_therapist=actor if _is_role(actor, Role.RESIDENTIAL_THERAPIST) else None,
        planned_discharge_on=episode.planned_end,
    )
    transition.full_clean()
    transition.save()
    PlanSection.objects.bulk_create(
        [PlanSection(transition=transition, key=key) for key in PlanSectionKey.values]
    )
    ensure_final_checkin(transition)
    case_event(
        case=case,
        actor=actor,
        description=_("Overgang oprettet"),
        code=EventCode.HANDOVER_CREATED,
        data={"transition": transition.pk, "action": "created"},
    )
    sync_access(case)
    return transition


@transaction.atomic
def transition_record_discharge(*, episode: Episode, actor: User) -> Transition | None:
    """Record the discharge from the residential episode and schedule the course's check-ins
    from it (§5.10: by default 2, 6, 12, 26 and 52 weeks after discharge). None if the episode
    has no transition."""
    transition = Transition.objects.select_for_update().filter(residential_episode=episode).first()
    if transition is None or episode.actual_end is None:
        return transition
    transition.discharged_on = episode.actual_end
    fields = ["discharged_on"]
    if transition.status in (Transition.Status.PLANNING, Transition.Status.READY):
        # The citizen has left the institution; the handover now waits for the receiver.
        transition.status = Transition.Status.HANDED_OVER
        fields.append("status")
    bump(transition, *fields)
    transition = transition_first_weeks_refresh(transition=transition)
    checkins_schedule_after_discharge(transition=transition)
    case_event(
        case=transition.case,
        actor=actor,
        description=_("Udskrivning registreret på overgangen"),
        code=EventCode.HANDOVER_DISCHARGED,
        data={"transition": transition.pk, "action": "discharged"},
    )
    sync_access(transition.case)
    return transition


@transaction.atomic
def transition_create_for_case(*, case: Case, actor: User) -> Transition:
    """ "Opret overgang" from the case page: the case must have a started residential episode."""
    episode = residential_episode_for_transition(case)
    if episode is None:
        existing = case.transitions.exclude(status=Transition.Status.CANCELLED).first()
        if existing is not None:
            return existing
        raise ValidationError(
            _("Sagen har intet påbegyndt døgnforløb, som en overgang kan knyttes til.")
        )
    return transition_create_for_episode(episode=episode, actor=actor)


def discharge_date_problem(transition: Transition, planned_discharge_on: dt.date) -> str | None:
    """Why the discharge cannot be planned on that day, or None: not before the residential
    stay starts (or is planned to start) (DESIGN §5.13: dates keep their order)."""
    episode = transition.residential_episode
    start = episode.actual_start or episode.planned_start
    if start is not None and planned_discharge_on < start:
        return _("Udskrivningen kan ikke planlægges før døgnopholdets start %(date)s.") % {
            "date": date_format(start, "DATE_FORMAT")
        }
    return None


@dataclass(frozen=True)
class TransitionChanges:
    outpatient_therapist: User | None = None
    outpatient_episode: Episode | None = None
    planned_discharge_on: dt.date | None = None
    first_appointment_at: dt.datetime | None = None
    first_appointment_place: str = ""
    first_appointment_with: str = ""


@transaction.atomic
def transition_update(
    *, transition: Transition, actor: User, changes: TransitionChanges
) -> Transition:
    """Name the outpatient therapist, link the outpatient episode, set the planned discharge
    and the first outpatient appointment. Naming a therapist grants them access."""
    transition = lock(transition)
    if transition.status == Transition.Status.CANCELLED:
        raise ValidationError(_("Overgangen er annulleret."))
    therapist = changes.outpatient_therapist
    if therapist is not None and not _is_role(therapist, Role.OUTPATIENT_THERAPIST):
        raise ValidationError(
            {
                "outpatient_therapist": _(
                    "Den ambulante behandler skal have rollen Ambulant behandler."
                )
            }
        )
    therapist_changed = (therapist.pk if therapist else None) != transition.outpatient_therapist_id
    if therapist_changed and transition.status == Transition.Status.COMPLETED:
        # The receiver confirmed and owns the aftercare; the handover is not re-opened here.
        raise ValidationError(
            {"outpatient_therapist": _("Overgangen er gennemført; modtageren kan ikke skiftes.")}
        )
    episode = changes.outpatient_episode
    if episode is not None and episode.case_id != transition.case_id:
        raise ValidationError({"outpatient_episode": _("Forløbet hører ikke til sagen.")})
    discharge_changed = changes.planned_discharge_on != transition.planned_discharge_on
    if discharge_changed and changes.planned_discharge_on is not None:
        problem = discharge_date_problem(transition, changes.planned_discharge_on)
        if problem:
            raise ValidationError({"planned_discharge_on": problem})
    transition.outpatient_therapist = therapist
    transition.outpatient_episode = episode
    transition.planned_discharge_on = changes.planned_discharge_on
    appointment_moved = changes.first_appointment_at != transition.first_appointment_at
    transition.first_appointment_at = changes.first_appointment_at
    transition.first_appointment_place = changes.first_appointment_place
    transition.first_appointment_with = changes.first_appointment_with
    transition.full_clean()
    bump(
        transition,
        "outpatient_therapist",
        "outpatient_episode",
        "planned_discharge_on",
        "first_appointment_at",
        "first_appointment_place",
        "first_appointment_with",
    )
    if discharge_changed:
        ensure_final_checkin(transition)
    if appointment_moved:
        # A moved appointment is planned again, or attended by a contact on its new day.
        transition = transition_first_weeks_refresh(transition=transition)
    if therapist_changed:
        case_event(
            case=transition.case,
            actor=actor,
            description=_("Ambulant behandler udpeget på overgangen")
            if therapist
            else _("Ambulant behandler fjernet fra overgangen"),
            code=EventCode.HANDOVER_THERAPIST_NAMED
            if therapist
            else EventCode.HANDOVER_THERAPIST_REMOVED,
            data={"transition": transition.pk, "action": "outpatient_therapist"},
        )
        # Naming (or un-naming) the receiver changes who holds the case (DESIGN §1).
        sync_access(transition.case)
    transition_status_refresh(transition=transition)
    return transition


@transaction.atomic
def transition_cancel(*, transition: Transition, actor: User, reason: str) -> Transition:
    if not reason.strip():
        raise ValidationError({"reason": _("Skriv hvorfor overgangen annulleres.")})
    transition = lock(transition)
    if transition.status in CLOSED_STATUSES:
        raise ValidationError(_("Overgangen er allerede afsluttet."))
    transition.status = Transition.Status.CANCELLED
    bump(transition, "status")
    case_event(
        case=transition.case,
        actor=actor,
        description=_("Overgang annulleret"),
        code=EventCode.HANDOVER_CANCELLED,
        data={"transition": transition.pk, "action": "cancelled", "reason": reason.strip()},
    )
    sync_access(transition.case)
    return transition
