"""Writes of the notifications app: creating notifications, reading them, the e-mail
preference and the legal follow-up."""

from __future__ import annotations

import logging
import time
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from typing import TYPE_CHECKING, Any

from django.contrib.contenttypes.models import ContentType
from django.db import models, transaction
from django.utils import timezone

from .models import FollowUp, Notification

if TYPE_CHECKING:
    from accounts.models import User
    from cases.models import Case

# Items per "which of these exist already" look-up. It sends the distinct values of each
# column (a few recipients, rules and thresholds, up to 2,000 subject ids), well under every
# database's parameter limit; the sweep thus makes one look-up per 2,000 due notifications.
_EXISTING_CHUNK = 2000

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class Pending:
    """A notification to make: the output of a reminder rule, one per recipient."""

    recipient_id: int
    rule: str
    subject_type_id: int
    subject_id: int
    case_id: int | None
    threshold: str
    message: str
    url: str
    due_on: date | None = None

    @property
    def key(self) -> tuple[int, str, int, int, str]:
        return (self.recipient_id, self.rule, self.subject_type_id, self.subject_id, self.threshold)


def case_id_of(subject: models.Model) -> int | None:
    """The case a subject is or belongs to (a case, an episode, a transition, or anything
    hanging off a transition), or None."""
    from cases.models import Case

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
    threshold; a repeated call with the same threshold key is a no-op. E-mail delivery is
    queued after commit. Returns the number of notifications created.

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
def notifications_create(*, pending: Sequence[Pending]) -> int:
    """Insert the pending notifications that do not exist yet, in bulk, and queue delivery
    after commit. Returns how many were new."""
    unique: dict[tuple[int, str, int, int, str], Pending] = {}
    for item in pending:
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
            )
            for item in new
        ],
        ignore_conflicts=True,
    )
    transaction.on_commit(_queue_delivery)
    return len(new)


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


def _queue_delivery() -> None:
    from .tasks import deliver_notifications_task

    # The delivery task sweeps every undelivered row, so it needs no ids, and a lost message
    # is harmless: the next sweep (or the next notify) picks the rows up.
    try:
        deliver_notifications_task.delay()
    except Exception:  # a broker outage must not break the request that made the rows
        logger.warning("Could not queue notification delivery; the next sweep delivers.")


@transaction.atomic
def notification_mark_read(*, user: User, notification_id: int) -> Notification:
    """Mark one of the user's own notifications read (404 for anyone else's)."""
    from django.shortcuts import get_object_or_404

    notification = get_object_or_404(
        Notification.objects.select_for_update(), pk=notification_id, recipient=user
    )
    if notification.read_at is None:
        notification.read_at = timezone.now()
        notification.save(update_fields=["read_at"])
    return notification


@transaction.atomic
def notification_mark_all_read(*, user: User) -> int:
    """Mark all the user's unread notifications read; returns how many."""
    return Notification.objects.filter(recipient=user, read_at__isnull=True).update(
        read_at=timezone.now()
    )


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
    was done (BEK 1477/2019 § 4). Idempotent: a second call keeps the first record."""
    follow_up, created = FollowUp.objects.get_or_create(
        case=case,
        due_kind=due_kind,
        course_end_on=course_end_on,
        defaults={"done_on": done_on, "done_by": done_by},
    )
    if created:
        follow_up.full_clean()
    return follow_up


# --- The reminder sweep ----------------------------------------------------------------------


def reminder_sweep(*, today: date) -> int:
    """Run every reminder rule for `today` and insert what is new; returns how many
    notifications were created. Safe to run twice, or on two workers at once: the unique
    constraint makes the second insert of a row a no-op."""
    from .rules import run_rules

    started = time.perf_counter()
    pending = run_rules(today=today)
    created = notifications_create(pending=pending)
    logger.info(
        "reminder sweep %s: %d due, %d new notifications, %.3f s",
        today.isoformat(),
        len(pending),
        created,
        time.perf_counter() - started,
    )
    return created


# --- E-mail delivery -------------------------------------------------------------------------

# Per-row exponential back-off: 1, 2, 4, ... minutes, at most 6 hours between attempts; after
# MAX_EMAIL_ATTEMPTS (about four days of trying) the e-mail is given up. The notification is
# never lost: it stays in the inbox, with the error on the row.
BACKOFF_BASE_SECONDS = 60
BACKOFF_MAX_SECONDS = 6 * 60 * 60
MAX_EMAIL_ATTEMPTS = 24
DELIVERY_BATCH = 200


def backoff_seconds(attempts: int) -> int:
    """Seconds to wait after the `attempts`-th failed attempt."""
    return int(min(BACKOFF_BASE_SECONDS * 2 ** max(attempts - 1, 0), BACKOFF_MAX_SECONDS))


@dataclass(frozen=True)
class DeliveryResult:
    sent: int
    failed: int
    retry_in_seconds: int | None


def notification_email(notification: Notification) -> tuple[str, str]:
    """Subject and body of the e-mail for one notification, in Danish.

    Built from the rule's label, the date and the link only: never from the message, the
    subject's fields or anything else a case holds, so no personal data can leak into a mail
    server, a mailbox or a phone's lock screen."""
    from django.conf import settings
    from django.utils import translation
    from django.utils.translation import gettext

    from .models import Rule

    with translation.override("da"):
        try:
            kind = str(Rule(notification.rule).label)
        except ValueError:
            kind = gettext("Ny påmindelse")
        link = f"{settings.SITE_URL}{notification.url or '/indbakke/'}"
        inbox = f"{settings.SITE_URL}/indbakke/"
        subject = gettext("Overgang: %(kind)s") % {"kind": kind}
        lines = [gettext("Du har en ny påmindelse i Overgang."), "", f"{kind}."]
        if notification.due_on:
            lines.append(
                gettext("Dato: %(date)s") % {"date": notification.due_on.strftime("%d.%m.%Y")}
            )
        lines += [
            "",
            gettext("Log ind og se den her: %(link)s") % {"link": link},
            "",
            gettext(
                "Du får denne e-mail, fordi du har valgt at modtage påmindelser på e-mail. "
                "Du kan slå det fra i din indbakke: %(inbox)s"
            )
            % {"inbox": inbox},
        ]
    return subject, "\n".join(lines) + "\n"


def notifications_deliver(*, batch: int = DELIVERY_BATCH) -> DeliveryResult:
    """E-mail undelivered notifications to users who want e-mail; settle the rest.

    Stops at the first failure (the mail server is most likely down, the rest would fail too)
    and reports when to try again. Rows not reached stay undelivered for the next run."""
    now = timezone.now()
    # Users who do not want e-mail, or have no address, get the inbox only: settle their rows
    # in one UPDATE so that the loop below reads only rows to send.
    Notification.objects.filter(delivery_done=False).filter(
        models.Q(recipient__wants_email_notifications=False)
        | models.Q(recipient__email="")
        | models.Q(recipient__is_active=False)
    ).update(delivery_done=True)
    ids = list(
        Notification.objects.filter(delivery_done=False)
        .filter(models.Q(next_attempt_at__isnull=True) | models.Q(next_attempt_at__lte=now))
        .order_by("created_at", "pk")
        .values_list("pk", flat=True)[:batch]
    )
    sent = 0
    for pk in ids:
        outcome = _deliver_one(pk)
        if outcome is None:
            continue
        if outcome is True:
            sent += 1
            continue
        return DeliveryResult(sent=sent, failed=1, retry_in_seconds=outcome)
    return DeliveryResult(sent=sent, failed=0, retry_in_seconds=None)


def _deliver_one(pk: int) -> bool | int | None:
    """Send one notification. True when sent, None when skipped (another worker has it, or it
    is done), else the seconds to wait before the next attempt."""
    from django.core.mail import EmailMessage

    with transaction.atomic():
        # The race: two delivery tasks (two workers, or a retry overlapping the next run) may
        # pick the same id. On PostgreSQL the row lock with skip_locked makes the second one
        # skip a row the first is sending; the re-check of delivery_done after taking the lock
        # catches a row the first one has already committed as sent. SQLite has no row locks:
        # there the conditional UPDATE below takes the database write lock, so the second
        # worker waits until the first commits and then finds delivery_done set.
        row = (
            Notification.objects.select_for_update(skip_locked=True, of=("self",))
            .select_related("recipient")
            .filter(pk=pk, delivery_done=False, emailed_at__isnull=True)
            .first()
        )
        if row is None:
            return None
        claimed = Notification.objects.filter(pk=pk, delivery_done=False).update(
            delivery_attempts=models.F("delivery_attempts") + 1
        )
        if not claimed:
            return None
        row.refresh_from_db(fields=["delivery_attempts", "delivery_done", "emailed_at"])
        if row.delivery_done or row.emailed_at is not None:
            return None
        subject, body = notification_email(row)
        message = EmailMessage(subject=subject, body=body, to=[row.recipient.email])
        try:
            message.send()
        except Exception as exc:  # any failure of the mail server: record and back off
            wait = backoff_seconds(row.delivery_attempts)
            row.last_error = _describe_error(exc)
            row.next_attempt_at = timezone.now() + timedelta(seconds=wait)
            fields = ["last_error", "next_attempt_at"]
            if row.delivery_attempts >= MAX_EMAIL_ATTEMPTS:
                # Give the e-mail up; the notification stays in the inbox.
                row.delivery_done = True
                fields.append("delivery_done")
                logger.warning(
                    "Notification %s: e-mail given up after %d attempts.", pk, row.delivery_attempts
                )
            row.save(update_fields=fields)
            logger.warning("Notification %s: e-mail failed (%s).", pk, row.last_error)
            return wait
        # Marked only now, after the mail server accepted the message. If the process dies
        # between the server's acceptance and this commit, the row is sent again on the next
        # run: at least once, never silently lost.
        row.emailed_at = timezone.now()
        row.delivery_done = True
        row.last_error = ""
        row.save(update_fields=["emailed_at", "delivery_done", "last_error"])
        return True


def _describe_error(exc: BaseException) -> str:
    """The error class and SMTP code, never the server's text (it may echo an address)."""
    code = getattr(exc, "smtp_code", None)
    return f"{type(exc).__name__}{f' {code}' if code else ''}"[:300]
