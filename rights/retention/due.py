"""What has passed, or will soon pass, its retention period (docs/retention.md §2 and §3),
and what a legal hold keeps."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta

from django.db.models import Exists, OuterRef, Q, QuerySet
from django.utils import timezone

from cases.models import Case, Citizen

from ..models import LegalHold
from .defaults import ANONYMOUS_BASES, HEALTH_BASES, Kind, add_months, case_kind
from .models import AnonymisedCase, RetentionKind, RetentionRule

# A hold lifted less than this long ago still keeps its data, so that they show in the
# managers' "to be deleted in the next 30 days" list before they go (docs/retention.md §2).
HOLD_GRACE = timedelta(days=30)
PREVIEW_DAYS = 30


def rules_by_kind() -> dict[Kind, RetentionRule]:
    return {Kind(rule.kind): rule for rule in RetentionRule.objects.all()}


def active_rules() -> dict[Kind, RetentionRule]:
    """The rules the nightly task acts on: confirmed, with a period."""
    return {kind: rule for kind, rule in rules_by_kind().items() if rule.is_active}


def holds_in_force(now: datetime) -> QuerySet[LegalHold]:
    """Open holds, and holds lifted within the grace period."""
    return LegalHold.objects.filter(Q(lifted_at__isnull=True) | Q(lifted_at__gt=now - HOLD_GRACE))


def case_held_q(now: datetime, prefix: str = "") -> Q:
    """Cases under a hold in force: one on the case, or one on the whole citizen."""
    held = holds_in_force(now).filter(
        Q(case__isnull=True) | Q(case_id=OuterRef(f"{prefix}pk")),
        citizen_id=OuterRef(f"{prefix}citizen_id"),
    )
    return Q(Exists(held))


def kind_q(kind: Kind) -> Q:
    anonymous = Q(legal_basis__in=list(ANONYMOUS_BASES)) | Q(citizen__is_anonymous=True)
    health = Q(legal_basis__in=list(HEALTH_BASES))
    if kind == Kind.ANONYMOUS_ALIAS:
        return anonymous
    if kind == Kind.HEALTH_RECORD:
        return health & ~anonymous
    return ~anonymous & ~health


def ended_on(case: Case) -> date | None:
    """When a case ended: the course's end, or the day it was closed where no course end is
    recorded (docs/retention.md §2)."""
    return case.course_ended_on or case.closed_on if case.closed_on else None


def ended_by_q(day: date) -> Q:
    """Closed cases that had ended by `day` (as `ended_on`)."""
    return Q(closed_on__isnull=False) & (
        Q(course_ended_on__lte=day) | Q(course_ended_on__isnull=True, closed_on__lte=day)
    )


def ended_cases() -> QuerySet[Case]:
    """Closed cases whose file is not deleted yet."""
    return Case.objects.filter(closed_on__isnull=False).exclude(
        Exists(AnonymisedCase.objects.filter(case_id=OuterRef("pk")))
    )


def cases_due(kind: Kind, rule: RetentionRule, *, on: date) -> QuerySet[Case]:
    """The cases of a kind whose period has ended by `on` (holds not considered)."""
    assert rule.period_months is not None
    cutoff = add_months(on, -rule.period_months)
    return ended_cases().filter(kind_q(kind), ended_by_q(cutoff))


def citizens_without_case_due(rule: RetentionRule, *, at: datetime) -> QuerySet[Citizen]:
    assert rule.period_months is not None
    cutoff = add_months(at.date(), -rule.period_months)
    return Citizen.objects.filter(~Exists(Case.objects.filter(citizen_id=OuterRef("pk")))).filter(
        created_at__date__lte=cutoff
    )


def citizen_held_q(now: datetime) -> Q:
    return Q(Exists(holds_in_force(now).filter(citizen_id=OuterRef("pk"))))


@dataclass(frozen=True)
class PreviewRow:
    case: Case | None
    citizen: Citizen
    kind: Kind
    due_on: date
    held: bool

    @property
    def kind_label(self) -> str:
        return str(RetentionKind(self.kind.value).label)


def preview(*, unit_id: int, now: datetime, days: int = PREVIEW_DAYS) -> list[PreviewRow]:
    """What the nightly task will delete for a unit in the next `days` days under the confirmed
    rules (held ones marked), soonest first."""
    rules = active_rules()
    horizon = now.date() + timedelta(days=days)
    rows: list[PreviewRow] = []
    for kind in (Kind.SOCIAL_CASE, Kind.HEALTH_RECORD, Kind.ANONYMOUS_ALIAS):
        rule = rules.get(kind)
        if rule is None or rule.period_months is None:
            continue
        due = (
            cases_due(kind, rule, on=horizon)
            .filter(team_id=unit_id)
            .annotate(held=case_held_q(now))
            .select_related("citizen")
        )
        for case in due:
            kind_now = case_kind(case.legal_basis, anonymous=case.citizen.is_anonymous)
            ended = ended_on(case)
            assert ended is not None  # a due case has ended
            rows.append(
                PreviewRow(
                    case=case,
                    citizen=case.citizen,
                    kind=kind_now,
                    due_on=add_months(ended, rule.period_months),
                    held=case.held,
                )
            )
    rule = rules.get(Kind.CITIZEN_WITHOUT_CASE)
    if rule is not None and rule.period_months is not None:
        citizens = (
            citizens_without_case_due(rule, at=now + timedelta(days=days))
            .filter(registered_by_team_id=unit_id)
            .annotate(held=citizen_held_q(now))
        )
        for citizen in citizens:
            rows.append(
                PreviewRow(
                    case=None,
                    citizen=citizen,
                    kind=Kind.CITIZEN_WITHOUT_CASE,
                    due_on=add_months(timezone.localdate(citizen.created_at), rule.period_months),
                    held=citizen.held,
                )
            )
    rows.sort(key=lambda row: (row.due_on, row.citizen.pk))
    return rows
