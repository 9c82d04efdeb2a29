"""The register check list (issue 13, DESIGN §6-§7): which of the month's rows cannot be
reported, the page that lists them with links to fix them, and the reminder the managers of
each municipal team get on the 5th and on the third working day before the 15th."""

from __future__ import annotations

from datetime import date

import pytest
from django.urls import reverse

from cases.models import AccessLog, Case
from notifications.models import Notification, Rule
from notifications.rules import run_rules
from notifications.services import notifications_create
from reports.register_checks import Problem, notice_days, row_problems
from reports.register_codes import Register

MONTH_END = date(2026, 10, 31)
COMPLETE = {
    "case__team__municipality_code": "751",
    "actual_start": date(2026, 10, 1),
    "planned_start": date(2026, 10, 1),
    "actual_end": None,
    "end_reason": "",
    "case__course_ended_on": None,
    "case__course_end_reason": "",
    "case__course_end_status": "",
    "row_decision_on": date(2026, 9, 25),
    "case__primary_substance": "opioids",
    "case__route_of_use": "smokes",
    "case__housing_situation": "stable",
    "case__substitution_medicine": "methadone",
}


def problems(register=Register.DRUG_SOCIAL, **changes):
    return row_problems(register, {**COMPLETE, **changes}, month_end=MONTH_END)


def test_a_complete_row_has_no_problems():
    assert problems() == []
    assert problems(Register.DRUG_MEDICAL, row_decision_on=None) == []


@pytest.mark.parametrize(
    ("changes", "expected"),
    [
        ({"case__team__municipality_code": ""}, [Problem.MUNICIPALITY]),
        (
            {"actual_start": None, "actual_end": date(2026, 10, 5), "end_reason": "completed"},
            [Problem.START_DATE],
        ),
        ({"actual_start": None, "planned_start": date(2026, 10, 20)}, [Problem.START_DATE]),
        ({"actual_end": date(2026, 10, 20)}, [Problem.EPISODE_END_REASON]),
        (
            {"case__course_ended_on": date(2026, 10, 20), "case__course_end_status": "reduced"},
            [Problem.COURSE_END_REASON],
        ),
        ({"row_decision_on": None}, [Problem.DECISION_DATE]),
        ({"case__route_of_use": ""}, [Problem.ENROLMENT]),
        (
            {"case__course_ended_on": date(2026, 10, 20), "case__course_end_reason": "completed"},
            [Problem.END_STATUS],
        ),
    ],
)
def test_each_missing_fact_is_a_problem(changes, expected):
    assert problems(**changes) == expected


def test_a_referral_not_yet_due_to_start_is_no_problem():
    assert problems(actual_start=None, planned_start=date(2026, 11, 3)) == []
    assert problems(actual_start=None, planned_start=None) == []


def test_alcohol_rows_need_housing_but_no_route_decision_or_end_status():
    alcohol = {"case__route_of_use": "", "case__substitution_medicine": "", "row_decision_on": None}
    assert problems(Register.ALCOHOL, **alcohol) == []
    assert problems(Register.ALCOHOL, case__housing_situation="") == [Problem.ENROLMENT]
    ended = {"case__course_ended_on": date(2026, 10, 20), "case__course_end_reason": "completed"}
    assert problems(Register.ALCOHOL, **ended) == []


@pytest.mark.parametrize(
    ("year", "month", "second"),
    [
        (2026, 12, date(2026, 12, 10)),  # the 15th is a Tuesday: back over a weekend
        (2027, 3, date(2027, 3, 10)),  # the 15th is a Monday
        (2026, 5, date(2026, 5, 11)),  # Kristi himmelfartsdag (14 May) is no working day
        (2026, 8, date(2026, 8, 12)),  # the 15th is a Saturday: three working days before it
    ],
)
def test_the_two_notice_days(year, month, second):
    assert notice_days(year, month) == (date(year, month, 5), second)


def check_url(unit, month="2026-10"):
    return reverse("reports:register_check", kwargs={"unit_id": unit.pk}) + f"?maaned={month}"


def test_the_page_lists_the_rows_that_cannot_be_reported_with_links_to_fix_them(
    client, manager, team_nord, october
):
    client.force_login(manager)
    response = client.get(check_url(team_nord))

    assert response.status_code == 200
    body = response.content.decode()
    rows = {item["row"].case_number: item["row"].problems for item in response.context["rows"]}
    assert rows == {
        "2026-00103": (Problem.ENROLMENT,),  # anonymous alcohol client: no housing recorded
        "2026-00108": (Problem.END_STATUS,),  # moved away without an end status
        "2026-00110": (Problem.DECISION_DATE,),  # under 18, started without a decision date
    }
    # Each row links to its case, which the team's manager may read, and says where the
    # caseworker puts it right.
    young = Case.objects.get(number="2026-00110")
    assert f'href="{reverse("cases:detail", kwargs={"case_id": young.pk})}"' in body
    assert "Afgørelsesdato mangler.</strong> Rettes under Afgørelse." in body
    assert client.get(reverse("cases:detail", kwargs={"case_id": young.pk})).status_code == 200
    # Case numbers only: no names, no CPR numbers.
    assert "241290" not in body and "Ravn" not in body
    entry = AccessLog.objects.get(object_type="register_check")
    assert (entry.object_type, entry.object_id, entry.purpose) == (
        "register_check",
        "2026-10",
        "register",
    )


def test_the_page_refuses_an_unknown_month(client, manager, team_nord):
    client.force_login(manager)
    response = client.get(check_url(team_nord, "1999-01"))
    assert response.status_code == 400
    assert "Der er fejl i formularen" in response.content.decode()


@pytest.mark.parametrize(
    ("user_fixture", "expected"),
    [("caseworker", 403), ("outpatient_therapist", 403), ("other_unit_manager", 404)],
)
def test_only_the_units_manager_sees_the_check_list(
    client, request, team_nord, user_fixture, expected
):
    client.force_login(request.getfixturevalue(user_fixture))
    assert client.get(check_url(team_nord)).status_code == expected


def sweep(day: date) -> list[Notification]:
    notifications_create(pending=run_rules(today=day), today=day)
    return list(Notification.objects.filter(rule=Rule.REGISTER_CHECK).order_by("pk"))


def test_the_managers_hear_on_the_fifth_and_before_the_deadline_once_each(
    manager, team_nord, october, settings
):
    assert sweep(date(2026, 11, 4)) == []
    (first,) = sweep(date(2026, 11, 5))
    assert first.recipient == manager
    assert first.message == (
        "Registertjekliste for oktober 2026: 3 forløb kan ikke indberettes endnu "
        "(frist 15.11.2026)."
    )
    assert first.url == check_url(team_nord)
    assert first.case_id is None
    # The next sweeps that day, and the days up to the second notice, add nothing.
    assert len(sweep(date(2026, 11, 5))) == 1
    assert len(sweep(date(2026, 11, 9))) == 1
    # Three working days before Sunday 15 November: Wednesday 11 November.
    assert len(sweep(date(2026, 11, 11))) == 2
    assert len(sweep(date(2026, 11, 16))) == 2


def test_a_team_whose_rows_can_all_be_reported_hears_nothing(manager, team_nord, october):
    Case.objects.filter(number="2026-00103").update(housing_situation="unknown")
    Case.objects.filter(number="2026-00108").update(course_end_status="reduced")
    Case.objects.filter(number="2026-00110").update(decision_date=date(2026, 10, 8))
    Case.objects.get(number="2026-00110").requests.update(decision_on=date(2026, 10, 8))
    assert sweep(date(2026, 11, 5)) == []


def test_the_email_names_no_case_or_person(manager, team_nord, october):
    (notification,) = sweep(date(2026, 11, 5))
    assert "2026-00" not in notification.message
    assert "oktober 2026" in notification.message
