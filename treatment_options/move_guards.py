"""The guards of the case's lifecycle (`cases.lifecycle`) that the case's episodes decide,
registered on `cases.hooks.move_guards` in TreatmentOptionsConfig.ready()."""

from __future__ import annotations

from datetime import date

from django.db.models import Max
from django.utils.translation import gettext as _

from cases import lifecycle
from cases.hooks import MoveGuard
from cases.models import Case

from .models import Episode


def has_started_episode_problem(case: Case) -> str | None:
    """Treatment start needs an episode with an actual start date."""
    if not Episode.objects.filter(case=case, actual_start__isnull=False).exists():
        return _("Behandlingsstart kan først registreres, når et forløb har en faktisk startdato.")
    return None


def no_open_episode_problem(case: Case) -> str | None:
    """A case cannot be closed while the citizen is in an ongoing episode."""
    if Episode.objects.filter(
        case=case, actual_start__isnull=False, actual_end__isnull=True
    ).exists():
        return _(
            "Sagen kan ikke afsluttes, mens borgeren er i et igangværende forløb. "
            "Afslut forløbet først."
        )
    return None


def last_episode_end(case: Case) -> date | None:
    """The latest actual end of the case's episodes: the course cannot end before it."""
    last: date | None = Episode.objects.filter(case=case).aggregate(last=Max("actual_end"))["last"]
    return last


EPISODE_MOVE_GUARDS = (
    MoveGuard(lifecycle.GUARD_HAS_STARTED_EPISODE, has_started_episode_problem),
    MoveGuard(lifecycle.GUARD_NO_OPEN_EPISODE, no_open_episode_problem),
)
