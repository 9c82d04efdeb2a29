"""One builder for handover scenarios: `HandoverBuilder`.

A handover (a `Transition`) hangs on a case with a started residential episode. The builder
takes the case and the people once, then makes the handover at a stage, one of `STAGES`:
planning, ready, handed_over, completed. Later stages include the earlier ones.

It builds in one of two ways, and both return a `Handover`:

- `through_services(stage=...)`: the product's own path (`transitions.services`, and
  `episode_end` for the discharge), at the frozen clock's now. The rows, grants, case events
  and scheduled check-ins are what a user would leave behind. Use it for tests of what comes
  next: pages, the API, later services.
- `rows(stage=...)`: rows written directly with the factories, on any dates, and only the rows
  asked for (no events, no notifications, no scheduled check-ins). Use it for history with
  exact dates: the report figures, the reminder rules.

    builder = HandoverBuilder(case, residential_therapist=dorte, outpatient_therapist=anders)
    handover = builder.through_services(stage="ready")
    handover.transition.status  # "ready"
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from typing import Any

from django.utils import timezone

from tests import factories
from transitions import services as handover_services
from transitions.models import (
    ActionItem,
    AftercareCommitment,
    CheckIn,
    PlanSection,
    PlanSectionKey,
    StatusMeeting,
    StatusNote,
    Transition,
)
from treatment_options.models import TreatmentType
from treatment_options.services import episode_end

STAGES = ("planning", "ready", "handed_over", "completed")

# The texts a stage needs when the test gives none: real sentences, because the receiver's
# confirmation refuses placeholders (transitions.readiness.is_non_trivial).
BEFORE_DISCHARGE_NOTE = {
    "kind": StatusNote.Kind.BEFORE_DISCHARGE,
    "severity": StatusNote.Severity.WATCH,
    "summary": "Stabil i seks uger, usikker på boligsituationen.",
    "risks": "Tilbagefald ved ensomhed i weekenderne.",
    "contingency": "Ring til ambulant behandler samme dag; akuttelefon uden for åbningstid.",
    "overdose_risk": "Lav tolerance efter 12 uger; naloxon udleveret.",
}
CONFIRMATION = {
    "situation": "Borgeren er stabil, men bekymret for boligen og ensomheden i weekenderne.",
    "actions": "Samtaler hver uge, og møde med boligsocial medarbejder inden for to uger.",
    "contingency": "Ved tegn på tilbagefald ringer jeg samme dag og kontakter søsteren.",
}
FINAL_CHECKIN_ANSWER = "At være alene i lejligheden om aftenen."


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


def _check_stage(stage: str) -> int:
    if stage not in STAGES:
        raise ValueError(f"stage must be one of {', '.join(STAGES)}, not {stage!r}")
    return STAGES.index(stage)


class HandoverBuilder:
    """Makes the handover of `case`. The residential episode is the case's started residential
    episode (or the one given); `rows` makes one at `residential_offer` when there is none."""

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

    # --- the product's path ---------------------------------------------------------------

    def through_services(
        self,
        *,
        stage: str = "planning",
        planned_discharge_on: date | None = None,
        first_appointment_at: datetime | None = None,
        first_appointment_place: str = "",
        first_appointment_with: str = "",
        plan: Mapping[str, str] | None = None,
        commitments: Sequence[Mapping[str, Any]] = (),
        notes: Sequence[Mapping[str, Any]] = (),
        meetings: Sequence[Mapping[str, Any]] = (),
        action_items: Sequence[Mapping[str, Any]] = (),
        discharged_on: date | None = None,
    ) -> Handover:
        """The handover made as users make it, up to `stage`:

        - planning: `transition_create_for_episode` (ten empty sections, the final check-in);
          with an outpatient therapist, a planned discharge or a first appointment given,
          `transition_update` by the caseworker names them.
        - ready: what the readiness checklist asks for, where the test gave none: the first
          appointment (three days after the planned discharge, 10:00), a held meeting, a
          before-discharge note and the answered final check-in.
        - handed_over: the residential episode ends (`episode_end`, on `discharged_on`,
          default today), which records the discharge and schedules the check-ins.
        - completed: the receiver acknowledges the note and confirms in their own words.

        `plan` maps section keys to texts (saved as version 1). `commitments`, `notes`,
        `meetings` and `action_items` are keyword arguments of `commitment_create`,
        `status_note_create`, `meeting_create` and `action_item_create` (the transition is
        filled in, the actor defaults to the residential therapist, or the caseworker). A meeting
        may also say `held=True` and list its own `action_items`."""
        level = _check_stage(stage)
        episode = self._started_residential_episode()
        transition = handover_services.transition_create_for_episode(
            episode=episode, actor=self.author
        )
        if level >= STAGES.index("ready"):
            if self.outpatient_therapist is None:
                raise ValueError("a handover is ready only with an outpatient therapist named")
            planned_discharge_on = planned_discharge_on or transition.planned_discharge_on
            if planned_discharge_on is None:
                planned_discharge_on = timezone.localdate()
            if first_appointment_at is None:
                first_appointment_at = timezone.make_aware(
                    datetime.combine(planned_discharge_on + timedelta(days=3), time(10))
                )
        if (
            self.outpatient_therapist is not None
            or planned_discharge_on is not None
            or first_appointment_at is not None
        ):
            transition = handover_services.transition_update(
                transition=transition,
                actor=self.caseworker,
                changes=handover_services.TransitionChanges(
                    outpatient_therapist=self.outpatient_therapist,
                    planned_discharge_on=planned_discharge_on or transition.planned_discharge_on,
                    first_appointment_at=first_appointment_at,
                    first_appointment_place=first_appointment_place,
                    first_appointment_with=first_appointment_with,
                ),
            )
        handover = Handover(case=self.case, transition=transition, residential_episode=episode)
        for key, text in (plan or {}).items():
            section = transition.plan_sections.get(key=key)
            handover_services.plan_section_save(
                actor=self.author, section=section, text=text, based_on_version=section.version
            )
        for spec in commitments:
            handover.commitments.append(
                handover_services.commitment_create(
                    **{"transition": transition, "actor": self.author, **spec}
                )
            )
        for spec in notes:
            handover.notes.append(
                handover_services.status_note_create(
                    **{"transition": transition, "actor": self.author, **spec}
                )
            )
        for spec in meetings:
            self._meeting_through_services(handover, spec)
        for spec in action_items:
            handover.action_items.append(
                handover_services.action_item_create(
                    **{"transition": transition, "actor": self.author, **spec}
                )
            )
        if level >= STAGES.index("ready"):
            self._make_ready_through_services(handover)
        if level >= STAGES.index("handed_over"):
            episode_end(
                actor=self.caseworker,
                episode=episode,
                actual_end=discharged_on or timezone.localdate(),
                end_reason="completed",
            )
        if level >= STAGES.index("completed"):
            note = next(n for n in handover.notes if n.kind == StatusNote.Kind.BEFORE_DISCHARGE)
            handover_services.status_note_acknowledge(note=note, user=self.outpatient_therapist)
            handover_services.transition_confirm(
                transition=handover.transition, actor=self.outpatient_therapist, **CONFIRMATION
            )
        handover.transition = Transition.objects.get(pk=transition.pk)
        handover.residential_episode.refresh_from_db()
        handover.checkins = list(handover.transition.checkins.all())
        return handover

    def _meeting_through_services(self, handover: Handover, spec: Mapping[str, Any]) -> None:
        spec = dict(spec)
        held = spec.pop("held", False)
        items = spec.pop("action_items", ())
        actor = spec.setdefault("actor", self.author)
        meeting = handover_services.meeting_create(transition=handover.transition, **spec)
        if held:
            meeting = handover_services.meeting_update(
                meeting=meeting,
                actor=actor,
                agenda=meeting.agenda,
                minutes="Borgeren fortalte om planerne for de første uger hjemme.",
                decisions="Første ambulante samtale tre dage efter udskrivning.",
                held=True,
            )
        handover.meetings.append(meeting)
        for item in items:
            handover.action_items.append(
                handover_services.action_item_create(
                    **{
                        "transition": handover.transition,
                        "actor": actor,
                        "meeting": meeting,
                        **item,
                    }
                )
            )

    def _make_ready_through_services(self, handover: Handover) -> None:
        transition = handover.transition
        if not any(m.held for m in handover.meetings):
            self._meeting_through_services(
                handover,
                {
                    "starts_at": timezone.now() - timedelta(days=1),
                    "place": "Sydgården, mødelokale 2",
                    "held": True,
                },
            )
        if not any(n.kind == StatusNote.Kind.BEFORE_DISCHARGE for n in handover.notes):
            action = handover_services.PlannedAction(
                text="Book møde med boligsocial medarbejder",
                owner=self.outpatient_therapist,
                due_on=timezone.localdate() + timedelta(days=14),
            )
            handover.notes.append(
                handover_services.status_note_create(
                    transition=transition,
                    actor=self.author,
                    actions=[action],
                    **BEFORE_DISCHARGE_NOTE,
                )
            )
        final = handover.final_checkin
        if final is not None and final.answered_at is None:
            handover_services.checkin_answer(
                checkin=final,
                actor=self.author,
                answer=FINAL_CHECKIN_ANSWER,
                themes=["network", "relapse"],
                needs_follow_up=False,
            )

    # --- rows on any date ------------------------------------------------------------------

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
        level = _check_stage(stage)
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
