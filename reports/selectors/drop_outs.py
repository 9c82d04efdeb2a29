"""The manager report's drop-out section: episodes ended by end reason, and returning citizens."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Count, Exists, OuterRef, Q

from accounts.models import Unit
from cases.models import Case
from treatment_options.models import DROP_OUT_REASONS, EndReason, TreatmentType

from ..formatting import NO_VALUE
from .display import share
from .periods import Period
from .units import unit_cases, unit_episodes


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
        return share(self.drop_outs, self.ended)


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
        return share(self.drop_outs, self.ended)

    @property
    def share_returns(self) -> float | None:
        return share(self.returns, self.new_cases)


def drop_out_report(*, unit: Unit, period: Period) -> DropOutReport:
    """Episodes ended in the period by end reason (drop-outs: the register's no-show, expelled
    and wanted-stop), and returns: new cases of citizens who had an earlier case closed."""
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
