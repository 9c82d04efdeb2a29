"""The delivery shortfall reminder (DESIGN §5.10, §6): attended contacts over the last 4 weeks
below the agreed level by more than the tolerance tell the outpatient therapist and the
caseworker, once per 4-week window."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from notifications.inbox import inbox_row
from notifications.models import Notification, Rule
from notifications.sweep import reminder_sweep
from tests import factories
from tests.clock import at
from treatment_options.models import Contact

from .conftest import make_case, make_transition, run_rule

pytestmark = pytest.mark.django_db

START = date(2026, 3, 2)  # a Monday: the commitment's first 4-week window is 2-29 March


@pytest.fixture
def weekly(caseworker, team_nord, residential_offer, outpatient_offer, outpatient_therapist):
    case = make_case(caseworker=caseworker, team=team_nord, inquiry_date=date(2026, 1, 5))
    transition = make_transition(case, residential_offer, outpatient_therapist=outpatient_therapist)
    episode = factories.EpisodeFactory(
        case=case, offer=outpatient_offer, referral_date=START, actual_start=START
    )
    transition.outpatient_episode = episode
    transition.save(update_fields=["outpatient_episode"])
    return factories.AftercareCommitmentFactory(
        transition=transition, contacts_per_period=1, period_weeks=1, starts_on=START
    )


def contact(commitment, day, outcome=Contact.Outcome.ATTENDED):
    factories.CommitmentDeliveryFactory(
        commitment=commitment,
        contact__at=at(day, 10),
        contact__outcome=outcome,
    )


def test_a_missed_week_out_of_two_notifies_the_therapist_and_the_caseworker(
    weekly, outpatient_therapist, caseworker
):
    contact(weekly, date(2026, 3, 3))
    contact(weekly, date(2026, 3, 10), Contact.Outcome.MISSED)
    found = run_rule("delivery_shortfall", date(2026, 3, 15))
    assert found == sorted(
        [
            (outpatient_therapist.pk, Rule.DELIVERY_SHORTFALL.value, "shortfall:2026-03-02"),
            (caseworker.pk, Rule.DELIVERY_SHORTFALL.value, "shortfall:2026-03-02"),
        ]
    )


def test_delivery_within_the_tolerance_notifies_nobody(weekly):
    for day in (3, 10, 17):
        contact(weekly, date(2026, 3, day))
    # 4 agreed by 29 March, 3 attended: 25 % below, not more.
    assert run_rule("delivery_shortfall", date(2026, 3, 29)) == []


def test_missed_and_cancelled_contacts_are_not_delivered(weekly):
    contact(weekly, date(2026, 3, 3), Contact.Outcome.CANCELLED_BY_PROVIDER)
    contact(weekly, date(2026, 3, 10), Contact.Outcome.CANCELLED_BY_CITIZEN)
    assert len(run_rule("delivery_shortfall", date(2026, 3, 15))) == 2


def test_the_tolerance_is_a_setting(weekly, settings):
    contact(weekly, date(2026, 3, 3))
    contact(weekly, date(2026, 3, 10), Contact.Outcome.MISSED)
    settings.DELIVERY_SHORTFALL_TOLERANCE_PERCENT = 60
    assert run_rule("delivery_shortfall", date(2026, 3, 15)) == []


def test_a_cancelled_commitment_or_one_without_frequency_is_not_chased(weekly):
    weekly.status = "cancelled"
    weekly.save()
    flagged = factories.AftercareCommitmentFactory(
        transition=weekly.transition,
        contacts_per_period=None,
        period_weeks=None,
        frequency_needs_review=True,
        starts_on=START,
    )
    assert flagged.pk
    assert run_rule("delivery_shortfall", date(2026, 3, 15)) == []


def test_notified_once_per_window_and_again_in_the_next(weekly, outpatient_therapist, caseworker):
    contact(weekly, date(2026, 3, 3))
    first = reminder_sweep(today=date(2026, 3, 15))
    again = reminder_sweep(today=date(2026, 3, 16))
    later_same_window = reminder_sweep(today=date(2026, 3, 29))
    shortfalls = Notification.objects.filter(rule=Rule.DELIVERY_SHORTFALL)
    assert shortfalls.count() == 2
    assert first >= 2 and again == 0 and later_same_window == 0
    # The next 4-week window (from 30 March), still short: told again, once.
    reminder_sweep(today=date(2026, 3, 30) + timedelta(days=7))
    reminder_sweep(today=date(2026, 3, 30) + timedelta(days=8))
    assert shortfalls.count() == 4
    assert set(shortfalls.values_list("threshold", flat=True)) == {
        "shortfall:2026-03-02",
        "shortfall:2026-03-30",
    }
    assert set(shortfalls.values_list("recipient", flat=True)) == {
        outpatient_therapist.pk,
        caseworker.pk,
    }
    # No personal data: the kind of shortfall and the figures only.
    message = shortfalls.values_list("message", flat=True)[0]
    assert weekly.transition.case.citizen.last_name not in message
    assert "leveret under det aftalte niveau" in message


def test_the_inbox_row_names_the_shortfall_and_its_window(weekly, caseworker):
    contact(weekly, date(2026, 3, 3))
    reminder_sweep(today=date(2026, 3, 15))
    notification = Notification.objects.get(rule=Rule.DELIVERY_SHORTFALL, recipient=caseworker)
    row = inbox_row(notification, today=date(2026, 3, 15))
    assert row.what == "En aftalt indsats leveres under det aftalte niveau"
    assert (row.when_label, row.when_on) == ("Perioden begyndte", START)
    assert row.action == "Se leveret og aftalt"
