"""Who can be named on the handover: the receiving therapist, internal participants and
owners of an action, and who must acknowledge a status note."""

from __future__ import annotations

from typing import Any

from django.db.models import Q, QuerySet

from accounts.models import User
from accounts.roles import Role
from cases.models import Case, CaseGroupObjectPermission, CaseUserObjectPermission

from ..models import StatusNote, Transition


def outpatient_therapists_for(case: Case) -> Any:
    """Users who can be named as the receiving outpatient therapist."""
    return (
        User.objects.filter(is_active=True, groups__name=Role.OUTPATIENT_THERAPIST.value)
        .select_related("unit")
        .order_by("first_name", "last_name", "pk")
        .distinct()
    )


def users_with_case_access(case: Case) -> QuerySet[Any]:
    """Active users holding a grant on the case (directly or through their unit's group):
    the people who can be internal meeting participants or owners of an action."""
    user_ids = CaseUserObjectPermission.objects.filter(content_object=case).values("user_id")
    group_ids = CaseGroupObjectPermission.objects.filter(content_object=case).values("group_id")
    return (
        User.objects.filter(is_active=True)
        .filter(Q(pk__in=user_ids) | Q(groups__in=group_ids))
        .select_related("unit")
        .distinct()
        .order_by("first_name", "last_name", "pk")
    )


def note_receivers(*, transition: Transition, note: StatusNote) -> list[Any]:
    """Who must acknowledge reading the note: the outpatient therapist and the caseworker, and
    the residential therapist for notes others wrote. Never the author. Uses loaded relations
    (the page prefetches them)."""
    candidates = [transition.outpatient_therapist, transition.case.caseworker]
    candidates.append(transition.residential_therapist)
    seen: set[int] = set()
    receivers = []
    for user in candidates:
        if user is None or user.pk == note.author_id or user.pk in seen:
            continue
        seen.add(user.pk)
        receivers.append(user)
    return receivers
