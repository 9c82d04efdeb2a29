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
from ..models import AftercareCommitment, CommitmentChange, Transition
from .bookkeeping import case_event


def _commitment_snapshot(c: AftercareCommitment) -> dict[str, Any]:
    return {
        "description": c.description,
        "frequency": c.frequency,
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
    frequency: str,
    starts_on: dt.date,
    responsible: User | None = None,
    offer: Offer | None = None,
) -> AftercareCommitment:
    commitment = AftercareCommitment(
        transition=transition,
        description=description,
        frequency=frequency,
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
        if frequency is not None:
            commitment.frequency = frequency
        if starts_on is not None:
            commitment.starts_on = starts_on
        commitment.responsible = responsible
    if (
        kind == CommitmentChange.Kind.CHANGED
        and commitment.frequency != before["frequency"]
        and not reason
    ):
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
