"""Access follows relationships through the services (DESIGN §1): granted when a relationship
starts, revoked when it ends; break the glass for 4 hours; the admin is no back door."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.utils import timezone

from accounts.roles import Role
from cases.access import CHANGE, VIEW, case_list_visible_to, has_case_perm
from cases.access_log import access_log_verify
from cases.models import AccessLog, CaseEvent, CaseUserObjectPermission, TemporaryCaseAccess
from cases.services import case_assign, case_break_glass, case_move
from cases.tasks import access_expiry_sweep_task
from notifications.models import Notification
from tests import factories
from tests.cases.service_helpers import open_case, record_decision
from tests.clock import TODAY
from treatment_options.services import episode_end, episode_refer, episode_start

REASON = "Politiet ringer: borgeren er fundet bevidstløs"


pytestmark = pytest.mark.usefixtures("clock")


def sees(user, case):
    return (
        has_case_perm(user, VIEW, case) and case_list_visible_to(user).filter(pk=case.pk).exists()
    )


# --- reassignment -----------------------------------------------------------------------------


@pytest.fixture
def colleague(team_nord):
    return factories.UserFactory(username="colleague", unit=team_nord, role=Role.CASEWORKER)


def test_reassign_within_the_team_moves_the_personal_grant(caseworker, colleague):
    case = open_case(caseworker)

    case_assign(actor=caseworker, case=case, caseworker=colleague)

    holders = set(
        CaseUserObjectPermission.objects.filter(content_object=case).values_list(
            "user_id", flat=True
        )
    )
    assert holders == {colleague.pk}
    # The old caseworker still reads and works on the case as a member of the team.
    assert has_case_perm(caseworker, CHANGE, case)
    event = CaseEvent.objects.get(case=case, kind="caseworker_assigned")
    assert event.data["from_caseworker"] == caseworker.pk
    assert event.data["to_caseworker"] == colleague.pk


def test_manager_moves_a_case_to_another_team_and_the_old_caseworker_loses_access(
    caseworker, manager, other_team_caseworker, team_syd
):
    case = open_case(caseworker)

    case_assign(
        actor=manager, case=case, caseworker=other_team_caseworker, team=team_syd, reason="Flytter"
    )

    assert not sees(caseworker, case)
    assert not sees(manager, case)
    assert has_case_perm(other_team_caseworker, CHANGE, case)


def test_new_caseworker_must_be_a_caseworker_in_the_new_team(
    caseworker, manager, other_team_caseworker, residential_therapist
):
    case = open_case(caseworker)

    for wrong in (other_team_caseworker, residential_therapist, manager):
        with pytest.raises(ValidationError) as info:
            case_assign(actor=manager, case=case, caseworker=wrong)
        assert "caseworker" in info.value.message_dict


@pytest.mark.parametrize(
    "user", ["other_team_caseworker", "other_unit_manager", "residential_therapist", "admin_user"]
)
def test_outsiders_cannot_reassign(request, caseworker, user):
    case = open_case(caseworker)

    with pytest.raises(PermissionDenied):
        case_assign(actor=request.getfixturevalue(user), case=case, caseworker=caseworker)


# --- episodes ---------------------------------------------------------------------------------


def test_institution_gets_access_from_the_referral_and_loses_it_at_the_end(
    caseworker, outpatient_therapist, outpatient_offer
):
    case = open_case(caseworker, inquiry_date=TODAY - timedelta(days=5))
    record_decision(case, caseworker)
    assert not sees(outpatient_therapist, case)

    episode = episode_refer(
        actor=caseworker, case=case, offer=outpatient_offer, referral_date=TODAY
    )
    assert sees(outpatient_therapist, case)

    episode_start(actor=outpatient_therapist, episode=episode, actual_start=TODAY)
    episode_end(
        actor=outpatient_therapist, episode=episode, actual_end=TODAY, end_reason="completed"
    )

    assert not sees(outpatient_therapist, case)
    assert has_case_perm(caseworker, CHANGE, case)


def test_residential_institution_keeps_access_after_the_end_while_the_handover_holds_it(
    caseworker, residential_therapist, residential_offer
):
    case = open_case(caseworker, inquiry_date=TODAY - timedelta(days=5))
    record_decision(case, caseworker)
    episode = episode_refer(
        actor=caseworker, case=case, offer=residential_offer, referral_date=TODAY
    )
    episode_start(actor=residential_therapist, episode=episode, actual_start=TODAY)

    episode_end(
        actor=residential_therapist, episode=episode, actual_end=TODAY, end_reason="completed"
    )

    assert case.transitions.get().status not in ("completed", "cancelled")
    assert sees(residential_therapist, case)


def test_closing_a_case_ends_access_from_a_referral_that_never_started(
    caseworker, outpatient_therapist, outpatient_offer
):
    case = open_case(caseworker)
    episode_refer(actor=caseworker, case=case, offer=outpatient_offer, referral_date=TODAY)

    case_move(actor=caseworker, case=case, action="close", note="Borgeren flyttede")

    assert not sees(outpatient_therapist, case)
    assert sees(caseworker, case)


# --- break the glass --------------------------------------------------------------------------


def test_break_glass_opens_the_case_for_four_hours_then_not(
    clock, caseworker, other_team_caseworker
):
    case = open_case(caseworker)
    assert not sees(other_team_caseworker, case)

    returned = case_break_glass(
        actor=other_team_caseworker, case_id=case.pk, reason_code="police", reason=REASON
    )

    assert returned == case
    assert sees(other_team_caseworker, case)
    assert not has_case_perm(other_team_caseworker, CHANGE, case)  # reading only
    clock.shift(timedelta(hours=3, minutes=59))
    assert sees(other_team_caseworker, case)
    clock.shift(timedelta(minutes=2))
    assert not sees(other_team_caseworker, case)


def test_break_glass_is_marked_in_the_access_log_and_on_the_timeline(
    caseworker, other_team_caseworker
):
    case = open_case(caseworker)

    case_break_glass(
        actor=other_team_caseworker, case_id=case.pk, reason_code="police", reason=REASON
    )

    entry = AccessLog.objects.get()
    assert (
        entry.user,
        entry.case_id_logged,
        entry.action,
        entry.break_glass,
        entry.purpose,
        entry.note,
    ) == (other_team_caseworker, case.pk, "break_glass", True, "break_glass", REASON)
    assert access_log_verify() == []
    event = CaseEvent.objects.get(case=case, kind="break_glass")
    assert REASON in event.description
    access = TemporaryCaseAccess.objects.get()
    assert (access.user, access.kind, access.reason) == (
        other_team_caseworker,
        "break_glass",
        REASON,
    )


def test_break_glass_notifies_the_managers_of_the_cases_team_without_personal_data(
    caseworker, manager, other_unit_manager
):
    case = open_case(caseworker)

    case_break_glass(actor=other_unit_manager, case_id=case.pk, reason_code="police", reason=REASON)

    notification = Notification.objects.get()
    assert notification.recipient == manager
    assert notification.message == "Nødadgang til en sag skal gennemgås"
    assert case.citizen.first_name not in notification.message
    access = TemporaryCaseAccess.objects.get()
    assert notification.url == f"/sager/noedadgang/{access.pk}/gennemgang/"
    assert notification.case_id == case.pk


def test_breaking_the_glass_again_after_expiry_notifies_again(
    clock, caseworker, manager, other_team_caseworker
):
    case = open_case(caseworker)
    case_break_glass(
        actor=other_team_caseworker, case_id=case.pk, reason_code="police", reason=REASON
    )
    # While the access lasts there is nothing to break: no new grant, no new notification.
    case_break_glass(
        actor=other_team_caseworker, case_id=case.pk, reason_code="police", reason=REASON + " igen"
    )
    assert Notification.objects.filter(recipient=manager).count() == 1

    clock.shift(timedelta(hours=5))
    case_break_glass(
        actor=other_team_caseworker, case_id=case.pk, reason_code="police", reason=REASON + " igen"
    )

    assert Notification.objects.filter(recipient=manager).count() == 2
    assert AccessLog.objects.filter(break_glass=True).count() == 2


@pytest.mark.parametrize("reason", ["", "   ", "Akut", "kort grund"[:9]])
def test_break_glass_needs_a_real_reason(caseworker, other_team_caseworker, reason):
    case = open_case(caseworker)

    with pytest.raises(ValidationError) as info:
        case_break_glass(
            actor=other_team_caseworker, case_id=case.pk, reason_code="police", reason=reason
        )

    assert "reason" in info.value.message_dict
    assert not TemporaryCaseAccess.objects.exists()
    assert not AccessLog.objects.exists()


@pytest.mark.parametrize("user", ["residential_therapist", "outpatient_therapist", "admin_user"])
def test_only_caseworkers_and_managers_may_break_the_glass(request, caseworker, user):
    case = open_case(caseworker)

    with pytest.raises(PermissionDenied):
        case_break_glass(
            actor=request.getfixturevalue(user),
            case_id=case.pk,
            reason_code="police",
            reason=REASON,
        )

    assert not TemporaryCaseAccess.objects.exists()


def test_break_glass_on_a_missing_case_is_404(other_team_caseworker):
    with pytest.raises(Http404):
        case_break_glass(
            actor=other_team_caseworker, case_id=999999, reason_code="police", reason=REASON
        )


def test_user_with_access_needs_no_break_glass(caseworker):
    case = open_case(caseworker)

    case_break_glass(actor=caseworker, case_id=case.pk, reason_code="police", reason=REASON)

    assert not TemporaryCaseAccess.objects.exists()
    assert not Notification.objects.exists()


def test_sweep_deletes_only_expired_temporary_access(
    clock, caseworker, other_team_caseworker, other_unit_manager
):
    case = open_case(caseworker)
    case_break_glass(
        actor=other_team_caseworker, case_id=case.pk, reason_code="police", reason=REASON
    )
    clock.shift(timedelta(hours=3))
    case_break_glass(actor=other_unit_manager, case_id=case.pk, reason_code="police", reason=REASON)
    clock.shift(timedelta(hours=2))

    # Both are uses of break the glass nobody has reviewed yet: the rows are the review tasks.
    assert access_expiry_sweep_task() == 0
    TemporaryCaseAccess.objects.update(reviewed_at=timezone.now())

    assert access_expiry_sweep_task() == 1

    assert list(TemporaryCaseAccess.objects.values_list("user", flat=True)) == [
        other_unit_manager.pk
    ]


# --- the admin is no back door ----------------------------------------------------------------


CASE_CONTENT_ADMIN_PATHS = [
    "/admin/cases/case/",
    "/admin/cases/citizen/",
    "/admin/cases/caseevent/",
    "/admin/cases/consent/",
    "/admin/cases/disclosure/",
    "/admin/treatment_options/episode/",
]


@pytest.mark.parametrize("path", CASE_CONTENT_ADMIN_PATHS)
def test_administrator_sees_no_case_data_in_the_admin(client, caseworker, admin_user, path):
    case = open_case(caseworker)
    client.force_login(admin_user)

    # No case-content admin is registered (cases/admin.py): the admin answers as for any
    # address it does not have.
    assert client.get(path).status_code == 404
    assert client.get(f"{path}{case.pk}/change/").status_code == 404


def test_superuser_finds_no_case_data_in_the_admin(client, caseworker):
    case = open_case(caseworker)
    superuser = factories.UserFactory(username="root", is_superuser=True, is_staff=True, unit=None)
    client.force_login(superuser)

    for path in CASE_CONTENT_ADMIN_PATHS:
        assert client.get(path).status_code == 404
    index = client.get("/admin/")
    assert index.status_code == 200
    assert case.citizen.last_name.encode() not in index.content


def test_administrator_manages_the_catalogue(client, admin_user, sydgaarden_provider):
    client.force_login(admin_user)

    assert client.get("/admin/treatment_options/provider/").status_code == 200
    response = client.post(
        "/admin/treatment_options/offer/add/",
        {
            "provider": sydgaarden_provider.pk,
            "name": "Døgn kort",
            "treatment_type": "residential",
            "legal_bases": ["SEL101", "SUL142"],
            "waiting_time_days": 7,
            "active": "on",
        },
    )
    assert response.status_code == 302
    assert sydgaarden_provider.offers.get(name="Døgn kort").legal_bases == ["SEL101", "SUL142"]
