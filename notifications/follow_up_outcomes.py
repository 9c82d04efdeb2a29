"""The rules of a follow-up's outcome (BEK 1477/2019 § 4, DESIGN §3.1), pure.

Standard library only. The outcome values are `notifications.models.FollowUp.Outcome`'s (a test
holds them equal); the service `notifications.follow_ups` applies these rules.
"""

from __future__ import annotations

from typing import Final

HELD: Final = "held"
DECLINED: Final = "declined"
NOT_REACHED: Final = "not_reached"
OUTCOMES: Final = frozenset({HELD, DECLINED, NOT_REACHED})

# The team's default number of dated attempts before "not reached" (accounts.Unit).
DEFAULT_ATTEMPTS: Final = 3


def reminders_stop(outcome: str) -> bool:
    """A follow-up stops being reminded once it has an outcome; attempts alone do not stop it."""
    return outcome in OUTCOMES


def not_reached_allowed(attempts: int, required: int) -> bool:
    """ "Not reached" may be recorded only after the set number of dated attempts."""
    return attempts >= max(required, 1)


def findings_apply(outcome: str) -> bool:
    """What was found (use, housing, work, network, need for new treatment) is recorded with a
    held follow-up only: a citizen who declined or was not reached told nothing."""
    return outcome == HELD
