"""Celery tasks of the rights app: the nightly retention run (docs/retention.md §6)."""

from __future__ import annotations

from celery import shared_task

from .retention.run import retention_run


@shared_task(
    name="rights.tasks.retention_task", acks_late=True, soft_time_limit=3300, time_limit=3600
)
def retention_task() -> int:
    """Delete what has passed its period under the confirmed rules; returns the run's id."""
    return retention_run().pk
