"""Reads of the notifications app: the signed-in user's own rows, and when a case's course
ended (the legal follow-up counts from it)."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.db.models import Exists, Max, OuterRef, QuerySet

from accounts.models import User
from cases.models import Case
from treatment_options.models import Episode

from .models import Notification


def notification_unread_count(*, user: User) -> int:
    """Unread in-app notifications of the user (the header badge)."""
    if user is None or not getattr(user, "is_authenticated", False):
        return 0
    return Notification.objects.filter(recipient=user, read_at__isnull=True).count()


def notification_list_for_user(*, user: User) -> QuerySet[Notification]:
    """The user's notifications, newest first."""
    return (
        Notification.objects.filter(recipient=user)
        .select_related("case", "deputy_for")
        .order_by("-created_at", "-pk")
    )


def course_end_cases(*, ended_from: date, ended_to: date) -> Any:
    """Cases whose course ended between the two dates, annotated with `course_end`.

    Definition (BEK 1477/2019 § 4, "efter udskrivning"): the course ends on the latest
    `actual_end` of the case's episodes, once the case has no episode left that has not ended
    (a pending referral or a running aftercare episode means the course goes on). Discharge
    from residential treatment into outpatient aftercare is therefore *not* the end: the
    follow-up comes when the citizen leaves treatment altogether. Closed cases count too: the
    duty to follow up outlives the case.
    """
    unfinished = Episode.objects.filter(case=OuterRef("pk"), actual_end__isnull=True)
    return (
        Case.objects.annotate(course_end=Max("episodes__actual_end"))
        .filter(course_end__gte=ended_from, course_end__lte=ended_to)
        .filter(~Exists(unfinished))
    )


def course_end_of(*, case: Case) -> date | None:
    """The day the case's course ended (see `course_end_cases`), or None while an episode is
    still open or none has ended."""
    row = (
        course_end_cases(ended_from=date.min, ended_to=date.max)
        .filter(pk=case.pk)
        .values_list("course_end", flat=True)
        .first()
    )
    return row
