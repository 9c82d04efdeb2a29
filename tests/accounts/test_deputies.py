"""§5.10 "no day without an owner": a user who is away names a deputy for a period; their
reminders, outreach tasks and notes awaiting acknowledgement go to the deputy too while it
lasts, and not after."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from rest_framework.test import APIClient

from accounts.deputies import deputyship_create
from accounts.models import Deputyship
from accounts.roles import Role
from cases.access import has_case_perm, users_with_case_perm
from notifications.models import Notification
from notifications.services import notify
from notifications.sweep import reminder_sweep
from tests import factories
from tests.clock import TODAY
from transitions import services as handover
from transitions.models import ActionItem, StatusNote

pytestmark = pytest.mark.usefixtures("clock")


@pytest.fixture
def colleague(ambulant_unit):
    return factories.UserFactory(
        username="colleague", first_name="Dorte", unit=ambulant_unit, role=Role.OUTPATIENT_THERAPIST
    )


@pytest.fixture
def away(outpatient_therapist, colleague):
    """The outpatient therapist is away this week; the colleague stands in."""
    return deputyship_create(
        user=outpatient_therapist,
        deputy=colleague,
        starts_on=TODAY,
        ends_on=TODAY + timedelta(days=4),
    )


@pytest.fixture
def transition(handover_builder):
    return handover_builder.through_services(stage="planning").transition


@pytest.fixture
def outreach(transition, outpatient_therapist, caseworker):
    return ActionItem.objects.create(
        case=transition.case,
        transition=transition,
        kind=ActionItem.Kind.OUTREACH,
        text="Opsøg borgeren",
        owner=outpatient_therapist,
        due_on=TODAY + timedelta(days=2),
        created_by=caseworker,
    )


def test_the_deputy_gets_the_reminder_during_the_period(
    away, outreach, outpatient_therapist, colleague
):
    reminder_sweep(today=TODAY)

    own = Notification.objects.get(recipient=outpatient_therapist, rule="action_due")
    copy = Notification.objects.get(recipient=colleague, rule="action_due")
    assert copy.deputy_for == outpatient_therapist
    assert (copy.subject_id, copy.threshold) == (own.subject_id, own.threshold)
    assert own.deputy_for is None


def test_the_deputy_gets_nothing_after_the_period(away, outreach, outpatient_therapist, colleague):
    after = away.ends_on + timedelta(days=1)
    outreach.due_on = after + timedelta(days=1)
    outreach.save()

    reminder_sweep(today=after)

    assert Notification.objects.filter(recipient=outpatient_therapist).exists()
    assert not Notification.objects.filter(recipient=colleague).exists()


def test_the_sweep_twice_notifies_the_deputy_once(away, outreach, colleague):
    reminder_sweep(today=TODAY)
    reminder_sweep(today=TODAY)
    assert Notification.objects.filter(recipient=colleague, rule="action_due").count() == 1


def test_immediate_notifications_reach_the_deputy_too(
    away, transition, outpatient_therapist, colleague
):
    notify(
        recipients=[outpatient_therapist],
        rule="first_appointment_missed",
        subject=transition,
        threshold="missed-2026-03-16",
        message="x",
        url="/",
    )
    assert Notification.objects.filter(
        recipient=colleague, deputy_for=outpatient_therapist
    ).exists()


def test_the_deputy_must_be_a_colleague_of_the_same_unit(outpatient_therapist, caseworker):
    with pytest.raises(ValidationError) as raised:
        deputyship_create(
            user=outpatient_therapist, deputy=caseworker, starts_on=TODAY, ends_on=TODAY
        )
    assert "deputy" in raised.value.error_dict


def test_the_period_must_end_after_it_starts(outpatient_therapist, colleague):
    with pytest.raises(ValidationError) as raised:
        deputyship_create(
            user=outpatient_therapist,
            deputy=colleague,
            starts_on=TODAY,
            ends_on=TODAY - timedelta(days=1),
        )
    assert "ends_on" in raised.value.error_dict


def test_the_deputys_inbox_lists_the_away_persons_notes_and_tasks(
    client, away, transition, outreach, residential_therapist, outpatient_therapist, colleague
):
    note = handover.status_note_create(
        transition=transition,
        actor=residential_therapist,
        kind=StatusNote.Kind.START,
        body="Godt i gang.",
    )
    client.force_login(colleague)
    page = client.get(reverse("notifications:inbox"))
    assert page.status_code == 200
    assert note in page.context["waiting_notes"]
    assert outreach in page.context["covered_tasks"]
    assert "Du er stedfortræder for" in page.content.decode()


def test_after_the_period_the_inbox_no_longer_lists_them(
    client, time_machine, away, transition, outreach, residential_therapist, colleague
):
    handover.status_note_create(
        transition=transition, actor=residential_therapist, kind=StatusNote.Kind.START, body="x"
    )
    time_machine.move_to(date(2026, 3, 25))
    client.force_login(colleague)
    page = client.get(reverse("notifications:inbox"))
    assert page.context["waiting_notes"] == []
    assert page.context["covered_tasks"] == []


def test_the_settings_page_names_and_removes_a_deputy(client, outpatient_therapist, colleague):
    client.force_login(outpatient_therapist)
    url = reverse("accounts:deputies")
    assert client.get(url).status_code == 200
    response = client.post(
        url, {"deputy": colleague.pk, "starts_on": "2026-03-16", "ends_on": "2026-03-20"}
    )
    assert response.status_code == 302
    deputyship = Deputyship.objects.get(user=outpatient_therapist)
    assert deputyship.deputy == colleague
    response = client.post(reverse("accounts:deputy_delete", kwargs={"pk": deputyship.pk}))
    assert response.status_code == 302
    assert not Deputyship.objects.exists()


def test_the_settings_page_keeps_the_input_on_a_bad_period(client, outpatient_therapist, colleague):
    client.force_login(outpatient_therapist)
    response = client.post(
        reverse("accounts:deputies"),
        {"deputy": colleague.pk, "starts_on": "2026-03-20", "ends_on": "2026-03-16"},
    )
    assert response.status_code == 200
    assert "Slutdatoen skal være" in response.content.decode()
    assert 'value="2026-03-20"' in response.content.decode()


def test_nobody_removes_someone_elses_deputy(client, away, caseworker):
    client.force_login(caseworker)
    response = client.post(reverse("accounts:deputy_delete", kwargs={"pk": away.pk}))
    assert response.status_code == 403
    assert Deputyship.objects.filter(pk=away.pk).exists()


def test_the_api_names_lists_and_removes_a_deputy(outpatient_therapist, colleague, caseworker):
    api = APIClient()
    api.force_login(outpatient_therapist)
    refused = api.post(
        "/api/v1/deputyships/",
        {"deputy": caseworker.pk, "starts_on": "2026-03-16", "ends_on": "2026-03-20"},
        format="json",
    )
    assert refused.status_code == 400
    created = api.post(
        "/api/v1/deputyships/",
        {"deputy": colleague.pk, "starts_on": "2026-03-16", "ends_on": "2026-03-20"},
        format="json",
    )
    assert created.status_code == 201
    assert created.json()["deputy"]["id"] == colleague.pk
    listed = api.get("/api/v1/deputyships/").json()["results"]
    assert [d["id"] for d in listed] == [created.json()["id"]]
    other = APIClient()
    other.force_login(caseworker)
    remove = f"/api/v1/deputyships/{created.json()['id']}/remove/"
    assert other.post(remove).status_code == 404
    assert api.post(remove).status_code == 204
    assert not Deputyship.objects.exists()


def test_the_deputy_holds_the_away_persons_cases_during_the_period_only(
    time_machine, away, transition, colleague
):
    case = transition.case
    assert has_case_perm(colleague, "transitions.change_transition", case)
    assert (
        users_with_case_perm("transitions.change_transition", case).filter(pk=colleague.pk).exists()
    )
    time_machine.move_to(date(2026, 3, 25))
    assert not has_case_perm(colleague, "transitions.change_transition", case)
    assert (
        not users_with_case_perm("transitions.change_transition", case)
        .filter(pk=colleague.pk)
        .exists()
    )
