"""Aftercare commitments (DESIGN §5.2): agreed, then changed, reduced or cancelled with a
history of every change."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import User
from treatment_options.models import Offer

from .. import hooks
from ..frequency import frequency_text, parse_frequency
from ..models import AftercareCommitment, CommitmentChange, Transition
from .bookkeeping import case_event


def _resolve_frequency(
    contacts_per_period: int | None, period_weeks: int | None, frequency: str | None
) -> tuple[int, int]:
    """n and k as given, or read from the frequency text when neither is given."""
    if contacts_per_period is None and period_weeks is None and frequency:
        parsed = parse_frequency(frequency)
        if parsed is None:
            raise ValidationError(
                {
                    "contacts_per_period": _(
                        "Hyppigheden kunne ikke læses. Angiv antal kontakter pr. antal uger."
                    )
                }
            )
        return parsed.contacts_per_period, parsed.period_weeks
    _check_frequency(contacts_per_period, period_weeks)
    assert contacts_per_period is not None and period_weeks is not None
    return contacts_per_period, period_weeks


def _check_frequency(contacts_per_period: int | None, period_weeks: int | None) -> None:
    errors = {}
    if not contacts_per_period or contacts_per_period < 1:
        errors["contacts_per_period"] = _("Angiv hvor mange kontakter (mindst 1).")
    if not period_weeks or period_weeks < 1:
        errors["period_weeks"] = _("Angiv over hvor mange uger (mindst 1).")
    if errors:
        raise ValidationError(errors)


def _commitment_snapshot(c: AftercareCommitment) -> dict[str, Any]:
    return {
        "description": c.description,
        "frequency": c.frequency,
        "contacts_per_period": c.contacts_per_period,
        "period_weeks": c.period_weeks,
        "starts_on": c.starts_on.isoformat() if c.starts_on else None,
        "responsible": c.responsible_id,
        "offer": c.offer_id,
        "status": c.status,
    }


@transaction.atomic
def commitment_create(
    *,
    transition: Transition,
    actor: User,
    description: str,
    starts_on: dt.date,
    contacts_per_period: int | None = None,
    period_weeks: int | None = None,
    frequency: str = "",
    responsible: User | None = None,
    offer: Offer | None = None,
) -> AftercareCommitment:
    """Agree a commitment of n contacts per k weeks (DESIGN §5.10). `frequency` is a text to
    go with it (by default n per k in words); given alone, n and k are read from it."""
    contacts_per_period, period_weeks = _resolve_frequency(
        contacts_per_period, period_weeks, frequency
    )
    commitment = AftercareCommitment(
        transition=transition,
        description=description,
        contacts_per_period=contacts_per_period,
        period_weeks=period_weeks,
        frequency=frequency.strip() or frequency_text(contacts_per_period, period_weeks),
        starts_on=starts_on,
        responsible=responsible,
        offer=offer,
    )
    commitment.full_clean()
    commitment.save()
    CommitmentChange.objects.create(
        commitment=commitment,
        kind=CommitmentChange.Kind.CREATED,
        after=_commitment_snapshot(commitment),
        actor=actor,
        created_at=timezone.now(),
    )
    return commitment


@transaction.atomic
def commitment_change(
    *,
    commitment: AftercareCommitment,
    actor: User,
    kind: str,
    reason: str,
    description: str | None = None,
    frequency: str | None = None,
    starts_on: dt.date | None = None,
    responsible: User | None = None,
    contacts_per_period: int | None = None,
    period_weeks: int | None = None,
) -> CommitmentChange:
    """Change, reduce or cancel an agreed commitment. Reducing or cancelling needs a written
    reason and notifies the residential therapist and the caseworker (§5.2): citizens who look
    more resourceful than they are must not silently lose their agreed support."""
    commitment = AftercareCommitment.objects.select_for_update().get(pk=commitment.pk)
    reason = reason.strip()
    if commitment.status == AftercareCommitment.Status.CANCELLED:
        raise ValidationError(_("Indsatsen er annulleret og kan ikke ændres."))
    if kind not in (
        CommitmentChange.Kind.CHANGED,
        CommitmentChange.Kind.REDUCED,
        CommitmentChange.Kind.CANCELLED,
    ):
        raise ValidationError({"kind": _("Vælg en gyldig ændring.")})
    if kind in (CommitmentChange.Kind.REDUCED, CommitmentChange.Kind.CANCELLED) and not reason:
        raise ValidationError(
            {"reason": _("Skriv en begrundelse, når en aftalt indsats reduceres eller annulleres.")}
        )
    before = _commitment_snapshot(commitment)
    if kind != CommitmentChange.Kind.CANCELLED:
        if description is not None:
            commitment.description = description
        if (
            contacts_per_period is None
            and period_weeks is None
            and frequency
            not in (
                None,
                before["frequency"],
            )
        ):
            contacts_per_period, period_weeks = _resolve_frequency(None, None, frequency)
        if contacts_per_period is not None or period_weeks is not None:
            _check_frequency(contacts_per_period, period_weeks)
            assert contacts_per_period is not None and period_weeks is not None
            new_per_period = (contacts_per_period, period_weeks) != (
                before["contacts_per_period"],
                before["period_weeks"],
            )
            commitment.contacts_per_period = contacts_per_period
            commitment.period_weeks = period_weeks
            commitment.frequency_needs_review = False
            if new_per_period and frequency in (None, before["frequency"]):
                # The old text would contradict the new n and k: say them in words.
                frequency = frequency_text(contacts_per_period, period_weeks)
        if frequency is not None:
            commitment.frequency = frequency
        if starts_on is not None:
            commitment.starts_on = starts_on
        commitment.responsible = responsible
    # Setting n and k on a commitment flagged for review is no change of what was agreed.
    per_period_changed = (commitment.contacts_per_period, commitment.period_weeks) != (
        before["contacts_per_period"],
        before["period_weeks"],
    )
    frequency_changed = (per_period_changed and before["contacts_per_period"] is not None) or (
        not per_period_changed and commitment.frequency != before["frequency"]
    )
    if kind == CommitmentChange.Kind.CHANGED and frequency_changed and not reason:
        # A changed frequency may be a reduction in disguise: it must at least be explained.
        raise ValidationError({"reason": _("Skriv en begrundelse, når hyppigheden ændres.")})
    if kind == CommitmentChange.Kind.REDUCED:
        commitment.status = AftercareCommitment.Status.REDUCED
    elif kind == CommitmentChange.Kind.CANCELLED:
        commitment.status = AftercareCommitment.Status.CANCELLED
    commitment.version += 1
    commitment.full_clean()
    commitment.save()
    change = CommitmentChange.objects.create(
        commitment=commitment,
        kind=kind,
        reason=reason,
        before=before,
        after=_commitment_snapshot(commitment),
        actor=actor,
        created_at=timezone.now(),
    )
    if kind in (CommitmentChange.Kind.REDUCED, CommitmentChange.Kind.CANCELLED):
        transition = Transition.objects.select_related("case").get(pk=commitment.transition_id)
        # The residential therapist and the caseworker are told (notifications connects).
        hooks.commitment_reduced.send(
            sender=AftercareCommitment,
            commitment=commitment,
            change=change,
            transition=transition,
            actor=actor,
        )
        case_event(
            case=transition.case,
            actor=actor,
            description=_("Aftalt indsats reduceret")
            if kind == CommitmentChange.Kind.REDUCED
            else _("Aftalt indsats annulleret"),
            data={"transition": transition.pk, "commitment": commitment.pk, "change": change.pk},
        )
    return change
