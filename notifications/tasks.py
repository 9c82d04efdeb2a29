"""Celery tasks of the notifications app: the reminder sweep (beat, every
REMINDER_SWEEP_MINUTES) and the e-mail delivery. Both take JSON-able arguments, call one
service, and can run on any number of workers at once."""

from __future__ import annotations

from datetime import date

from celery import Task, shared_task
from django.utils import timezone

from .services import notifications_deliver, reminder_sweep


class DeliveryFailed(Exception):
    """The mail server refused or could not be reached; the task retries with back-off."""


@shared_task(name="notifications.tasks.reminder_sweep_task", acks_late=True)
def reminder_sweep_task(today: str | None = None) -> int:
    """Evaluate every reminder rule for `today` (ISO date; default: the local date) and create
    the notifications that are due. Also queues delivery, so rows left undelivered by an
    earlier run (a lost message, retries given up by Celery) are picked up."""
    day = date.fromisoformat(today) if today else timezone.localdate()
    created = reminder_sweep(today=day)
    if not created:
        # With new rows the insert has queued delivery after its commit already.
        deliver_notifications_task.delay()
    return created


@shared_task(
    bind=True,
    name="notifications.tasks.deliver_notifications_task",
    acks_late=True,
    max_retries=12,
)
def deliver_notifications_task(self: Task) -> int:
    """E-mail undelivered notifications; on a mail-server failure, retry with exponential
    back-off (the countdown comes from the failing row's attempt count)."""
    result = notifications_deliver()
    if result.failed:
        raise self.retry(
            countdown=result.retry_in_seconds,
            exc=DeliveryFailed("The mail server did not accept a notification e-mail."),
        )
    return result.sent
