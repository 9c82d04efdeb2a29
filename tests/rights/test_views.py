"""The "Aktindsigt og klager" pages (issue 14): the panel on the case page, the case's page and
its forms, the team's list; who may (caseworker of the case, manager of the team)."""

from __future__ import annotations

import pytest
from django.urls import reverse

from cases.models import AccessLog
from rights.models import AccessRequest, Complaint, LegalHold
from rights.services import access_request_register
from tests.clock import TODAY

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("clock")]


def _url(name: str, case, **kwargs) -> str:
    return reverse(f"rights:{name}", kwargs={"case_id": case.pk, **kwargs})


@pytest.mark.parametrize(
    ("user", "status"),
    [
        ("caseworker", 200),
        ("manager", 200),
        ("other_team_caseworker", 404),
        ("other_unit_manager", 404),
        ("residential_therapist", 403),
    ],
)
def test_who_may_open_the_case_rights_page(request, client, residential_case, user, status):
    client.force_login(request.getfixturevalue(user))
    assert client.get(_url("case", residential_case)).status_code == status


def test_anonymous_is_sent_to_login(client, case):
    assert client.get(_url("case", case)).status_code == 302


def test_registering_an_access_request_places_the_hold_and_shows_it(client, case, caseworker):
    client.force_login(caseworker)
    response = client.post(
        _url("access_request_create", case),
        {"kind": "offentlighedsloven", "received_on": TODAY.isoformat()},
    )
    assert response.status_code == 302
    assert LegalHold.objects.filter(citizen=case.citizen, lifted_at__isnull=True).count() == 1
    page = client.get(reverse("cases:detail", kwargs={"case_id": case.pk})).content.decode()
    assert "Aktindsigt og klager" in page
    assert "25.03.2026" in page
    assert "Tilbageholdt:" in page


def test_an_invalid_form_is_shown_again_with_400(client, case, caseworker):
    client.force_login(caseworker)
    response = client.post(_url("access_request_create", case), {"kind": "gdpr"})
    assert response.status_code == 400
    assert not AccessRequest.objects.exists()


def test_closing_lifts_the_hold(client, case, caseworker):
    request = access_request_register(actor=caseworker, case=case, kind="gdpr", received_on=TODAY)
    client.force_login(caseworker)
    response = client.post(
        _url("access_request_close", case, pk=request.pk),
        {f"luk-{request.pk}-status": "answered", f"luk-{request.pk}-closed_on": TODAY.isoformat()},
    )
    assert response.status_code == 302
    assert not LegalHold.objects.get().is_open


def test_a_complaint_is_registered_and_decided(client, case, manager):
    client.force_login(manager)
    response = client.post(
        _url("complaint_create", case),
        {"received_on": TODAY.isoformat(), "about": "decision", "text": "Uenig"},
    )
    assert response.status_code == 302
    complaint = Complaint.objects.get()
    response = client.post(
        _url("complaint_step", case, pk=complaint.pk),
        {f"klage-{complaint.pk}-step": "decide", f"klage-{complaint.pk}-on": TODAY.isoformat()},
    )
    assert response.status_code == 302
    complaint.refresh_from_db()
    assert complaint.status == Complaint.Status.DECIDED
    assert not LegalHold.objects.get().is_open


def test_the_panel_is_hidden_from_a_therapist(client, residential_case, residential_therapist):
    client.force_login(residential_therapist)
    page = client.get(reverse("cases:detail", kwargs={"case_id": residential_case.pk}))
    assert page.status_code == 200
    assert "Aktindsigt og klager" not in page.content.decode()


def test_the_team_list_shows_open_requests_to_the_manager_and_logs_them(
    client, case, caseworker, manager
):
    access_request_register(actor=caseworker, case=case, kind="gdpr", received_on=TODAY)
    client.force_login(manager)
    response = client.get(reverse("rights:team"))
    assert response.status_code == 200
    assert case.number in response.content.decode()
    assert AccessLog.objects.filter(
        user=manager, object_type="rights_list", case_id_logged=case.pk, purpose="list"
    ).exists()


def test_the_team_list_is_for_managers_only(client, caseworker):
    client.force_login(caseworker)
    assert client.get(reverse("rights:team")).status_code == 403
