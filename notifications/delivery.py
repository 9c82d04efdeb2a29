"""E-mail delivery of notifications (DESIGN §6): the e-mail of a notification with its stable
Message-ID, the delivery run with its per-row claim and back-off, the Celery task that runs it,
and the outbox's dispatcher that publishes it.

The notifications table is the outbox: a web request only inserts rows. The dispatcher task
(beat, and once at worker start) publishes a delivery run when rows wait; the reminder sweep,
which runs in a worker, publishes one after it has made rows. `notifications.tasks` re-exports
the tasks, so Celery's autodiscovery registers them under the same names.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import datetime, timedelta
from urllib.parse import urlsplit

from celery import shared_task
from django.conf import settings
from django.core.mail import EmailMessage
from django.db import models, transaction
from django.utils import timezone, translation
from django.utils.formats import date_format
from django.utils.translation import gettext

from accounts.models import User

from .models import Notification, Rule

# The logger keeps the name it had when delivery was in services.py: log filters select on it.
logger = logging.getLogger("notifications.services")

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
                gettext("Dato: %(date)s")
                % {"date": date_format(notification.due_on, "DATE_FORMAT")}
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


def notification_message_id(notification: Notification) -> str:
    """The e-mail's Message-ID: the same for every send of one notification.

    SMTP is at least once: a worker that dies after the mail server accepted the message but
    before the delivery was recorded sends it again on recovery. With the same Message-ID the
    second copy is a duplicate that mail servers and clients drop, not a second message."""
    domain = urlsplit(settings.SITE_URL).hostname or "overgang.local"
    return f"<notification-{notification.pk}@{domain}>"


def _claim_timeout() -> timedelta:
    return timedelta(seconds=settings.NOTIFICATION_CLAIM_TIMEOUT_SECONDS)


def _claimable(now: datetime) -> models.Q:
    """Rows no live worker is sending: never claimed, or claimed longer ago than a send can
    take (EMAIL_TIMEOUT is well below the claim timeout), i.e. by a worker that died."""
    return models.Q(claimed_at__isnull=True) | models.Q(claimed_at__lt=now - _claim_timeout())


def notifications_to_deliver(*, now: datetime | None = None) -> models.QuerySet[Notification]:
    """Undelivered rows whose turn it is: past their back-off, and not claimed by a live worker.
    The notifications table is the outbox: this is what the dispatcher looks for."""
    now = now or timezone.now()
    return (
        Notification.objects.filter(delivery_done=False)
        .filter(models.Q(next_attempt_at__isnull=True) | models.Q(next_attempt_at__lte=now))
        .filter(_claimable(now))
    )


def notifications_deliver(*, batch: int = DELIVERY_BATCH) -> DeliveryResult:
    """E-mail undelivered notifications to users who want e-mail; settle the rest.

    Stops at the first failure (the mail server is most likely down, the rest would fail too)
    and reports when to try again. Rows not reached stay undelivered for the next run."""
    # Users who do not want e-mail, or have no address, get the inbox only: settle their rows
    # in one UPDATE so that the loop below reads only rows to send.
    Notification.objects.filter(delivery_done=False).filter(
        models.Q(recipient__wants_email_notifications=False)
        | models.Q(recipient__email="")
        | models.Q(recipient__is_active=False)
    ).update(delivery_done=True, claimed_at=None)
    ids = list(
        notifications_to_deliver().order_by("created_at", "pk").values_list("pk", flat=True)[:batch]
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


def _claim(pk: int) -> Notification | None:
    """Claim one row for sending, committed before the send: a worker that dies while sending
    leaves a claim that the dispatcher recovers once it is older than the claim timeout."""
    with transaction.atomic():
        now = timezone.now()
        # The race: two delivery tasks (two workers, or a retry overlapping the next run) may
        # pick the same id. On PostgreSQL the row lock with skip_locked makes the second one
        # skip a row the first is claiming; after the first has committed its claim, the row
        # is no longer claimable and the second finds nothing. SQLite has no row locks: there
        # the conditional UPDATE below takes the database write lock, so the second worker
        # waits until the first commits and then updates no row.
        row = (
            Notification.objects.select_for_update(skip_locked=True, of=("self",))
            .filter(pk=pk, delivery_done=False, emailed_at__isnull=True)
            .filter(_claimable(now))
            .first()
        )
        if row is None:
            return None
        claimed = (
            Notification.objects.filter(pk=pk, delivery_done=False)
            .filter(_claimable(now))
            .update(claimed_at=now, delivery_attempts=models.F("delivery_attempts") + 1)
        )
        if not claimed:
            return None
    row.refresh_from_db(fields=["delivery_attempts", "claimed_at"])
    return row


def _deliver_one(pk: int) -> bool | int | None:
    """Send one notification. True when sent, None when skipped (another worker has it, or it
    is done), else the seconds to wait before the next attempt."""
    row = _claim(pk)
    if row is None:
        return None
    recipient = User.objects.only("email").get(pk=row.recipient_id)
    subject, body = notification_email(row)
    message = EmailMessage(
        subject=subject,
        body=body,
        to=[recipient.email],
        headers={"Message-ID": notification_message_id(row)},
    )
    # The send is outside any transaction: the claim is committed, and a crash from here on is
    # recovered by the dispatcher (notifications_dispatch_task) with the same Message-ID.
    try:
        message.send()
    except Exception as exc:  # any failure of the mail server: record and back off
        wait = backoff_seconds(row.delivery_attempts)
        fields: dict[str, object] = {
            "last_error": _describe_error(exc),
            "next_attempt_at": timezone.now() + timedelta(seconds=wait),
            "claimed_at": None,
        }
        if row.delivery_attempts >= MAX_EMAIL_ATTEMPTS:
            # Give the e-mail up; the notification stays in the inbox.
            fields["delivery_done"] = True
            logger.warning(
                "Notification %s: e-mail given up after %d attempts.", pk, row.delivery_attempts
            )
        Notification.objects.filter(pk=pk).update(**fields)
        logger.warning("Notification %s: e-mail failed (%s).", pk, fields["last_error"])
        return wait
    # Marked only now, after the mail server accepted the message. If the process dies
    # between the server's acceptance and this update, the claim goes stale and the row is
    # sent again, with the same Message-ID: at least once, never silently lost.
    Notification.objects.filter(pk=pk).update(
        emailed_at=timezone.now(), delivery_done=True, last_error="", claimed_at=None
    )
    return True


def _describe_error(exc: BaseException) -> str:
    """The error class and SMTP code, never the server's text (it may echo an address)."""
    code = getattr(exc, "smtp_code", None)
    return f"{type(exc).__name__}{f' {code}' if code else ''}"[:300]


class DeliveryFailed(Exception):
    """The mail server refused or could not be reached; the row waits for its back-off."""


@shared_task(name="notifications.tasks.deliver_notifications_task", acks_late=True)
def deliver_notifications_task() -> int:
    """E-mail undelivered notifications. On a mail-server failure the failing row waits for its
    back-off and the task fails (visible in the worker's log); the dispatcher publishes the
    next run when a row is due again. No Celery retry with a countdown: a countdown longer
    than Redis's visibility timeout is redelivered to every worker in turn."""
    result = notifications_deliver()
    if result.failed:
        raise DeliveryFailed("The mail server did not accept a notification e-mail.")
    return result.sent


@shared_task(name="notifications.tasks.notifications_dispatch_task", acks_late=True)
def notifications_dispatch_task() -> bool:
    """The outbox's dispatcher (beat, every NOTIFICATION_DISPATCH_SECONDS, and at worker start):
    publish a delivery run when a notification is waiting. Web requests only write the rows;
    they never talk to the broker, so a Redis outage never makes a page wait. This is also the
    recovery of a worker that died mid-send: its claim goes stale after
    NOTIFICATION_CLAIM_TIMEOUT_SECONDS and the row is due again."""
    if not notifications_to_deliver().exists():
        return False
    deliver_notifications_task.delay()
    return True
