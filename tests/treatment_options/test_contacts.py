"""Recording contacts in an episode (treatment_options.contacts): who may, and which times are
refused (DESIGN §5.10)."""

from __future__ import annotations

from datetime import date, datetime, timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from tests import factories
from tests.clock import NOW, TZ
from treatment_options import contacts
from treatment_options.models import Contact

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _frozen(clock):
    """At tests.clock.NOW (16 March 2026, 10:00)."""


@pytest.fixture
def episode(case, outpatient_offer):
    return factories.EpisodeFactory(
        case=case, offer=outpatient_offer, referral_date=date(2026, 3, 2)
    )


def record(actor, episode, at, outcome="attended"):
    return contacts.contact_record(
        actor=actor, episode=episode, at=at, kind="phone", outcome=outcome, is_planned=False
    )


def test_the_caseworker_records_a_contact(caseworker, episode):
    contact = record(caseworker, episode, NOW - timedelta(hours=2))
    assert contact.recorded_by == caseworker
    assert (contact.kind, contact.is_planned) == ("phone", False)


def test_staff_of_another_provider_may_not_record(residential_therapist, episode):
    with pytest.raises(PermissionDenied):
        record(residential_therapist, episode, NOW - timedelta(hours=2))
    assert not Contact.objects.exists()


def test_before_the_referral_is_refused(caseworker, episode):
    with pytest.raises(ValidationError) as raised:
        record(caseworker, episode, datetime(2026, 3, 1, 12, tzinfo=TZ))
    assert raised.value.error_dict["at"][0].code == "before_referral"


@pytest.mark.parametrize("outcome", ["attended", "missed"])
def test_what_happened_cannot_be_in_the_future(caseworker, episode, outcome):
    with pytest.raises(ValidationError) as raised:
        record(caseworker, episode, NOW + timedelta(minutes=5), outcome)
    assert raised.value.error_dict["at"][0].code == "future"


def test_a_cancellation_may_be_for_a_later_appointment(caseworker, episode):
    assert record(caseworker, episode, NOW + timedelta(days=2), "cancelled_citizen").pk


def test_a_closed_case_takes_no_contacts(caseworker, episode):
    episode.case.status = "closed"
    episode.case.closed_on = date(2026, 3, 15)
    episode.case.save()
    with pytest.raises(ValidationError):
        record(caseworker, episode, NOW - timedelta(hours=2))


def test_a_correction_keeps_the_rules(caseworker, episode):
    contact = record(caseworker, episode, NOW - timedelta(hours=2))
    with pytest.raises(ValidationError):
        contacts.contact_update(
            actor=caseworker,
            contact=contact,
            at=NOW + timedelta(days=1),
            kind="phone",
            outcome="attended",
            is_planned=False,
        )
    updated = contacts.contact_update(
        actor=caseworker,
        contact=contact,
        at=contact.at,
        kind="sms",
        outcome="missed",
        is_planned=True,
    )
    assert (updated.kind, updated.outcome, updated.is_planned) == ("sms", "missed", True)
