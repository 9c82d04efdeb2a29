"""What the handover builder makes (`Handover`), its stages, and the case and people it starts
from (`HandoverBase`)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from transitions.models import (
    ActionItem,
    AftercareCommitment,
    CheckIn,
    PlanSection,
    StatusMeeting,
    StatusNote,
    Transition,
)
from treatment_options.models import TreatmentType

STAGES = ("planning", "ready", "handed_over", "completed")


@dataclass
class Handover:
    """What the builder made. Lists hold the rows in the order they were made."""

    case: Any
    transition: Transition
    residential_episode: Any
    outpatient_episode: Any = None
    notes: list[StatusNote] = field(default_factory=list)
    meetings: list[StatusMeeting] = field(default_factory=list)
    commitments: list[AftercareCommitment] = field(default_factory=list)
    action_items: list[ActionItem] = field(default_factory=list)
    checkins: list[CheckIn] = field(default_factory=list)

    def section(self, key: str) -> PlanSection:
        return self.transition.plan_sections.get(key=key)

    @property
    def final_checkin(self) -> CheckIn | None:
        return self.transition.checkins.filter(kind=CheckIn.Kind.FINAL).first()


def stage_level(stage: str) -> int:
    if stage not in STAGES:
        raise ValueError(f"stage must be one of {', '.join(STAGES)}, not {stage!r}")
    return STAGES.index(stage)


class HandoverBase:
    """The case and the people of a handover. The residential episode is the case's started
    residential episode (or the one given); `rows` makes one at `residential_offer` when there
    is none."""

    def __init__(
        self,
        case: Any,
        *,
        residential_therapist: Any = None,
        outpatient_therapist: Any = None,
        caseworker: Any = None,
        residential_episode: Any = None,
        residential_offer: Any = None,
        outpatient_offer: Any = None,
    ) -> None:
        self.case = case
        self.residential_therapist = residential_therapist
        self.outpatient_therapist = outpatient_therapist
        self.caseworker = caseworker or case.caseworker
        self.residential_episode = residential_episode
        self.residential_offer = residential_offer
        self.outpatient_offer = outpatient_offer

    @property
    def author(self) -> Any:
        """Who writes notes and books meetings when the test does not say."""
        return self.residential_therapist or self.caseworker

    def _started_residential_episode(self) -> Any:
        if self.residential_episode is not None:
            return self.residential_episode
        return (
            self.case.episodes.filter(
                offer__treatment_type=TreatmentType.RESIDENTIAL, actual_start__isnull=False
            )
            .order_by("-actual_start", "-pk")
            .first()
        )
