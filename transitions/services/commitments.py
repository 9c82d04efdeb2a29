"""Aftercare commitments (DESIGN §5.2, §5.10): agreed, then changed, reduced or cancelled, with
a history of every change. No quiet changes: every change has a written reason, is kept with
its old and new values, and the residential therapist and the caseworker are told."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any

from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import User
from cases.event_messages import EventCode
from treatment_options.models import Offer

from .. import hooks
from ..frequency import frequency_text, parse_frequency
from ..models import AftercareCommitment, CommitmentChange, Transition
from .bookkeeping import case_event

# The fields a change may touch. Every one of them goes through `commitment_change`, so a new
# field (a structured frequency) needs only its name here to be reasoned, kept and notified.
CHANGEABLE_FIELDS: tuple[str, ...] = (
    "description",
    "frequency",
    "contacts_per_period",
    "period_weeks",
    "starts_on",
    "responsible",
    "offer",
)


def _json_value(value: Any) -> Any:
    if isinstance(value, models.Model):
        return value.pk
    if isinstance(value, dt.date):
        return value.isoformat()
    return value


def _attname(name: str) -> str:
    """The column attribute of a field ("responsible" -> "responsible_id")."""
    field = AftercareCommitment._meta.get_field(name)
    return str(getattr(field, "attname", name))


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
    snapshot = {name: _json_value(getattr(c, _attname(name))) for name in CHANGEABLE_FIELDS}
    snapshot["status"] = c.status
    return snapshot


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
    go with it (by default n per k in words); given alone, n and k are read from it. It always
    has a responsible person: the one chosen, else the outpatient therapist of the handover."""
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
        responsible=responsible or transition.outpatient_therapist,
        offer=offer,
    )
    if commitment.responsible is None:
        raise ValidationError({"responsible": _("En aftalt indsats skal have en ansvarlig.")})
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


_KINDS = (
    CommitmentChange.Kind.CHANGED,
    CommitmentChange.Kind.REDUCED,
    CommitmentChange.Kind.CANCELLED,
)


@transaction.atomic
def commitment_change(
    *,
    commitment: AftercareCommitment,
    actor: User,
    changes: Mapping[str, Any],
    reason: str,
    kind: str = CommitmentChange.Kind.CHANGED,
) -> CommitmentChange:
    """Change, reduce or cancel an agreed commitment: the one way any of its fields changes.
    Every change needs a written reason, is kept with its old and new values, and notifies the
    residential therapist and the caseworker (§5.2, §5.10): citizens who look more resourceful
    than they are must not silently lose their agreed support. `changes` maps field names of
    CHANGEABLE_FIELDS to their new values; a cancellation ignores them."""
    commitment = AftercareCommitment.objects.select_for_update().get(pk=commitment.pk)
    reason = (reason or "").strip()
    if commitment.status == AftercareCommitment.Status.CANCELLED:
        raise ValidationError(_("Indsatsen er annulleret og kan ikke ændres."))
    if kind not in _KINDS:
        raise ValidationError({"kind": _("Vælg en gyldig ændring.")})
    unknown = sorted(set(changes) - set(CHANGEABLE_FIELDS))
    if unknown:
        raise ValidationError({unknown[0]: _("Feltet kan ikke ændres.")})
    if not reason:
        raise ValidationError({"reason": _("Skriv en begrundelse for ændringen af indsatsen.")})
    before = _commitment_snapshot(commitment)
    if kind != CommitmentChange.Kind.CANCELLED:
        changes = dict(changes)
        contacts_per_period = changes.pop("contacts_per_period", None)
        period_weeks = changes.pop("period_weeks", None)
        frequency = changes.get("frequency")
        if (
            contacts_per_period is None
            and period_weeks is None
            and frequency not in (None, before["frequency"])
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
                changes["frequency"] = frequency_text(contacts_per_period, period_weeks)
        for name, value in changes.items():
            setattr(commitment, name, value)
        if commitment.responsible_id is None:
            raise ValidationError({"responsible": _("En aftalt indsats skal have en ansvarlig.")})
    if kind == CommitmentChange.Kind.REDUCED:
        commitment.status = AftercareCommitment.Status.REDUCED
    elif kind == CommitmentChange.Kind.CANCELLED:
        commitment.status = AftercareCommitment.Status.CANCELLED
    after = _commitment_snapshot(commitment)
    if after == before:
        raise ValidationError(_("Der er ikke ændret noget."))
    commitment.version += 1
    commitment.full_clean()
    commitment.save()
    change = CommitmentChange.objects.create(
        commitment=commitment,
        kind=kind,
        reason=reason,
        before=before,
        after=after,
        actor=actor,
        created_at=timezone.now(),
    )
    transition = Transition.objects.select_related("case").get(pk=commitment.transition_id)
    # The residential therapist and the caseworker are told (notifications connects).
    signal = (
        hooks.commitment_changed
        if kind == CommitmentChange.Kind.CHANGED
        else hooks.commitment_reduced
    )
    signal.send(
        sender=AftercareCommitment,
        commitment=commitment,
        change=change,
        transition=transition,
        actor=actor,
    )
    descriptions = {
        CommitmentChange.Kind.CHANGED: _("Aftalt indsats ændret"),
        CommitmentChange.Kind.REDUCED: _("Aftalt indsats reduceret"),
        CommitmentChange.Kind.CANCELLED: _("Aftalt indsats annulleret"),
    }
    codes = {
        CommitmentChange.Kind.CHANGED: EventCode.COMMITMENT_CHANGED,
        CommitmentChange.Kind.REDUCED: EventCode.COMMITMENT_REDUCED,
        CommitmentChange.Kind.CANCELLED: EventCode.COMMITMENT_CANCELLED,
    }
    case_event(
        case=transition.case,
        actor=actor,
        description=descriptions[CommitmentChange.Kind(kind)],
        code=codes[CommitmentChange.Kind(kind)],
        data={"transition": transition.pk, "commitment": commitment.pk, "change": change.pk},
    )
    return change
