"""Who may break the glass, and who reviews each use (DESIGN §1).

Only the municipality's own caseworkers and managers may break the glass: an institution's
staff reach a case through its episode or handover, never in an emergency. Every use is a
review task for a manager of the case's team; a manager never reviews their own use, and when
the case's team has no other active manager the use goes to the managers of the other municipal
teams. The notification (notifications.rules.break_glass), the review page, the managers' list
and cases.services.break_glass_review all ask the functions here.
"""

from __future__ import annotations

from typing import Any

from django.contrib.auth import get_user_model
from django.db.models import Exists, OuterRef, Q, QuerySet

from accounts.models import Unit, User
from accounts.roles import Role

from .models import TemporaryCaseAccess

BREAK_GLASS_PERM = "cases.break_glass"


def _is_municipal(user: User, *roles: Role) -> bool:
    unit = user.unit if getattr(user, "unit_id", None) else None
    return (
        bool(getattr(user, "is_authenticated", False))
        and user.is_active
        and unit is not None
        and unit.kind == Unit.Kind.MUNICIPAL_TEAM
        and user.has_role(*roles)
    )


def may_break_glass(user: User) -> bool:
    """A caseworker or manager of a municipal team with the role permission; nobody else."""
    return _is_municipal(user, Role.CASEWORKER, Role.MANAGER) and user.has_perm(BREAK_GLASS_PERM)


def is_municipal_manager(user: User) -> bool:
    """A manager of a municipal team: the people who review break-the-glass uses."""
    return _is_municipal(user, Role.MANAGER)


def _managers() -> QuerySet[Any]:
    return get_user_model().objects.filter(
        is_active=True,
        groups__name=Role.MANAGER.value,
        unit__kind=Unit.Kind.MUNICIPAL_TEAM,
    )


def break_glass_reviewers(access: TemporaryCaseAccess) -> QuerySet[Any]:
    """The managers whose inbox a use of break the glass lands in: the case team's managers
    other than the user who broke the glass, or, if there is none, every other manager of a
    municipal team (a manager's own use is always reviewed by somebody else)."""
    managers = _managers().exclude(pk=access.user_id)
    of_team = managers.filter(unit_id=access.case.team_id)
    return of_team if of_team.exists() else managers


def break_glass_reviewable_by(user: User) -> QuerySet[TemporaryCaseAccess]:
    """The uses of break the glass this user reviews (reviewed or not), the same rule as
    break_glass_reviewers, in the database."""
    if not is_municipal_manager(user):
        return TemporaryCaseAccess.objects.none()
    other_team_manager = (
        _managers()
        .filter(
            unit_id=OuterRef("case__team_id"),
        )
        .exclude(pk=OuterRef("user_id"))
    )
    return (
        TemporaryCaseAccess.objects.filter(kind=TemporaryCaseAccess.Kind.BREAK_GLASS)
        .exclude(user_id=user.pk)
        .filter(Q(case__team_id=user.unit_id) | ~Exists(other_team_manager))
    )


def may_review_break_glass(user: User, access: TemporaryCaseAccess) -> bool:
    """Whether the user is one of the use's reviewers (break_glass_reviewers)."""
    return break_glass_reviewable_by(user).filter(pk=access.pk).exists()
