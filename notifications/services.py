"""Writes of the notifications app: creating notifications, reading them, the e-mail
preference and the legal follow-up. The sweep is in `notifications.sweep`, the e-mail
delivery in `notifications.delivery`."""

from __future__ import annotations

import logging
from collections.abc import Iterable, Sequence
from dataclasses import replace
from datetime import date
from typing import TYPE_CHECKING, Any

from django.contrib.contenttypes.models import ContentType
from django.db import models, transaction
from django.shortcuts import get_object_or_404
from django.utils import timezone

from accounts.deputies import deputies_on
from cases.models import Case

from .models import FollowUp, Notification
from .pending import Pending
from .selectors import unread_count_forget

if TYPE_CHECKING:
    from accounts.models import User

# Items per "which of these exist already" look-up. It sends the distinct values of each
# column (a few recipients, rules and thresholds, up to 2,000 subject ids), well under every
# database's parameter limit; the sweep thus makes one look-up per 2,000 due notifications.
_EXISTING_CHUNK = 2000

logger = logging.getLogger(__name__)


def case_id_of(subject: models.Model) -> int | None:
    """The case a subject is or belongs to (a case, an episode, a transition, or anything
    hanging off a transition), or None."""
    if isinstance(subject, Case):
        return subject.pk
    case_id = getattr(subject, "case_id", None)
    if case_id is not None:
        return int(case_id)
    transition = getattr(subject, "transition", None)
    if transition is not None:
        return int(transition.case_id)
    return None


def notify(
    *,
    recipients: Iterable[Any],
    rule: str,
    subject: models.Model,
    threshold: str,
    message: str,
    url: str,
    due_on: date | None = None,
) -> int:
    """Notify each recipient (users or user ids) once about `subject` for this rule and
    threshold; a repeated call with the same threshold key is a no-op. The rows are the
    outbox: the dispatcher publishes their e-mail (a request never talks to the broker).
    Returns the number of notifications created.

    `message` is shown in the inbox: no names, CPR numbers or free text from the case. The
    e-mail never contains it; it says the kind of reminder (the rule), the date and the link.
    The date is `due_on`, or else the ISO date a threshold key ends with ("7d:2026-12-01")."""
    subject_type = ContentType.objects.get_for_model(subject)
    case_id = case_id_of(subject)
    recipient_ids = {r if isinstance(r, int) else r.pk for r in recipients if r is not None}
    pending = [
        Pending(
            recipient_id=rid,
            rule=str(rule),
            subject_type_id=subject_type.pk,
            subject_id=subject.pk,
            case_id=case_id,
            threshold=threshold,
            message=str(message),
            url=url,
            due_on=due_on or _date_from_key(threshold),
        )
        for rid in sorted(recipient_ids)
    ]
    return notifications_create(pending=pending)


@transaction.atomic
def notifications_create(*, pending: Sequence[Pending], today: date | None = None) -> int:
    """Insert the pending notifications that do not exist yet, in bulk. Returns how many were
    new. Nothing is queued: the rows are the outbox (notifications.delivery)."""
    unique: dict[tuple[int, str, int, int, str], Pending] = {}
    for item in pending:
        unique.setdefault(item.key, item)
    for item in _deputy_copies(list(unique.values()), today or timezone.localdate()):
        # A deputy who is a recipient in their own right keeps their own row.
        unique.setdefault(item.key, item)
    if not unique:
        return 0
    existing = _existing_keys(list(unique.values()))
    new = [item for key, item in unique.items() if key not in existing]
    if not new:
        return 0
    # ignore_conflicts: the unique constraint is the real guard. Another worker may insert the
    # same row between our look-up and our insert; the database then skips it silently. In
    # that race the returned count may include a row the other worker made, but no user is
    # ever notified twice.
    Notification.objects.bulk_create(
        [
            Notification(
                recipient_id=item.recipient_id,
                rule=item.rule,
                subject_type_id=item.subject_type_id,
                subject_id=item.subject_id,
                case_id=item.case_id,
                threshold=item.threshold,
                message=item.message[:300],
                url=item.url[:300],
                due_on=item.due_on or _date_from_key(item.threshold),
                deputy_for_id=item.deputy_for_id,
            )
            for item in new
        ],
        ignore_conflicts=True,
    )
    return len(new)


def _deputy_copies(items: list[Pending], today: date) -> list[Pending]:
    """§5.10, no day without an owner: a copy of each notification for the deputies of its
    recipient who is away today. One query for the whole batch (the sweep's too)."""
    deputies = deputies_on(today, {i.recipient_id for i in items})
    return [
        replace(item, recipient_id=deputy_id, deputy_for_id=item.recipient_id)
        for item in items
        for deputy_id in deputies.get(item.recipient_id, ())
        if deputy_id != item.recipient_id
    ]


def _date_from_key(threshold: str) -> date | None:
    """The ISO date a threshold key ends with ("7d:2026-12-01", "missed-2026-12-01")."""
    try:
        return date.fromisoformat(threshold[-10:])
    except ValueError:
        return None


def _existing_keys(items: list[Pending]) -> set[tuple[int, str, int, int, str]]:
    """Keys of `items` that are already notifications: one query per 2,000 items, filtered by
    the columns of the unique constraint (its index) and narrowed in Python."""
    found: set[tuple[int, str, int, int, str]] = set()
    for start in range(0, len(items), _EXISTING_CHUNK):
        chunk = items[start : start + _EXISTING_CHUNK]
        rows = Notification.objects.filter(
            recipient_id__in={i.recipient_id for i in chunk},
            rule__in={i.rule for i in chunk},
            subject_type_id__in={i.subject_type_id for i in chunk},
            subject_id__in={i.subject_id for i in chunk},
            threshold__in={i.threshold for i in chunk},
        ).values_list("recipient_id", "rule", "subject_type_id", "subject_id", "threshold")
        found.update(rows)
    return found


@transaction.atomic
def notification_mark_read(*, user: User, notification_id: int) -> Notification:
    """Mark one of the user's own notifications read (404 for anyone else's)."""
    notification = get_object_or_404(
        Notification.objects.select_for_update(), pk=notification_id, recipient=user
    )
    if notification.read_at is None:
        notification.read_at = timezone.now()
        notification.save(update_fields=["read_at"])
        unread_count_forget(user)
    return notification


@transaction.atomic
def notification_mark_all_read(*, user: User) -> int:
    """Mark all the user's unread notifications read; returns how many."""
    unread_count_forget(user)
    return Notification.objects.filter(recipient=user, read_at__isnull=True).update(
        read_at=timezone.now()
    )


@transaction.atomic
def notifications_mark_read_for_subject(*, rule: str, subject: models.Model) -> int:
    """Mark every recipient's unread notification of `rule` about `subject` read: the task it
    handed out is done (a review closed by one of the managers who got it). Returns how many."""
    return Notification.objects.filter(
        rule=rule,
        subject_type=ContentType.objects.get_for_model(subject),
        subject_id=subject.pk,
        read_at__isnull=True,
    ).update(read_at=timezone.now())


@transaction.atomic
def user_email_preference_set(*, user: User, wants_email: bool) -> None:
    """Turn e-mail reminders on or off for the user. Delivery reads the preference when it
    sends, so it also applies to notifications not yet e-mailed. The inbox shows all."""
    user.wants_email_notifications = wants_email
    user.save(update_fields=["wants_email_notifications"])


@transaction.atomic
def follow_up_mark_done(
    *, case: Case, due_kind: str, course_end_on: date, done_on: date, done_by: User
) -> FollowUp:
    """Record that the 1- or 6-month follow-up after the course ending on `course_end_on`
    was held (BEK 1477/2019 § 4), without findings (the inbox's quick button; the case page
    records the outcome with what was found). Idempotent: a recorded outcome is kept."""
    follow_up, created = FollowUp.objects.select_for_update().get_or_create(
        case=case,
        due_kind=due_kind,
        course_end_on=course_end_on,
        defaults={"outcome": FollowUp.Outcome.HELD, "done_on": done_on, "done_by": done_by},
    )
    if not created and not follow_up.outcome:
        follow_up.outcome = FollowUp.Outcome.HELD
        follow_up.done_on = done_on
        follow_up.done_by = done_by
        follow_up.save(update_fields=["outcome", "done_on", "done_by"])
    if created:
        follow_up.full_clean()
    return follow_up
