"""How the handover reacts to the moments of lower apps (connected in `TransitionsConfig.ready`).

DESIGN §5: the handover starts when the residential episode starts, not at discharge, and a
residential episode's end is the discharge. The episode services send their signals inside
their transaction (treatment_options.hooks), so these writes are atomic with the episode's.
"""

from __future__ import annotations

from typing import Any

from accounts.models import User
from treatment_options.discharge import OUTPATIENT_TYPES
from treatment_options.models import Episode, TreatmentType

from .services import (
    course_checkins_schedule,
    transition_create_for_episode,
    transition_record_discharge,
)


def open_handover_on_residential_start(
    sender: Any, *, episode: Episode, actor: User, **kwargs: Any
) -> None:
    """treatment_options.hooks.episode_started: a residential start opens the handover."""
    if episode.offer.treatment_type == TreatmentType.RESIDENTIAL:
        transition_create_for_episode(episode=episode, actor=actor)


def record_discharge_on_residential_end(
    sender: Any, *, episode: Episode, actor: User, **kwargs: Any
) -> None:
    """treatment_options.hooks.episode_ended: a residential end is the discharge."""
    if episode.offer.treatment_type == TreatmentType.RESIDENTIAL:
        transition_record_discharge(episode=episode, actor=actor)


def schedule_checkins_on_outpatient_start(
    sender: Any, *, episode: Episode, actor: User, **kwargs: Any
) -> None:
    """treatment_options.hooks.episode_started: on an outpatient-only course the check-ins are
    counted from the start of outpatient treatment (DESIGN §5.10); after a residential stay
    they stay counted from its discharge (course_checkins_schedule decides)."""
    if episode.offer.treatment_type in OUTPATIENT_TYPES:
        course_checkins_schedule(case=episode.case)
