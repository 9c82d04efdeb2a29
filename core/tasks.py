"""Foundation tasks: a trivial task that proves a worker is consuming from the broker."""

from __future__ import annotations

from celery import shared_task


@shared_task(name="core.tasks.ping_task")
def ping_task(value: str = "pong") -> str:
    """Return `value`: used by the worker test and to check a deployment's worker is alive."""
    return f"pong:{value}"
