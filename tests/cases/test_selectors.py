"""Case lists, the guarantee status in SQL, "my cases", deadlines, the timeline and citizens."""

from __future__ import annotations

import itertools
from collections import Counter
from datetime import timedelta

import pytest
from django.http import Http404
from django.utils import timezone

from accounts.roles import Role
from cases.access import case_access_sync
from cases.guarantee import GuaranteeStatus
from cases.models import Case, Citizen, TreatmentRequest
from cases.selectors import (
    annotate_guarantee_status,
    case_list_for,
    case_timeline,
    citizen_cases,
    citizen_find_by_cpr,
    citizen_get_for_user,
    guarantee_status_expression,
    my_cases,
    upcoming_deadlines,
)
from cases.services import case_move, citizen_create
from cases.services.requests import refresh_urgency
from notifications.models import Rule
from notifications.rules import RuleContext, guarantee_rule
from notifications.thresholds import DEFAULT_THRESHOLDS, countdown_threshold, within_catch_up
from reports.selectors.guarantee import guarantee_report
from reports.selectors.periods import Period
from tests import factories
from tests.cases.service_helpers import open_case, record_decision
from tests.clock import NOW, TODAY
from transitions.models import CheckIn, StatusMeeting, StatusNote, Transition
from treatment_options.services import episode_refer, episode_start

pytestmark = pytest.mark.usefixtures("clock")


def numbers(qs):
    return [case.number for case in qs]


# --- the guarantee status in SQL agrees with cases.guarantee.evaluate -------------------------


def test_sql_guarantee_status_agrees_with_evaluate_on_a_grid(team_nord, caseworker):
    """The one SQL expression (cases.selectors.guarantee_status_expression) gives the status
    evaluate() gives per request, for the case lists (the case's most urgent clock), for the
    manager report's counts and breaches, and for the guarantee reminders, on a grid of
    requests and three days."""
    free_choices = ["none", "undated", "in_time", "late"]
    grid = [
        row
        for row in itertools.product(
            ["SEL101", "SEL101A", "SUL141", "SUL142", "BL33"],  # legal basis
            [False, True],  # regional dual diagnosis
            free_choices,
            [0, -5, -14, -15, -30],  # request, days from today
            [None, 0, 14, 15, 40],  # start, days from request (40 may lie after "today")
        )
        if not (row[0] == "BL33" and row[2] != "none")  # no free choice under BL § 33
    ]
    citizens = Citizen.objects.bulk_create(
        [Citizen(first_name="Grid", last_name=str(i)) for i in range(len(grid))]
    )
    cases = Case.objects.bulk_create(
        [
            Case(
                number=f"2026-{i + 1:05d}",
                citizen=citizens[i],
                team=team_nord,
                caseworker=caseworker,
                legal_basis=basis,
                inquiry_date=TODAY + timedelta(days=inquiry_days),
            )
            for i, (basis, _r, _f, inquiry_days, _s) in enumerate(grid)
        ]
    )
    requests = []
    for case, (basis, regional, free, inquiry_days, start_days) in zip(cases, grid, strict=True):
        requested = TODAY + timedelta(days=inquiry_days)
        deadline = requested + timedelta(days=14)
        chosen = {
            "none": None,
            "undated": None,
            "in_time": deadline,
            "late": deadline + timedelta(1),
        }
        free_on = chosen[free]
        if free_on is not None and free_on > TODAY:
            free_on = TODAY if requested <= TODAY else None
        requests.append(
            TreatmentRequest(
                case=case,
                legal_basis=basis,
                requested_on=requested,
                regional_dual_diagnosis=regional,
                free_choice=free != "none",
                free_choice_on=free_on,
                guarantee_deadline=None if basis == "SEL101A" or regional else deadline,
                treatment_started_on=None
                if start_days is None
                else requested + timedelta(start_days),
            )
        )
    TreatmentRequest.objects.bulk_create(requests)
    for case in cases:
        refresh_urgency(case, today=TODAY)
    assert len(requests) > 700

    for today in (TODAY, TODAY - timedelta(days=20), TODAY + timedelta(days=30)):
        by_request = TreatmentRequest.objects.annotate(status=guarantee_status_expression(today))
        mismatches = [
            (r.case_id, r.status, r.guarantee(today=today).status)
            for r in by_request
            if r.status != r.guarantee(today=today).status
        ]
        assert mismatches == []
        annotated = annotate_guarantee_status(Case.objects.all(), today)
        case_mismatches = [
            (case.number, case.guarantee_status, case.guarantee(today=today).status)
            for case in annotated
            if case.guarantee_status != case.guarantee(today=today).status
        ]
        assert case_mismatches == []
        _assert_report_follows_evaluate(team_nord, today)
        _assert_reminders_follow_evaluate(today)
    statuses = {
        r.status
        for r in TreatmentRequest.objects.annotate(status=guarantee_status_expression(TODAY))
    }
    assert statuses == {"running", "met", "breached", "waived", "not_covered"}


def _assert_report_follows_evaluate(unit, today):
    """The manager report for the period from the first inquiry to `today` counts each status
    as evaluate() gives it as of the period's end, and lists exactly the breached cases."""
    period = Period(TODAY - timedelta(days=30), today)
    report = guarantee_report(unit=unit, period=period, today=today, breach_limit=None)
    cohort = [
        r
        for r in TreatmentRequest.objects.select_related("case")
        if period.start <= r.requested_on <= period.end
    ]
    expected = Counter(str(r.guarantee(today=period.as_of(today)).status) for r in cohort)
    counted = {status.value: getattr(report.total, status.value) for status in GuaranteeStatus}
    assert counted == {status.value: expected[status.value] for status in GuaranteeStatus}
    assert {b.number for b in report.breaches} == {
        r.case.number
        for r in cohort
        if r.guarantee(today=period.as_of(today)).status == GuaranteeStatus.BREACHED
    }


def _assert_reminders_follow_evaluate(today):
    """The guarantee reminders of a sweep on `today` go to exactly the open cases evaluate()
    calls running (within a threshold) or breached (within the catch-up), whose treatment has
    not been registered."""
    thresholds = DEFAULT_THRESHOLDS
    found = {
        (p.subject_id, p.rule)
        for p in guarantee_rule(RuleContext(today=today, thresholds=thresholds))
    }
    expected = set()
    for request in TreatmentRequest.objects.all():
        status = request.guarantee(today=today).status
        if request.treatment_started_on is not None or status not in {"running", "breached"}:
            continue
        deadline = request.guarantee_deadline
        assert deadline is not None
        days_left = (deadline - today).days
        if days_left < 0 and within_catch_up(deadline + timedelta(days=1), today, thresholds):
            expected.add((request.pk, Rule.GUARANTEE_BREACHED.value))
        elif days_left >= 0 and countdown_threshold(days_left, thresholds.guarantee_days_before):
            expected.add((request.pk, Rule.GUARANTEE_DUE.value))
    assert found == expected


# --- the case list ----------------------------------------------------------------------------


@pytest.fixture
def cases(caseworker, other_team_caseworker):
    mette = open_case(
        caseworker,
        citizen=factories.CitizenFactory(first_name="Mette", last_name="Hansen", cpr="120385-1234"),
        inquiry_date=TODAY - timedelta(days=20),  # breached
    )
    lars = open_case(
        caseworker,
        citizen=factories.CitizenFactory(
            first_name="Lars", last_name="Nielsen", cpr=None, birth_date=None
        ),
        inquiry_date=TODAY - timedelta(days=10),  # running, 4 days left
        legal_basis="SUL141",
    )
    anonymous = citizen_create(actor=caseworker, is_anonymous=True, alias="Klient Ørn")
    anon = open_case(caseworker, citizen=anonymous, legal_basis="SEL101A")  # not covered
    closed = open_case(
        caseworker,
        citizen=factories.CitizenFactory(first_name="Sofie", last_name="Hansen"),
        inquiry_date=TODAY - timedelta(days=2),  # running, 12 days left
    )
    closed = case_move(actor=caseworker, case=closed, action="close")
    other = open_case(
        other_team_caseworker,
        citizen=factories.CitizenFactory(first_name="Mette", last_name="Jensen"),
    )
    return {"mette": mette, "lars": lars, "anon": anon, "closed": closed, "other": other}


@pytest.mark.parametrize(
    ("search", "expected"),
    [
        ("mette", ["mette"]),
        ("Mette Hansen", ["mette"]),
        ("hansen", ["mette", "closed"]),
        ("120385-1234", ["mette"]),
        ("1203851234", ["mette"]),
        ("120385-9999", []),
        # Same case as stored: SQLite folds only ASCII letters (PostgreSQL folds æ, ø, å too).
        ("Ørn", ["anon"]),
        ("Jensen", []),  # another team's case: not visible
    ],
)
def test_search_by_name_alias_and_cpr(caseworker, cases, search, expected):
    found = case_list_for(caseworker, search=search, today=TODAY)

    assert set(numbers(found)) == {cases[key].number for key in expected}


def test_search_by_case_number(caseworker, cases):
    found = case_list_for(caseworker, search=cases["lars"].number, today=TODAY)

    assert numbers(found) == [cases["lars"].number]


@pytest.mark.parametrize(
    ("filters", "expected"),
    [
        ({"guarantee_status": "breached"}, ["mette"]),
        ({"guarantee_status": "running", "status": "open"}, ["lars"]),
        ({"guarantee_status": "not_covered"}, ["anon"]),
        ({"status": "closed"}, ["closed"]),
        ({"status": "open"}, ["mette", "lars", "anon"]),
        ({"legal_basis": "SUL141"}, ["lars"]),
    ],
)
def test_filters(caseworker, cases, filters, expected):
    found = case_list_for(caseworker, today=TODAY, **filters)

    assert set(numbers(found)) == {cases[key].number for key in expected}


def test_filter_by_team_and_caseworker(caseworker, manager, cases, team_nord, team_syd):
    assert case_list_for(manager, team_id=team_syd.pk, today=TODAY).count() == 0
    assert case_list_for(manager, team_id=team_nord.pk, today=TODAY).count() == 4
    assert case_list_for(manager, caseworker_id=caseworker.pk, today=TODAY).count() == 4


def test_urgency_order_puts_breached_first_then_running_by_deadline_closed_last(caseworker, cases):
    found = case_list_for(caseworker, order="urgency", today=TODAY)

    assert numbers(found) == [cases[k].number for k in ("mette", "lars", "anon", "closed")]


def test_list_query_count_does_not_grow_with_rows(caseworker, cases, django_assert_max_num_queries):
    for _ in range(8):
        open_case(caseworker)
    caseworker = type(caseworker).objects.get(pk=caseworker.pk)  # no cached permissions

    with django_assert_max_num_queries(5):
        rows = []
        for c in case_list_for(caseworker, today=TODAY):
            assert c.caseworker is not None
            rows.append(
                (c.citizen.display_name, c.team.name, c.caseworker.username, c.guarantee_status)
            )
    assert len(rows) == 12


def test_outsiders_list_nothing(admin_user, residential_therapist, cases):
    assert case_list_for(admin_user, today=TODAY).count() == 0
    assert case_list_for(residential_therapist, today=TODAY).count() == 0


# --- my cases, deadlines ----------------------------------------------------------------------


def test_my_cases_are_the_caseworkers_own_open_cases_most_urgent_first(
    caseworker, team_nord, cases
):
    colleague = factories.UserFactory(username="colleague", unit=team_nord, role=Role.CASEWORKER)
    open_case(colleague)  # the team's, not mine

    assert numbers(my_cases(caseworker, today=TODAY)) == [
        cases["mette"].number,
        cases["lars"].number,
        cases["anon"].number,
    ]


def test_a_caseworkers_cases_are_the_assigned_ones_even_where_the_team_runs_an_offer(
    caseworker, team_nord, cases
):
    """Only therapists have cases through an institution's episodes or a handover; a team
    that runs an offer of its own does not make its members' start pages the whole team's
    courses (and the query needs no look at episodes and handovers for a caseworker)."""
    colleague = factories.UserFactory(username="colleague", unit=team_nord, role=Role.CASEWORKER)
    theirs = open_case(colleague)
    record_decision(theirs, colleague)
    own_offer = factories.OfferFactory(
        provider=factories.ProviderFactory(name="Teamets eget tilbud", unit=team_nord),
        name="Ambulant behandling i teamet",
        treatment_type="outpatient",
    )
    episode_refer(actor=colleague, case=theirs, offer=own_offer, referral_date=TODAY)

    mine = my_cases(caseworker, today=TODAY)
    assert theirs.number not in numbers(mine)
    assert numbers(mine) == [cases["mette"].number, cases["lars"].number, cases["anon"].number]
    sql = str(mine.query)
    assert "treatment_options_episode" not in sql and "transitions_transition" not in sql


def test_my_cases_for_therapists_follow_episodes_and_handovers(
    caseworker, residential_therapist, outpatient_therapist, residential_offer, cases
):
    case = cases["mette"]
    record_decision(case, caseworker)
    episode = episode_refer(
        actor=caseworker, case=case, offer=residential_offer, referral_date=TODAY
    )
    assert numbers(my_cases(residential_therapist, today=TODAY)) == [case.number]
    assert numbers(my_cases(outpatient_therapist, today=TODAY)) == []

    episode_start(actor=residential_therapist, episode=episode, actual_start=TODAY)
    Transition.objects.filter(case=case).update(outpatient_therapist=outpatient_therapist)

    case_access_sync(case)

    assert numbers(my_cases(outpatient_therapist, today=TODAY)) == [case.number]


def test_upcoming_deadlines_are_running_guarantees_due_soon(caseworker, cases):
    assert numbers(upcoming_deadlines(caseworker, today=TODAY, days=7)) == [cases["lars"].number]
    assert numbers(upcoming_deadlines(caseworker, today=TODAY)) == [cases["lars"].number]


# --- the timeline -----------------------------------------------------------------------------


def test_timeline_merges_events_episodes_and_the_handover_in_time_order(
    clock, caseworker, residential_therapist, residential_offer
):
    case = open_case(caseworker, inquiry_date=TODAY - timedelta(days=3))
    case.requests.update(decision_on=case.inquiry_date, decision_text="Bevilget.")
    clock.shift(timedelta(hours=1))
    episode = episode_refer(
        actor=caseworker, case=case, offer=residential_offer, referral_date=TODAY
    )
    clock.shift(timedelta(hours=1))
    episode_start(actor=residential_therapist, episode=episode, actual_start=TODAY)
    transition = Transition.objects.get(case=case)
    StatusNote.objects.create(
        transition=transition,
        kind="start",
        body="Godt i gang.",
        author=residential_therapist,
        written_at=NOW + timedelta(hours=3),
    )
    StatusMeeting.objects.create(
        transition=transition,
        starts_at=NOW + timedelta(days=1),
        agenda="Plan for udskrivning",
        created_by=residential_therapist,
    )
    CheckIn.objects.create(
        case=case,
        transition=transition,
        label="Afsluttende samtale",
        due_on=TODAY,
        answered_at=NOW + timedelta(hours=4),
        answer="Boligen",
        recorded_by=residential_therapist,
    )
    # Not answered:
    CheckIn.objects.create(case=case, transition=transition, label="Uge 2", due_on=TODAY)

    items = case_timeline(case)

    kinds = [item.kind for item in items]
    assert kinds[:3] == ["created", "referred", "episode_started"]
    assert kinds.count("episode_started") == 1  # the episode and its event are one entry
    assert kinds[-3:] == ["status_note", "checkin", "status_meeting"]
    assert [item.when for item in items] == sorted(item.when for item in items)
    start = items[2]
    assert start.actor == residential_therapist
    assert "Behandlingsgaranti" in start.description


def test_timeline_queries_are_bounded(
    caseworker, residential_therapist, residential_offer, django_assert_max_num_queries
):
    case = open_case(caseworker, inquiry_date=TODAY - timedelta(days=3))
    record_decision(case, caseworker)
    episode = episode_refer(
        actor=caseworker, case=case, offer=residential_offer, referral_date=TODAY
    )
    episode_start(actor=residential_therapist, episode=episode, actual_start=TODAY)
    transition = Transition.objects.get(case=case)
    for i in range(5):
        StatusNote.objects.create(
            transition=transition,
            kind="midway",
            body=f"Note {i}",
            author=residential_therapist,
            written_at=timezone.now(),
        )

    # Events, episodes, contacts, notes, meetings, check-ins: one query each.
    with django_assert_max_num_queries(6):
        items = case_timeline(case)
    assert len([i for i in items if i.kind == "status_note"]) == 5


# --- citizens ---------------------------------------------------------------------------------


def test_citizen_is_visible_through_a_visible_case(caseworker, other_team_caseworker, cases):
    citizen = cases["mette"].citizen

    assert citizen_get_for_user(caseworker, citizen.pk) == citizen
    with pytest.raises(Http404):
        citizen_get_for_user(other_team_caseworker, citizen.pk)
    with pytest.raises(Http404):
        citizen_get_for_user(caseworker, "abc")


def test_citizen_cases_lists_only_the_visible_ones(caseworker, other_team_caseworker, team_syd):
    first = open_case(caseworker, inquiry_date=TODAY - timedelta(days=100))
    case_move(actor=caseworker, case=first, action="close")
    # The other team finds the citizen by the CPR number (their first case stays hidden).
    second = open_case(
        other_team_caseworker,
        citizen=first.citizen,
        inquiry_date=TODAY - timedelta(days=1),
        found_by_cpr=[first.citizen_id],
    )

    assert list(citizen_cases(first.citizen, caseworker)) == [first]
    assert list(citizen_cases(first.citizen, other_team_caseworker)) == [second]


def test_find_by_cpr_is_for_caseworkers_with_the_exact_number(
    caseworker, residential_therapist, cases
):
    mette = cases["mette"].citizen

    assert citizen_find_by_cpr(caseworker, "1203851234") == mette
    assert citizen_find_by_cpr(caseworker, "120385") is None
    assert citizen_find_by_cpr(residential_therapist, "120385-1234") is None
