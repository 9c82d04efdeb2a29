"""The guarantee status of cases computed in the database: one SQL expression for the lists,
the manager report and the reminders."""

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
from ..models import Case, CaseStatus, LegalBasis

if TYPE_CHECKING:
    from django_stubs_ext import WithAnnotations

GS = GuaranteeStatus


def guarantee_started_q(today: date) -> Q:
    """Cases whose treatment had started as seen from `today` (the day of a list, a reminder
    sweep, or a report's as-of day): a start after that day has not happened yet, as
    evaluate() says. Case.guarantee() evaluates a case inquired after `today` as of its inquiry
    date, so a start on the inquiry date counts as started there too."""
    return Q(treatment_started_on__isnull=False) & (
        Q(treatment_started_on__lte=today) | Q(treatment_started_on__lte=F("inquiry_date"))
    )


class GuaranteeAnnotations(TypedDict):
    """What annotate_guarantee_status() adds to each case row."""

    guarantee_status: str
    guarantee_rank: int


# A type only (lazy: WithAnnotations is imported for the type checker alone).
type CaseWithGuarantee = WithAnnotations[Case, GuaranteeAnnotations]


def guarantee_status_expression(today: date) -> SqlCase:
    """The guarantee status of a case on the day `today` (the values of
    cases.guarantee.GuaranteeStatus) as one SQL expression on the denormalised guarantee fields
    the case services keep (guarantee_deadline, treatment_started_on, free_choice). The case
    lists, the API's filter, the manager report (as of its period's end) and the guarantee
    reminders all use it.

    It mirrors cases.guarantee.evaluate() (the source of truth); a test checks the two agree
    on a grid of 400 cases, for the lists, the report and the reminders.
    """
    # SEL § 101 a (anonymous) and regional dual-diagnosis treatment (SUL § 82 c): no guarantee.
    not_covered = (
        Q(legal_basis=LegalBasis.SEL101A)
        | Q(regional_dual_diagnosis=True)
        | Q(guarantee_deadline__isnull=True)
    )
    started = guarantee_started_q(today)
    return SqlCase(
        When(not_covered, then=Value(GS.NOT_COVERED.value)),
        # SEL § 101, stk. 6: a free choice of another offer waives the deadline; never a breach.
        When(free_choice=True, then=Value(GS.WAIVED.value)),
        When(
            started & Q(treatment_started_on__lte=F("guarantee_deadline")), then=Value(GS.MET.value)
        ),
        When(started, then=Value(GS.BREACHED.value)),
        When(guarantee_deadline__gte=today, then=Value(GS.RUNNING.value)),
        default=Value(GS.BREACHED.value),
        output_field=CharField(),
    )


def annotate_guarantee_status(qs: QuerySet[Case], today: date) -> QuerySet[CaseWithGuarantee]:
    """Annotate `guarantee_status` (guarantee_status_expression) and `guarantee_rank` (0
    breached, 1 running, 2 the rest, 3 closed), so that lists filter and sort without loading
    every case."""
    rank = SqlCase(
        When(status=CaseStatus.CLOSED, then=Value(3)),
        When(guarantee_status=GS.BREACHED.value, then=Value(0)),
        When(guarantee_status=GS.RUNNING.value, then=Value(1)),
        default=Value(2),
        output_field=IntegerField(),
    )
    return qs.annotate(guarantee_status=guarantee_status_expression(today)).annotate(
        guarantee_rank=rank
    )
