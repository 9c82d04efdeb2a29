"""The handover on the case page (transitions/_case_panel.html) and "Opret overgang"."""

from __future__ import annotations

from datetime import date

import pytest
from django.template.loader import render_to_string
from django.urls import reverse

from cases.page import CasePage
from transitions.models import PlanSection, Transition
from transitions.selectors import case_transition_panel

from .conftest import login

pytestmark = pytest.mark.django_db


def panel(case, user):
    page = CasePage(case, user, date(2026, 3, 16))
    context = {"case": case, "user": user, "panel": case_transition_panel(page)}
    return render_to_string("transitions/_case_panel.html", context)


def test_panel_offers_create_to_the_caseworker_when_residential_treatment_has_started(
    residential_case, caseworker, residential_therapist
):
    assert "Opret overgang" in panel(residential_case, caseworker)
    # The residential therapist's role cannot create it (it is created when the episode starts).
    assert "Opret overgang" not in panel(residential_case, residential_therapist)


def test_panel_shows_status_and_link_when_the_transition_exists(named_transition, caseworker):
    html = panel(named_transition.case, caseworker)
    assert "Planlægning" in html
    assert reverse("transitions:detail", kwargs={"case_id": named_transition.case_id}) in html
    assert "Opret overgang" not in html


def test_caseworker_creates_the_transition_from_the_case(residential_case, caseworker):
    client = login(caseworker)
    page = client.get(reverse("transitions:detail", kwargs={"case_id": residential_case.pk}))
    assert "Opret overgang" in page.content.decode()

    response = client.post(reverse("transitions:create", kwargs={"case_id": residential_case.pk}))

    assert response.status_code == 302
    transition = Transition.objects.get(case=residential_case)
    assert transition.residential_therapist is None  # the caseworker is not the therapist
    assert PlanSection.objects.filter(transition=transition).count() == 10


def test_create_without_a_started_residential_episode_explains_why(case, caseworker):
    client = login(caseworker)
    response = client.post(reverse("transitions:create", kwargs={"case_id": case.pk}), follow=True)
    assert "intet påbegyndt døgnforløb" in response.content.decode()
    assert not Transition.objects.exists()


def test_case_page_includes_the_panel(named_transition, caseworker):
    url = reverse("cases:detail", args=[named_transition.case_id])
    body = login(caseworker).get(url).content.decode()
    assert "Overgang fra døgn til ambulant" in body
    assert "Gå til overgangen" in body
