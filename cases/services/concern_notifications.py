"""Notifications of concern (underretning, Barnets lov § 133) about children in the citizen's
home. Staff in addiction treatment must notify the municipality when they believe a child needs
support; the notification is a disclosure without consent and is recorded as one."""

from __future__ import annotations

from datetime import date

from django.db import transaction
from django.utils.translation import gettext as _

from accounts.models import User

from ..event_messages import EventCode
from ..models import (
    Case,
    CaseEvent,
    ConcernNotification,
    Disclosure,
    DisclosureBasis,
    InformationKind,
)
from .checks import Errors, local_today, require_perm
from .events import case_event_record

# What an underretning tells the municipality: who the family is and why there is concern
# (the citizen's use of substances and its effect on the child).
NOTIFIED_KINDS = [InformationKind.IDENTITY.value, InformationKind.HEALTH.value]


@transaction.atomic
def concern_notification_record(
    *, actor: User, case: Case, notified_on: date, recipient: str, reason: str
) -> ConcernNotification:
    """Record a notification of concern made by `actor`, with the disclosure it is, and put it
    on the case's timeline. Anyone who may record a disclosure on the case may record one: the
    duty to notify is personal, so therapists as well as caseworkers."""
    require_perm(actor, "cases.add_disclosure", case)
    errors = Errors()
    recipient = (recipient or "").strip()
    reason = (reason or "").strip()
    if notified_on is None:
        errors.add("notified_on", _("Angiv datoen for underretningen."), code="required")
    elif notified_on > local_today():
        errors.add("notified_on", _("Datoen kan ikke ligge i fremtiden."), code="future")
    if not recipient:
        errors.add("recipient", _("Angiv hvilken kommune der er underrettet."), code="required")
    if not reason:
        errors.add("reason", _("Angiv årsagen til underretningen."), code="required")
    errors.raise_if_any()
    disclosure = Disclosure(
        case=case,
        basis=DisclosureBasis.BL133,
        consent=None,
        information_kinds=NOTIFIED_KINDS,
        recipient=recipient[:200],
        description=_("Underretning efter barnets lov § 133, %(date)s")
        % {"date": notified_on.strftime("%d.%m.%Y")},
        disclosed_by=actor,
    )
    disclosure.full_clean()
    disclosure.save()
    notification = ConcernNotification(
        case=case,
        notified_on=notified_on,
        recipient=recipient,
        reason=reason,
        made_by=actor,
        disclosure=disclosure,
    )
    notification.full_clean()
    notification.save()
    case_event_record(
        case=case,
        kind=CaseEvent.Kind.CONCERN_NOTIFICATION,
        actor=actor,
        description=_("Underretning (barnets lov § 133) sendt til %(recipient)s %(date)s.")
        % {"recipient": recipient, "date": notified_on.isoformat()},
        code=EventCode.CONCERN_NOTIFICATION,
        values={"recipient": recipient, "date": notified_on.isoformat()},
        data={"concern_notification": notification.pk, "disclosure": disclosure.pk},
    )
    return notification
