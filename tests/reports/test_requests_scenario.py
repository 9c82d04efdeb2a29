"""Acceptance 2 and 4 of issue 12, through the services and the manager report: a relapse in
aftercare opens a second request counted on its own; combination treatment shows two clocks;
a late free choice leaves the breach in the report; and Danmarks Statistik's 10-day rule.

The expected figures are computed here by hand from the dates (not with cases.guarantee), so
the report is checked against an independent reading of the rules (DESIGN §3.1).
"""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.urls import reverse
from django.utils.formats import date_format

from cases.models import Case, TreatmentRequest
from cases.services import case_move
from cases.services.requests import request_open
from reports import documents, selectors
from reports.selectors import Period
from tests import factories
from tests.cases.service_helpers import open_case, record_decision
from tests.clock import REPORT_DAY
from treatment_options.services import episode_end, episode_refer, episode_start

GUARANTEE_DAYS = 14
PERIOD = Period(REPORT_DAY - timedelta(days=150), REPORT_DAY)


def reload(obj):
    return type(obj).objects.get(pk=obj.pk)


def days(n: int) -> date:
    return REPORT_DAY - timedelta(days=n)


def hand_status(requested: date, started: date | None, free_choice_on: date | None) -> str:
    """The guarantee rules read by hand: met if started by the deadline; waived by a free
    choice by the deadline; else breached once started late or the deadline passed."""
    deadline = requested + timedelta(days=GUARANTEE_DAYS)
    if started is not None and started <= deadline:
        return "met"
    if free_choice_on is not None and free_choice_on <= deadline:
        return "waived"
    if started is not None or deadline < REPORT_DAY:
        return "breached"
    return "running"


@pytest.fixture
def world(caseworker, outpatient_offer, residential_offer, outpatient_therapist):
    """Three courses in Team Nord: a relapse in aftercare, a combination treatment and a late
    free choice."""
    # A: first request met, then a relapse in aftercare whose new request starts 6 days late.
    relapse = open_case(caseworker, inquiry_date=days(120))
    case_move(actor=caseworker, case=relapse, action="start_assessment")
    record_decision(relapse, caseworker, on=days(118))
    case_move(actor=caseworker, case=reload(relapse), action="refer")
    first = episode_refer(
        actor=caseworker, case=reload(relapse), offer=outpatient_offer, referral_date=days(117)
    )
    episode_start(actor=caseworker, episode=first, actual_start=days(110))
    case_move(actor=caseworker, case=reload(relapse), action="start_aftercare")
    renewed = request_open(
        actor=caseworker,
        case=reload(relapse),
        kind=TreatmentRequest.Kind.RENEWED,
        legal_basis="SEL101",
        requested_on=days(40),
    )
    record_decision(reload(relapse), caseworker, on=days(39))
    episode_end(actor=caseworker, episode=first, actual_end=days(39), end_reason="completed")
    second = episode_refer(
        actor=caseworker,
        case=reload(relapse),
        offer=residential_offer,
        referral_date=days(38),
        request=renewed,
    )
    episode_start(actor=caseworker, episode=second, actual_start=days(20))

    # B: combination treatment, two running clocks.
    combination = open_case(caseworker, inquiry_date=days(10))
    request_open(
        actor=caseworker,
        case=combination,
        kind=TreatmentRequest.Kind.COMBINATION,
        legal_basis="SUL142",
        requested_on=days(5),
    )

    # C: visited to outpatient treatment, a free choice after the deadline.
    late = open_case(caseworker, inquiry_date=days(30))
    episode_refer(actor=caseworker, case=late, offer=outpatient_offer, referral_date=days(29))
    other = factories.OfferFactory(treatment_type=outpatient_offer.treatment_type)
    episode_refer(
        actor=caseworker, case=reload(late), offer=other, referral_date=days(5), free_choice=True
    )
    return {"relapse": relapse, "combination": combination, "late": late}


def expected_requests():
    """(case key, requested, started, free choice) of every request in the world."""
    return [
        ("relapse", days(120), days(110), None),
        ("relapse", days(40), days(20), None),
        ("combination", days(10), None, None),
        ("combination", days(5), None, None),
        ("late", days(30), None, days(5)),
    ]


def test_each_request_is_counted_on_its_own_and_a_late_free_choice_stays_a_breach(world, team_nord):
    report = selectors.guarantee_report(
        unit=team_nord, period=PERIOD, today=REPORT_DAY, breach_limit=None
    )

    expected = [hand_status(r, s, f) for _k, r, s, f in expected_requests()]
    assert expected == ["met", "breached", "running", "running", "breached"]
    total = report.total
    assert (total.met, total.breached, total.running, total.waived, total.not_covered) == (
        expected.count("met"),
        expected.count("breached"),
        expected.count("running"),
        0,
        0,
    )
    breaches = {(b.number, b.inquiry_date): b for b in report.breaches}
    relapse, late = world["relapse"], world["late"]
    assert set(breaches) == {(relapse.number, days(40)), (late.number, days(30))}
    # The relapse's request: started on day -20, deadline day -26: six days over.
    assert breaches[(relapse.number, days(40))].days_over == 6
    assert breaches[(relapse.number, days(40))].started_on == days(20)
    # The late free choice (day -5) came after the deadline (day -16): still a breach.
    assert breaches[(late.number, days(30))].days_over == 16
    assert breaches[(late.number, days(30))].started_on is None


def test_the_late_free_choice_is_recorded_but_does_not_waive(world):
    request = world["late"].requests.get()

    assert request.free_choice and request.free_choice_on == days(5)
    result = request.guarantee(today=REPORT_DAY)
    assert result.status == "breached"
    assert "ændrer ikke overskridelsen" in result.reason


def test_combination_treatment_shows_two_clocks_on_the_case_page_and_in_the_api(
    world, client, caseworker
):
    case = world["combination"]
    client.force_login(caseworker)

    html = client.get(reverse("cases:detail", kwargs={"case_id": case.pk})).content.decode()
    api = client.get(reverse("api:case-detail", kwargs={"pk": case.pk})).json()

    for requested in (days(10), days(5)):
        assert f"14 dage fra henvendelse {date_format(requested, 'DATE_FORMAT')}" in html
    clocks = sorted((r["legal_basis"], r["guarantee"]["status"]) for r in api["requests"])
    assert clocks == [("SEL101", "running"), ("SUL142", "running")]
    # The case's own guarantee is the most urgent open clock: the earlier deadline.
    assert api["guarantee"]["deadline"] == (days(10) + timedelta(days=14)).isoformat()


def test_the_relapse_has_a_second_clock_with_its_own_outcome(world):
    requests = list(world["relapse"].requests.order_by("requested_on"))

    assert [r.kind for r in requests] == ["first", "renewed"]
    assert [str(r.guarantee(today=REPORT_DAY).status) for r in requests] == ["met", "breached"]


def test_report_says_how_the_guarantee_and_the_courses_are_counted(world, team_nord, manager):
    report = selectors.manager_report(unit=team_nord, period=PERIOD, today=REPORT_DAY)
    rows = list(documents._manager_csv_rows(report, manager))

    labels = [row[0] for row in rows if row]
    assert "Kontaktforløb (Danmarks Statistiks metode)" in labels
    assert "Behandlingsgaranti pr. måned (anmodninger efter anmodningsmåned)" in labels


# --- Danmarks Statistik: a new request ≤ 10 days after the previous course ended -----------


@pytest.mark.parametrize(("gap", "same"), [(0, 1), (10, 1), (11, 0)])
def test_a_new_case_within_10_days_of_the_last_course_is_the_same_kontaktforloeb(
    caseworker, team_nord, gap, same
):
    citizen = factories.CitizenFactory()
    ended = days(60)
    factories.CaseFactory(
        citizen=citizen,
        team=team_nord,
        inquiry_date=days(140),
        status="closed",
        closed_on=days(50),
        course_ended_on=ended,
    )
    factories.CaseFactory(citizen=citizen, team=team_nord, inquiry_date=ended + timedelta(gap))
    factories.CaseFactory(team=team_nord, inquiry_date=days(30))  # somebody else's first course

    courses = selectors.guarantee_report(unit=team_nord, period=PERIOD, today=REPORT_DAY).courses

    assert courses.cases == 3
    assert courses.same_course == same
    assert courses.ds_courses == 3 - same


def test_the_10_day_rule_is_statistics_only(caseworker, team_nord):
    citizen = factories.CitizenFactory()
    factories.CaseFactory(
        citizen=citizen,
        team=team_nord,
        inquiry_date=days(100),
        status="closed",
        closed_on=days(40),
        course_ended_on=days(40),
    )
    again = factories.CaseFactory(citizen=citizen, team=team_nord, inquiry_date=days(35))

    report = selectors.guarantee_report(unit=team_nord, period=PERIOD, today=REPORT_DAY)

    assert report.courses.same_course == 1
    # The new case keeps its own request and clock: both requests are counted.
    assert report.total.total == 2
    assert Case.objects.get(pk=again.pk).requests.count() == 1
