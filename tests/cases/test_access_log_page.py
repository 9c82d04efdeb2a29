"""The managers' access log (DESIGN §1 and §10): a manager's unit only, filtered by case, user,
purpose and period, paginated, the unusual marked."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from cases.access_log import access_log_record
from cases.models import AccessLog, TemporaryCaseAccess
from tests import factories
from tests.clock import NOW
from tests.paging import page_link

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("clock")]

URL = "/sager/adgangslog/"


def rows(response):
    return response.context["rows"]


def read(user, case, *, purpose="case_work", chosen=False, break_glass=False, object_type="case"):
    return access_log_record(
        user=user,
        case=case,
        object_type=object_type,
        object_id=case.pk,
        purpose=purpose,
        purpose_chosen=chosen,
        break_glass=break_glass,
    )


@pytest.fixture
def syd_case(team_syd, other_team_caseworker):
    return factories.CaseFactory(team=team_syd, caseworker=other_team_caseworker)


def test_the_url_is_the_named_one():
    assert reverse("cases:access_log") == URL


@pytest.mark.parametrize(
    ("user_fixture", "status"),
    [
        ("manager", 200),
        ("other_unit_manager", 200),
        ("caseworker", 403),
        ("residential_therapist", 403),
        ("outpatient_therapist", 403),
        ("admin_user", 403),
    ],
)
def test_only_managers_see_the_page(request, client, user_fixture, status):
    client.force_login(request.getfixturevalue(user_fixture))
    assert client.get(URL).status_code == status


def test_anonymous_is_sent_to_the_login(client):
    response = client.get(URL)
    assert response.status_code == 302
    assert "/accounts/login/" in response["Location"]


def test_a_manager_sees_the_entries_about_the_units_cases_and_users_only(
    client, manager, case, syd_case, caseworker, other_team_caseworker
):
    ours = read(caseworker, case)
    theirs = read(other_team_caseworker, syd_case)
    ours_elsewhere = read(caseworker, syd_case, break_glass=True, purpose="break_glass")
    glass_on_ours = read(other_team_caseworker, case, break_glass=True, purpose="break_glass")
    client.force_login(manager)
    shown = {row.entry.pk for row in rows(client.get(URL))}
    assert shown == {ours.pk, ours_elsewhere.pk, glass_on_ours.pk}
    assert theirs.pk not in shown


def test_filters_by_case_user_purpose_and_period(client, manager, case, caseworker, time_machine):
    other = factories.CaseFactory(team=case.team, caseworker=caseworker)
    first = read(caseworker, case)
    time_machine.shift(timedelta(days=3))
    second = read(manager, other, purpose="oversight")
    client.force_login(manager)

    def shown(**params):
        response = client.get(URL, params)
        assert response.status_code == 200
        return [row.entry.pk for row in rows(response)]

    assert shown(sag=case.number) == [first.pk]
    assert shown(bruger=manager.pk) == [second.pk]
    assert shown(formaal="oversight") == [second.pk]
    today = timezone.localdate()
    assert shown(fra=str(today), til=str(today)) == [second.pk]
    assert shown(til=str(today - timedelta(days=1))) == [first.pk]
    assert shown() == [second.pk, first.pk]


def test_a_period_ending_before_it_starts_is_a_danish_error(client, manager):
    client.force_login(manager)
    today = timezone.localdate()
    response = client.get(URL, {"fra": str(today), "til": str(today - timedelta(days=2))})
    assert response.status_code == 400
    assert "Slutdatoen ligger før startdatoen." in response.content.decode()


def test_an_unreviewed_break_the_glass_is_marked_and_linked(
    client, manager, case, other_team_caseworker
):
    access = TemporaryCaseAccess.objects.create(
        case=case,
        user=other_team_caseworker,
        kind=TemporaryCaseAccess.Kind.BREAK_GLASS,
        expires_at=timezone.now() + timedelta(hours=4),
        reason="Politiet ringer om borgeren",
        reason_code="police",
    )
    read(other_team_caseworker, case, purpose="break_glass", break_glass=True)
    client.force_login(manager)
    response = client.get(URL)
    assert rows(response)[0].marks == ["glass_unreviewed"]
    html = response.content.decode()
    assert reverse("cases:break_glass_unreviewed") in html
    assert "1 brud på glasset mangler gennemgang." in html

    access.reviewed_at = timezone.now()
    access.reviewed_by = manager
    access.review_comment = "I orden"
    access.save()
    assert rows(client.get(URL))[0].marks == []


def test_a_user_opening_many_cases_outside_their_own_in_a_day_is_marked(
    client, manager, caseworker, team_nord, settings
):
    settings.ACCESS_LOG_UNUSUAL_CASES_PER_DAY = 2
    cases = [factories.CaseFactory(team=team_nord, status="closed") for _ in range(3)]
    for case in cases[:2]:
        read(manager, case, purpose="oversight", chosen=True)
    read(manager, cases[0], purpose="oversight")  # decided by the context: not counted
    client.force_login(manager)
    assert all(not row.marks for row in rows(client.get(URL)))

    read(manager, cases[2], purpose="citizen_request", chosen=True)
    marks = [row.marks for row in rows(client.get(URL))]
    assert marks == [["many_outside"], [], ["many_outside"], ["many_outside"]]


def test_the_count_is_per_day(client, manager, team_nord, settings, time_machine):
    settings.ACCESS_LOG_UNUSUAL_CASES_PER_DAY = 1
    first, second = (factories.CaseFactory(team=team_nord, status="closed") for _ in range(2))
    read(manager, first, purpose="oversight", chosen=True)
    time_machine.shift(timedelta(days=1))
    read(manager, second, purpose="oversight", chosen=True)
    client.force_login(manager)
    assert all(not row.marks for row in rows(client.get(URL)))


def test_a_look_up_after_the_case_closed_is_marked(client, manager, caseworker, team_nord):
    case = factories.CaseFactory(
        team=team_nord,
        caseworker=caseworker,
        status="closed",
        closed_on=NOW.date() - timedelta(days=1),
    )
    read(caseworker, case)
    read(caseworker, case, purpose="list", object_type="case_list")
    client.force_login(manager)
    assert [row.marks for row in rows(client.get(URL))] == [[], ["after_close"]]


def test_the_page_is_paginated(client, manager, case, caseworker):
    for _ in range(55):
        read(caseworker, case)
    client.force_login(manager)
    first = client.get(URL)
    assert len(rows(first)) == 50
    second = client.get(page_link(first.content.decode(), "next"))
    assert len(rows(second)) == 5
    assert page_link(second.content.decode(), "next") is None
    back = client.get(page_link(second.content.decode(), "prev"))
    assert [r.entry.pk for r in rows(back)] == [r.entry.pk for r in rows(first)]


@pytest.mark.parametrize("count", [5, 50])
def test_the_page_costs_the_same_queries_for_few_and_many_entries(
    client, manager, caseworker, team_nord, count, django_assert_max_num_queries
):
    cases = [factories.CaseFactory(team=team_nord, status="closed") for _ in range(5)]
    for i in range(count):
        read(caseworker if i % 2 else manager, cases[i % 5], chosen=bool(i % 3))
    client.force_login(manager)
    client.get(URL)  # warm the session
    # The frame is one query (the user row; issue 17), 16 before it came from the cache.
    with django_assert_max_num_queries(5):
        response = client.get(URL)
    assert len(rows(response)) == min(count, 50)


def test_reading_the_access_log_writes_no_entry(client, manager, case, caseworker):
    read(caseworker, case)
    client.force_login(manager)
    client.get(URL)
    assert AccessLog.objects.count() == 1


def test_any_valid_date_filters_without_error(client, manager):
    client.force_login(manager)
    assert client.get(URL, {"fra": "0001-01-01", "til": "9999-12-31"}).status_code == 200
