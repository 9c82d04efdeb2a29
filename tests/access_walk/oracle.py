"""Who may see what, written plainly from the data's relationships (DESIGN §1), never by
asking `cases.access`: the walk's own answer, against which the product is checked.

`access(world, user_kind, letter)` is "edit", "read" or None (the case is foreign).
"""

from __future__ import annotations

from typing import Any

from .world import World

# "A residential therapist keeps read access for 30 days after the handover is completed."
RESIDENTIAL_READ_DAYS = 30


def _owner_team(world: World, letter: str) -> str:
    if letter == "A":
        return "team2" if world.state == "reassigned" else "team1"
    return "team2"


def _number(letter: str) -> str:
    return "1" if letter == "A" else "2"


def _residential_episode_open(world: World, letter: str) -> bool:
    if letter == "A":
        return world.state not in ("handover_day_29", "handover_day_31", "episode_ended")
    return True


def _handover_exists(world: World, letter: str) -> bool:
    return world.cases[letter].handover is not None


def access(world: World, user_kind: str, letter: str) -> str | None:
    """What `user_kind` may do with case `letter` in the world's state, from DESIGN §1."""
    if user_kind in ("anonymous", "admin", "root"):
        # Administrators: users, units, catalogue; no access to case contents by default. A
        # superuser holds every model permission, but no relationship to a case.
        return None
    user = world.users[user_kind]
    owner = world.units[_owner_team(world, letter)]
    n = _number(letter)
    if user_kind.startswith("cw") and user.unit_id == owner.pk:
        return "edit"
    if user_kind in ("mgr1", "mgr2") and user.unit_id == owner.pk:
        return "read"
    if letter == "A" and user_kind == "cw2" and world.state == "glass_3_9h":
        return "read"  # break the glass: 4 hours after the reason
    if user_kind == f"rt{n}":
        if _residential_episode_open(world, letter):
            return "edit"
        if world.state == "handover_day_29":
            return "read"  # 29 of the 30 days after the completed handover
        return None
    if user_kind == f"rmgr{n}":
        if _residential_episode_open(world, letter):
            return "read"  # a manager reads the cases of their unit
        if world.state == "handover_day_29":
            # The 30 days' read access after a completed handover is the institution's (its
            # unit's group holds it), and a manager reads the cases of their unit.
            return "read"
        return None
    if user_kind == f"ot{n}" and _handover_exists(world, letter):
        return "edit"  # named on the transition (and, once completed, the outpatient episode)
    # The outpatient unit's manager (omgr1) reads nothing here: the handover names their
    # therapist, not their unit, and the walk's world makes no outpatient episode. Open
    # question for DESIGN §1 ("a manager reads all cases of their unit"), see the report.
    return None


def foreign_letters(world: World, user_kind: str) -> list[str]:
    return [letter for letter in world.cases if access(world, user_kind, letter) is None]


def read_only_letters(world: World, user_kind: str) -> list[str]:
    return [letter for letter in world.cases if access(world, user_kind, letter) == "read"]


def visible_letters(world: World, user_kind: str) -> list[str]:
    return [letter for letter in world.cases if access(world, user_kind, letter) is not None]


def user_of(world: World, user_kind: str) -> Any:
    return None if user_kind == "anonymous" else world.users[user_kind]


def caseless_citizen_visible(world: World, user_kind: str) -> bool:
    """DESIGN §1: "A citizen registered without any case belongs to the team that registered
    them until a case exists": Team 1's caseworkers and managers, in every state."""
    return user_kind in ("cw1", "mgr1")
