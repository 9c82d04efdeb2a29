"""Celery tasks of the cases app."""

from __future__ import annotations

from celery import shared_task
from django.utils import timezone

from .models import TemporaryCaseAccess


@shared_task(name="cases.tasks.access_expiry_sweep_task")
def access_expiry_sweep_task() -> int:
    """Delete expired temporary access rows (break the glass, read access after a handover).

    Housekeeping only: access is refused at read time as soon as `expires_at` has passed, so a
    late or missed sweep never lets anyone in. A use of break the glass stays until a manager
    has reviewed it: the row is the review task. Returns the number of rows deleted.
    """
    deleted, _per_model = (
        TemporaryCaseAccess.objects.filter(expires_at__lte=timezone.now())
        .exclude(kind=TemporaryCaseAccess.Kind.BREAK_GLASS, reviewed_at__isnull=True)
        .delete()
    )
    return deleted
