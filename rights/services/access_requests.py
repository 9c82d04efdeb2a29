"""Access requests (aktindsigt): registering one, with its deadline and its legal hold, and
closing it (answered, refused, withdrawn), which lifts the hold. Both on the case's timeline."""

from __future__ import annotations

from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from accounts.models import User
from cases.event_messages import EventCode
from cases.models import Case, CaseEvent
from cases.services import case_event_record

from ..access import rights_require
from ..deadlines import answer_deadline
from ..models import AccessRequest, HoldKind
from .holds import legal_hold_lift, legal_hold_place

CLOSING_STATUSES = (
    AccessRequest.Status.ANSWERED,
    AccessRequest.Status.REFUSED,
    AccessRequest.Status.WITHDRAWN,
)


def _day(value: date) -> str:
    return date_format(value, "DATE_FORMAT")


def _check_received(received_on: date, field: str = "received_on") -> None:
    if received_on > timezone.localdate():
        raise ValidationError({field: _("Datoen kan ikke ligge i fremtiden.")}, code="future")


@transaction.atomic
def access_request_register(
    *,
    actor: User,
    case: Case,
    kind: str,
    received_on: date,
    handled_by: User | None = None,
) -> AccessRequest:
    """Register an access request received on `received_on`; its deadline follows `kind`'s
    law, and a hold on all the citizen's data is placed until it is closed."""
    rights_require(actor, case)
    if kind not in AccessRequest.Kind.values:
        raise ValidationError({"kind": _("Vælg en gyldig art.")}, code="invalid_choice")
    _check_received(received_on)
    deadline = answer_deadline(kind, received_on)
    hold = legal_hold_place(
        citizen=case.citizen,
        case=None,
        kind=HoldKind.ACCESS_REQUEST,
        reason=_("Anmodning om aktindsigt modtaget %(date)s.") % {"date": _day(received_on)},
        actor=actor,
    )
    request = AccessRequest(
        citizen=case.citizen,
        case=case,
        kind=kind,
        received_on=received_on,
        deadline_on=deadline,
        handled_by=handled_by or actor,
        registered_by=actor,
        hold=hold,
    )
    request.full_clean()
    request.save()
    kind_label = AccessRequest.Kind(kind).label
    case_event_record(
        case=case,
        kind=CaseEvent.Kind.ACCESS_REQUEST,
        actor=actor,
        description=_(
            "Anmodning om aktindsigt modtaget %(date)s: %(kind)s. Svarfrist %(deadline)s. "
            "Borgerens oplysninger er tilbageholdt."
        )
        % {"date": _day(received_on), "kind": kind_label, "deadline": _day(deadline)},
        code=EventCode.ACCESS_REQUEST_RECEIVED,
        values={
            "date": received_on.isoformat(),
            "access_kind": kind,
            "deadline": deadline.isoformat(),
        },
        data={"access_request": request.pk},
    )
    return request


@transaction.atomic
def access_request_close(
    *, actor: User, request: AccessRequest, status: str, closed_on: date
) -> AccessRequest:
    """Close an open access request as answered, refused or withdrawn on `closed_on`; the
    hold it placed is lifted."""
    request = AccessRequest.objects.select_for_update().select_related("case").get(pk=request.pk)
    rights_require(actor, request.case)
    if not request.is_open:
        raise ValidationError(_("Anmodningen er allerede lukket."), code="closed")
    if status not in CLOSING_STATUSES:
        raise ValidationError({"status": _("Vælg en gyldig status.")}, code="invalid_choice")
    _check_received(closed_on, "closed_on")
    if closed_on < request.received_on:
        raise ValidationError(
            {"closed_on": _("Datoen kan ikke ligge før anmodningen blev modtaget.")},
            code="before_received",
        )
    request.status = status
    request.closed_on = closed_on
    request.save(update_fields=["status", "closed_on"])
    status_label = AccessRequest.Status(status).label
    request.hold = legal_hold_lift(
        hold=request.hold,
        actor=actor,
        reason=_("Anmodningen om aktindsigt er lukket: %(status)s.") % {"status": status_label},
    )
    case_event_record(
        case=request.case,
        kind=CaseEvent.Kind.ACCESS_REQUEST,
        actor=actor,
        description=_(
            "Anmodning om aktindsigt modtaget %(requested)s: %(status)s %(date)s. "
            "Tilbageholdelsen er ophævet."
        )
        % {
            "requested": _day(request.received_on),
            "status": status_label,
            "date": _day(closed_on),
        },
        code=EventCode.ACCESS_REQUEST_CLOSED,
        values={
            "requested": request.received_on.isoformat(),
            "access_status": status,
            "date": closed_on.isoformat(),
        },
        data={"access_request": request.pk},
    )
    return request
