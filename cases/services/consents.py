"""Consents (Retssikkerhedsloven § 11 a), their withdrawal, and disclosures made under them."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from django.db import transaction
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from accounts.models import User

from ..access import CHANGE
from ..event_messages import EventCode
from ..models import Case, CaseEvent, Consent, Disclosure, InformationKind, PartyKind
from .checks import Errors, local_today, require_perm
from .events import case_event_record


def _check_information_kinds(errors: Errors, kinds: Iterable[str]) -> list[str]:
    values = list(dict.fromkeys(str(k) for k in kinds or ()))
    if not values:
        errors.add("information_kinds", _("Vælg mindst én slags oplysninger."), code="required")
    elif any(value not in InformationKind.values for value in values):
        errors.add("information_kinds", _("Ukendt slags oplysninger."), code="invalid")
    return values


@transaction.atomic
def consent_create(
    *,
    actor: User,
    case: Case,
    party_kind: str,
    party_name: str,
    information_kinds: Iterable[str],
    purpose: str,
    form: str,
    valid_from: date,
    valid_to: date | None = None,
) -> Consent:
    """Record a specific consent (Retssikkerhedsloven § 11 a): one party, named kinds of
    information, one purpose, a period, written or oral."""
    require_perm(actor, "cases.add_consent", case)
    errors = Errors()
    party_name = (party_name or "").strip()
    purpose = (purpose or "").strip()
    if party_kind not in PartyKind.values:
        errors.add("party_kind", _("Vælg hvem samtykket gælder."), code="required")
    if not party_name:
        errors.add("party_name", _("Angiv partens navn."), code="required")
    kinds = _check_information_kinds(errors, information_kinds)
    if InformationKind.WORK_AGREEMENT in kinds and party_kind != PartyKind.EMPLOYER:
        # DESIGN §5.12: the work agreement is shared only under the employer's written consent.
        errors.add(
            "information_kinds",
            _("Arbejdsaftalen kan kun videregives til arbejdsgiveren."),
            code="employer_only",
        )
    if not purpose:
        errors.add("purpose", _("Angiv formålet med samtykket."), code="required")
    if form not in Consent.Form.values:
        errors.add("form", _("Angiv om samtykket er skriftligt eller mundtligt."), "required")
    elif party_kind == PartyKind.EMPLOYER and form != Consent.Form.WRITTEN:
        errors.add(
            "form",
            _("En arbejdsgiver kræver altid et udtrykkeligt skriftligt samtykke."),
            code="employer_written",
        )
    if valid_from is None:
        errors.add("valid_from", _("Angiv hvornår samtykket gælder fra."), code="required")
    elif valid_to is not None and valid_to < valid_from:
        errors.add(
            "valid_to", _("Slutdatoen kan ikke ligge før startdatoen."), code="invalid_period"
        )
    errors.raise_if_any()
    consent = Consent(
        case=case,
        party_kind=party_kind,
        party_name=party_name,
        information_kinds=kinds,
        purpose=purpose,
        form=form,
        valid_from=valid_from,
        valid_to=valid_to,
        recorded_by=actor,
    )
    consent.full_clean()
    consent.save()
    period = date_format(valid_from, "DATE_FORMAT") + (
        f" - {date_format(valid_to, 'DATE_FORMAT')}" if valid_to else ""
    )
    case_event_record(
        case=case,
        kind=CaseEvent.Kind.CONSENT_GIVEN,
        actor=actor,
        description=_("%(form)s samtykke til %(party)s (%(period)s).")
        % {"form": consent.get_form_display(), "party": str(consent), "period": period},
        code=EventCode.CONSENT_GIVEN,
        values={
            "form": consent.form,
            "party_kind": consent.party_kind,
            "party_name": consent.party_name,
            "valid_from": valid_from.isoformat(),
            "valid_to": valid_to.isoformat() if valid_to else None,
        },
        data={"consent": consent.pk, "party_kind": party_kind, "information_kinds": kinds},
    )
    return consent


@transaction.atomic
def consent_withdraw(*, actor: User, consent: Consent, withdrawn_on: date, reason: str) -> Consent:
    """The citizen withdraws a consent. Nothing may be disclosed under it from that day."""
    consent = Consent.objects.select_for_update().select_related("case").get(pk=consent.pk)
    require_perm(actor, CHANGE, consent.case)
    errors = Errors()
    reason = (reason or "").strip()
    if consent.withdrawn_on is not None:
        errors.add("withdrawn_on", _("Samtykket er allerede trukket tilbage."), code="withdrawn")
    if withdrawn_on is None:
        errors.add("withdrawn_on", _("Angiv datoen for tilbagetrækningen."), code="required")
    elif withdrawn_on > local_today():
        errors.add("withdrawn_on", _("Datoen kan ikke ligge i fremtiden."), code="future")
    if not reason:
        errors.add("reason", _("Angiv en begrundelse."), code="required")
    errors.raise_if_any()
    consent.withdrawn_on = withdrawn_on
    consent.withdrawn_reason = reason
    consent.save(update_fields=["withdrawn_on", "withdrawn_reason"])
    case_event_record(
        case=consent.case,
        kind=CaseEvent.Kind.CONSENT_WITHDRAWN,
        actor=actor,
        description=_("Samtykke til %(party)s trukket tilbage %(date)s.")
        % {"party": str(consent), "date": date_format(withdrawn_on, "DATE_FORMAT")},
        code=EventCode.CONSENT_WITHDRAWN,
        values={
            "party_kind": consent.party_kind,
            "party_name": consent.party_name,
            "date": withdrawn_on.isoformat(),
        },
        data={"consent": consent.pk},
    )
    return consent


@transaction.atomic
def disclosure_record(
    *,
    actor: User,
    case: Case,
    consent: Consent,
    information_kinds: Iterable[str],
    recipient: str,
    description: str = "",
) -> Disclosure:
    """Record information shared with an external party under a consent. Refused unless the
    consent is valid today and covers every kind of information shared."""
    require_perm(actor, "cases.add_disclosure", case)
    # The stored consent, locked: a withdrawal saved a moment ago must stop this disclosure.
    consent = Consent.objects.select_for_update().get(pk=consent.pk)
    errors = Errors()
    recipient = (recipient or "").strip()
    kinds = _check_information_kinds(errors, information_kinds)
    if not recipient:
        errors.add("recipient", _("Angiv modtageren."), code="required")
    if consent.case_id != case.pk:
        errors.add("consent", _("Samtykket hører ikke til denne sag."), code="other_case")
    elif not consent.is_valid_on(local_today()):
        errors.add(
            "consent",
            _("Samtykket er ikke gyldigt i dag (udløbet, ikke begyndt eller trukket tilbage)."),
            code="not_valid",
        )
    else:
        missing = [k for k in kinds if not consent.covers(k)]
        if missing:
            labels = ", ".join(str(InformationKind(k).label) for k in missing)
            errors.add(
                "information_kinds",
                _("Samtykket dækker ikke: %(kinds)s.") % {"kinds": labels},
                code="not_covered",
            )
    errors.raise_if_any()
    disclosure = Disclosure(
        case=case,
        consent=consent,
        information_kinds=kinds,
        recipient=recipient,
        description=(description or "").strip(),
        disclosed_by=actor,
    )
    disclosure.full_clean()
    disclosure.save()
    case_event_record(
        case=case,
        kind=CaseEvent.Kind.DISCLOSURE,
        actor=actor,
        description=_("Oplysninger videregivet til %(recipient)s under samtykke til %(party)s.")
        % {"recipient": recipient, "party": str(consent)},
        code=EventCode.DISCLOSURE,
        values={
            "recipient": recipient,
            "party_kind": consent.party_kind,
            "party_name": consent.party_name,
        },
        data={"disclosure": disclosure.pk, "consent": consent.pk, "information_kinds": kinds},
    )
    return disclosure
