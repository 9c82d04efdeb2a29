"""E-mail delivery of notifications (DESIGN §6): the e-mail of a notification, the delivery run
with its per-row claim and back-off, and the Celery task that runs it.

The delivery task is defined here, beside its work, because `notifications_create` queues it
after every insert: were it in tasks.py, tasks (the sweep task) -> sweep -> services -> tasks
would be a cycle. `notifications.tasks` re-exports it, so Celery's autodiscovery registers it
under the same name.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import timedelta

from celery import shared_task
from django.conf import settings
from django.core.mail import EmailMessage
from django.db import models, transaction
from django.utils import timezone, translation
from django.utils.translation import gettext

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


class DeliveryFailed(Exception):
    """The mail server refused or could not be reached; the task retries with back-off."""


@shared_task(
    bind=True,
    name="notifications.tasks.deliver_notifications_task",
    acks_late=True,
    max_retries=12,
)
def deliver_notifications_task(self) -> int:  # type: ignore[no-untyped-def]
    """E-mail undelivered notifications; on a mail-server failure, retry with exponential
    back-off (the countdown comes from the failing row's attempt count)."""
    result = notifications_deliver()
    if result.failed:
        raise self.retry(
            countdown=result.retry_in_seconds,
            exc=DeliveryFailed("The mail server did not accept a notification e-mail."),
        )
    return result.sent
