"""Rectification (berigtigelse, GDPR art. 16): a recorded fact that was wrong is corrected, and
the old value is kept with who, when and why (`cases.Rectification`), on the timeline of every
case it belongs to. The citizen's master data belong to all their cases; a case's dates to that
case. The inquiry date is corrected through `case_update`, so that the guarantee follows it."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import User

from ..access import CHANGE, has_case_perm
from ..citizen_access import citizen_list_visible_to
from ..event_messages import RECTIFIABLE_DATES, RECTIFIABLE_LABELS, EventCode
from ..models import Case, CaseEvent, Citizen, Rectification, TreatmentRequest
from ..text_limits import limit
from .checks import Errors, local_today
from .events import case_event_record
from .intake import case_update
from .requests import case_clocks_refresh, request_deadline

CHANGE_CITIZEN = "cases.change_citizen"
# "<model>.<field>" -> the stored model label; the facts this service corrects.
RECTIFIABLE = {
    "citizen.first_name": "cases.Citizen",
    "citizen.last_name": "cases.Citizen",
    "citizen.address": "cases.Citizen",
    "citizen.birth_date": "cases.Citizen",
    "case.inquiry_date": "cases.Case",
    "case.course_ended_on": "cases.Case",
    "request.requested_on": "cases.TreatmentRequest",
}
assert set(RECTIFIABLE) <= set(RECTIFIABLE_LABELS)


@dataclass(frozen=True)
class RectificationTarget:
    """A fact to correct: `key` from RECTIFIABLE, on the citizen or one of their cases."""

    key: str
    citizen: Citizen
    case: Case | None
    # For "request.requested_on": a later request of `case` (the first one's date is the
    # case's inquiry date, corrected as that).
    request: TreatmentRequest | None = None

    @property
    def field(self) -> str:
        return self.key.split(".", 1)[1]

    @property
    def obj(self) -> Citizen | Case | TreatmentRequest:
        if self.key.startswith("request."):
            if self.request is None:
                raise ValidationError({"request": _("Vælg anmodningen.")})
            return self.request
        return self.case if self.key.startswith("case.") and self.case else self.citizen


def may_rectify(user: User, target: RectificationTarget) -> bool:
    """Master data: who may change the citizen's details and sees the citizen; a case's date:
    who may change the case."""
    if not getattr(user, "is_active", False):
        return False
    if target.key.startswith("citizen."):
        return (
            user.has_perm(CHANGE_CITIZEN)
            and citizen_list_visible_to(user).filter(pk=target.citizen.pk).exists()
        )
    if target.request is not None and target.request.case_id != getattr(target.case, "pk", None):
        return False
    return target.case is not None and has_case_perm(user, CHANGE, target.case)


def as_text(value: Any) -> str:
    """A value as stored on the rectification: ISO for a date, empty for none."""
    if value is None:
        return ""
    return value.isoformat() if isinstance(value, date) else str(value)


def _parse(key: str, text: str, errors: Errors) -> Any:
    text = (text or "").strip()
    if key not in RECTIFIABLE_DATES:
        # The column's own bound: 100 characters for a name, 200 for an address.
        bound = 200 if key == "citizen.address" else 100
        if len(text) > bound:
            errors.add(
                "new_value", _("Højst %(count)s tegn.") % {"count": bound}, code="max_length"
            )
        return text
    if not text:
        return None
    # As the page writes dates (16.03.2026), or ISO (the API).
    for parse in (date.fromisoformat, lambda t: datetime.strptime(t, "%d.%m.%Y").date()):
        try:
            return parse(text)
        except ValueError:
            continue
    errors.add("new_value", _("Angiv en dato som dd.mm.åååå."), code="invalid_date")
    return None


def _check(target: RectificationTarget, value: Any, errors: Errors) -> None:
    today = local_today()
    if target.key == "citizen.birth_date":
        if target.citizen.cpr:
            errors.add(
                "new_value",
                _("Fødselsdatoen følger CPR-nummeret og kan ikke berigtiges alene."),
                code="from_cpr",
            )
        elif value is not None and value > today:
            errors.add("new_value", _("Datoen kan ikke ligge i fremtiden."), code="future")
    names = {"citizen.first_name", "citizen.last_name"}
    if target.key in names and not target.citizen.is_anonymous:
        other = "last_name" if target.field == "first_name" else "first_name"
        if not value and not getattr(target.citizen, other):
            errors.add("new_value", _("Angiv borgerens navn."), code="required")
    if target.key == "case.course_ended_on" and target.case is not None:
        if target.case.course_ended_on is None:
            errors.add("new_value", _("Forløbet har ingen slutdato at berigtige."), code="no_value")
        elif value is None:
            errors.add("new_value", _("Angiv en dato."), code="required")
        elif value > today:
            errors.add("new_value", _("Datoen kan ikke ligge i fremtiden."), code="future")
        elif value < target.case.inquiry_date:
            errors.add(
                "new_value",
                _("Slutdatoen kan ikke ligge før henvendelsesdatoen."),
                code="before_inquiry",
            )
    if target.key == "case.inquiry_date" and value is None:
        errors.add("new_value", _("Angiv en dato."), code="required")
    if target.key == "request.requested_on" and target.request is not None:
        _check_request_date(target.request, value, errors, today=today)


def _check_request_date(
    request: TreatmentRequest, value: date | None, errors: Errors, *, today: date
) -> None:
    if request.kind == TreatmentRequest.Kind.FIRST:
        errors.add(
            "new_value",
            _("Den første anmodnings dato er sagens henvendelsesdato: berigtig den."),
            code="first_request",
        )
    elif value is None:
        errors.add("new_value", _("Angiv en dato."), code="required")
    elif value > today:
        errors.add("new_value", _("Datoen kan ikke ligge i fremtiden."), code="future")
    elif value < request.case.inquiry_date:
        errors.add(
            "new_value",
            _("Anmodningen kan ikke ligge før sagens henvendelsesdato."),
            code="before_inquiry",
        )
    elif request.treatment_started_on and value > request.treatment_started_on:
        errors.add(
            "new_value",
            _("Anmodningen kan ikke ligge efter behandlingsstart."),
            code="after_start",
        )


@transaction.atomic
def rectify(
    *, actor: User, target: RectificationTarget, new_value: str, reason: str
) -> Rectification:
    """Correct one fact; keeps the old value with who, when and why, and writes it on the
    timeline. ValidationError (keyed `new_value` / `reason`) for a value the fact cannot take,
    PermissionDenied for a user who may not correct it."""
    if target.key not in RECTIFIABLE:
        raise ValidationError({"field": _("Denne oplysning kan ikke berigtiges her.")})
    if not may_rectify(actor, target):
        raise PermissionDenied(_("Du har ikke adgang til at berigtige denne oplysning."))
    errors = Errors()
    reason = (reason or "").strip()
    if not reason:
        errors.add("reason", _("Skriv, hvorfor oplysningen berigtiges."), code="required")
    elif len(reason) > limit("cases.Rectification.reason"):
        errors.add("reason", _("Begrundelsen er for lang."), code="max_length")
    value = _parse(target.key, new_value, errors)
    obj = type(target.obj).objects.select_for_update().get(pk=target.obj.pk)
    old = getattr(obj, target.field)
    if not errors.errors and value == old:
        errors.add("new_value", _("Den nye værdi er den samme som den gamle."), code="unchanged")
    if not errors.errors:
        _check(target, value, errors)
    errors.raise_if_any()
    if target.key == "case.inquiry_date":
        assert isinstance(obj, Case)
        case_update(actor=actor, case=obj, expected_version=obj.version, inquiry_date=value)
    elif isinstance(obj, TreatmentRequest):
        # The request's own guarantee follows its date, and the case's clocks follow it.
        obj.requested_on = value
        obj.guarantee_deadline = request_deadline(
            obj.legal_basis, value, obj.regional_dual_diagnosis
        )
        obj.full_clean(validate_unique=False, validate_constraints=False)
        obj.save(update_fields=["requested_on", "guarantee_deadline"])
        case_clocks_refresh(obj.case)
    else:
        setattr(obj, target.field, value)
        obj.full_clean(validate_unique=False, validate_constraints=False)
        obj.save(update_fields=[target.field, "updated_at"])
    rectification = Rectification(
        citizen=target.citizen,
        case=None if target.key.startswith("citizen.") else target.case,
        model_label=RECTIFIABLE[target.key],
        object_id=obj.pk,
        field=target.field,
        old_value=as_text(old),
        new_value=as_text(value),
        reason=reason,
        rectified_by=actor,
        rectified_at=timezone.now(),
    )
    rectification.full_clean()
    rectification.save()
    cases = (
        [rectification.case]
        if rectification.case
        else list(Case.objects.filter(citizen=target.citizen).order_by("pk"))
    )
    values = {
        "rectified_field": target.key,
        "old": rectification.old_value,
        "new": rectification.new_value,
        "reason": reason,
    }
    shown_old, shown_new = rectification.old_value, rectification.new_value
    for case in cases:
        case_event_record(
            case=case,
            kind=CaseEvent.Kind.RECTIFIED,
            actor=actor,
            description=_(
                "Berigtiget: %(field)s fra »%(old)s« til »%(new)s«. Begrundelse: %(reason)s"
            )
            % {
                "field": RECTIFIABLE_LABELS[target.key],
                "old": shown_old,
                "new": shown_new,
                "reason": reason,
            },
            code=EventCode.RECTIFIED,
            values=values,
            data={"rectification": rectification.pk},
            occurred_at=rectification.rectified_at,
        )
    return rectification
