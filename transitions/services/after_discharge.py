"""After discharge (DESIGN §5.9): the first outpatient contact, or the first appointment
missed."""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import User
from cases.event_messages import EventCode

from .. import hooks
from ..models import ActionItem, Transition
from .bookkeeping import bump, case_event, lock


@transaction.atomic
def transition_first_contact_record(
    *, transition: Transition, actor: User, contact_on: dt.date
) -> Transition:
    """The first outpatient contact: its gap from discharge is what the product measures."""
    transition = lock(transition)
    if transition.discharged_on and contact_on < transition.discharged_on:
        raise ValidationError(
            {"contact_on": _("Den første ambulante kontakt kan ikke ligge før udskrivningen.")}
        )
    if contact_on > timezone.localdate():
        raise ValidationError({"contact_on": _("Datoen kan ikke ligge i fremtiden.")})
    transition.first_outpatient_contact_on = contact_on
    fields = ["first_outpatient_contact_on"]
    if transition.first_appointment_status == Transition.AppointmentStatus.PLANNED:
        transition.first_appointment_status = Transition.AppointmentStatus.ATTENDED
        fields.append("first_appointment_status")
    bump(transition, *fields)
    case_event(
        case=transition.case,
        actor=actor,
        description=_("Første ambulante kontakt registreret"),
        code=EventCode.FIRST_CONTACT,
        data={"transition": transition.pk, "action": "first_contact"},
    )
    return transition


@transaction.atomic
def transition_first_appointment_mark_missed(*, transition: Transition, actor: User) -> ActionItem:
    """A missed first outpatient appointment: an outreach task for the outpatient therapist,
    and the caseworker is told at once (§5.9)."""
    transition = lock(transition)
    if transition.first_appointment_at is None:
        raise ValidationError(_("Der er ingen første ambulante aftale at markere."))
    transition.first_appointment_status = Transition.AppointmentStatus.MISSED
    bump(transition, "first_appointment_status")
    day = timezone.localdate()
    item = transition.action_items.filter(
        kind=ActionItem.Kind.OUTREACH, done_at__isnull=True
    ).first()
    if item is None:
        item = ActionItem.objects.create(
            transition=transition,
            kind=ActionItem.Kind.OUTREACH,
            text=_("Opsøg borgeren: første ambulante aftale blev ikke holdt"),
            owner_id=transition.outpatient_therapist_id,
            owner_text="" if transition.outpatient_therapist_id else _("Ambulant behandler"),
            due_on=day + dt.timedelta(days=1),
            created_by=actor,
        )
    # The caseworker is told at once (notifications connects).
    hooks.first_appointment_missed.send(sender=Transition, transition=transition, actor=actor)
    case_event(
        case=transition.case,
        actor=actor,
        description=_("Første ambulante aftale ikke holdt; opsøgende kontakt oprettet"),
        code=EventCode.FIRST_APPOINTMENT_MISSED,
        data={"transition": transition.pk, "action": "first_appointment_missed"},
    )
    return item
