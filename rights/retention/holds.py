"""A manager's legal hold (docs/retention.md §2): placed with a reason, lifted with a reason."""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone

from accounts.models import User
from cases.models import Case, Citizen

from ..models import HoldKind, LegalHold


def manager_hold_place(
    *, citizen: Citizen, case: Case | None, reason: str, user: User
) -> LegalHold:
    return LegalHold.objects.create(
        citizen=citizen, case=case, kind=HoldKind.MANAGER, reason=reason, placed_by=user
    )


def hold_lift(*, hold: LegalHold, reason: str, user: User) -> LegalHold:
    with transaction.atomic():
        hold = LegalHold.objects.select_for_update().get(pk=hold.pk)
        if hold.lifted_at is None:
            hold.lifted_at = timezone.now()
            hold.lifted_by = user
            hold.lift_reason = reason
            hold.save(update_fields=["lifted_at", "lifted_by", "lift_reason"])
    return hold
