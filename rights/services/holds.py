"""Placing and lifting the legal holds that an access request or a complaint brings with it
(docs/retention.md §2): placed with the record, lifted when it is closed, with who and when."""

from __future__ import annotations

from django.utils import timezone

from accounts.models import User
from cases.models import Case, Citizen

from ..models import HoldKind, LegalHold


def legal_hold_place(
    *, citizen: Citizen, case: Case | None, kind: HoldKind, reason: str, actor: User | None
) -> LegalHold:
    """A new open hold on the citizen's data (`case` empty: all of it)."""
    hold = LegalHold(citizen=citizen, case=case, kind=kind, reason=reason, placed_by=actor)
    hold.full_clean()
    hold.save()
    return hold


def legal_hold_lift(*, hold: LegalHold | None, actor: User | None, reason: str) -> LegalHold | None:
    """Lift `hold` if it is still open (lifting twice keeps the first lifting); returns the
    hold as it is now."""
    if hold is None:
        return None
    # Lock and re-check: two closings at once must record one lifting.
    hold = LegalHold.objects.select_for_update().get(pk=hold.pk)
    if hold.lifted_at is not None:
        return hold
    hold.lifted_at = timezone.now()
    hold.lifted_by = actor
    hold.lift_reason = reason
    hold.save(update_fields=["lifted_at", "lifted_by", "lift_reason"])
    return hold
