"""Contacts with the citizen (DESIGN §5.10): recorded in a few clicks from the transition page
and the case page, delivering a commitment; each commitment shows agreed versus delivered over
the last 4 weeks and since its start, with missed and cancelled contacts apart."""

from __future__ import annotations

from datetime import date, datetime, timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tests import factories
from tests.clock import NOW, TZ
from transitions import services
from transitions.models import CommitmentDelivery
from transitions.services import contacts as contact_services
from treatment_options.models import Contact

from .conftest import login

pytestmark = pytest.mark.django_db


@pytest.fixture
def outpatient_episode(named_transition, outpatient_offer):
    episode = factories.EpisodeFactory(
        case=named_transition.case,
        offer=outpatient_offer,
        referral_date=date(2026, 2, 1),
        actual_start=date(2026, 3, 2),
    )
    named_transition.outpatient_episode = episode
    named_transition.save(update_fields=["outpatient_episode"])
    return episode


@pytest.fixture
def weekly(named_transition, outpatient_therapist, outpatient_episode):
    """Weekly talks from Tuesday 3 March 2026: two weeks agreed by Monday 16 March."""
    return factories.AftercareCommitmentFactory(
        transition=named_transition,
        description="Individuelle samtaler",
        frequency="1 gang om ugen",
        contacts_per_period=1,
        period_weeks=1,
        starts_on=date(2026, 3, 3),
        responsible=outpatient_therapist,
    )


def contact_url(case):
    return reverse("transitions:contact_create", kwargs={"case_id": case.pk})


def post_data(episode, commitment=None, **over):
    data = {
        "contact-episode": episode.pk,
        "contact-kind": "session",
        "contact-date": "2026-03-16",
        "contact-time": "09:00",
        "contact-is_planned": "on",
        "contact-outcome": "attended",
        "contact-commitment": commitment.pk if commitment else "",
        "next": "transition",
    }
    data.update(over)
    return data


def record(actor, episode, commitment, at, outcome="attended"):
    return contact_services.contact_record_for_commitment(
        actor=actor, episode=episode, at=at, kind="session", outcome=outcome, commitment=commitment
    )


def test_the_outpatient_therapist_records_a_contact_that_delivers_the_commitment(
    outpatient_therapist, outpatient_episode, weekly
):
    response = login(outpatient_therapist).post(
        contact_url(outpatient_episode.case), post_data(outpatient_episode, weekly)
    )
    assert response.status_code == 302
    contact = Contact.objects.get()
    assert contact.at == datetime(2026, 3, 16, 9, 0, tzinfo=TZ)
    assert contact.recorded_by == outpatient_therapist
    assert contact.outcome == Contact.Outcome.ATTENDED
    assert CommitmentDelivery.objects.get().commitment == weekly


def test_htmx_save_reloads_the_page_so_the_figures_are_fresh(
    outpatient_therapist, outpatient_episode, weekly
):
    response = login(outpatient_therapist).post(
        contact_url(outpatient_episode.case),
        post_data(outpatient_episode, weekly, next="case"),
        HTTP_HX_REQUEST="true",
    )
    assert response.status_code == 200
    assert response["HX-Refresh"] == "true"
    assert Contact.objects.count() == 1


def test_without_javascript_the_form_returns_to_the_case_page(
    outpatient_therapist, outpatient_episode, weekly
):
    response = login(outpatient_therapist).post(
        contact_url(outpatient_episode.case), post_data(outpatient_episode, weekly, next="case")
    )
    assert response.status_code == 302
    assert response["Location"] == (
        reverse("cases:detail", kwargs={"case_id": outpatient_episode.case_id}) + "#kontakter"
    )


def test_an_attended_contact_in_the_future_is_refused_in_danish_and_nothing_typed_is_lost(
    outpatient_therapist, outpatient_episode, weekly
):
    response = login(outpatient_therapist).post(
        contact_url(outpatient_episode.case),
        post_data(outpatient_episode, weekly, **{"contact-date": "2026-03-20"}),
        HTTP_HX_REQUEST="true",
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert "kan ikke ligge i fremtiden" in html
    # On the date field, linked from the error summary.
    assert 'href="#id_contact-date"' in html
    assert 'value="2026-03-20"' in html
    assert 'value="09:00"' in html
    assert not Contact.objects.exists()


def test_a_missed_contact_cannot_be_in_the_future_but_a_cancellation_can(
    outpatient_therapist, outpatient_episode, weekly
):
    client = login(outpatient_therapist)
    later = {"contact-date": "2026-03-20"}
    missed = post_data(outpatient_episode, weekly, **later, **{"contact-outcome": "missed"})
    assert client.post(contact_url(outpatient_episode.case), missed).status_code == 200
    cancelled = post_data(
        outpatient_episode, weekly, **later, **{"contact-outcome": "cancelled_provider"}
    )
    assert client.post(contact_url(outpatient_episode.case), cancelled).status_code == 302
    assert list(Contact.objects.values_list("outcome", flat=True)) == ["cancelled_provider"]


def test_a_commitment_of_another_case_is_refused(outpatient_therapist, outpatient_episode, weekly):
    other = factories.AftercareCommitmentFactory()
    response = login(outpatient_therapist).post(
        contact_url(outpatient_episode.case), post_data(outpatient_episode, other)
    )
    # Not one of the case's commitments: the form's own choice error.
    assert response.status_code == 200
    assert not Contact.objects.exists()


def test_a_user_without_access_to_the_case_gets_404(other_team_caseworker, outpatient_episode):
    response = login(other_team_caseworker).get(contact_url(outpatient_episode.case))
    assert response.status_code == 404


def test_a_manager_who_may_not_change_episodes_gets_403(manager, outpatient_episode):
    response = login(manager).post(contact_url(outpatient_episode.case), {})
    assert response.status_code == 403
    assert not Contact.objects.exists()


def test_the_page_shows_agreed_versus_delivered_with_missed_apart(
    outpatient_therapist, outpatient_episode, weekly
):
    record(outpatient_therapist, outpatient_episode, weekly, NOW - timedelta(days=12))
    record(outpatient_therapist, outpatient_episode, weekly, NOW - timedelta(days=5), "missed")
    record(
        outpatient_therapist,
        outpatient_episode,
        weekly,
        NOW - timedelta(days=4),
        "cancelled_citizen",
    )
    response = login(outpatient_therapist).get(
        reverse("transitions:detail", kwargs={"case_id": outpatient_episode.case_id})
    )
    html = response.content.decode()
    assert "Leveret 1 af 2 aftalte" in html
    assert "Udeblevet: 1" in html
    assert "Aflyst af borgeren: 1" in html
    assert "Aflyst af behandlingsstedet: 0" in html
    assert "Under aftalt niveau" in html


def test_delivery_within_the_tolerance_is_not_a_shortfall(
    outpatient_therapist, outpatient_episode, weekly
):
    record(outpatient_therapist, outpatient_episode, weekly, NOW - timedelta(days=12))
    record(outpatient_therapist, outpatient_episode, weekly, NOW - timedelta(days=5))
    html = (
        login(outpatient_therapist)
        .get(reverse("transitions:detail", kwargs={"case_id": outpatient_episode.case_id}))
        .content.decode()
    )
    assert "Leveret 2 af 2 aftalte" in html
    assert "Under aftalt niveau" not in html


def test_a_commitment_whose_frequency_did_not_parse_is_flagged_on_the_page(
    outpatient_therapist, named_transition
):
    factories.AftercareCommitmentFactory(
        transition=named_transition,
        frequency="efter behov",
        contacts_per_period=None,
        period_weeks=None,
        frequency_needs_review=True,
    )
    html = (
        login(outpatient_therapist)
        .get(reverse("transitions:detail", kwargs={"case_id": named_transition.case_id}))
        .content.decode()
    )
    assert 'data-testid="frequency-review"' in html
    assert "“efter behov” kunne ikke læses" in html


def test_setting_n_and_k_on_a_flagged_commitment_clears_the_flag(
    outpatient_therapist, named_transition
):
    flagged = factories.AftercareCommitmentFactory(
        transition=named_transition,
        frequency="efter behov",
        contacts_per_period=None,
        period_weeks=None,
        frequency_needs_review=True,
    )
    services.commitment_change(
        commitment=flagged,
        actor=outpatient_therapist,
        kind="changed",
        reason="Hyppigheden er aftalt med borgeren",
        changes={"contacts_per_period": 1, "period_weeks": 2},
    )
    flagged.refresh_from_db()
    assert (flagged.contacts_per_period, flagged.period_weeks) == (1, 2)
    assert not flagged.frequency_needs_review


def _page_queries(client, url):
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200
    return len(captured.captured_queries)


def test_transition_page_queries_do_not_grow_with_contacts(
    outpatient_therapist, outpatient_episode, weekly
):
    client = login(outpatient_therapist)
    url = reverse("transitions:detail", kwargs={"case_id": outpatient_episode.case_id})
    client.get(url)  # warm the session
    for i in range(2):
        record(outpatient_therapist, outpatient_episode, weekly, NOW - timedelta(hours=i + 1))
    small = _page_queries(client, url)
    for i in range(38):
        outcome = ["attended", "missed", "cancelled_citizen", "cancelled_provider"][i % 4]
        record(
            outpatient_therapist, outpatient_episode, weekly, NOW - timedelta(hours=i + 3), outcome
        )
    assert Contact.objects.count() == 40
    assert _page_queries(client, url) == small


def test_the_commitment_page_shows_its_delivery_too(
    outpatient_therapist, outpatient_episode, weekly
):
    record(outpatient_therapist, outpatient_episode, weekly, NOW - timedelta(days=12))
    url = reverse(
        "transitions:commitment_detail",
        kwargs={"case_id": outpatient_episode.case_id, "pk": weekly.pk},
    )
    html = login(outpatient_therapist).get(url).content.decode()
    assert "1 kontakt pr. uge" in html
    assert "Leveret 1 af 2 aftalte" in html
