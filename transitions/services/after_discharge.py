"""After discharge (DESIGN §5.9): the first appointment's status and the first outpatient contact
date, both derived from the recorded contacts, and the outreach when the first appointment's
cut-off passes with no attended contact. The rules are `transitions.first_weeks` (pure); this
is their one home in the database.

The two fields stay columns on the transition (the manager report and the reminder rules query
them set-based), but no one marks them by hand any more: `transition_first_weeks_refresh`
writes them from the contacts whenever a contact is recorded or corrected, the appointment is
moved or the discharge is recorded, and `first_appointments_missed_sweep` (run by the reminder
sweep) marks the appointment missed and creates the outreach. The hand-marked values of
transitions with no contacts were kept by the data migration (0007) and stay until a contact
of the transition is recorded: from then on the contacts are the truth.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable

from django.conf import settings
from django.db import transaction
from django.db.models import Exists, OuterRef
from django.utils import timezone
from django.utils.translation import gettext as _

from cases.event_messages import EventCode
from treatment_options.models import Contact

from .. import first_weeks, hooks
from ..models import ActionItem, Transition
from ..models.followup import OUTREACH_TEXT
from .bookkeeping import bump, case_event, lock

# A first appointment further back than this when the sweep first sees it is history, not a
# task for tomorrow: transitions from before the outreach was automatic are not chased.
SWEEP_LOOKBACK_DAYS = 14

Status = Transition.AppointmentStatus


def cutoff_time() -> dt.time:
    """The FIRST_APPOINTMENT_CUTOFF setting ("HH:MM", local time)."""
    value = getattr(settings, "FIRST_APPOINTMENT_CUTOFF", "16:00")
    return value if isinstance(value, dt.time) else dt.time.fromisoformat(str(value))


def _zone() -> dt.tzinfo:
    return timezone.get_default_timezone()


def attended_contact_times(transition: Transition) -> list[dt.datetime]:
    """The attended contacts of the outpatient side: every episode of the case but the
    transition's residential one."""
    return list(
        Contact.objects.filter(
            episode__case_id=transition.case_id, outcome=Contact.Outcome.ATTENDED
        )
        .exclude(episode_id=transition.residential_episode_id)
        .values_list("at", flat=True)
    )


def derived_first_weeks(
    transition: Transition, *, attended_at: Iterable[dt.datetime], now: dt.datetime
) -> tuple[str, dt.date | None]:
    """The first appointment's status and the first outpatient contact date that follow from
    the attended contacts. "Missed" is the sweep's to set (with the outreach, in one step): a
    past cut-off with no contact leaves a planned appointment planned here, and a missed one
    missed."""
    attended = list(attended_at)
    status = first_weeks.appointment_status(
        transition.first_appointment_at,
        attended_at=attended,
        now=now,
        cutoff=cutoff_time(),
        zone=_zone(),
    )
    if status == first_weeks.AppointmentStatus.MISSED:
        status = (
            first_weeks.AppointmentStatus.MISSED
            if transition.first_appointment_status == Status.MISSED
            else first_weeks.AppointmentStatus.PLANNED
        )
    first_contact = first_weeks.first_contact_on(
        transition.discharged_on, attended_at=attended, zone=_zone()
    )
    return str(status), first_contact


@transaction.atomic
def transition_first_weeks_refresh(
    *, transition: Transition, now: dt.datetime | None = None
) -> Transition:
    """Write the first appointment's status and the first outpatient contact date from the
    recorded contacts (only what changed)."""
    transition = lock(transition)
    status, first_contact = derived_first_weeks(
        transition, attended_at=attended_contact_times(transition), now=now or timezone.now()
    )
    fields = []
    if transition.first_appointment_status != status:
        transition.first_appointment_status = status
        fields.append("first_appointment_status")
    if transition.first_outpatient_contact_on != first_contact:
        transition.first_outpatient_contact_on = first_contact
        fields.append("first_outpatient_contact_on")
    if fields:
        bump(transition, *fields)
    return transition


def transitions_first_weeks_refresh_for_case(*, case_id: int) -> None:
    """After a contact of the case was recorded or corrected: refresh each of its transitions
    (a case has one or two)."""
    for transition in Transition.objects.filter(case_id=case_id).exclude(
        status=Transition.Status.CANCELLED
    ):
        transition_first_weeks_refresh(transition=transition)


def _candidates(now: dt.datetime) -> list[Transition]:
    """One query: discharged, not cancelled transitions whose first appointment has begun
    (within the look-back), is still planned and has no open outreach item made for it."""
    open_outreach = ActionItem.objects.filter(
        transition=OuterRef("pk"),
        kind=ActionItem.Kind.OUTREACH,
        done_at__isnull=True,
        created_at__gte=OuterRef("first_appointment_at"),
    )
    return list(
        Transition.objects.filter(
            discharged_on__isnull=False,
            first_appointment_status=Status.PLANNED,
            first_appointment_at__lte=now,
            first_appointment_at__gte=now - dt.timedelta(days=SWEEP_LOOKBACK_DAYS),
        )
        .exclude(status=Transition.Status.CANCELLED)
        .exclude(Exists(open_outreach))
        .only(
            "pk",
            "case_id",
            "residential_episode_id",
            "first_appointment_at",
            "first_appointment_status",
            "discharged_on",
        )
    )


def first_appointments_missed_sweep(*, now: dt.datetime) -> int:
    """The sweep's part of §5.9, set-based: one query finds the transitions whose first
    appointment is planned and past, one more reads their attended contacts; those whose
    cut-off passed with none get the outreach (`transition_first_appointment_missed`), those
    with one are marked attended. Returns how many outreach items were created. Safe to run
    twice or on two workers at once: each write re-reads the transition under a lock and
    checks again."""
    cut = cutoff_time()
    due = [
        t
        for t in _candidates(now)
        if t.first_appointment_at is not None
        and first_weeks.cutoff_moment(t.first_appointment_at, cutoff=cut, zone=_zone()) < now
    ]
    if not due:
        return 0
    earliest = min(t.first_appointment_at for t in due if t.first_appointment_at) - dt.timedelta(
        days=1
    )
    contacts: dict[int, list[tuple[int, dt.datetime]]] = defaultdict(list)
    for case_id, episode_id, at in Contact.objects.filter(
        episode__case_id__in={t.case_id for t in due},
        outcome=Contact.Outcome.ATTENDED,
        at__gte=earliest,
    ).values_list("episode__case_id", "episode_id", "at"):
        contacts[case_id].append((episode_id, at))
    created = 0
    for t in due:
        attended = [at for ep, at in contacts[t.case_id] if ep != t.residential_episode_id]
        status = first_weeks.appointment_status(
            t.first_appointment_at, attended_at=attended, now=now, cutoff=cut, zone=_zone()
        )
        if status == first_weeks.AppointmentStatus.MISSED:
            created += transition_first_appointment_missed(transition=t, now=now)
        else:
            transition_first_weeks_refresh(transition=t, now=now)
    return created


@transaction.atomic
def transition_first_appointment_missed(*, transition: Transition, now: dt.datetime) -> int:
    """Mark the first appointment missed, create the outreach item (owner: the outpatient
    therapist, due the next working day) and tell the caseworker the same day (the hook), if
    the cut-off has passed with no attended contact; 1 if the item was created, 0 if not (not
    yet, a contact, or another worker got there first: the row lock makes them take turns)."""
    transition = lock(transition)
    if (
        transition.first_appointment_status != Status.PLANNED
        or transition.first_appointment_at is None
    ):
        return 0
    # An open outreach chases the appointment that was booked when it was made: one made before
    # this appointment's time chased an earlier one, and a re-booked appointment missed again
    # gets its own item (the earlier stays as it is, with its own dates).
    if transition.action_items.filter(
        kind=ActionItem.Kind.OUTREACH,
        done_at__isnull=True,
        created_at__gte=transition.first_appointment_at,
    ).exists():
        return 0
    status = first_weeks.appointment_status(
        transition.first_appointment_at,
        attended_at=attended_contact_times(transition),
        now=now,
        cutoff=cutoff_time(),
        zone=_zone(),
    )
    if status != first_weeks.AppointmentStatus.MISSED:
        # Not past the cut-off, or a contact was recorded meanwhile.
        transition_first_weeks_refresh(transition=transition, now=now)
        return 0
    transition.first_appointment_status = Status.MISSED
    bump(transition, "first_appointment_status")
    ActionItem.objects.create(
        case_id=transition.case_id,
        transition=transition,
        kind=ActionItem.Kind.OUTREACH,
        text=str(OUTREACH_TEXT),
        owner_id=transition.outpatient_therapist_id,
        owner_text="" if transition.outpatient_therapist_id else _("Ambulant behandler"),
        due_on=first_weeks.outreach_due_on(
            transition.first_appointment_at, cutoff=cutoff_time(), zone=_zone()
        ),
        created_by=None,
    )
    hooks.first_appointment_missed.send(sender=Transition, transition=transition, actor=None)
    case_event(
        case=transition.case,
        actor=None,
        description=_("Første ambulante aftale ikke holdt; opsøgende kontakt oprettet"),
        code=EventCode.FIRST_APPOINTMENT_MISSED,
        data={"transition": transition.pk, "action": "first_appointment_missed"},
    )
    return 1
