"""The reminder sweep (DESIGN §6): every rule evaluated for a day, what is new inserted in bulk,
and the one time-of-day rule, the first outpatient appointment passed with no attended contact
(§5.9), which is not only a notification but an outreach task: the transitions service makes
both. Run by `notifications.tasks.reminder_sweep_task` on the beat schedule."""

from __future__ import annotations

import datetime as dt
import logging
import time

from django.utils import timezone

from transitions.services import first_appointments_missed_sweep

from .rules import run_rules
from .services import notifications_create

# The logger keeps the name it had when the sweep was in services.py: log filters select on it.
logger = logging.getLogger("notifications.services")


def sweep_moment(*, now: dt.datetime | None, today: dt.date | None) -> tuple[dt.datetime, dt.date]:
    """The moment and the local day the sweep runs for. `now` decides (the day is its local
    date); a sweep given only a day sees that day as over (its last moment), so a rule of the
    time of day, such as the first appointment's cut-off, is as it is when the day has ended."""
    if now is None:
        if today is None:
            now = timezone.now()
        else:
            zone = timezone.get_default_timezone()
            now = dt.datetime.combine(today, dt.time.max, tzinfo=zone)
    return now, today or timezone.localdate(now)


def reminder_sweep(*, now: dt.datetime | None = None, today: dt.date | None = None) -> int:
    """Run every reminder rule for `now` (default: this moment; `today` is its local date) and
    insert what is new; returns how many notifications were created. Safe to run twice, or on
    two workers at once: the unique constraint makes the second insert of a row a no-op, and
    the outreach is created under the transition's row lock, once."""
    started = time.perf_counter()
    now, today = sweep_moment(now=now, today=today)
    # §5.9: the outreach item and the caseworker's notification (made by the hook, at once).
    outreach = first_appointments_missed_sweep(now=now)
    pending = run_rules(today=today)
    created = notifications_create(pending=pending, today=today)
    logger.info(
        "reminder sweep %s: %d due, %d new notifications, %d outreach items, %.3f s",
        now.isoformat(),
        len(pending),
        created,
        outreach,
        time.perf_counter() - started,
    )
    return created
