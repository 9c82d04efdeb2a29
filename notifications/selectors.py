"""Reads of the notifications app, always the signed-in user's own rows."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from django.db.models import QuerySet

from accounts.models import User

from .models import Notification

if TYPE_CHECKING:
    from cases.models import Case


def notification_unread_count(*, user: User) -> int:
    """Unread in-app notifications of the user (the header badge)."""
    if user is None or not getattr(user, "is_authenticated", False):
        return 0
    return Notification.objects.filter(recipient=user, read_at__isnull=True).count()


def notification_list_for_user(*, user: User) -> QuerySet[Notification]:
    """The user's notifications, newest first."""
    return (
        Notification.objects.filter(recipient=user)
        .select_related("case")
        .order_by("-created_at", "-pk")
    )


def course_end_of(*, case: Case) -> date | None:
    """The day the case's course ended (see `notifications.rules.course_end_cases`), or None
    while an episode is still open or none has ended."""
    from .rules import course_end_cases

    row = (
        course_end_cases(ended_from=date.min, ended_to=date.max)
        .filter(pk=case.pk)
        .values_list("course_end", flat=True)
        .first()
    )
    return row
