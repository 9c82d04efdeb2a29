"""A check-in answered "needs follow-up" makes a follow-up task (DESIGN §5.5) on an
outpatient-only course too (§5.10: the check-ins belong to the course): the caseworker, whom
the check-in's reminders go to, owns it; it is on the case page with the check-ins, can be
marked done there, is reminded and is in the API. The transition's path makes its task with
the same function (`checkin_follow_up_ensure`)."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest
from django.urls import reverse
from rest_framework.test import APIClient

from notifications.models import Notification
from notifications.sweep import reminder_sweep
from tests.clock import TODAY, TZ
from transitions import services
from transitions.models import ActionItem, CheckIn

from .conftest import login

pytestmark = pytest.mark.django_db


def _first(case) -> CheckIn:
    return CheckIn.objects.get(case=case, weeks_after_discharge=2)


def _answer(checkin, actor, *, follow_up: bool = True) -> CheckIn:
    return services.checkin_answer(
        checkin=checkin,
        actor=actor,
        answer="Boligen",
        themes=["housing"],
        needs_follow_up=follow_up,
    )


def test_follow_up_on_an_outpatient_only_course_makes_a_task_for_the_caseworker(course, caseworker):
    checkin = _answer(_first(course), caseworker)
    item = ActionItem.objects.get(checkin=checkin)
    assert (item.case_id, item.transition_id, item.kind) == (
        course.pk,
        None,
        ActionItem.Kind.FOLLOW_UP,
    )
    assert item.owner_id == course.caseworker_id == caseworker.pk
    assert item.due_on == TODAY + timedelta(days=7)
    assert item.text == "Følg op på tjek-ind: 2 uger efter ambulant start"


def test_no_follow_up_makes_no_task(course, caseworker):
    _answer(_first(course), caseworker, follow_up=False)
    assert not ActionItem.objects.filter(case=course).exists()


def test_answering_again_makes_no_second_task(course, caseworker):
    checkin = _answer(_first(course), caseworker)
    _answer(checkin, caseworker)
    assert ActionItem.objects.filter(checkin=checkin).count() == 1


def test_the_transition_path_makes_its_task_with_the_same_rule(
    named_transition, outpatient_therapist, caseworker
):
    final = named_transition.checkins.get(kind=CheckIn.Kind.FINAL)
    _answer(final, caseworker)
    item = ActionItem.objects.get(checkin=final)
    assert (item.case_id, item.transition_id) == (named_transition.case_id, named_transition.pk)
    assert item.owner_id == outpatient_therapist.pk


def test_the_case_page_lists_the_task_and_it_can_be_marked_done(course, caseworker):
    item = ActionItem.objects.get(checkin=_answer(_first(course), caseworker))
    client = login(caseworker)
    page = client.get(reverse("cases:detail", kwargs={"case_id": course.pk}))
    assert page.status_code == 200
    html = page.content.decode()
    assert "Åbne opfølgninger" in html
    done_url = reverse("transitions:action_done", kwargs={"case_id": course.pk, "pk": item.pk})
    assert done_url in html
    response = client.post(done_url)
    assert response.status_code == 302
    assert response["Location"].endswith(f"/{course.pk}/#tjek-ind")
    item.refresh_from_db()
    assert item.done_at is not None
    again = client.get(reverse("cases:detail", kwargs={"case_id": course.pk}))
    assert "Åbne opfølgninger" not in again.content.decode()


def test_another_team_cannot_mark_it_done(course, caseworker, other_team_caseworker):
    item = ActionItem.objects.get(checkin=_answer(_first(course), caseworker))
    url = reverse("transitions:action_done", kwargs={"case_id": course.pk, "pk": item.pk})
    assert login(other_team_caseworker).post(url).status_code == 404
    item.refresh_from_db()
    assert item.done_at is None


def test_the_owner_is_reminded_with_a_link_to_the_case_page(course, caseworker, clock):
    item = ActionItem.objects.get(checkin=_answer(_first(course), caseworker))
    day = item.due_on - timedelta(days=2)
    clock.move_to(datetime(day.year, day.month, day.day, 9, 0, tzinfo=TZ))
    reminder_sweep(today=day)
    reminded = Notification.objects.filter(rule="action_due", subject_id=item.pk)
    assert list(reminded.values_list("recipient_id", "url")) == [
        (caseworker.pk, reverse("cases:detail", kwargs={"case_id": course.pk}) + "#tjek-ind")
    ]


def test_the_api_lists_the_task_under_the_case(course, caseworker, other_team_caseworker):
    checkin = _answer(_first(course), caseworker)
    client = APIClient()
    client.force_login(caseworker)
    response = client.get(f"/api/v1/action-items/?case={course.pk}")
    assert response.status_code == 200
    rows = response.json()["results"]
    assert [(r["case"], r["transition"], r["checkin"], r["kind"]) for r in rows] == [
        (course.pk, None, checkin.pk, "follow_up")
    ]
    done = client.post(f"/api/v1/action-items/{rows[0]['id']}/done/")
    assert done.status_code == 200
    assert done.json()["done_at"] is not None
    other = APIClient()
    other.force_login(other_team_caseworker)
    assert other.get(f"/api/v1/action-items/{rows[0]['id']}/").status_code == 404
