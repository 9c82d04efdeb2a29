"""Celery tasks of the notifications app: the reminder sweep (beat, every
REMINDER_SWEEP_MINUTES, and once when beat starts), which also anchors the access log, the
e-mail delivery and the outbox's dispatcher (beat, every NOTIFICATION_DISPATCH_SECONDS). They
take JSON-able arguments, call one service, and can run on any number of workers at once.

The delivery and dispatch tasks are defined in `notifications.delivery`, beside their work, and
re-exported here, where Celery's autodiscovery finds them."""

from __future__ import annotations

import datetime as dt

from celery import shared_task
from django.utils import timezone

from cases.access_log import access_log_anchor

from .delivery import DeliveryFailed, deliver_notifications_task, notifications_dispatch_task
from .sweep import reminder_sweep

__all__ = [
    "DeliveryFailed",
    "deliver_notifications_task",
    "notifications_dispatch_task",
    "reminder_sweep_task",
]


@shared_task(name="notifications.tasks.reminder_sweep_task", acks_late=True)
def reminder_sweep_task(today: str | None = None, now: str | None = None) -> int:
    """Evaluate every reminder rule for `now` (ISO datetime; default: this moment, the way beat
    runs it) or for the whole of `today` (ISO date) and create the notifications that are due,
    then queue their delivery at once (this runs in a worker, never in a web request), and
    anchor the access log's head outside the database (DESIGN §1)."""
    moment = dt.datetime.fromisoformat(now) if now else None
    day = dt.date.fromisoformat(today) if today else None
    if moment is None and day is None:
        moment = timezone.now()
    created = reminder_sweep(now=moment, today=day)
    deliver_notifications_task.delay()
    access_log_anchor()
    return created
