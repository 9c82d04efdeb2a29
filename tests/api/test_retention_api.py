"""/api/v1/retention/: the managers' retention page for a client, under the same rules."""

from __future__ import annotations

from datetime import date

import pytest
from django.utils import timezone

from cases.models import AccessLog
from rights.models import HoldKind, LegalHold, RetentionRule
from tests import factories

pytestmark = pytest.mark.usefixtures("clock")

PREVIEW = "/api/v1/retention/preview/"
HOLDS = "/api/v1/retention/holds/"


@pytest.fixture
def due_case(team_nord, caseworker):
    if not RetentionRule.objects.exists():
        factories.RetentionRuleFactory(kind="social_case")
    RetentionRule.objects.update(confirmed=True, confirmed_at=timezone.now())
    return factories.CaseFactory(
        team=team_nord,
        caseworker=caseworker,
        citizen=factories.CitizenFactory(cpr="040460-4444"),
        inquiry_date=date(2021, 1, 10),
        closed_on=date(2021, 3, 20),
        status="closed",
    )


def test_a_manager_gets_the_preview(client, manager, due_case):
    client.force_login(manager)

    response = client.get(PREVIEW)

    assert response.status_code == 200
    assert response.json() == [
        {
            "case": due_case.pk,
            "case_number": due_case.number,
            "citizen": "040460-XXXX",
            "kind": "social_case",
            "due_on": "2026-03-20",
            "held": False,
        }
    ]
    assert AccessLog.objects.filter(object_type="retention_preview", purpose="list").exists()


def test_others_get_403(client, caseworker, due_case):
    client.force_login(caseworker)
    assert client.get(PREVIEW).status_code == 403
    assert client.post(HOLDS, {"case": due_case.pk, "reason": "x"}).status_code == 403


def test_a_manager_places_a_hold(client, manager, due_case):
    client.force_login(manager)

    response = client.post(HOLDS, {"case": due_case.pk, "reason": "Klage"})

    assert response.status_code == 201
    hold = LegalHold.objects.get()
    assert (hold.case, hold.kind, hold.placed_by) == (due_case, HoldKind.MANAGER, manager)
    assert response.json()["id"] == hold.pk


def test_a_hold_needs_a_reason_and_the_own_unit(client, manager, other_unit_manager, due_case):
    client.force_login(manager)
    assert client.post(HOLDS, {"case": due_case.pk, "reason": " "}).status_code == 400
    assert client.post(HOLDS, {"case": "x", "reason": "Klage"}).status_code == 400
    client.force_login(other_unit_manager)
    assert client.post(HOLDS, {"case": due_case.pk, "reason": "Klage"}).status_code == 404
    assert not LegalHold.objects.exists()
