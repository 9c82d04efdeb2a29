"""The guarantee status of cases computed in the database, so that lists filter and sort by it."""

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


class GuaranteeAnnotations(TypedDict):
    """What annotate_guarantee_status() adds to each case row."""

    guarantee_status: str
    guarantee_rank: int


# A type only (lazy: WithAnnotations is imported for the type checker alone).
type CaseWithGuarantee = WithAnnotations[Case, GuaranteeAnnotations]


def annotate_guarantee_status(qs: QuerySet[Case], today: date) -> QuerySet[CaseWithGuarantee]:
    """Annotate `guarantee_status` (the values of cases.guarantee.GuaranteeStatus) and
    `guarantee_rank` (0 breached, 1 running, 2 the rest, 3 closed) computed in SQL from the
    denormalised guarantee fields, so that lists filter and sort without loading every case.

    It mirrors cases.guarantee.evaluate() (the source of truth); a test checks the two agree.
    """
    not_covered = (
        Q(legal_basis=LegalBasis.SEL101A)
        | Q(regional_dual_diagnosis=True)
        | Q(guarantee_deadline__isnull=True)
    )
    # A start after `today` has not happened yet as seen from `today` (as evaluate() does).
    # Case.guarantee() evaluates a case inquired after `today` as of its inquiry date, so a
    # start on the inquiry date counts as started there too.
    started = Q(treatment_started_on__isnull=False) & (
        Q(treatment_started_on__lte=today) | Q(treatment_started_on__lte=F("inquiry_date"))
    )
    status = SqlCase(
        When(not_covered, then=Value(GS.NOT_COVERED.value)),
        When(free_choice=True, then=Value(GS.WAIVED.value)),
        When(
            started & Q(treatment_started_on__lte=F("guarantee_deadline")), then=Value(GS.MET.value)
        ),
        When(started, then=Value(GS.BREACHED.value)),
        When(guarantee_deadline__gte=today, then=Value(GS.RUNNING.value)),
        default=Value(GS.BREACHED.value),
        output_field=CharField(),
    )
    rank = SqlCase(
        When(status=CaseStatus.CLOSED, then=Value(3)),
        When(guarantee_status=GS.BREACHED.value, then=Value(0)),
        When(guarantee_status=GS.RUNNING.value, then=Value(1)),
        default=Value(2),
        output_field=IntegerField(),
    )
    return qs.annotate(guarantee_status=status).annotate(guarantee_rank=rank)
