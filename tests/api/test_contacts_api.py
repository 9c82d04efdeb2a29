"""/api/v1/contacts/ (DESIGN §5.10, §8): list, create and correct contacts under the same rule
as the pages (cases.access.may_change_episode), with a structured 400 for bad input."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from tests import factories
from transitions.models import CommitmentDelivery
from treatment_options.models import Contact

pytestmark = pytest.mark.django_db

URL = "/api/v1/contacts/"


@pytest.fixture
def outpatient_episode(handover, outpatient_offer):
    episode = factories.EpisodeFactory(
        case=handover.case,
        offer=outpatient_offer,
        actual_start=timezone.localdate() - timedelta(days=1),
    )
    handover.transition.outpatient_episode = episode
    handover.transition.save(update_fields=["outpatient_episode"])
    return episode


@pytest.fixture
def commitment(handover):
    return factories.AftercareCommitmentFactory(
        transition=handover.transition, starts_on=timezone.localdate() - timedelta(days=14)
    )


def body(episode, commitment=None, **over):
    data = {
        "episode": episode.pk,
        "at": (timezone.now() - timedelta(hours=1)).isoformat(),
        "kind": "phone",
        "outcome": "attended",
        "is_planned": False,
    }
    if commitment is not None:
        data["commitment"] = commitment.pk
    data.update(over)
    return data


def test_the_outpatient_therapist_records_a_contact_delivering_a_commitment(
    client_for, outpatient_therapist, outpatient_episode, commitment
):
    response = client_for(outpatient_therapist).post(
        URL, body(outpatient_episode, commitment), format="json"
    )
    assert response.status_code == 201, response.json()
    data = response.json()
    assert data["commitment"] == commitment.pk
    assert data["case"] == outpatient_episode.case_id
    assert data["kind"] == "phone" and data["is_planned"] is False
    assert CommitmentDelivery.objects.get().contact_id == data["id"]


def test_an_attended_contact_in_the_future_is_a_400_with_the_field(
    client_for, outpatient_therapist, outpatient_episode
):
    future = (timezone.now() + timedelta(days=2)).isoformat()
    response = client_for(outpatient_therapist).post(
        URL, body(outpatient_episode, at=future), format="json"
    )
    assert response.status_code == 400
    assert "at" in response.json()
    assert not Contact.objects.exists()


def test_unknown_kind_and_fields_are_400(client_for, outpatient_therapist, outpatient_episode):
    client = client_for(outpatient_therapist)
    assert client.post(URL, body(outpatient_episode, kind="fax"), format="json").status_code == 400
    assert client.post(URL, body(outpatient_episode, mood="ok"), format="json").status_code == 400


def test_a_commitment_of_another_case_is_a_400(
    client_for, outpatient_therapist, outpatient_episode
):
    other = factories.AftercareCommitmentFactory()
    response = client_for(outpatient_therapist).post(
        URL, body(outpatient_episode, other), format="json"
    )
    assert response.status_code == 400
    assert "commitment" in response.json()


def test_a_manager_may_read_but_not_record(client_for, manager, outpatient_episode, commitment):
    factories.ContactFactory(episode=outpatient_episode)
    client = client_for(manager)
    assert client.get(URL).status_code == 200
    assert client.post(URL, body(outpatient_episode), format="json").status_code == 403


def test_an_outsider_sees_no_contacts_and_cannot_record_in_the_episode(
    client_for, other_team_caseworker, outpatient_episode
):
    contact = factories.ContactFactory(episode=outpatient_episode)
    client = client_for(other_team_caseworker)
    assert client.get(URL).json()["count"] == 0
    assert client.get(f"{URL}{contact.pk}/").status_code == 404
    assert client.patch(f"{URL}{contact.pk}/", {"kind": "sms"}, format="json").status_code == 404
    response = client.post(URL, body(outpatient_episode), format="json")
    assert response.status_code == 400
    assert "episode" in response.json()


def test_correcting_a_contact_changes_outcome_and_commitment(
    client_for, outpatient_therapist, outpatient_episode, commitment
):
    client = client_for(outpatient_therapist)
    created = client.post(URL, body(outpatient_episode, commitment), format="json").json()
    response = client.patch(
        f"{URL}{created['id']}/", {"outcome": "missed", "commitment": None}, format="json"
    )
    assert response.status_code == 200, response.json()
    assert response.json()["outcome"] == "missed"
    assert response.json()["commitment"] is None
    assert not CommitmentDelivery.objects.exists()


def test_the_list_filters_by_case_and_commitment(
    client_for, outpatient_therapist, outpatient_episode, commitment
):
    client = client_for(outpatient_therapist)
    client.post(URL, body(outpatient_episode, commitment), format="json")
    client.post(URL, body(outpatient_episode), format="json")
    assert client.get(URL, {"case": outpatient_episode.case_id}).json()["count"] == 2
    assert client.get(URL, {"commitment": commitment.pk}).json()["count"] == 1


def test_commitments_carry_n_per_k_and_agreed_versus_delivered(
    client_for, outpatient_therapist, outpatient_episode, commitment, other_team_caseworker
):
    client = client_for(outpatient_therapist)
    client.post(URL, body(outpatient_episode, commitment), format="json")
    client.post(URL, body(outpatient_episode, commitment, outcome="missed"), format="json")
    data = client.get(f"/api/v1/commitments/{commitment.pk}/").json()
    assert (data["contacts_per_period"], data["period_weeks"]) == (1, 1)
    assert data["frequency_needs_review"] is False
    window = data["delivery"]["window"]
    assert window["agreed"] == pytest.approx(15 / 7, abs=0.01)
    assert (window["delivered"], window["missed"]) == (1, 1)
    assert window["is_short"] is True
    listed = client.get("/api/v1/commitments/", {"case": commitment.transition.case_id}).json()
    assert [c["id"] for c in listed["results"]] == [commitment.pk]
    assert (
        client_for(other_team_caseworker).get(f"/api/v1/commitments/{commitment.pk}/").status_code
        == 404
    )


@pytest.mark.parametrize("offset", ["+21:48", "-15:00"])
def test_a_time_zone_the_world_does_not_use_is_a_400_not_a_database_error(
    client_for, outpatient_therapist, offset
):
    # Found by schemathesis: PostgreSQL refuses offsets past ±15:59 ("time zone displacement
    # out of range"), which was a 500.
    response = client_for(outpatient_therapist).get(
        URL, {"at_from": f"2026-01-29T20:48:43{offset}", "purpose": "treatment"}
    )
    assert response.status_code == 400
    assert "at_from" in response.json()


def test_a_real_time_zone_filters(client_for, outpatient_therapist):
    response = client_for(outpatient_therapist).get(
        URL, {"at_to": "2026-01-29T20:48:43+14:00", "purpose": "treatment"}
    )
    assert response.status_code == 200
