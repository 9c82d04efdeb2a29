"""The manager report's treatment guarantee section: compliance per month and legal basis, and
the breaches, counted per treatment request (DESIGN §3: the guarantee belongs to the request);
and the number of courses (kontaktforløb) by Danmarks Statistik's method."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any, Final, cast

from django.db.models import Case as CaseWhen
from django.db.models import (
    Count,
    DateField,
    DurationField,
    Exists,
    ExpressionWrapper,
    F,
    OuterRef,
    Q,
    Value,
    When,
)
from django.db.models.functions import Coalesce, TruncMonth

from accounts.models import Unit
from cases.guarantee import GuaranteeStatus
from cases.models import Case, LegalBasis, TreatmentRequest
from cases.selectors import guarantee_started_q, guarantee_status_expression

from .display import person
from .periods import Period
from .units import unit_cases

# The PDF lists at most this many breaches; the CSV lists them all.
BREACH_LIST_LIMIT = 100

# Danmarks Statistik: a new request made no more than 10 days after the previous course ended
# counts as the same kontaktforløb. For statistics only: the case and its clock are not merged.
DS_SAME_COURSE_DAYS: Final = 10


@dataclass(frozen=True)
class CourseCounts:
    """Courses that began in the period: as cases, and as Danmarks Statistik counts them."""

    cases: int
    same_course: int  # cases begun ≤ 10 days after the citizen's previous course ended

    @property
    def ds_courses(self) -> int:
        return self.cases - self.same_course


@dataclass
class GuaranteeCounts:
    met: int = 0
    breached: int = 0
    running: int = 0
    waived: int = 0
    not_covered: int = 0

    @property
    def decided(self) -> int:
        """Cases whose guarantee has an outcome: started in time, or breached."""
        return self.met + self.breached

    @property
    def total(self) -> int:
        return self.met + self.breached + self.running + self.waived + self.not_covered

    @property
    def share_met(self) -> float | None:
        """Per cent started within the deadline of those with an outcome; None without any."""
        return 100 * self.met / self.decided if self.decided else None

    def add(self, other: GuaranteeCounts) -> None:
        self.met += other.met
        self.breached += other.breached
        self.running += other.running
        self.waived += other.waived
        self.not_covered += other.not_covered


@dataclass(frozen=True)
class Breach:
    number: str
    legal_basis: str
    inquiry_date: date
    deadline: date
    started_on: date | None
    days_over: int
    caseworker: str

    @property
    def legal_basis_label(self) -> str:
        return str(LegalBasis(self.legal_basis).label)


@dataclass
class GuaranteeReport:
    by_month: list[tuple[date, GuaranteeCounts]]
    by_legal_basis: list[tuple[str, GuaranteeCounts]]
    total: GuaranteeCounts
    breaches: list[Breach]
    breach_count: int
    courses: CourseCounts


def course_counts(*, unit: Unit, period: Period) -> CourseCounts:
    """The unit's cases begun (inquiry date) in the period, and how many of them Danmarks
    Statistik counts as the same kontaktforløb as the citizen's previous course (begun no
    more than DS_SAME_COURSE_DAYS days after it ended). One query."""
    previous_end = Coalesce("course_ended_on", "closed_on")
    earlier = (
        Case.objects.filter(
            citizen_id=OuterRef("citizen_id"), inquiry_date__lt=OuterRef("inquiry_date")
        )
        .annotate(ended=previous_end)
        .filter(
            ended__isnull=False,
            ended__lte=OuterRef("inquiry_date"),
            ended__gte=ExpressionWrapper(
                OuterRef("inquiry_date") - timedelta(days=DS_SAME_COURSE_DAYS),
                output_field=DateField(),
            ),
        )
    )
    row = (
        unit_cases(unit)
        .filter(inquiry_date__range=(period.start, period.end))
        .alias(same_course=Exists(earlier))
        .aggregate(cases=Count("pk"), same=Count("pk", filter=Q(same_course=True)))
    )
    return CourseCounts(cases=row["cases"], same_course=row["same"])


def guarantee_report(
    *, unit: Unit, period: Period, today: date, breach_limit: int | None = BREACH_LIST_LIMIT
) -> GuaranteeReport:
    """Guarantee compliance of the treatment requests made (request date) during the period in
    the unit's cases, as of the period's end: per month and per legal basis, and the breaches
    with days over. Each request counts on its own (a relapse in aftercare, the second basis of
    a combination treatment)."""
    as_of = period.as_of(today)
    # The status as of the period's end (or today): the expression the case lists use.
    cohort = TreatmentRequest.objects.filter(
        case__in=unit_cases(unit), requested_on__range=(period.start, period.end)
    ).alias(guarantee_status=guarantee_status_expression(as_of))
    statuses = ("met", "breached", "running", "waived", "not_covered")
    # Typed as plain mappings: the plugin's row type leaves out the keys annotate(**...) adds.
    rows: Iterable[Mapping[str, Any]] = (
        cohort.annotate(month=TruncMonth("requested_on"))
        .values("month", "legal_basis")
        .annotate(**{status: Count("pk", filter=Q(guarantee_status=status)) for status in statuses})
        .order_by("month", "legal_basis")
    )
    by_month = {month: GuaranteeCounts() for month in period.months()}
    by_basis = {basis: GuaranteeCounts() for basis in LegalBasis.values}
    total = GuaranteeCounts()
    for row in rows:
        counts = GuaranteeCounts(**{status: row[status] for status in statuses})
        by_month.setdefault(row["month"], GuaranteeCounts()).add(counts)
        by_basis.setdefault(row["legal_basis"], GuaranteeCounts()).add(counts)
        total.add(counts)

    breached = cohort.filter(guarantee_status=GuaranteeStatus.BREACHED.value)
    listed = (
        breached.annotate(
            # The day the breach is counted to: the late start, or the as-of day while waiting.
            breach_day=CaseWhen(
                When(guarantee_started_q(as_of), then=F("treatment_started_on")),
                default=Value(as_of),
                output_field=DateField(),
            ),
            over=ExpressionWrapper(
                F("breach_day") - F("guarantee_deadline"), output_field=DurationField()
            ),
        )
        .order_by("-over", "requested_on", "case__number", "pk")
        .values(
            "case__number",
            "legal_basis",
            "requested_on",
            "guarantee_deadline",
            "treatment_started_on",
            "over",
            "case__caseworker__first_name",
            "case__caseworker__last_name",
        )
    )
    if breach_limit is not None:
        listed = listed[:breach_limit]
    breaches = [
        Breach(
            number=row["case__number"],
            legal_basis=row["legal_basis"],
            inquiry_date=row["requested_on"],
            # Every breach condition compares with the deadline, so a breach has one.
            deadline=cast(date, row["guarantee_deadline"]),
            started_on=(
                row["treatment_started_on"]
                if row["treatment_started_on"] and row["treatment_started_on"] <= as_of
                else None
            ),
            days_over=row["over"].days,
            caseworker=person(
                row["case__caseworker__first_name"], row["case__caseworker__last_name"]
            ),
        )
        for row in listed
    ]
    # The list is cut at the limit; the true number is already known from the aggregation.
    return GuaranteeReport(
        by_month=sorted(by_month.items()),
        by_legal_basis=[(b, c) for b, c in by_basis.items() if c.total],
        total=total,
        breaches=breaches,
        breach_count=total.breached,
        courses=course_counts(unit=unit, period=period),
    )
