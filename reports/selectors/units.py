"""What belongs to a unit: its cases, episodes and handovers, the scope of every unit report."""

from __future__ import annotations

from django.db.models import Exists, OuterRef, Q, QuerySet

from accounts.models import Unit
from cases.models import Case
from transitions.models import Transition
from treatment_options.models import Episode


def unit_cases(unit: Unit) -> QuerySet[Case]:
    """The cases of a unit: a municipal team's own cases, and for an institution the cases with an
    episode at one of its providers."""
    at_provider = Episode.objects.filter(case=OuterRef("pk"), offer__provider__unit=unit)
    return Case.objects.filter(Q(team=unit) | Q(Exists(at_provider)))


def unit_episodes(unit: Unit) -> QuerySet[Episode]:
    """Episodes of the unit's cases: all episodes of a team's cases; an institution's own."""
    return Episode.objects.filter(Q(case__team=unit) | Q(offer__provider__unit=unit))


def unit_transition_q(unit: Unit, prefix: str = "") -> Q:
    return (
        Q(**{f"{prefix}case__team": unit})
        | Q(**{f"{prefix}residential_episode__offer__provider__unit": unit})
        | Q(**{f"{prefix}outpatient_episode__offer__provider__unit": unit})
    )


def unit_transitions(unit: Unit) -> QuerySet[Transition]:
    """Handovers of the unit's cases: the team's, or from or to one of the unit's providers."""
    return Transition.objects.filter(unit_transition_q(unit)).exclude(
        status=Transition.Status.CANCELLED
    )
