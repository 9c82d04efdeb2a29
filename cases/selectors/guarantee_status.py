"""The guarantee status of treatment requests computed in the database: one SQL expression for
the lists, the start page, the API, the manager report and the reminders (DESIGN §3: the
guarantee belongs to the request)."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, TypedDict

from django.db.models import (
    Case as SqlCase,
)
from django.db.models import (
    CharField,
    F,
    IntegerField,
    Q,
    QuerySet,
    Value,
    When,
)

from ..guarantee import GuaranteeStatus
from ..models import Case, LegalBasis, Urgency

if TYPE_CHECKING:
    from django_stubs_ext import WithAnnotations

GS = GuaranteeStatus

# The path from a case to the request whose clock it shows (its most urgent open clock, else
# its latest request), kept by cases.services.requests.refresh_urgency.
CASE_CLOCK = "clock_request__"


def guarantee_started_q(today: date, prefix: str = "") -> Q:
    """Requests whose treatment had started as seen from `today` (the day of a list, a reminder
    sweep, or a report's as-of day): a start after that day has not happened yet, as
    evaluate() says. TreatmentRequest.guarantee() evaluates a request made after `today` as of
    its own date, so a start on the request date counts as started there too. `prefix` is the
    path to the request ("" on TreatmentRequest rows)."""
    started = f"{prefix}treatment_started_on"
    return Q(**{f"{started}__isnull": False}) & (
        Q(**{f"{started}__lte": today}) | Q(**{f"{started}__lte": F(f"{prefix}requested_on")})
    )


def free_choice_in_time_q(today: date, prefix: str = "") -> Q:
    """A free choice that waives the deadline: dated on or before it (and made by `today`), or
    recorded without a date (chosen in time). SEL § 101, stk. 5-6."""
    chosen = f"{prefix}free_choice_on"
    return Q(**{f"{prefix}free_choice": True}) & (
        Q(**{f"{chosen}__isnull": True})
        | (
            Q(**{f"{chosen}__lte": F(f"{prefix}guarantee_deadline")})
            & (Q(**{f"{chosen}__lte": today}) | Q(**{f"{chosen}__lte": F(f"{prefix}requested_on")}))
        )
    )


class GuaranteeAnnotations(TypedDict):
    """What annotate_guarantee_status() adds to each case row."""

    guarantee_status: str
    guarantee_rank: int


# A type only (lazy: WithAnnotations is imported for the type checker alone).
type CaseWithGuarantee = WithAnnotations[Case, GuaranteeAnnotations]


def guarantee_status_expression(today: date, prefix: str = "") -> SqlCase:
    """The guarantee status of a treatment request on the day `today` (the values of
    cases.guarantee.GuaranteeStatus) as one SQL expression on the denormalised guarantee fields
    the services keep on the request (guarantee_deadline, treatment_started_on, free_choice,
    free_choice_on). `prefix` is the path from the queried model to the request: "" on
    TreatmentRequest, CASE_CLOCK on Case (the case's most urgent clock).

    It mirrors cases.guarantee.evaluate() (the source of truth) rule by rule; a test checks
    the two agree on a grid of requests, for the lists, the report and the reminders.
    """
    # 1. SEL § 101 a (anonymous) and regional dual-diagnosis treatment (SUL § 82 c).
    not_covered = (
        Q(**{f"{prefix}legal_basis": LegalBasis.SEL101A})
        | Q(**{f"{prefix}regional_dual_diagnosis": True})
        | Q(**{f"{prefix}guarantee_deadline__isnull": True})
    )
    started = guarantee_started_q(today, prefix)
    return SqlCase(
        When(not_covered, then=Value(GS.NOT_COVERED.value)),
        # 2. Started on or before the deadline: met, whatever was chosen.
        When(
            started & Q(**{f"{prefix}treatment_started_on__lte": F(f"{prefix}guarantee_deadline")}),
            then=Value(GS.MET.value),
        ),
        # 3. A free choice in time waives the deadline; never a breach.
        When(free_choice_in_time_q(today, prefix), then=Value(GS.WAIVED.value)),
        # 4. Started late, or nothing started and the deadline passed (a late free choice
        # changes nothing).
        When(started, then=Value(GS.BREACHED.value)),
        When(Q(**{f"{prefix}guarantee_deadline__gte": today}), then=Value(GS.RUNNING.value)),
        default=Value(GS.BREACHED.value),
        output_field=CharField(),
    )


def open_clock_q(today: date, prefix: str = "") -> Q:
    """Open clocks: running, or breached with nothing started (as seen from `today`)."""
    covered = ~(
        Q(**{f"{prefix}legal_basis": LegalBasis.SEL101A})
        | Q(**{f"{prefix}regional_dual_diagnosis": True})
        | Q(**{f"{prefix}guarantee_deadline__isnull": True})
    )
    return covered & ~guarantee_started_q(today, prefix) & ~free_choice_in_time_q(today, prefix)


def annotate_guarantee_status(qs: QuerySet[Case], today: date) -> QuerySet[CaseWithGuarantee]:
    """Annotate each case with `guarantee_status` (its most urgent clock's, through
    `clock_request`) and `guarantee_rank` (0 an open breached clock, 1 a running one, 2 no open
    clock, 3 closed), so that lists filter and show the most urgent open clock without
    loading the requests. The rank reads the case's stored class and open-clock deadline;
    lists order by those columns (case_lists.ORDERINGS), not by the rank."""
    # For display only: the lists order by the stored columns (cases.models.urgency), never
    # by this rank, so that ORDER BY ... LIMIT walks an index instead of ranking every row.
    rank = SqlCase(
        When(urgency=Urgency.CLOSED, then=Value(3)),
        When(guarantee_deadline__lt=today, then=Value(0)),
        When(guarantee_deadline__gte=today, then=Value(1)),
        default=Value(2),
        output_field=IntegerField(),
    )
    return (
        qs.select_related("clock_request")
        .annotate(guarantee_status=guarantee_status_expression(today, CASE_CLOCK))
        .annotate(guarantee_rank=rank)
    )
