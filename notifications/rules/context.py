"""What every rule shares: the context of a sweep, the builder of its notifications and the
open-case filter."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date

from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from django.db.models import Q

from accounts.roles import Role
from cases.models import CaseStatus

from .. import thresholds as th
from ..models import Rule
from ..pending import Pending


@dataclass
class RuleContext:
    """What every rule needs besides the date: content type ids, and a cached manager look-up."""

    today: date
    thresholds: th.Thresholds
    content_types: dict[type, int] = field(default_factory=dict)

    def ct(self, model: type) -> int:
        # ContentType.objects caches per process, so this is a query only on the first sweep.
        if model not in self.content_types:
            self.content_types[model] = ContentType.objects.get_for_model(model).pk
        return self.content_types[model]


def pending(
    ctx: RuleContext,
    recipients: Iterable[int | None],
    *,
    rule: Rule,
    model: type,
    subject_id: int,
    case_id: int | None,
    threshold: str,
    message: str,
    url: str,
) -> list[Pending]:
    return [
        Pending(
            recipient_id=rid,
            rule=rule.value,
            subject_type_id=ctx.ct(model),
            subject_id=subject_id,
            case_id=case_id,
            threshold=threshold,
            message=message,
            url=url,
        )
        for rid in dict.fromkeys(recipients)
        if rid is not None
    ]


def open_cases() -> Q:
    return ~Q(status=CaseStatus.CLOSED)


def managers_by_team(team_ids: set[int]) -> dict[int, list[int]]:
    """Active managers of each team: one query for all teams."""
    result: dict[int, list[int]] = defaultdict(list)
    if not team_ids:
        return result
    rows = (
        get_user_model()
        .objects.filter(unit_id__in=team_ids, is_active=True, groups__name=Role.MANAGER.value)
        .values_list("unit_id", "pk")
        .distinct()
    )
    for unit_id, user_id in rows:
        result[unit_id].append(user_id)
    return result
