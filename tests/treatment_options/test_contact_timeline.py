"""Contacts on the case's timeline (DESIGN §4: every event, episode, note, meeting and
check-in in time order; the contacts recorded with the citizen too), with a query count that
does not grow with the number of contacts."""

from __future__ import annotations

from datetime import date, datetime, timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tests import factories
from tests.clock import TZ
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


def timeline(client, case):
    return client.get(reverse("cases:timeline", kwargs={"case_id": case.pk}))


def test_the_timeline_shows_a_recorded_contact(client, caseworker, case, episode):
    factories.ContactFactory(
        episode=episode,
        at=datetime(2026, 3, 10, 9, 30, tzinfo=TZ),
        kind=Contact.Kind.HOME_VISIT,
        outcome=Contact.Outcome.MISSED,
        is_planned=False,
    )
    client.force_login(caseworker)
    response = timeline(client, case)
    assert response.status_code == 200
    html = response.content.decode()
    assert "Kontakt: Hjemmebesøg, udeblevet (borgeren)" in html
    assert "Ambulant efterbehandling" in html
    assert "ikke planlagt" in html


def test_contacts_take_their_place_in_time_order(client, caseworker, case, episode):
    factories.ContactFactory(
        episode=episode, at=datetime(2026, 3, 12, 9, tzinfo=TZ), kind=Contact.Kind.PHONE
    )
    factories.ContactFactory(
        episode=episode, at=datetime(2026, 3, 4, 9, tzinfo=TZ), kind=Contact.Kind.GROUP
    )
    client.force_login(caseworker)
    html = timeline(client, case).content.decode()
    assert html.index("Kontakt: Gruppe") < html.index("Kontakt: Telefon")


def test_another_case_s_contacts_are_not_shown(client, caseworker, case, episode):
    other = factories.EpisodeFactory(referral_date=date(2026, 3, 2))
    factories.ContactFactory(episode=other, kind=Contact.Kind.SMS)
    client.force_login(caseworker)
    assert "Kontakt: SMS" not in timeline(client, case).content.decode()


def _count_queries(client, case) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert timeline(client, case).status_code == 200
    return len(queries)


def test_the_timeline_query_count_does_not_grow_with_contacts(client, caseworker, case, episode):
    client.force_login(caseworker)
    factories.ContactFactory(episode=episode, at=datetime(2026, 3, 3, 9, tzinfo=TZ))
    _count_queries(client, case)  # the first request of a session does more (session, caches)
    with_one = _count_queries(client, case)
    # Ten more, in a second episode and recorded by different people.
    second = factories.EpisodeFactory(case=case, referral_date=date(2026, 3, 2))
    for n in range(10):
        factories.ContactFactory(
            episode=second if n % 2 else episode,
            at=datetime(2026, 3, 3, 9, tzinfo=TZ) + timedelta(hours=n),
            recorded_by=factories.UserFactory(),
        )
    with_eleven = _count_queries(client, case)
    assert with_eleven == with_one
