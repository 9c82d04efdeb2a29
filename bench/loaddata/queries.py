"""Reads on the load data: whether there is any, and whom the page benchmark logs in as."""

from __future__ import annotations

from django.db import models
from django.db.models import Count

from accounts.models import Unit, User
from accounts.roles import Role
from transitions.models import Transition

from .constants import UNIT_PREFIX, USERNAME_PREFIX


def has_load_data() -> bool:
    return Unit.objects.filter(name__startswith=UNIT_PREFIX).exists()


def busiest_caseworker() -> User | None:
    """The load caseworker with the most open cases assigned."""
    return (
        User.objects.filter(username__startswith=USERNAME_PREFIX, groups__name=Role.CASEWORKER)
        .annotate(
            open_cases=Count("assigned_cases", filter=~models.Q(assigned_cases__status="closed"))
        )
        .order_by("-open_cases", "pk")
        .first()
    )


def manager_of_largest_team() -> User | None:
    """The manager of the load team with the most cases."""
    team = (
        Unit.objects.filter(name__startswith=UNIT_PREFIX, kind=Unit.Kind.MUNICIPAL_TEAM)
        .annotate(case_count=Count("cases"))
        .order_by("-case_count", "pk")
        .first()
    )
    if team is None:
        return None
    return User.objects.filter(unit=team, groups__name=Role.MANAGER).order_by("pk").first()


def busiest_therapist(role: str) -> User | None:
    """The load therapist of `role` named on the most handovers still under way: residential
    therapists as the sending side, outpatient therapists as the receiving side."""
    field = (
        "residential_therapist" if role == Role.RESIDENTIAL_THERAPIST else "outpatient_therapist"
    )
    busiest = (
        Transition.objects.filter(**{f"{field}__username__startswith": USERNAME_PREFIX})
        .exclude(status__in=[Transition.Status.COMPLETED, Transition.Status.CANCELLED])
        .values(field)
        .annotate(handovers=Count("pk"))
        .order_by("-handovers", field)
        .first()
    )
    if busiest is None:
        return User.objects.filter(username__startswith=USERNAME_PREFIX, groups__name=role).first()
    return User.objects.get(pk=busiest[field])
