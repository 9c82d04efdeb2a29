"""The stored urgency of a case (issue 17, DESIGN §9; cases.models.urgency): the class the
database computes from the row and the deadline of the most urgent open clock equal what the
pure cases.guarantee.evaluate() says of the case's requests, for every kind of clock state, after
each service that changes a clock and after days pass; the lists order by them."""

from __future__ import annotations

import importlib
import itertools
from datetime import date, timedelta

import pytest
from django.apps import apps

from cases import guarantee
from cases.models import Case, CaseStatus, TreatmentRequest, Urgency
from cases.selectors import annotate_guarantee_status, case_list_for
from cases.services import case_move, case_update
from cases.services.requests import refresh_urgency, request_open
from tests import factories
from tests.cases.service_helpers import open_case, record_decision
from tests.clock import NOW, TODAY
from treatment_options.services import episode_refer, episode_start

pytestmark = pytest.mark.usefixtures("clock")

RANK = {"breached": 0, "running": 1, "none": 2, "closed": 3}


def pure(case: Case, today: date) -> tuple[int, date | None, str]:
    """(class, deadline, rank name) of a case from evaluate() over its requests."""
    clocks = []
    for request in TreatmentRequest.objects.filter(case=case):
        result = request.guarantee(today=today)
        if guarantee.is_open(result, started=request.treatment_started_on is not None):
            clocks.append(result)
    deadline = min((r.deadline for r in clocks if r.deadline), default=None)
    if case.status == CaseStatus.CLOSED:
        return Urgency.CLOSED, deadline if clocks else None, "closed"
    if not clocks:
        return Urgency.NO_CLOCK, None, "none"
    assert deadline is not None
    return Urgency.OPEN_CLOCK, deadline, "breached" if deadline < today else "running"


def assert_stored_equals_pure(cases: list[Case], today: date) -> None:
    rows = {
        row.pk: row
        for row in annotate_guarantee_status(
            Case.objects.filter(pk__in=[c.pk for c in cases]), today
        )
    }
    for case in cases:
        row = rows[case.pk]
        urgency, deadline, rank = pure(row, today)
        assert row.urgency == urgency, case
        if urgency != Urgency.CLOSED:
            assert row.guarantee_deadline == deadline, case
        assert row.guarantee_rank == RANK[rank], case
        if rank in ("breached", "running"):
            # The status the lists show is the pure one of the most urgent open clock.
            assert row.guarantee_status == rank, case


# The grid: every legal basis, inquiry dates around the deadline (running, due today, due
# yesterday, long breached), no start / a start in time / a late start, no free choice / a free
# choice, open and closed; then a second request on some of them (combination treatment).
BASES = ["SEL101", "SUL141", "SUL142", "SEL101A", "BL33"]
INQUIRY_DAYS_AGO = [0, 3, 14, 15, 40]
STARTS = ["none", "in_time", "late"]
CHOICES = [False, True]


@pytest.fixture
def grid(caseworker, team_nord):
    cases = []
    for basis, ago, start, choice in itertools.product(BASES, INQUIRY_DAYS_AGO, STARTS, CHOICES):
        inquiry = TODAY - timedelta(days=ago)
        started = {
            "none": None,
            "in_time": inquiry + timedelta(days=min(ago, 14)),
            "late": inquiry + timedelta(days=15) if ago >= 15 else None,
        }[start]
        cases.append(
            factories.CaseFactory(
                team=team_nord,
                caseworker=caseworker,
                legal_basis=basis,
                inquiry_date=inquiry,
                treatment_started_on=started,
                free_choice=choice and basis != "BL33",
                regional_dual_diagnosis=basis == "SUL141" and ago == 40,
                status="in_treatment" if started else "assessment",
                citizen=factories.CitizenFactory(cpr=None),
            )
        )
    # Closed cases, one with a clock still open when it closed; combination treatment (a
    # running second request next to a breached first, and one next to a met first).
    for ago, started in ((3, None), (20, None), (20, TODAY - timedelta(days=10))):
        case = factories.CaseFactory(
            team=team_nord,
            caseworker=caseworker,
            inquiry_date=TODAY - timedelta(days=ago),
            treatment_started_on=started,
            citizen=factories.CitizenFactory(cpr=None),
        )
        Case.objects.filter(pk=case.pk).update(status=CaseStatus.CLOSED)
        cases.append(case)
    for first_ago, first_start in ((20, None), (30, TODAY - timedelta(days=20))):
        case = factories.CaseFactory(
            team=team_nord,
            caseworker=caseworker,
            legal_basis="SEL101",
            inquiry_date=TODAY - timedelta(days=first_ago),
            treatment_started_on=first_start,
            status="in_treatment",
            citizen=factories.CitizenFactory(cpr=None),
        )
        factories.TreatmentRequestFactory(
            case=case,
            kind=TreatmentRequest.Kind.COMBINATION,
            legal_basis="SUL142",
            requested_on=TODAY - timedelta(days=2),
        )
        cases.append(case)
    return cases


def test_stored_urgency_equals_the_pure_evaluation_for_every_clock_state(grid):
    assert_stored_equals_pure(grid, TODAY)
    states = {pure(c, TODAY)[2] for c in Case.objects.filter(pk__in=[c.pk for c in grid])}
    assert states == set(RANK)  # the grid has every kind


def test_stored_urgency_stays_right_as_days_pass_without_any_write(grid, clock):
    """Running becomes breached by the date alone: the query compares the stored deadline
    with today, so nothing goes stale between the sweeps."""
    before = list(Case.objects.values_list("pk", "urgency", "guarantee_deadline", "updated_at"))
    for days in (1, 5, 15):
        clock.move_to(NOW + timedelta(days=days), tick=False)
        assert_stored_equals_pure(grid, TODAY + timedelta(days=days))
    assert list(Case.objects.values_list("pk", "urgency", "guarantee_deadline", "updated_at")) == (
        before
    )


def test_the_urgency_order_is_the_ranked_order_by_stored_columns(grid, caseworker):
    listed = list(case_list_for(caseworker, today=TODAY, order="urgency"))
    # The order the lists had before issue 17: the rank computed per row, then the deadline.
    ranked = list(
        annotate_guarantee_status(Case.objects.filter(pk__in=[c.pk for c in grid]), TODAY)
    )
    ranked.sort(
        key=lambda c: (
            c.guarantee_rank,
            c.guarantee_deadline or date.max,
            -c.inquiry_date.toordinal(),
            -c.pk,
        )
    )
    assert [c.pk for c in listed] == [c.pk for c in ranked]
    ranks = [c.guarantee_rank for c in listed]
    assert ranks == sorted(ranks)
    assert ranks[0] == 0 and ranks[-1] == 3


def test_refresh_urgency_writes_nothing_when_nothing_changed(caseworker, team_nord):
    case = factories.CaseFactory(team=team_nord, caseworker=caseworker)
    case = Case.objects.get(pk=case.pk)
    stamp = case.updated_at
    refresh_urgency(case, today=TODAY)
    assert Case.objects.get(pk=case.pk).updated_at == stamp


# --- after each service that changes a clock ------------------------------------------------


def reload(case: Case) -> Case:
    return Case.objects.get(pk=case.pk)


def check(case: Case, urgency: int, deadline: date | None) -> None:
    case = reload(case)
    assert (case.urgency, case.guarantee_deadline) == (urgency, deadline)
    assert_stored_equals_pure([case], TODAY)


def test_each_service_keeps_the_stored_urgency(caseworker, outpatient_offer, outpatient_therapist):
    # The inquiry: a running clock.
    case = open_case(caseworker, inquiry_date=TODAY - timedelta(days=3))
    check(case, Urgency.OPEN_CLOCK, TODAY + timedelta(days=11))
    # A correction of the inquiry date moves the clock; now breached.
    case_update(
        actor=caseworker,
        case=case,
        expected_version=reload(case).version,
        inquiry_date=TODAY - timedelta(days=20),
    )
    check(case, Urgency.OPEN_CLOCK, TODAY - timedelta(days=6))
    case_move(actor=caseworker, case=reload(case), action="start_assessment")
    record_decision(case, caseworker, on=TODAY - timedelta(days=19))
    case_move(actor=caseworker, case=reload(case), action="refer")
    check(case, Urgency.OPEN_CLOCK, TODAY - timedelta(days=6))
    # The start stops the (late) clock: no open clock any more.
    episode = episode_refer(
        actor=caseworker, case=reload(case), offer=outpatient_offer, referral_date=TODAY
    )
    episode_start(actor=outpatient_therapist, episode=episode, actual_start=TODAY)
    check(case, Urgency.NO_CLOCK, None)
    # A new request (renewed treatment) opens a clock of its own.
    request = request_open(
        actor=caseworker,
        case=reload(case),
        kind=TreatmentRequest.Kind.RENEWED,
        legal_basis="SEL101",
        requested_on=TODAY - timedelta(days=1),
    )
    check(case, Urgency.OPEN_CLOCK, TODAY + timedelta(days=13))
    # A referral (the visitation) leaves it running; a free choice of another offer of the
    # same type in time waives it (SEL § 101, stk. 5-6).
    episode_refer(
        actor=caseworker,
        case=reload(case),
        offer=factories.OfferFactory(treatment_type="outpatient"),
        referral_date=TODAY,
        request=request,
    )
    check(case, Urgency.OPEN_CLOCK, TODAY + timedelta(days=13))
    episode_refer(
        actor=caseworker,
        case=reload(case),
        offer=factories.OfferFactory(treatment_type="outpatient"),
        referral_date=TODAY,
        free_choice=True,
        request=request,
    )
    check(case, Urgency.NO_CLOCK, None)


def test_closing_a_case_makes_it_closed_at_once(caseworker):
    case = open_case(caseworker, inquiry_date=TODAY - timedelta(days=3))
    Case.objects.filter(pk=case.pk).update(status=CaseStatus.CLOSED)
    # The class follows the status in the database, whatever wrote it.
    assert reload(case).urgency == Urgency.CLOSED
    Case.objects.filter(pk=case.pk).update(status=CaseStatus.ASSESSMENT)
    assert reload(case).urgency == Urgency.OPEN_CLOCK


def test_the_data_migration_fills_what_refresh_urgency_stores(grid):
    """cases/migrations/0014: set-based UPDATEs per batch of primary keys."""
    migration = importlib.import_module("cases.migrations.0014_case_urgency")
    stored = list(
        Case.objects.order_by("pk").values_list("pk", "guarantee_deadline", "clock_request")
    )
    Case.objects.update(guarantee_deadline=TODAY + timedelta(days=99), clock_request=None)
    assert {u for u in Case.objects.values_list("urgency", flat=True)} <= {0, 2}
    migration.fill_open_clocks(apps, None)
    assert list(
        Case.objects.order_by("pk").values_list("pk", "guarantee_deadline", "clock_request")
    ) == (stored)
    assert_stored_equals_pure(grid, TODAY)
