"""Every API read of case data is written to the access log (DESIGN §1): one entry per object
retrieved; one entry per distinct case on a list page. The hash chain stays intact."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from cases.access import temporary_access_grant
from cases.access_log import access_log_verify
from cases.models import AccessLog, TemporaryCaseAccess
from tests import factories

pytestmark = pytest.mark.django_db


def test_retrieve_writes_one_api_entry(handover, client_for, caseworker):
    response = client_for(caseworker).get(f"/api/v1/meetings/{handover.meeting.pk}/")
    assert response.status_code == 200
    entry = AccessLog.objects.get()
    assert entry.action == AccessLog.Action.API
    assert entry.object_type == "meeting"
    assert entry.object_id == str(handover.meeting.pk)
    assert entry.case_id_logged == handover.case.pk
    assert entry.user_id == caseworker.pk
    assert entry.purpose == AccessLog.Purpose.CASE_WORK
    assert access_log_verify() == []


def test_list_writes_one_entry_per_case_on_the_page(client_for, caseworker, team_nord):
    cases = [factories.CaseFactory(team=team_nord, caseworker=caseworker) for _ in range(3)]
    response = client_for(caseworker).get("/api/v1/cases/?page_size=2")
    assert response.status_code == 200
    assert len(response.json()["results"]) == 2
    assert response.json()["next"] is not None
    logged = set(AccessLog.objects.values_list("case_id_logged", flat=True))
    assert len(logged) == 2
    assert logged <= {c.pk for c in cases}
    assert set(AccessLog.objects.values_list("object_type", flat=True)) == {"case_list"}
    assert access_log_verify() == []


def test_list_of_objects_on_one_case_writes_one_entry(handover, client_for, caseworker):
    client_for(caseworker).get("/api/v1/status-notes/")
    entry = AccessLog.objects.get()
    assert (entry.object_type, entry.case_id_logged) == ("status_note_list", handover.case.pk)


def test_empty_list_and_refused_reads_write_nothing(handover, client_for, other_team_caseworker):
    client = client_for(other_team_caseworker)
    client.get("/api/v1/cases/")
    client.get(f"/api/v1/cases/{handover.case.pk}/")
    assert not AccessLog.objects.exists()


def test_chain_stays_intact_across_single_and_bulk_entries(handover, client_for, caseworker):
    client = client_for(caseworker)
    client.get(f"/api/v1/cases/{handover.case.pk}/")
    client.get("/api/v1/episodes/")
    client.get(f"/api/v1/cases/{handover.case.pk}/events/")
    client.get("/api/v1/cases/")
    assert AccessLog.objects.count() == 4
    assert access_log_verify() == []


def test_break_glass_reads_are_marked(case, client_for, other_team_caseworker):
    temporary_access_grant(
        case=case,
        kind=TemporaryCaseAccess.Kind.BREAK_GLASS,
        expires_at=timezone.now() + timedelta(hours=4),
        user=other_team_caseworker,
        reason="Opkald fra politiet",
    )
    client = client_for(other_team_caseworker)
    assert client.get(f"/api/v1/cases/{case.pk}/").status_code == 200
    assert client.get("/api/v1/cases/").status_code == 200
    assert list(AccessLog.objects.values_list("break_glass", flat=True)) == [True, True]


@pytest.mark.parametrize("value", ["a\x00b", "rutine", "break_glass", "export", "list"])
def test_a_purpose_outside_the_pickable_list_is_400_and_nothing_is_logged(
    case, client_for, caseworker, value
):
    response = client_for(caseworker).get(f"/api/v1/cases/{case.pk}/", {"purpose": value})
    assert response.status_code == 400
    assert "purpose" in response.json()
    assert not AccessLog.objects.exists()


def test_notifications_are_not_case_reads(client_for, caseworker):
    client_for(caseworker).get("/api/v1/notifications/")
    assert not AccessLog.objects.exists()
