"""Complaints about a decision on a case (retssikkerhedsloven § 66-67): registering one with
its legal hold on the case, forwarding it to Ankestyrelsen (the hold stays: the case must be
kept until the complaint is finally decided), and its decision, which lifts the hold."""

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
from cases.text_limits import limit

from ..access import rights_require
from ..models import Complaint, HoldKind
from .holds import legal_hold_lift, legal_hold_place


def _day(value: date) -> str:
    return date_format(value, "DATE_FORMAT")


def _check_date(value: date, field: str, *, not_before: date | None = None) -> None:
    if value > timezone.localdate():
        raise ValidationError({field: _("Datoen kan ikke ligge i fremtiden.")}, code="future")
    if not_before is not None and value < not_before:
        raise ValidationError(
            {field: _("Datoen kan ikke ligge før klagen blev modtaget.")},
            code="before_received",
        )


@transaction.atomic
def complaint_register(
    *,
    actor: User,
    case: Case,
    received_on: date,
    about: str,
    about_record: str = "",
    text: str = "",
) -> Complaint:
    """Register a complaint about the case's decision or a named record of the case; a hold
    on the case is placed until the complaint is decided."""
    rights_require(actor, case)
    about_record, text = about_record.strip(), text.strip()
    errors: dict[str, str] = {}
    if about not in Complaint.About.values:
        errors["about"] = _("Vælg, hvad klagen angår.")
    elif about == Complaint.About.RECORD and not about_record:
        errors["about_record"] = _("Angiv hvilken registrering klagen angår.")
    if len(about_record) > limit("rights.Complaint.about_record"):
        errors["about_record"] = _("Teksten er for lang.")
    if len(text) > limit("rights.Complaint.text"):
        errors["text"] = _("Teksten er for lang.")
    if received_on > timezone.localdate():
        errors["received_on"] = _("Datoen kan ikke ligge i fremtiden.")
    if errors:
        raise ValidationError(errors)
    if about == Complaint.About.DECISION:
        about_record = ""
    hold = legal_hold_place(
        citizen=case.citizen,
        case=case,
        kind=HoldKind.COMPLAINT,
        reason=_("Klage modtaget %(date)s.") % {"date": _day(received_on)},
        actor=actor,
    )
    complaint = Complaint(
        citizen=case.citizen,
        case=case,
        received_on=received_on,
        about=about,
        about_record=about_record,
        text=text,
        registered_by=actor,
        hold=hold,
    )
    complaint.full_clean()
    complaint.save()
    if about == Complaint.About.DECISION:
        description = _("Klage over sagens afgørelse modtaget %(date)s. Sagen er tilbageholdt.")
        code = EventCode.COMPLAINT_RECEIVED
    else:
        description = _(
            "Klage over registreringen »%(record)s« modtaget %(date)s. Sagen er tilbageholdt."
        )
        code = EventCode.COMPLAINT_RECEIVED_RECORD
    case_event_record(
        case=case,
        kind=CaseEvent.Kind.COMPLAINT,
        actor=actor,
        description=description % {"date": _day(received_on), "record": about_record},
        code=code,
        values={"date": received_on.isoformat(), "record": about_record},
        data={"complaint": complaint.pk},
    )
    return complaint


def _locked(complaint: Complaint, actor: User) -> Complaint:
    complaint = Complaint.objects.select_for_update().select_related("case").get(pk=complaint.pk)
    rights_require(actor, complaint.case)
    if complaint.is_decided:
        raise ValidationError(_("Klagen er allerede afgjort."), code="decided")
    return complaint


@transaction.atomic
def complaint_forward(*, actor: User, complaint: Complaint, forwarded_on: date) -> Complaint:
    """The complaint is not upheld and goes to Ankestyrelsen (retssikkerhedsloven § 67,
    stk. 1); the hold stays until it is decided."""
    complaint = _locked(complaint, actor)
    if complaint.status != Complaint.Status.OPEN:
        raise ValidationError(_("Klagen er allerede sendt til Ankestyrelsen."), code="forwarded")
    _check_date(forwarded_on, "forwarded_on", not_before=complaint.received_on)
    complaint.status = Complaint.Status.FORWARDED
    complaint.forwarded_on = forwarded_on
    complaint.save(update_fields=["status", "forwarded_on"])
    case_event_record(
        case=complaint.case,
        kind=CaseEvent.Kind.COMPLAINT,
        actor=actor,
        description=_("Klagen modtaget %(requested)s er sendt til Ankestyrelsen %(date)s.")
        % {"requested": _day(complaint.received_on), "date": _day(forwarded_on)},
        code=EventCode.COMPLAINT_FORWARDED,
        values={"requested": complaint.received_on.isoformat(), "date": forwarded_on.isoformat()},
        data={"complaint": complaint.pk},
    )
    return complaint


@transaction.atomic
def complaint_decide(*, actor: User, complaint: Complaint, decided_on: date) -> Complaint:
    """The complaint is finally decided (by the municipality's reconsideration or by
    Ankestyrelsen); the hold is lifted."""
    complaint = _locked(complaint, actor)
    _check_date(decided_on, "decided_on", not_before=complaint.received_on)
    complaint.status = Complaint.Status.DECIDED
    complaint.decided_on = decided_on
    complaint.save(update_fields=["status", "decided_on"])
    complaint.hold = legal_hold_lift(
        hold=complaint.hold, actor=actor, reason=_("Klagen er afgjort.")
    )
    case_event_record(
        case=complaint.case,
        kind=CaseEvent.Kind.COMPLAINT,
        actor=actor,
        description=_(
            "Klagen modtaget %(requested)s er afgjort %(date)s. Tilbageholdelsen er ophævet."
        )
        % {"requested": _day(complaint.received_on), "date": _day(decided_on)},
        code=EventCode.COMPLAINT_DECIDED,
        values={"requested": complaint.received_on.isoformat(), "date": decided_on.isoformat()},
        data={"complaint": complaint.pk},
    )
    return complaint
