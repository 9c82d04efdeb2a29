"""DESIGN §5.9: at discharge the case moves to aftercare when an outpatient episode exists or
is planned; otherwise nothing moves on its own and the discharge page asks what comes next
(refer to outpatient treatment now, the course ends with its reason, or other treatment)."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.test import Client
from django.urls import reverse
from rest_framework.test import APIClient

from cases.models import Case, CaseEvent
from cases.services import case_move
from tests.cases.service_helpers import open_case, record_decision
from tests.clock import TODAY
from treatment_options.discharge import discharge_question_due
from treatment_options.services import episode_refer, episode_start

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("clock")]


def login(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def stay(caseworker, residential_offer, residential_therapist):
    """A decided case in residential treatment at Sydgården since ten days ago."""
    case = open_case(caseworker, inquiry_date=TODAY - timedelta(days=20))
    case_move(actor=caseworker, case=case, action="start_assessment")
    record_decision(case, caseworker)
    case_move(actor=caseworker, case=case, action="refer")
    episode = episode_refer(
        actor=caseworker,
        case=case,
        offer=residential_offer,
        referral_date=TODAY - timedelta(days=12),
    )
    return episode_start(
        actor=residential_therapist, episode=episode, actual_start=TODAY - timedelta(days=10)
    )


def discharge(client, stay):
    return client.post(
        reverse("treatment_options:episode_end", kwargs={"case_id": stay.case_id, "pk": stay.pk}),
        {"actual_end": TODAY.isoformat(), "end_reason": "completed"},
    )


def status(stay) -> str:
    return Case.objects.get(pk=stay.case_id).status


def refer_outpatient(caseworker, stay, outpatient_offer):
    return episode_refer(
        actor=caseworker, case=stay.case, offer=outpatient_offer, referral_date=TODAY
    )


def test_a_planned_outpatient_episode_moves_the_case_to_aftercare_at_discharge(
    stay, caseworker, outpatient_offer
):
    refer_outpatient(caseworker, stay, outpatient_offer)
    response = discharge(login(caseworker), stay)
    assert response.status_code == 302
    assert response["Location"] == reverse("cases:detail", kwargs={"case_id": stay.case_id}) + (
        "#forloeb"
    )
    assert status(stay) == "aftercare"
    moved = CaseEvent.objects.filter(case_id=stay.case_id, data__action="start_aftercare")
    assert moved.count() == 1


def test_the_residential_therapist_s_discharge_moves_it_too(
    stay, caseworker, residential_therapist, outpatient_offer
):
    refer_outpatient(caseworker, stay, outpatient_offer)
    assert discharge(login(residential_therapist), stay).status_code == 302
    assert status(stay) == "aftercare"


def test_without_outpatient_treatment_the_discharge_asks_what_comes_next(stay, caseworker):
    client = login(caseworker)
    response = discharge(client, stay)
    assert response.status_code == 302
    assert response["Location"] == reverse(
        "treatment_options:discharge_next", kwargs={"case_id": stay.case_id}
    )
    assert status(stay) == "in_treatment"
    page = client.get(response["Location"])
    assert page.status_code == 200
    html = page.content.decode()
    assert "Hvad skal der ske nu?" in html
    assert "Henvis til ambulant behandling nu" in html
    assert "Forløbet slutter" in html
    assert reverse("treatment_options:episode_refer", kwargs={"case_id": stay.case_id}) in html
    # The case page keeps asking until it is answered.
    case_page = client.get(reverse("cases:detail", kwargs={"case_id": stay.case_id}))
    assert "Hvad skal der ske efter udskrivningen?" in case_page.content.decode()


@pytest.fixture
def asked(stay, caseworker):
    discharge(login(caseworker), stay)
    assert discharge_question_due(Case.objects.get(pk=stay.case_id))
    return reverse("treatment_options:discharge_next", kwargs={"case_id": stay.case_id})


def test_the_course_ends_only_with_an_end_reason(stay, caseworker, asked):
    client = login(caseworker)
    refused = client.post(asked, {"step": "end", "course_end_reason": ""})
    assert refused.status_code == 200
    assert "Vælg en afslutningsårsag." in refused.content.decode()
    assert status(stay) == "in_treatment"
    done = client.post(asked, {"step": "end", "course_end_reason": "completed"})
    assert done.status_code == 302
    case = Case.objects.get(pk=stay.case_id)
    assert (case.status, case.course_end_reason, case.course_ended_on) == (
        "closed",
        "completed",
        TODAY,
    )


def test_other_treatment_goes_back_to_assessment(stay, caseworker, asked):
    assert login(caseworker).post(asked, {"step": "other"}).status_code == 302
    assert status(stay) == "assessment"


def test_refer_now_leads_to_the_referral_and_the_referral_moves_to_aftercare(
    stay, caseworker, asked, outpatient_offer
):
    response = login(caseworker).post(asked, {"step": "refer"})
    assert response.status_code == 302
    assert response["Location"] == reverse(
        "treatment_options:episode_refer", kwargs={"case_id": stay.case_id}
    )
    assert status(stay) == "in_treatment"
    refer_outpatient(caseworker, stay, outpatient_offer)
    assert status(stay) == "aftercare"
    # Answered: the question is gone.
    assert login(caseworker).get(asked).status_code == 302


def test_no_choice_is_refused(stay, caseworker, asked):
    response = login(caseworker).post(asked, {})
    assert response.status_code == 200
    assert "Vælg, hvad der skal ske." in response.content.decode()


def test_who_may_not_decide_sees_the_question_but_cannot_answer(stay, residential_therapist, asked):
    client = login(residential_therapist)
    page = client.get(asked)
    assert page.status_code == 200
    assert "Sagsbehandleren afgør" in page.content.decode()
    assert client.post(asked, {"step": "other"}).status_code == 403
    assert status(stay) == "in_treatment"


def test_another_team_gets_404(stay, other_team_caseworker, asked):
    assert login(other_team_caseworker).get(asked).status_code == 404


def test_without_a_discharge_there_is_no_question(stay, caseworker):
    url = reverse("treatment_options:discharge_next", kwargs={"case_id": stay.case_id})
    assert login(caseworker).get(url).status_code == 302


def test_the_api_shows_the_open_question_and_takes_the_answer(stay, caseworker, asked):
    client = APIClient()
    client.force_login(caseworker)
    url = f"/api/v1/cases/{stay.case_id}/"
    assert client.get(url).json()["discharge_next_step_due"] is True
    closed = client.post(
        f"{url}move/", {"action": "close", "course_end_reason": "completed"}, format="json"
    )
    assert closed.status_code == 200
    assert client.get(url).json()["discharge_next_step_due"] is False
