"""The managers' retention page (docs/retention.md §6): the preview for the manager's unit,
placing and lifting a hold with a reason, confirming a rule."""

from __future__ import annotations

from datetime import date

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from cases.models import AccessLog
from rights.models import HoldKind, LegalHold, RetentionRule
from tests import factories

pytestmark = pytest.mark.usefixtures("clock")

URL = reverse("rights:retention")
PLACE = reverse("rights:hold_place")


@pytest.fixture
def due_case(team_nord, caseworker):
    RetentionRule.objects.update(confirmed=True, confirmed_at=timezone.now())
    return factories.CaseFactory(
        team=team_nord,
        caseworker=caseworker,
        citizen=factories.CitizenFactory(cpr="020260-2222"),
        inquiry_date=date(2021, 1, 10),
        closed_on=date(2021, 3, 20),
        status="closed",
    )


def test_only_managers_see_the_page(client, caseworker):
    client.force_login(caseworker)
    assert client.get(URL).status_code == 403
    assert client.get(PLACE).status_code == 403


def test_the_page_lists_the_due_case_masked_and_logs_the_list(client, manager, due_case):
    client.force_login(manager)

    response = client.get(URL)

    assert response.status_code == 200
    text = response.content.decode()
    assert due_case.number in text
    assert "020260-XXXX" in text
    assert "020260-2222" not in text
    assert "20.03.2026" in text
    entry = AccessLog.objects.get(object_type="retention_preview")
    assert (entry.case_id_logged, entry.purpose) == (due_case.pk, "list")


def test_unconfirmed_rules_are_stated(client, manager):
    client.force_login(manager)

    text = client.get(URL).content.decode()

    assert "Frister, der ikke er bekræftet" in text
    assert "Intet slettes fra enheden" in text


def test_a_manager_places_a_hold_with_a_reason(client, manager, due_case):
    client.force_login(manager)
    assert client.get(PLACE, {"sag": due_case.pk}).status_code == 200

    response = client.post(PLACE, {"sag": due_case.pk, "reason": "Klage til Ankestyrelsen"})

    assert response.status_code == 302
    hold = LegalHold.objects.get()
    assert (hold.case, hold.citizen, hold.kind, hold.placed_by) == (
        due_case,
        due_case.citizen,
        HoldKind.MANAGER,
        manager,
    )
    assert "Tilbageholdt" in client.get(URL).content.decode()


def test_a_hold_needs_a_reason(client, manager, due_case):
    client.force_login(manager)

    response = client.post(PLACE, {"sag": due_case.pk, "reason": "  "})

    assert response.status_code == 400
    assert not LegalHold.objects.exists()


def test_another_units_case_cannot_be_held(client, other_unit_manager, due_case):
    client.force_login(other_unit_manager)

    response = client.post(PLACE, {"sag": due_case.pk, "reason": "Nej"})

    assert response.status_code == 404
    assert not LegalHold.objects.exists()


def test_a_manager_lifts_a_hold_with_a_reason(client, manager, due_case, other_unit_manager):
    hold = LegalHold.objects.create(
        citizen=due_case.citizen, case=due_case, kind=HoldKind.MANAGER, reason="Politiet"
    )
    lift = reverse("rights:hold_lift", args=[hold.pk])
    client.force_login(other_unit_manager)
    assert client.post(lift, {"reason": "Færdig"}).status_code == 404
    client.force_login(manager)
    assert client.post(lift, {"reason": ""}).status_code == 400

    response = client.post(lift, {"reason": "Sagen er afgjort"})

    assert response.status_code == 302
    hold.refresh_from_db()
    assert (hold.lifted_by, hold.lift_reason) == (manager, "Sagen er afgjort")
    assert hold.lifted_at == timezone.now()


def test_a_manager_confirms_a_rule(client, manager):
    rule = RetentionRule.objects.get(kind="notification")
    client.force_login(manager)

    response = client.post(reverse("rights:rule_confirm", args=[rule.pk]))

    assert response.status_code == 302
    rule.refresh_from_db()
    assert (rule.confirmed, rule.confirmed_by) == (True, manager)
    assert rule.confirmed_at is not None


def test_a_caseworker_cannot_confirm(client, caseworker):
    rule = RetentionRule.objects.get(kind="notification")
    client.force_login(caseworker)

    assert client.post(reverse("rights:rule_confirm", args=[rule.pk])).status_code == 403
    rule.refresh_from_db()
    assert not rule.confirmed


def test_a_purged_report_file_is_gone(client, manager, team_nord):
    job = factories.ReportJobFactory(
        user=manager, unit=team_nord, status="done", content=b"x", filename="x.csv"
    )
    url = reverse("reports:job_download", kwargs={"job_id": job.pk})
    client.force_login(manager)
    assert client.get(url).status_code == 200
    job.content = None
    job.save(update_fields=["content"])

    assert client.get(url).status_code == 404


def test_the_page_queries_do_not_grow_with_the_rows(
    client, manager, due_case, team_nord, caseworker, django_assert_max_num_queries
):
    client.force_login(manager)
    client.get(URL)
    with CaptureQueriesContext(connection) as one:
        assert client.get(URL).status_code == 200
    for i in range(3):
        case = factories.CaseFactory(
            team=team_nord,
            caseworker=caseworker,
            inquiry_date=date(2021, 1, 10),
            closed_on=date(2021, 3, 20),
            status="closed",
        )
        LegalHold.objects.create(
            citizen=case.citizen, case=case, kind=HoldKind.MANAGER, reason=f"Grund {i}"
        )

    with django_assert_max_num_queries(len(one.captured_queries)):
        response = client.get(URL)

    assert response.content.decode().count("Tilbageholdt") >= 3
