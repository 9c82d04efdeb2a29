"""The work agreement (DESIGN §5.12): saved only under a valid written consent of the employer
that covers the "work agreement" kind, at the version the form was opened on."""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import User
from cases.event_messages import EventCode

from ..models import Transition, WorkAgreement
from ..selectors.work import BASIS_MESSAGES, work_agreement_consent
from .bookkeeping import case_event, lock


@transaction.atomic
def work_agreement_save(
    *,
    transition: Transition,
    actor: User,
    based_on_version: int,
    work_functions: str,
    accommodations: str,
    starts_on: dt.date | None,
    contact_name: str,
    contact_phone: str = "",
    contact_email: str = "",
    notes: str = "",
) -> WorkAgreement:
    """Record or change the work agreement. Refused without a valid written employer consent
    that covers the work agreement (DESIGN §2), and when someone saved it after `based_on_version`
    (code "stale_version": nothing is changed)."""
    # The transition row is the lock: two first saves cannot both create the agreement.
    transition = lock(transition)
    agreement = WorkAgreement.objects.select_for_update().filter(transition=transition).first()
    if agreement is None:
        agreement = WorkAgreement(transition=transition)
    if int(based_on_version) != agreement.version:
        raise ValidationError(
            _(
                "Arbejdsaftalen er gemt af en anden (version %(n)s), siden du åbnede den. "
                "Se den gemte aftale, og gem igen."
            )
            % {"n": agreement.version},
            code="stale_version",
        )
    if transition.status == Transition.Status.CANCELLED:
        raise ValidationError(_("Overgangen er annulleret."), code="cancelled")
    # The consent as stored now, under the transition's lock: a withdrawal saved a moment ago
    # stops this save.
    consent, problem = work_agreement_consent(transition.case, timezone.localdate())
    if problem is not None:
        raise ValidationError(str(BASIS_MESSAGES[problem]), code=problem.value)
    errors: dict[str, str] = {}
    texts = {
        "work_functions": (work_functions or "").strip(),
        "accommodations": (accommodations or "").strip(),
        "contact_name": (contact_name or "").strip(),
        "contact_phone": (contact_phone or "").strip(),
        "contact_email": (contact_email or "").strip(),
        "notes": (notes or "").strip(),
    }
    if not texts["work_functions"]:
        errors["work_functions"] = _("Beskriv hvad borgeren laver på arbejdet.")
    if not texts["contact_name"]:
        errors["contact_name"] = _("Angiv kontaktpersonen hos arbejdsgiveren.")
    if not texts["contact_phone"] and not texts["contact_email"]:
        errors["contact_phone"] = _("Angiv kontaktpersonens telefon eller e-mail.")
    if errors:
        raise ValidationError(errors)
    for name, value in texts.items():
        setattr(agreement, name, value)
    agreement.starts_on = starts_on
    agreement.consent = consent
    agreement.version += 1
    agreement.updated_by = actor
    agreement.updated_at = timezone.now()
    agreement.full_clean()
    agreement.save()
    case_event(
        case=transition.case,
        actor=actor,
        description=_("Arbejdsaftale gemt (version %(n)s)") % {"n": agreement.version},
        code=EventCode.WORK_AGREEMENT_SAVED,
        values={"n": agreement.version},
        data={
            "transition": transition.pk,
            "work_agreement": agreement.pk,
            "version": agreement.version,
            "consent": consent.pk if consent else None,
        },
    )
    return agreement
