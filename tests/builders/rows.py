"""The handover written as rows with the factories, on any dates (`Rows`)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date, timedelta
from typing import Any

from tests import factories
from transitions.models import PlanSectionKey, StatusMeeting, StatusNote, Transition

from .handover import STAGES, Handover, HandoverBase, stage_level


class Rows(HandoverBase):
    """`rows()`: for history on exact dates (report figures, reminder rules)."""

    def rows(
        self,
        *,
        stage: str = "planning",
        start: date | None = None,
        discharged_on: date | None = None,
        residential_episode: Mapping[str, Any] | None = None,
        outpatient_episode: Mapping[str, Any] | None = None,
        plan: Mapping[str, str | Mapping[str, Any]] | None = None,
        commitments: Sequence[Mapping[str, Any]] = (),
        notes: Sequence[Mapping[str, Any]] = (),
        meetings: Sequence[Mapping[str, Any]] = (),
        action_items: Sequence[Mapping[str, Any]] = (),
        checkins: Sequence[Mapping[str, Any]] = (),
        **transition_fields: Any,
    ) -> Handover:
        """Exactly the rows asked for, with the factories:

        - the residential episode: the case's started one, or a new one at
          `residential_offer` started on `start` (default three days after the inquiry) with
          `residential_episode` as further fields. From handed_over on it ends on
          `discharged_on` ("completed" unless `end_reason` is given).
        - `outpatient_episode`: fields of an episode at `outpatient_offer`, linked to the
          transition.
        - the transition: the stage's status, the builder's therapists, `discharged_on` and by
          default a planned discharge on the same day, then `transition_fields` (any field).
        - `plan`: all ten sections when given, a text or the section's fields per key.
        - `commitments` (each may list its history as `changes`), `notes` (each may list
          `acknowledgements`), `meetings` (each may list `participants`, users or fields, and
          its `action_items`), `action_items` and `checkins`: fields of one row each.

        No case events, notifications or scheduled check-ins; the grants follow the rows
        (`case_access_sync`, as the factories do)."""
        level = stage_level(stage)
        if level >= STAGES.index("handed_over") and discharged_on is None:
            raise ValueError(f"a {stage} handover needs discharged_on")
        episode = self._residential_episode_row(
            start=start,
            ended_on=discharged_on if level >= STAGES.index("handed_over") else None,
            fields=residential_episode or {},
        )
        outpatient = None
        if outpatient_episode is not None:
            outpatient = factories.EpisodeFactory(
                **{"case": self.case, "offer": self.outpatient_offer, **outpatient_episode}
            )
        fields: dict[str, Any] = {
            "case": self.case,
            "residential_episode": episode,
            "outpatient_episode": outpatient,
            "residential_therapist": self.residential_therapist,
            "outpatient_therapist": self.outpatient_therapist,
            "status": Transition.Status(stage),
        }
        if discharged_on is not None:
            fields["discharged_on"] = discharged_on
            fields["planned_discharge_on"] = discharged_on
        fields.update(transition_fields)
        transition = factories.TransitionFactory(**fields)
        handover = Handover(
            case=self.case,
            transition=transition,
            residential_episode=episode,
            outpatient_episode=outpatient,
        )
        if plan is not None:
            for key in PlanSectionKey.values:
                section = plan.get(key, "")
                section = {"text": section} if isinstance(section, str) else dict(section)
                factories.PlanSectionFactory(transition=transition, key=key, **section)
        for spec in commitments:
            handover.commitments.append(self._commitment_row(transition, spec))
        for spec in notes:
            handover.notes.append(self._note_row(transition, spec))
        for spec in meetings:
            handover.meetings.append(self._meeting_row(handover, spec))
        for spec in action_items:
            handover.action_items.append(
                factories.ActionItemFactory(
                    **{"transition": transition, "created_by": self.author, **spec}
                )
            )
        for spec in checkins:
            handover.checkins.append(factories.CheckInFactory(**{"transition": transition, **spec}))
        return handover

    def _residential_episode_row(
        self, *, start: date | None, ended_on: date | None, fields: Mapping[str, Any]
    ) -> Any:
        episode = self._started_residential_episode() if self.residential_offer is None else None
        if episode is None:
            if self.residential_offer is None:
                raise ValueError("no started residential episode: give residential_offer")
            fields = {
                "case": self.case,
                "offer": self.residential_offer,
                "actual_start": start or self.case.inquiry_date + timedelta(days=3),
                **fields,
            }
            if ended_on is not None:
                fields.setdefault("actual_end", ended_on)
                fields.setdefault("end_reason", "completed")
            return factories.EpisodeFactory(**fields)
        if ended_on is not None and episode.actual_end is None:
            episode.actual_end = ended_on
            episode.end_reason = fields.get("end_reason", "completed")
            episode.save(update_fields=["actual_end", "end_reason"])
        return episode

    def _commitment_row(self, transition: Transition, spec: Mapping[str, Any]) -> Any:
        spec = dict(spec)
        changes = spec.pop("changes", ())
        commitment = factories.AftercareCommitmentFactory(transition=transition, **spec)
        for change in changes:
            factories.CommitmentChangeFactory(
                **{"commitment": commitment, "actor": self.outpatient_therapist, **change}
            )
        return commitment

    def _note_row(self, transition: Transition, spec: Mapping[str, Any]) -> StatusNote:
        spec = dict(spec)
        acknowledgements = spec.pop("acknowledgements", ())
        note = factories.StatusNoteFactory(
            **{"transition": transition, "author": self.author, **spec}
        )
        for ack in acknowledgements:
            factories.NoteAcknowledgementFactory(note=note, **ack)
        return note

    def _meeting_row(self, handover: Handover, spec: Mapping[str, Any]) -> StatusMeeting:
        spec = dict(spec)
        participants = spec.pop("participants", ())
        items = spec.pop("action_items", ())
        meeting = factories.StatusMeetingFactory(
            **{"transition": handover.transition, "created_by": self.author, **spec}
        )
        for participant in participants:
            fields = participant if isinstance(participant, Mapping) else {"user": participant}
            factories.ParticipantFactory(meeting=meeting, **fields)
        for item in items:
            handover.action_items.append(
                factories.ActionItemFactory(
                    **{
                        "transition": handover.transition,
                        "meeting": meeting,
                        "created_by": self.author,
                        **item,
                    }
                )
            )
        return meeting
