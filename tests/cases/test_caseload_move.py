"""§5.10 "no day without an owner": a manager moves all of a leaving caseworker's cases to
others of the team in one step, with the reason on each case; access follows the cases."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from rest_framework.test import APIClient

from accounts.roles import Role
from cases.models import CaseEvent, CaseUserObjectPermission
from cases.services import caseload_move
from tests import factories

pytestmark = pytest.mark.usefixtures("clock")

REASON = "Karin stopper 1. april"


@pytest.fixture
def colleagues(team_nord):
    return [
        factories.UserFactory(username=f"colleague{i}", unit=team_nord, role=Role.CASEWORKER)
        for i in range(2)
    ]


@pytest.fixture
def caseload(caseworker, team_nord):
    return [factories.CaseFactory(team=team_nord, caseworker=caseworker) for _ in range(3)]


def holders(case):
    return set(
        CaseUserObjectPermission.objects.filter(content_object=case).values_list(
            "user_id", flat=True
        )
    )


def test_round_robin_moves_every_case_records_the_reason_and_moves_access(
    manager, caseworker, colleagues, caseload
):
    moved = caseload_move(
        actor=manager, from_caseworker=caseworker, to_caseworkers=colleagues, reason=REASON
    )

    assert [c.caseworker_id for c in moved] == [
        colleagues[0].pk,
        colleagues[1].pk,
        colleagues[0].pk,
    ]
    for case in caseload:
        case.refresh_from_db()
        event = CaseEvent.objects.get(case=case, kind="caseworker_assigned")
        assert event.data["reason"] == REASON
        assert event.data["from_caseworker"] == caseworker.pk
        # The personal grant moved from the leaving caseworker to the new one.
        assert holders(case) == {case.caseworker_id}
        assert caseworker.pk not in holders(case)


def test_one_target_takes_all(manager, caseworker, colleagues, caseload):
    caseload_move(
        actor=manager, from_caseworker=caseworker, to_caseworkers=[colleagues[1]], reason=REASON
    )
    for case in caseload:
        case.refresh_from_db()
        assert case.caseworker_id == colleagues[1].pk


def test_without_a_reason_nothing_moves(manager, caseworker, colleagues, caseload):
    with pytest.raises(ValidationError) as raised:
        caseload_move(
            actor=manager, from_caseworker=caseworker, to_caseworkers=colleagues, reason=" "
        )
    assert "reason" in raised.value.error_dict
    for case in caseload:
        case.refresh_from_db()
        assert case.caseworker_id == caseworker.pk


def test_targets_must_be_caseworkers_of_the_same_team(
    manager, caseworker, other_team_caseworker, caseload
):
    with pytest.raises(ValidationError) as raised:
        caseload_move(
            actor=manager,
            from_caseworker=caseworker,
            to_caseworkers=[other_team_caseworker],
            reason=REASON,
        )
    assert "to_caseworkers" in raised.value.error_dict


def test_a_caseworker_may_not_move_a_colleagues_caseload(caseworker, colleagues, caseload):
    with pytest.raises(PermissionDenied):
        caseload_move(
            actor=colleagues[0],
            from_caseworker=caseworker,
            to_caseworkers=[colleagues[1]],
            reason=REASON,
        )


def test_another_teams_manager_may_not(other_unit_manager, caseworker, colleagues, caseload):
    with pytest.raises(ValidationError):
        caseload_move(
            actor=other_unit_manager,
            from_caseworker=caseworker,
            to_caseworkers=colleagues,
            reason=REASON,
        )


def test_the_page_moves_the_cases(client, manager, caseworker, colleagues, caseload):
    client.force_login(manager)
    url = reverse("cases:caseload_move")
    assert client.get(url).status_code == 200
    response = client.post(
        url,
        {
            "from_caseworker": caseworker.pk,
            "to_caseworkers": [c.pk for c in colleagues],
            "reason": REASON,
        },
    )
    assert response.status_code == 302
    for case in caseload:
        case.refresh_from_db()
        assert case.caseworker_id in {c.pk for c in colleagues}


def test_the_page_refuses_a_missing_reason_and_keeps_the_choice(
    client, manager, caseworker, colleagues, caseload
):
    client.force_login(manager)
    response = client.post(
        reverse("cases:caseload_move"),
        {"from_caseworker": caseworker.pk, "to_caseworkers": [colleagues[0].pk], "reason": ""},
    )
    assert response.status_code == 200
    assert response.context["form"].errors["reason"]
    assert response.context["form"]["from_caseworker"].value() == str(caseworker.pk)


def test_the_page_is_403_for_a_caseworker(client, caseworker):
    client.force_login(caseworker)
    assert client.get(reverse("cases:caseload_move")).status_code == 403


def test_the_api_moves_the_cases_with_the_same_rules(manager, caseworker, colleagues, caseload):
    api = APIClient()
    api.force_login(manager)
    refused = api.post(
        "/api/v1/caseload-moves/",
        {"from_caseworker": caseworker.pk, "to_caseworkers": [colleagues[0].pk], "reason": ""},
        format="json",
    )
    assert refused.status_code == 400
    response = api.post(
        "/api/v1/caseload-moves/",
        {"from_caseworker": caseworker.pk, "to_caseworkers": [colleagues[0].pk], "reason": REASON},
        format="json",
    )
    assert response.status_code == 200
    assert response.json()["moved"] == 3
    for case in caseload:
        case.refresh_from_db()
        assert case.caseworker_id == colleagues[0].pk


def test_the_api_is_403_for_a_caseworker(caseworker, colleagues, caseload):
    api = APIClient()
    api.force_login(caseworker)
    response = api.post(
        "/api/v1/caseload-moves/",
        {"from_caseworker": caseworker.pk, "to_caseworkers": [colleagues[0].pk], "reason": REASON},
        format="json",
    )
    assert response.status_code == 403
