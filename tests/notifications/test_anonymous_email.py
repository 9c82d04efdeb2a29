"""An anonymous citizen (SEL § 101 a) is never named in a notification e-mail, not even by
alias (a guard that already holds: messages name the kind of deadline and its date only)."""

from __future__ import annotations

from django.core import mail

from notifications.delivery import notifications_deliver
from notifications.models import Notification
from notifications.sweep import reminder_sweep
from tests import factories
from tests.clock import REMINDER_DAY

from .conftest import make_case, make_checkin, make_transition

ALIAS = "ALIASRAVN"
NAME = "NAVNEMARKOR"


def test_checkin_email_for_an_anonymous_case_holds_no_alias_or_name(
    caseworker, team_nord, residential_offer, outpatient_therapist
):
    citizen = factories.CitizenFactory(
        is_anonymous=True, cpr=None, alias=ALIAS, first_name=NAME, last_name=NAME, birth_date=None
    )
    case = make_case(caseworker=caseworker, team=team_nord, legal_basis="SEL101A", citizen=citizen)
    transition = make_transition(case, residential_offer, outpatient_therapist=outpatient_therapist)
    make_checkin(transition, due_on=REMINDER_DAY)

    reminder_sweep(today=REMINDER_DAY)
    notifications_deliver()

    assert Notification.objects.filter(case_id=case.pk).exists()
    assert len(mail.outbox) >= 1
    for message in mail.outbox:
        text = f"{message.subject}\n{message.body}"
        assert ALIAS not in text
        assert NAME not in text
    for notification in Notification.objects.all():
        assert ALIAS not in notification.message
        assert NAME not in notification.message
