"""DESIGN §5.10: the check-in schedule belongs to the course. An outpatient-only course (no
residential stay, hence no transition) has check-ins counted from the start of outpatient
treatment, reminded at the right weeks, shown on the case page and in the API; changing the
schedule needs a reason, is on the timeline, tells the caseworker and cannot empty it while
aftercare runs. A later discharge restarts the count."""

from __future__ import annotations

from datetime import date, datetime, timedelta

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from rest_framework.test import APIClient

from notifications.models import Notification
from notifications.sweep import reminder_sweep
from tests.clock import TODAY, TZ
from transitions import checkin_plan, selectors, services
from transitions.checkin_plan import Anchor, WeeksProblem
from transitions.models import CheckIn, CheckInSchedule
from treatment_options.services import episode_end, episode_refer, episode_start

from .conftest import login

pytestmark = pytest.mark.django_db

WEEKS = [2, 6, 12, 26, 52]


# --- the pure rules ---------------------------------------------------------------------------


def test_the_default_runs_for_twelve_months():
    assert checkin_plan.DEFAULT_CHECKIN_WEEKS == (2, 6, 12, 26, 52)


def test_the_newest_discharge_is_the_anchor_before_any_outpatient_start():
    anchor = checkin_plan.course_anchor(
        discharges=[(date(2026, 1, 5), 1), (date(2026, 3, 2), 2)],
        outpatient_starts=[date(2026, 3, 9)],
    )
    assert anchor == Anchor(day=date(2026, 3, 2), transition_id=2)


def test_without_a_discharge_the_newest_outpatient_start_is_the_anchor():
    anchor = checkin_plan.course_anchor(
        discharges=[], outpatient_starts=[date(2026, 1, 5), date(2026, 3, 9)]
    )
    assert anchor == Anchor(day=date(2026, 3, 9))
    assert not anchor.is_discharge
    assert checkin_plan.course_anchor(discharges=[], outpatient_starts=[]) is None


@pytest.mark.parametrize(
    ("after", "reason", "runs", "problem"),
    [
        ([2, 4], "", True, WeeksProblem.REASON_MISSING),
        ([2, 4], "   ", False, WeeksProblem.REASON_MISSING),
        ([], "Stop", True, WeeksProblem.EMPTIED_DURING_AFTERCARE),
        ([], "Stop", False, None),
        ([0, 2], "Fejl", True, WeeksProblem.OUT_OF_RANGE),
        ([2, 105], "Fejl", True, WeeksProblem.OUT_OF_RANGE),
        (WEEKS, "", True, None),  # unchanged: no change, no reason needed
        ([2, 4], "Borgeren flytter", True, None),
    ],
)
def test_schedule_change_rules(after, reason, runs, problem):
    assert (
        checkin_plan.schedule_change_problem(
            before=WEEKS, after=after, reason=reason, aftercare_runs=runs
        )
        == problem
    )


# --- an outpatient-only course --------------------------------------------------------------


def scheduled(case):
    return list(
        CheckIn.objects.filter(case=case, kind=CheckIn.Kind.AFTERCARE)
        .order_by("due_on")
        .values_list("weeks_after_discharge", "due_on", "transition_id")
    )


def test_an_outpatient_start_schedules_the_check_ins_from_that_day(course):
    assert not course.transitions.exists()
    assert scheduled(course) == [(w, TODAY + timedelta(weeks=w), None) for w in WEEKS]
    labels = CheckIn.objects.filter(case=course).values_list("label", flat=True)
    assert "2 uger efter ambulant start" in labels


def test_a_referral_without_a_start_has_no_check_ins_yet(outpatient_episode):
    assert scheduled(outpatient_episode.case) == []


def test_a_second_outpatient_start_does_not_double_the_check_ins(
    course, caseworker, outpatient_offer
):
    services.course_checkins_schedule(case=course)
    assert len(scheduled(course)) == 5


def _sweep_on(clock, day: date) -> list[tuple[int, str, str]]:
    clock.move_to(datetime(day.year, day.month, day.day, 9, 0, tzinfo=TZ))
    reminder_sweep(today=day)
    return list(
        Notification.objects.filter(rule__in=["checkin_due", "checkin_overdue"])
        .order_by("pk")
        .values_list("recipient_id", "rule", "url")
    )


def test_the_caseworker_is_reminded_at_the_right_weeks(course, caseworker, clock):
    case_url = reverse("cases:detail", kwargs={"case_id": course.pk}) + "#tjek-ind"
    assert _sweep_on(clock, TODAY + timedelta(weeks=2) - timedelta(days=3)) == []
    assert _sweep_on(clock, TODAY + timedelta(weeks=2)) == [
        (caseworker.pk, "checkin_due", case_url)
    ]
    # Three days later, still unanswered: overdue.
    assert _sweep_on(clock, TODAY + timedelta(weeks=2, days=3))[-1] == (
        caseworker.pk,
        "checkin_overdue",
        case_url,
    )
    # Nothing more until week 6.
    before = len(_sweep_on(clock, TODAY + timedelta(weeks=6) - timedelta(days=3)))
    assert before == 2
    assert _sweep_on(clock, TODAY + timedelta(weeks=6))[-1][1] == "checkin_due"


def test_an_answered_check_in_is_not_reminded(course, caseworker, clock):
    first = CheckIn.objects.get(case=course, weeks_after_discharge=2)
    services.checkin_answer(
        checkin=first, actor=caseworker, answer="Boligen", themes=["housing"], needs_follow_up=True
    )
    assert _sweep_on(clock, TODAY + timedelta(weeks=2)) == []
    first.refresh_from_db()
    assert first.needs_follow_up
    assert course.events.filter(data__action="checkin").count() == 1


def test_a_closed_course_is_not_reminded(course, caseworker, clock):
    course.status = "closed"
    course.save(update_fields=["status"])
    assert _sweep_on(clock, TODAY + timedelta(weeks=2)) == []


# --- changing the schedule ----------------------------------------------------------------------


def test_a_change_without_a_reason_is_refused_and_changes_nothing(course, caseworker):
    with pytest.raises(ValidationError) as raised:
        services.course_checkin_schedule_update(
            case=course, actor=caseworker, weeks=[2, 4], reason=""
        )
    assert "reason" in raised.value.error_dict
    assert selectors.checkin_schedule_weeks(course) == WEEKS
    assert len(scheduled(course)) == 5


def test_the_schedule_cannot_be_emptied_while_outpatient_aftercare_runs(course, caseworker):
    with pytest.raises(ValidationError) as raised:
        services.course_checkin_schedule_update(
            case=course, actor=caseworker, weeks=[], reason="Ikke nødvendigt"
        )
    assert "weeks" in raised.value.error_dict
    assert len(scheduled(course)) == 5


def test_before_treatment_starts_the_schedule_may_be_emptied(outpatient_episode, caseworker):
    case = outpatient_episode.case
    services.course_checkin_schedule_update(
        case=case, actor=caseworker, weeks=[], reason="Afklares senere"
    )
    assert selectors.checkin_schedule_weeks(case) == []


def test_a_change_moves_the_check_ins_is_on_the_timeline_and_tells_the_caseworker(
    course, outpatient_therapist, caseworker
):
    schedule = services.course_checkin_schedule_update(
        case=course, actor=outpatient_therapist, weeks=[4, 8], reason="Borgeren flytter"
    )
    assert schedule.weeks == [4, 8]
    assert [w for w, _day, _t in scheduled(course)] == [4, 8]
    event = course.events.get(data__action="checkin_schedule")
    assert (event.data["before"], event.data["after"]) == (WEEKS, [4, 8])
    assert event.data["reason"] == "Borgeren flytter"
    note = Notification.objects.get(rule="checkin_schedule_changed")
    assert note.recipient_id == caseworker.pk
    assert note.url.endswith(f"/{course.pk}/#tjek-ind")
    # A second change is a second notification (one per change).
    services.course_checkin_schedule_update(
        case=course, actor=outpatient_therapist, weeks=[4], reason="Igen"
    )
    assert Notification.objects.filter(rule="checkin_schedule_changed").count() == 2


def test_answered_check_ins_stay_when_the_schedule_changes(course, caseworker):
    first = CheckIn.objects.get(case=course, weeks_after_discharge=2)
    services.checkin_answer(
        checkin=first, actor=caseworker, answer="Arbejdet", themes=["work"], needs_follow_up=False
    )
    services.course_checkin_schedule_update(
        case=course, actor=caseworker, weeks=[6], reason="Færre"
    )
    assert CheckIn.objects.filter(pk=first.pk).exists()
    assert [w for w, _day, _t in scheduled(course)] == [2, 6]


# --- a later residential stay -----------------------------------------------------------------


def test_a_discharge_restarts_the_count_from_the_discharge(
    course, caseworker, residential_offer, residential_therapist, clock
):
    stay = episode_refer(
        actor=caseworker, case=course, offer=residential_offer, referral_date=TODAY
    )
    episode_start(actor=residential_therapist, episode=stay, actual_start=TODAY)
    clock.move_to(datetime(2026, 5, 4, 10, tzinfo=TZ))
    episode_end(
        actor=residential_therapist,
        episode=stay,
        actual_end=date(2026, 5, 4),
        end_reason="completed",
    )
    transition = course.transitions.get()
    assert scheduled(course) == [
        (w, date(2026, 5, 4) + timedelta(weeks=w), transition.pk) for w in WEEKS
    ]


# --- pages -------------------------------------------------------------------------------------


def test_the_case_page_shows_the_course_s_check_ins_and_schedule(course, caseworker):
    response = login(caseworker).get(reverse("cases:detail", kwargs={"case_id": course.pk}))
    assert response.status_code == 200
    html = response.content.decode()
    assert "2 uger efter ambulant start" in html
    assert "uge 2, 6, 12, 26, 52" in html
    assert reverse("transitions:checkin_schedule", kwargs={"case_id": course.pk}) in html


def test_the_check_in_form_works_without_a_transition(course, caseworker):
    checkin = CheckIn.objects.get(case=course, weeks_after_discharge=2)
    url = reverse("transitions:checkin_answer", kwargs={"case_id": course.pk, "pk": checkin.pk})
    client = login(caseworker)
    assert client.get(url).status_code == 200
    response = client.post(url, {"answer": "Økonomien", "themes": ["finances"]})
    assert response.status_code == 302
    assert response["Location"].endswith(f"/{course.pk}/#tjek-ind")
    checkin.refresh_from_db()
    assert checkin.answer == "Økonomien"


def test_the_schedule_page_works_without_a_transition(course, caseworker):
    url = reverse("transitions:checkin_schedule", kwargs={"case_id": course.pk})
    client = login(caseworker)
    assert client.get(url).status_code == 200
    refused = client.post(url, {"weeks": "", "reason": "Stop"})
    assert refused.status_code == 200
    assert "kan ikke tømmes" in refused.content.decode()
    saved = client.post(url, {"weeks": "2, 6", "reason": "Kortere forløb"})
    assert saved.status_code == 302
    assert selectors.checkin_schedule_weeks(course) == [2, 6]


def test_an_empty_post_to_the_schedule_page_shows_the_errors(course, caseworker):
    url = reverse("transitions:checkin_schedule", kwargs={"case_id": course.pk})
    response = login(caseworker).post(url, {})
    assert response.status_code == 200
    assert "Skriv en begrundelse for ændringen af planen." in response.content.decode()
    assert selectors.checkin_schedule_weeks(course) == WEEKS


def test_another_team_s_caseworker_gets_404(course, other_team_caseworker):
    checkin = CheckIn.objects.get(case=course, weeks_after_discharge=2)
    client = login(other_team_caseworker)
    for url in (
        reverse("transitions:checkin_answer", kwargs={"case_id": course.pk, "pk": checkin.pk}),
        reverse("transitions:checkin_schedule", kwargs={"case_id": course.pk}),
    ):
        assert client.get(url).status_code == 404


# --- API ----------------------------------------------------------------------------------------


def api(user) -> APIClient:
    client = APIClient()
    client.force_login(user)
    return client


def test_the_api_reads_and_changes_the_course_s_schedule_with_the_same_rules(course, caseworker):
    url = f"/api/v1/cases/{course.pk}/checkin-schedule/"
    client = api(caseworker)
    read = client.get(url)
    assert read.status_code == 200
    assert read.json() == {
        "case": course.pk,
        "weeks": WEEKS,
        "counted_from": TODAY.isoformat(),
        "counted_from_discharge": False,
    }
    no_reason = client.post(url, {"weeks": [2, 4]}, format="json")
    assert no_reason.status_code == 400
    assert "reason" in no_reason.json()
    emptied = client.post(url, {"weeks": [], "reason": "Stop"}, format="json")
    assert emptied.status_code == 400
    assert "weeks" in emptied.json()
    changed = client.post(url, {"weeks": [2, 4], "reason": "Borgeren flytter"}, format="json")
    assert changed.status_code == 200
    assert changed.json()["weeks"] == [2, 4]
    assert CheckInSchedule.objects.get(case=course).weeks == [2, 4]


def test_the_api_lists_and_answers_an_outpatient_only_course_s_check_ins(course, caseworker):
    client = api(caseworker)
    listed = client.get(f"/api/v1/checkins/?case={course.pk}")
    assert listed.status_code == 200
    rows = listed.json()["results"]
    assert [(r["case"], r["transition"]) for r in rows] == [(course.pk, None)] * 5
    answered = client.post(
        f"/api/v1/checkins/{rows[0]['id']}/answer/",
        {"answer": "Netværket", "themes": ["network"]},
        format="json",
    )
    assert answered.status_code == 200
    assert answered.json()["answer"] == "Netværket"


def test_the_api_hides_the_schedule_from_another_team(course, other_team_caseworker):
    response = api(other_team_caseworker).get(f"/api/v1/cases/{course.pk}/checkin-schedule/")
    assert response.status_code == 404
