"""Celery tasks of the notifications app: the reminder sweep (beat, every
REMINDER_SWEEP_MINUTES), which also anchors the access log, and the e-mail delivery. Both take
JSON-able arguments, call one service, and can run on any number of workers at once.

The delivery task is defined in `notifications.delivery` (services queue it, and the sweep
calls services) and re-exported here, where Celery's autodiscovery finds it."""

from __future__ import annotations

from datetime import date

from celery import shared_task
from django.utils import timezone

from cases.access_log import access_log_anchor

from .delivery import DeliveryFailed, deliver_notifications_task
from .sweep import reminder_sweep

__all__ = ["DeliveryFailed", "deliver_notifications_task", "reminder_sweep_task"]


@shared_task(name="notifications.tasks.reminder_sweep_task", acks_late=True)
def reminder_sweep_task(today: str | None = None) -> int:
    """Evaluate every reminder rule for `today` (ISO date; default: the local date) and create
    the notifications that are due. Also queues delivery, so rows left undelivered by an
    earlier run (a lost message, retries given up by Celery) are picked up, and anchors the
    access log's head outside the database (DESIGN §1)."""
    day = date.fromisoformat(today) if today else timezone.localdate()
    created = reminder_sweep(today=day)
    if not created:
        # With new rows the insert has queued delivery after its commit already.
        deliver_notifications_task.delay()
    access_log_anchor()
    return created
