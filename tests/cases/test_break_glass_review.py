"""Break the glass (DESIGN §1): only the municipality's caseworkers and managers, a reason from
a short list, and every use a review task that a manager of the case's team (never the user who
broke the glass) closes with a comment."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from accounts.roles import Role
from cases.models import CaseEvent, TemporaryCaseAccess
from cases.services import break_glass_review, case_break_glass
from notifications.models import Notification
from tests import factories

REASON = "Politiet ringer: borgeren er fundet bevidstløs"
UNREVIEWED = reverse("cases:break_glass_unreviewed")


def review_url(access: TemporaryCaseAccess) -> str:
    return reverse("cases:break_glass_review", kwargs={"access_id": access.pk})


def broken(actor, case) -> TemporaryCaseAccess:
    case_break_glass(actor=actor, case_id=case.pk, reason_code="hospital", reason=REASON)
    return TemporaryCaseAccess.objects.get(user=actor, kind="break_glass")


@pytest.fixture
def institution_manager(sydgaarden):
    return factories.UserFactory(username="sydgaarden_leder", unit=sydgaarden, role=Role.MANAGER)


@pytest.fixture
def second_syd_manager(team_syd):
    return factories.UserFactory(username="syd_leder_2", unit=team_syd, role=Role.MANAGER)


@pytest.mark.parametrize(
    "user", ["institution_manager", "residential_therapist", "outpatient_therapist"]
)
def test_only_municipal_staff_open_the_break_glass_page(request, client, user):
    client.force_login(request.getfixturevalue(user))
    assert client.get(reverse("cases:break_glass")).status_code == 403


def test_an_institution_manager_cannot_break_the_glass(client, institution_manager, case):
    client.force_login(institution_manager)
    response = client.post(
        reverse("cases:break_glass"),
        {"case_number": case.number, "reason_code": "police", "reason": REASON},
    )
    assert response.status_code == 403
    with pytest.raises(PermissionDenied):
        case_break_glass(
            actor=institution_manager, case_id=case.pk, reason_code="police", reason=REASON
        )
    assert not TemporaryCaseAccess.objects.exists()


@pytest.mark.parametrize("code", ["", "bored"])
def test_break_glass_needs_a_reason_from_the_list(client, other_team_caseworker, case, code):
    client.force_login(other_team_caseworker)
    response = client.post(
        reverse("cases:break_glass"),
        {"case_number": case.number, "reason_code": code, "reason": REASON},
    )
    assert response.status_code == 200
    assert not TemporaryCaseAccess.objects.exists()
    with pytest.raises(ValidationError) as info:
        case_break_glass(
            actor=other_team_caseworker, case_id=case.pk, reason_code=code, reason=REASON
        )
    assert "reason_code" in info.value.message_dict


def test_the_page_asks_for_the_reasons_in_danish(client, other_team_caseworker):
    client.force_login(other_team_caseworker)
    html = client.get(reverse("cases:break_glass")).content.decode()
    for label in ("Politiet", "Hospital", "Akut fare for liv", "Andet"):
        assert label in html


def test_the_reason_code_is_kept_on_the_grant(other_team_caseworker, case):
    access = broken(other_team_caseworker, case)
    assert access.reason_code == "hospital"
    assert access.get_reason_code_display() == "Hospital"


def test_the_case_teams_manager_reviews_a_use_from_the_inbox_link(
    client, manager, other_team_caseworker, case
):
    access = broken(other_team_caseworker, case)
    notification = Notification.objects.get(recipient=manager)
    assert notification.url == review_url(access)
    client.force_login(manager)
    assert case.number in client.get(UNREVIEWED).content.decode()
    assert client.get(review_url(access)).status_code == 200

    missing = client.post(review_url(access), {"comment": ""})
    assert missing.status_code == 200
    response = client.post(review_url(access), {"comment": "Ringede til politiet: i orden."})

    assert response.status_code == 302
    assert response.url == UNREVIEWED
    access.refresh_from_db()
    assert (access.reviewed_by, access.review_comment) == (
        manager,
        "Ringede til politiet: i orden.",
    )
    assert access.reviewed_at is not None
    assert case.number not in client.get(UNREVIEWED).content.decode()


def test_closing_a_review_marks_the_reviewers_notifications_read(
    manager, team_nord, other_team_caseworker, case
):
    second_nord_manager = factories.UserFactory(
        username="nord_leder_2", unit=team_nord, role=Role.MANAGER
    )
    access = broken(other_team_caseworker, case)
    other_case = factories.CaseFactory(team=team_nord, caseworker=case.caseworker)
    case_break_glass(
        actor=other_team_caseworker, case_id=other_case.pk, reason_code="police", reason=REASON
    )
    other_use = TemporaryCaseAccess.objects.get(case=other_case)
    assert Notification.objects.filter(read_at__isnull=True).count() == 4

    break_glass_review(actor=manager, access=access, comment="Ringede til politiet: i orden.")

    # The task is closed for both managers who got it ...
    closed = Notification.objects.filter(subject_id=access.pk)
    assert {n.recipient for n in closed} == {manager, second_nord_manager}
    assert all(n.read_at is not None for n in closed)
    # ... and another use is another task: it stays unread.
    assert all(n.read_at is None for n in Notification.objects.filter(subject_id=other_use.pk))


def test_closing_a_review_is_on_the_case_timeline_without_the_comment(
    client, caseworker, manager, other_team_caseworker, case
):
    access = broken(other_team_caseworker, case)
    break_glass_review(actor=manager, access=access, comment="Ringede til politiet: i orden.")

    event = CaseEvent.objects.get(case=case, kind="break_glass_reviewed")
    assert event.actor == manager
    assert event.data == {"temporary_access": access.pk}
    assert "Ringede til politiet" not in event.description
    client.force_login(caseworker)
    timeline = client.get(reverse("cases:timeline", kwargs={"case_id": case.pk}))
    assert "Nødadgang gennemgået" in timeline.content.decode()


def test_a_use_is_reviewed_once(manager, other_team_caseworker, case):
    access = broken(other_team_caseworker, case)
    break_glass_review(actor=manager, access=access, comment="I orden.")
    with pytest.raises(ValidationError):
        break_glass_review(actor=manager, access=access, comment="Igen.")


def test_a_managers_own_use_goes_to_another_municipal_manager(
    client, caseworker, other_unit_manager, second_syd_manager, case
):
    # Team Nord has no manager: the use of Team Syd's manager goes to the other manager.
    access = broken(other_unit_manager, case)

    assert list(Notification.objects.values_list("recipient", flat=True)) == [second_syd_manager.pk]
    client.force_login(other_unit_manager)
    assert client.get(review_url(access)).status_code == 404
    assert case.number not in client.get(UNREVIEWED).content.decode()
    with pytest.raises(PermissionDenied):
        break_glass_review(actor=other_unit_manager, access=access, comment="Min egen.")
    client.force_login(second_syd_manager)
    assert case.number in client.get(UNREVIEWED).content.decode()
    assert client.post(review_url(access), {"comment": "I orden."}).status_code == 302


def test_a_manager_of_another_team_does_not_review_the_teams_uses(
    client, manager, other_unit_manager, other_team_caseworker, case
):
    access = broken(other_team_caseworker, case)
    client.force_login(other_unit_manager)
    assert client.get(review_url(access)).status_code == 404
    assert case.number not in client.get(UNREVIEWED).content.decode()


@pytest.mark.parametrize(
    "user", ["caseworker", "other_team_caseworker", "institution_manager", "residential_therapist"]
)
def test_only_municipal_managers_open_the_review_pages(
    request, client, manager, other_team_caseworker, case, user
):
    access = broken(other_team_caseworker, case)
    client.force_login(request.getfixturevalue(user))
    assert client.get(UNREVIEWED).status_code == 403
    assert client.get(review_url(access)).status_code == 403
    assert client.post(review_url(access), {"comment": "x"}).status_code == 403
    access.refresh_from_db()
    assert access.reviewed_at is None


def test_the_start_page_links_only_what_the_user_may_use(client, manager, institution_manager):
    client.force_login(manager)
    html = client.get(reverse("core:home")).content.decode()
    assert UNREVIEWED in html
    assert reverse("cases:break_glass") in html
    client.force_login(institution_manager)
    response = client.get(reverse("core:home"))
    assert response.status_code == 200
    html = response.content.decode()
    assert UNREVIEWED not in html
    assert reverse("cases:break_glass") not in html
