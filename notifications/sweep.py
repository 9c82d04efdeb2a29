"""The reminder sweep (DESIGN §6): every rule evaluated for a day, what is new inserted in bulk.
Run by `notifications.tasks.reminder_sweep_task` on the beat schedule."""

from __future__ import annotations

import logging
import time
from datetime import date

from .rules import run_rules
from .services import notifications_create

# The logger keeps the name it had when the sweep was in services.py: log filters select on it.
logger = logging.getLogger("notifications.services")


def reminder_sweep(*, today: date) -> int:
    """Run every reminder rule for `today` and insert what is new; returns how many
    notifications were created. Safe to run twice, or on two workers at once: the unique
    constraint makes the second insert of a row a no-op."""
    started = time.perf_counter()
    pending = run_rules(today=today)
    created = notifications_create(pending=pending, today=today)
    logger.info(
        "reminder sweep %s: %d due, %d new notifications, %.3f s",
        today.isoformat(),
        len(pending),
        created,
        time.perf_counter() - started,
    )
    return created
