"""The case list's caseworker and team choices, read once per process and kept a minute.

Every case list draws its filter form; reading the active caseworkers and the teams on every
request cost two queries a page (issue 17). The choices change when an administrator adds a
user or a team: a save in this process forgets them at once (cases.apps connects
`filter_choices_forget` to the saves of users, units and group memberships); another worker
process reads them again within CHOICES_TTL seconds. A choice that is not (yet) in the list
is an invalid filter value, which the list ignores, as it ignores any other.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Any

from .fields import UserChoiceField, caseworker_queryset, team_queryset

type Choices = list[tuple[int, str]]

CHOICES_TTL = 60.0

_cached: dict[str, tuple[float, Choices]] = {}


def _read(name: str, load: Callable[[], Choices]) -> Choices:
    now = time.monotonic()
    hit = _cached.get(name)
    if hit is not None and now - hit[0] < CHOICES_TTL:
        return hit[1]
    choices = load()
    _cached[name] = (now, choices)
    return choices


def _caseworkers() -> Choices:
    label = UserChoiceField(queryset=caseworker_queryset()).label_from_instance
    return [(user.pk, label(user)) for user in caseworker_queryset()]


def _teams() -> Choices:
    return [(unit.pk, str(unit)) for unit in team_queryset()]


def caseworker_choices() -> Choices:
    """(id, "Name (Team)") of the active caseworkers, by name."""
    return _read("caseworkers", _caseworkers)


def team_choices() -> Choices:
    """(id, name) of the municipal teams, by name."""
    return _read("teams", _teams)


def filter_choices_forget(**kwargs: Any) -> None:
    """Forget the cached choices (a signal receiver: a user, unit or membership was saved)."""
    _cached.clear()
