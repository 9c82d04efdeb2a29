"""Reads for the reports: the sections of a case report, the manager report's statistics and the
register extract (DESIGN §7).

Every figure is computed by the database: grouped aggregations with COUNT ... FILTER, EXISTS
subqueries and date arithmetic. Python only arranges the few aggregate rows that come back (a
dozen months times five legal bases at most), so a report makes the same number of queries for
10 cases as for 100,000.
"""

from __future__ import annotations

from collections.abc import Collection, Iterator
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

from django.db.models import Case as CaseWhen
from django.db.models import (
    Count,
    DateField,
    DurationField,
    Exists,
    ExpressionWrapper,
    F,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
    Value,
    When,
)
from django.db.models.functions import TruncMonth
from django.utils.translation import gettext as _

from accounts.models import Unit
from cases.guarantee import GuaranteeResult
from cases.models import Case, Citizen, InformationKind, LegalBasis
from transitions.models import (
    AftercareCommitment,
    CheckIn,
    CommitmentChange,
    NoteAcknowledgement,
    Participant,
    PlanSection,
    PlanSectionKey,
    StatusMeeting,
    StatusNote,
    Transition,
)
from treatment_options.models import DROP_OUT_REASONS, EndReason, Episode

from .formatting import NO_VALUE

# The PDF lists at most this many breaches; the CSV lists them all.
BREACH_LIST_LIMIT = 100
# DESIGN §7: "first outpatient contact within 7 days" of discharge.
FIRST_CONTACT_DAYS = 7


@dataclass(frozen=True)
class Period:
    """A report period, both days included."""

    start: date
    end: date

    def __post_init__(self) -> None:
        if self.end < self.start:
            raise ValueError("Perioden slutter før den begynder")

    def as_of(self, today: date) -> date:
        """The day the figures are "as of": the period's last day, or today for a period that
        has not ended yet (nothing after today has happened)."""
        return min(self.end, today)

    def months(self) -> list[date]:
        """The first day of every calendar month the period touches."""
        months = []
        month = self.start.replace(day=1)
        while month <= self.end:
            months.append(month)
            month = (month + timedelta(days=32)).replace(day=1)
        return months


def month_period(month: date) -> Period:
    """The calendar month that `month` falls in."""
    start = month.replace(day=1)
    end = (start + timedelta(days=32)).replace(day=1) - timedelta(days=1)
    return Period(start, end)


# --- what belongs to a unit -------------------------------------------------------------------


def unit_cases(unit: Unit) -> QuerySet[Case]:
    """The cases of a unit: a municipal team's own cases, and for an institution the cases with an
    episode at one of its providers."""
    at_provider = Episode.objects.filter(case=OuterRef("pk"), offer__provider__unit=unit)
    return Case.objects.filter(Q(team=unit) | Q(Exists(at_provider)))


def unit_episodes(unit: Unit) -> QuerySet[Episode]:
    """Episodes of the unit's cases: all episodes of a team's cases; an institution's own."""
    return Episode.objects.filter(Q(case__team=unit) | Q(offer__provider__unit=unit))


def _unit_transition_q(unit: Unit, prefix: str = "") -> Q:
    return (
        Q(**{f"{prefix}case__team": unit})
        | Q(**{f"{prefix}residential_episode__offer__provider__unit": unit})
        | Q(**{f"{prefix}outpatient_episode__offer__provider__unit": unit})
    )


def unit_transitions(unit: Unit) -> QuerySet[Transition]:
    """Handovers of the unit's cases: the team's, or from or to one of the unit's providers."""
    return Transition.objects.filter(_unit_transition_q(unit)).exclude(
        status=Transition.Status.CANCELLED
    )


# --- the manager report -----------------------------------------------------------------------


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


def _guarantee_conditions(as_of: date) -> dict[str, Q]:
    """The guarantee status of a case as of a day, as database conditions; the same rules as
    cases.guarantee.evaluate() (DESIGN §3.1), on the denormalised columns the case services keep
    (guarantee_deadline, treatment_started_on, free_choice)."""
    # SEL § 101 a (anonymous) and regional dual-diagnosis treatment (SUL § 82 c): no guarantee.
    not_covered = Q(legal_basis=LegalBasis.SEL101A) | Q(regional_dual_diagnosis=True)
    # SEL § 101, stk. 6: a free choice of another offer waives the deadline; never a breach.
    waived = ~not_covered & Q(free_choice=True)
    covered = ~not_covered & Q(free_choice=False)
    # A start after the as-of day has not happened yet as seen from that day.
    started = Q(treatment_started_on__isnull=False, treatment_started_on__lte=as_of)
    not_started = Q(treatment_started_on__isnull=True) | Q(treatment_started_on__gt=as_of)
    started_late = started & Q(treatment_started_on__gt=F("guarantee_deadline"))
    return {
        "not_covered": not_covered,
        "waived": waived,
        "met": covered & started & Q(treatment_started_on__lte=F("guarantee_deadline")),
        "breached": covered & (started_late | (not_started & Q(guarantee_deadline__lt=as_of))),
        "running": covered & not_started & Q(guarantee_deadline__gte=as_of),
        "started": started,
    }


def guarantee_report(
    *, unit: Unit, period: Period, today: date, breach_limit: int | None = BREACH_LIST_LIMIT
) -> GuaranteeReport:
    """Guarantee compliance of the cases that came in (inquiry date) during the period, as of
    the period's end: per month and per legal basis, and the breaches with days over."""
    as_of = period.as_of(today)
    conditions = _guarantee_conditions(as_of)
    cohort = unit_cases(unit).filter(inquiry_date__range=(period.start, period.end))
    statuses = ("met", "breached", "running", "waived", "not_covered")
    rows = (
        cohort.annotate(month=TruncMonth("inquiry_date"))
        .values("month", "legal_basis")
        .annotate(**{status: Count("pk", filter=conditions[status]) for status in statuses})
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

    breached = cohort.filter(conditions["breached"])
    listed = (
        breached.annotate(
            # The day the breach is counted to: the late start, or the as-of day while waiting.
            breach_day=CaseWhen(
                When(conditions["started"], then=F("treatment_started_on")),
                default=Value(as_of),
                output_field=DateField(),
            ),
            over=ExpressionWrapper(
                F("breach_day") - F("guarantee_deadline"), output_field=DurationField()
            ),
        )
        .order_by("-over", "inquiry_date", "number")
        .values(
            "number",
            "legal_basis",
            "inquiry_date",
            "guarantee_deadline",
            "treatment_started_on",
            "over",
            "caseworker__first_name",
            "caseworker__last_name",
        )
    )
    if breach_limit is not None:
        listed = listed[:breach_limit]
    breaches = [
        Breach(
            number=row["number"],
            legal_basis=row["legal_basis"],
            inquiry_date=row["inquiry_date"],
            deadline=row["guarantee_deadline"],
            started_on=(
                row["treatment_started_on"]
                if row["treatment_started_on"] and row["treatment_started_on"] <= as_of
                else None
            ),
            days_over=row["over"].days,
            caseworker=_person(row["caseworker__first_name"], row["caseworker__last_name"]),
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
    )


@dataclass(frozen=True)
class CaseloadRow:
    caseworker: str
    open_cases: int
    new_cases: int
    closed_cases: int


def caseload_report(*, unit: Unit, period: Period, today: date) -> list[CaseloadRow]:
    """Per caseworker: open cases at the end of the period, cases opened and closed in it."""
    as_of = period.as_of(today)
    is_open = Q(inquiry_date__lte=as_of) & (Q(closed_on__isnull=True) | Q(closed_on__gt=as_of))
    rows = (
        unit_cases(unit)
        .values("caseworker", "caseworker__first_name", "caseworker__last_name")
        .annotate(
            open_cases=Count("pk", filter=is_open),
            new_cases=Count("pk", filter=Q(inquiry_date__range=(period.start, period.end))),
            closed_cases=Count("pk", filter=Q(closed_on__range=(period.start, period.end))),
        )
        .filter(Q(open_cases__gt=0) | Q(new_cases__gt=0) | Q(closed_cases__gt=0))
        .order_by(
            F("caseworker__first_name").asc(nulls_last=True),
            F("caseworker__last_name").asc(nulls_last=True),
            "caseworker",
        )
    )
    return [
        CaseloadRow(
            caseworker=_person(row["caseworker__first_name"], row["caseworker__last_name"]),
            open_cases=row["open_cases"],
            new_cases=row["new_cases"],
            closed_cases=row["closed_cases"],
        )
        for row in rows
    ]


@dataclass
class TransitionMonth:
    month: date
    discharged: int = 0
    meeting_before: int = 0
    contact_within: int = 0

    @property
    def share_meeting_before(self) -> float | None:
        return _share(self.meeting_before, self.discharged)

    @property
    def share_contact_within(self) -> float | None:
        return _share(self.contact_within, self.discharged)


@dataclass
class TransitionReport:
    discharged: int
    meeting_before: int
    contact_within: int
    contact_recorded: int
    median_gap_days: float | None
    by_month: list[TransitionMonth] = field(default_factory=list)

    @property
    def share_meeting_before(self) -> float | None:
        return _share(self.meeting_before, self.discharged)

    @property
    def share_contact_within(self) -> float | None:
        return _share(self.contact_within, self.discharged)

    @property
    def no_contact(self) -> int:
        return self.discharged - self.contact_recorded


def transition_report(*, unit: Unit, period: Period) -> TransitionReport:
    """Handovers with discharge in the period: a status meeting held before discharge, a first
    outpatient contact within 7 days, and the median gap from discharge to that contact."""
    held_before = StatusMeeting.objects.filter(
        transition=OuterRef("pk"), held=True, starts_at__date__lte=OuterRef("discharged_on")
    )
    discharged = (
        unit_transitions(unit)
        .filter(discharged_on__range=(period.start, period.end))
        .annotate(
            gap=ExpressionWrapper(
                F("first_outpatient_contact_on") - F("discharged_on"), output_field=DurationField()
            )
        )
    )
    # A contact before or on the day of discharge (a gap of 0 or less) counts as within 7 days.
    counts = {
        "discharged": Count("pk"),
        "meeting_before": Count("pk", filter=Q(Exists(held_before))),
        "contact_within": Count("pk", filter=Q(gap__lte=timedelta(days=FIRST_CONTACT_DAYS))),
    }
    totals = discharged.aggregate(
        **counts, contact_recorded=Count("pk", filter=Q(first_outpatient_contact_on__isnull=False))
    )
    months = {month: TransitionMonth(month) for month in period.months()}
    for row in (
        discharged.annotate(month=TruncMonth("discharged_on"))
        .values("month")
        .annotate(**counts)
        .order_by("month")
    ):
        months[row["month"]] = TransitionMonth(
            row["month"], row["discharged"], row["meeting_before"], row["contact_within"]
        )
    return TransitionReport(
        discharged=totals["discharged"],
        meeting_before=totals["meeting_before"],
        contact_within=totals["contact_within"],
        contact_recorded=totals["contact_recorded"],
        median_gap_days=_median_days(
            discharged.filter(first_outpatient_contact_on__isnull=False),
            "gap",
            totals["contact_recorded"],
        ),
        by_month=[months[m] for m in sorted(months)],
    )


def _median_days(queryset: QuerySet[Any], column: str, count: int) -> float | None:
    """The median of a duration column, picked by the database: order by the column and fetch
    only the middle one or two values (OFFSET/LIMIT). PostgreSQL's percentile_cont would do it
    in one step, but SQLite has no such function, and this works on both with one query."""
    # Queried even when empty, so that the report's query count never depends on the data.
    low, high = max(count - 1, 0) // 2, count // 2 + 1
    middle = list(queryset.order_by(column).values_list(column, flat=True)[low:high])
    if not middle:
        return None
    return sum(value.days for value in middle) / len(middle)


@dataclass
class ThemeReport:
    themes: list[tuple[str, str]]
    # (month, answered check-ins, needing follow-up, counts in the order of `themes`)
    by_month: list[tuple[date, int, int, list[int]]]
    totals: list[int]
    answered: int


def checkin_theme_report(*, unit: Unit, period: Period) -> ThemeReport:
    """Answered check-ins per month and how many named each theme (§5.5)."""
    themes = list(CheckIn.Theme.choices)
    # A check-in's themes are a JSON list of codes. A theme code in quotes ("work") occurs in
    # the stored JSON only as that element ("network" contains work but not "work"), so a text
    # match counts it on SQLite and PostgreSQL alike, inside the one grouped query.
    per_theme = {
        f"theme_{code}": Count("pk", filter=Q(themes__icontains=f'"{code}"'))
        for code, _label in themes
    }
    rows = (
        CheckIn.objects.filter(
            _unit_transition_q(unit, "transition__"),
            answered_at__isnull=False,
            answered_at__date__range=(period.start, period.end),
        )
        .exclude(transition__status=Transition.Status.CANCELLED)
        .annotate(month=TruncMonth("answered_at", output_field=DateField()))
        .values("month")
        .annotate(
            answered=Count("pk"),
            follow_up=Count("pk", filter=Q(needs_follow_up=True)),
            **per_theme,
        )
        .order_by("month")
    )
    by_month = {month: (0, 0, [0] * len(themes)) for month in period.months()}
    for row in rows:
        by_month[row["month"]] = (
            row["answered"],
            row["follow_up"],
            [row[f"theme_{code}"] for code, _label in themes],
        )
    ordered = [(month, *by_month[month]) for month in sorted(by_month)]
    return ThemeReport(
        themes=[(code, str(label)) for code, label in themes],
        by_month=ordered,  # type: ignore[arg-type]
        totals=[sum(row[3][i] for row in ordered) for i in range(len(themes))],
        answered=sum(row[1] for row in ordered),
    )


@dataclass(frozen=True)
class EndReasonRow:
    reason: str
    label: str
    count: int
    is_drop_out: bool


@dataclass(frozen=True)
class TreatmentTypeDropOut:
    label: str
    ended: int
    drop_outs: int

    @property
    def share(self) -> float | None:
        return _share(self.drop_outs, self.ended)


@dataclass
class DropOutReport:
    reasons: list[EndReasonRow]
    by_treatment_type: list[TreatmentTypeDropOut]
    ended: int
    drop_outs: int
    new_cases: int
    returns: int
    returning_citizens: int

    @property
    def share(self) -> float | None:
        return _share(self.drop_outs, self.ended)

    @property
    def share_returns(self) -> float | None:
        return _share(self.returns, self.new_cases)


def drop_out_report(*, unit: Unit, period: Period) -> DropOutReport:
    """Episodes ended in the period by end reason (drop-outs: the register's no-show, expelled
    and wanted-stop), and returns: new cases of citizens who had an earlier case closed."""
    from treatment_options.models import TreatmentType

    ended = unit_episodes(unit).filter(actual_end__range=(period.start, period.end))
    is_drop_out = Q(end_reason__in=DROP_OUT_REASONS)
    reasons = [
        EndReasonRow(
            reason=row["end_reason"],
            label=str(EndReason(row["end_reason"]).label) if row["end_reason"] else NO_VALUE,
            count=row["n"],
            is_drop_out=row["end_reason"] in DROP_OUT_REASONS,
        )
        for row in ended.values("end_reason").annotate(n=Count("pk")).order_by("-n", "end_reason")
    ]
    by_type = [
        TreatmentTypeDropOut(
            label=str(TreatmentType(row["offer__treatment_type"]).label),
            ended=row["ended"],
            drop_outs=row["drop_outs"],
        )
        for row in ended.values("offer__treatment_type")
        .annotate(ended=Count("pk"), drop_outs=Count("pk", filter=is_drop_out))
        .order_by("offer__treatment_type")
    ]
    earlier_closed = Case.objects.filter(
        citizen=OuterRef("citizen"),
        closed_on__isnull=False,
        closed_on__lte=OuterRef("inquiry_date"),
    ).exclude(pk=OuterRef("pk"))
    returns = (
        unit_cases(unit)
        .filter(inquiry_date__range=(period.start, period.end))
        .aggregate(
            new_cases=Count("pk"),
            returns=Count("pk", filter=Q(Exists(earlier_closed))),
            returning_citizens=Count("citizen", distinct=True, filter=Q(Exists(earlier_closed))),
        )
    )
    return DropOutReport(
        reasons=reasons,
        by_treatment_type=by_type,
        ended=sum(r.count for r in reasons),
        drop_outs=sum(r.count for r in reasons if r.is_drop_out),
        **returns,
    )


@dataclass(frozen=True)
class UnitSummary:
    open_at_end: int
    new_cases: int
    closed_cases: int
    in_treatment_at_end: int


def unit_summary(*, unit: Unit, period: Period, today: date) -> UnitSummary:
    as_of = period.as_of(today)
    is_open = Q(inquiry_date__lte=as_of) & (Q(closed_on__isnull=True) | Q(closed_on__gt=as_of))
    in_treatment = Exists(
        Episode.objects.filter(
            Q(actual_end__isnull=True) | Q(actual_end__gt=as_of),
            case=OuterRef("pk"),
            actual_start__lte=as_of,
        )
    )
    totals = unit_cases(unit).aggregate(
        open_at_end=Count("pk", filter=is_open),
        new_cases=Count("pk", filter=Q(inquiry_date__range=(period.start, period.end))),
        closed_cases=Count("pk", filter=Q(closed_on__range=(period.start, period.end))),
        in_treatment_at_end=Count("pk", filter=is_open & Q(in_treatment)),
    )
    return UnitSummary(**totals)


@dataclass
class ManagerReport:
    unit: Unit
    period: Period
    as_of: date
    summary: UnitSummary
    guarantee: GuaranteeReport
    caseload: list[CaseloadRow]
    transitions: TransitionReport
    themes: ThemeReport
    drop_outs: DropOutReport


def manager_report(
    *, unit: Unit, period: Period, today: date, breach_limit: int | None = BREACH_LIST_LIMIT
) -> ManagerReport:
    """All figures of the manager report for a unit and a period (a fixed number of queries)."""
    return ManagerReport(
        unit=unit,
        period=period,
        as_of=period.as_of(today),
        summary=unit_summary(unit=unit, period=period, today=today),
        guarantee=guarantee_report(
            unit=unit, period=period, today=today, breach_limit=breach_limit
        ),
        caseload=caseload_report(unit=unit, period=period, today=today),
        transitions=transition_report(unit=unit, period=period),
        themes=checkin_theme_report(unit=unit, period=period),
        drop_outs=drop_out_report(unit=unit, period=period),
    )


# --- the register extract ---------------------------------------------------------------------


def register_extract_rows(*, unit: Unit, period: Period) -> Iterator[dict[str, Any]]:
    """One row per episode of the unit that was under way in the period: referred by its end
    and not ended before its start. Streamed; one query whatever the size."""
    return (
        unit_episodes(unit)
        .filter(referral_date__lte=period.end)
        .filter(Q(actual_end__isnull=True) | Q(actual_end__gte=period.start))
        .order_by("case__number", "referral_date", "pk")
        .values(
            "case__number",
            "case__citizen__cpr",
            "case__citizen__is_anonymous",
            "case__legal_basis",
            "case__inquiry_date",
            "case__treatment_started_on",
            "case__closed_on",
            "offer__provider__name",
            "offer__provider__tilbudsportalen_id",
            "offer__name",
            "offer__treatment_type",
            "referral_date",
            "actual_start",
            "actual_end",
            "end_reason",
            "free_choice",
        )
        .iterator(chunk_size=2000)
    )


# --- the case report --------------------------------------------------------------------------


@dataclass(frozen=True)
class PlanOfTransition:
    """The current text of each section of one handover plan (the latest version of each);
    sections nobody has written in are only named."""

    transition: Transition
    sections: list[PlanSection]
    empty_sections: list[str]


@dataclass
class CaseReportData:
    """The sections of a case report. A section the report may not contain is None: its data is
    never even read from the database."""

    case: Case
    citizen: Citizen | None
    guarantee: GuaranteeResult | None
    episodes: list[Episode] | None
    plan: list[PlanOfTransition] | None
    commitments: list[AftercareCommitment] | None
    status_notes: list[StatusNote] | None
    meetings: list[StatusMeeting] | None
    checkins: list[CheckIn] | None
    transitions: list[Transition]


def case_report_data(*, case: Case, kinds: Collection[str], today: date) -> CaseReportData:
    """The case report's sections for the information kinds given (all of them for the
    internal report, those a consent covers for an external party)."""
    kinds = frozenset(kinds)
    K = InformationKind
    transitions = list(
        case.transitions.exclude(status=Transition.Status.CANCELLED)
        .select_related(
            "residential_episode__offer__provider",
            "outpatient_episode__offer__provider",
            "residential_therapist",
            "outpatient_therapist",
        )
        .order_by("created_at", "pk")
    )

    plan = None
    if K.PLAN in kinds:
        key_order = {key: index for index, key in enumerate(PlanSectionKey.values)}
        sections = PlanSection.objects.filter(transition__in=transitions).select_related(
            "updated_by"
        )
        by_transition: dict[int, list[PlanSection]] = {t.pk: [] for t in transitions}
        for section in sections:
            by_transition[section.transition_id].append(section)
        plan = []
        for t in transitions:
            ordered = sorted(by_transition[t.pk], key=lambda s: key_order.get(s.key, 99))
            plan.append(
                PlanOfTransition(
                    transition=t,
                    sections=[s for s in ordered if s.text.strip()],
                    empty_sections=[
                        str(s.get_key_display()) for s in ordered if not s.text.strip()
                    ],
                )
            )

    commitments = None
    if K.COMMITMENTS in kinds:
        commitments = list(
            AftercareCommitment.objects.filter(transition__in=transitions)
            .select_related("offer__provider", "responsible")
            .prefetch_related(
                Prefetch("changes", queryset=CommitmentChange.objects.select_related("actor"))
            )
            .order_by("starts_on", "pk")
        )

    notes = None
    if K.STATUS_NOTES in kinds:
        notes = list(
            StatusNote.objects.filter(transition__in=transitions)
            .select_related("author")
            .prefetch_related(
                Prefetch(
                    "acknowledgements",
                    queryset=NoteAcknowledgement.objects.select_related("user").order_by(
                        "acknowledged_at"
                    ),
                ),
                "action_items__owner",
            )
            .order_by("written_at", "pk")
        )

    meetings = None
    if K.MEETINGS in kinds:
        meetings = list(
            StatusMeeting.objects.filter(transition__in=transitions)
            .prefetch_related(
                Prefetch("participants", queryset=Participant.objects.select_related("user")),
                "action_items__owner",
            )
            .order_by("starts_at", "pk")
        )

    checkins = None
    if K.CHECKINS in kinds:
        checkins = list(
            CheckIn.objects.filter(transition__in=transitions)
            .select_related("recorded_by")
            .order_by("due_on", "pk")
        )

    return CaseReportData(
        case=case,
        citizen=case.citizen if K.IDENTITY in kinds else None,
        guarantee=case.guarantee(today=today) if K.CASE_STATUS in kinds else None,
        episodes=(
            list(case.episodes.select_related("offer__provider").order_by("referral_date", "pk"))
            if K.EPISODES in kinds
            else None
        ),
        plan=plan,
        commitments=commitments,
        status_notes=notes,
        meetings=meetings,
        checkins=checkins,
        transitions=transitions,
    )


# --- helpers ----------------------------------------------------------------------------------


def _share(part: int, whole: int) -> float | None:
    return 100 * part / whole if whole else None


def _person(first_name: str | None, last_name: str | None) -> str:
    name = f"{first_name or ''} {last_name or ''}".strip()
    return name or _("Ikke tildelt")
