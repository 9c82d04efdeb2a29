"""/api/v1/transitions/{id}/work-agreement/: the same rules as the page (DESIGN §5.12, §8):
400 without a valid written employer consent covering the work agreement, 409 on a stale
version, 404 for a user without access, 403 for a read-only one."""

from __future__ import annotations

import pytest
from django.urls import reverse

from cases.models import AccessLog
from tests import factories
from transitions.models import WorkAgreement

BODY = {
    "version": 0,
    "work_functions": "Lagerarbejde og truckkørsel, dagvagt",
    "accommodations": "Ingen nattevagter de første otte uger",
    "starts_on": "2026-04-06",
    "contact_name": "Lone Lagerchef",
    "contact_email": "lone@lager.example",
}


def url(transition):
    return reverse("api:transition-work-agreement", kwargs={"pk": transition.pk})


def consent(case, user, kinds=("work_agreement",), **fields):
    return factories.ConsentFactory(
        case=case, information_kinds=list(kinds), recorded_by=user, **fields
    )


def test_get_before_anything_is_saved_answers_version_0(client_for, caseworker, handover):
    response = client_for(caseworker).get(url(handover.transition))

    assert response.status_code == 200
    assert response.json()["version"] == 0
    assert response.json()["work_functions"] == ""
    assert response.json()["basis_problem"].startswith("Arbejdsaftalen kan først registreres")
    assert AccessLog.objects.filter(object_type="work_agreement").exists()


def test_put_without_consent_is_400_with_the_danish_reason(client_for, caseworker, handover):
    response = client_for(caseworker).put(url(handover.transition), BODY, format="json")

    assert response.status_code == 400
    assert "skriftligt samtykke" in " ".join(response.json()["non_field_errors"])
    assert not WorkAgreement.objects.exists()


def test_put_under_another_partys_oral_consent_is_400(client_for, caseworker, handover):
    consent(handover.case, caseworker, party_kind="jobcenter", form="oral")
    response = client_for(caseworker).put(url(handover.transition), BODY, format="json")
    assert response.status_code == 400
    assert not WorkAgreement.objects.exists()


def test_put_under_the_employers_written_consent_saves_it(client_for, caseworker, handover):
    given = consent(handover.case, caseworker)

    response = client_for(caseworker).put(url(handover.transition), BODY, format="json")

    assert response.status_code == 200
    data = response.json()
    assert data["version"] == 1
    assert data["consent"] == given.pk
    assert data["basis_problem"] == ""
    assert data["contact_email"] == "lone@lager.example"
    assert WorkAgreement.objects.get().work_functions == BODY["work_functions"]


def test_a_stale_version_is_409_and_changes_nothing(client_for, caseworker, handover):
    consent(handover.case, caseworker)
    client = client_for(caseworker)
    assert client.put(url(handover.transition), BODY, format="json").status_code == 200

    response = client.put(
        url(handover.transition), {**BODY, "work_functions": "Kontor"}, format="json"
    )

    assert response.status_code == 409
    assert response.json()["code"] == "stale_version"
    assert WorkAgreement.objects.get().work_functions == BODY["work_functions"]
    again = client.put(
        url(handover.transition), {**BODY, "version": 1, "work_functions": "Kontor"}, format="json"
    )
    assert again.status_code == 200
    assert again.json()["version"] == 2


@pytest.mark.parametrize("method", ["get", "put"])
def test_a_user_without_access_gets_404(
    client_for, other_team_caseworker, caseworker, handover, method
):
    consent(handover.case, caseworker)
    response = getattr(client_for(other_team_caseworker), method)(
        url(handover.transition), BODY, format="json"
    )
    assert response.status_code == 404
    assert not WorkAgreement.objects.exists()


def test_a_read_only_user_gets_403(client_for, manager, caseworker, handover):
    consent(handover.case, caseworker)
    response = client_for(manager).put(url(handover.transition), BODY, format="json")
    assert response.status_code == 403
    assert not WorkAgreement.objects.exists()
