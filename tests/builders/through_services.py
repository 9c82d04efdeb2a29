"""The handover made through the product's services, as users make it (`ThroughServices`)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date, datetime, time, timedelta
from typing import Any

from django.utils import timezone

from transitions import services as handover_services
from transitions.models import StatusNote, Transition
from treatment_options.services import episode_end

from .handover import STAGES, Handover, HandoverBase, stage_level

# The texts a stage needs when the test gives none: real sentences, because the receiver's
# confirmation refuses placeholders (transitions.readiness.is_non_trivial).
BEFORE_DISCHARGE_NOTE: dict[str, Any] = {
    "kind": StatusNote.Kind.BEFORE_DISCHARGE,
    "severity": StatusNote.Severity.WATCH,
    "summary": "Stabil i seks uger, usikker på boligsituationen.",
    "risks": "Tilbagefald ved ensomhed i weekenderne.",
    "contingency": "Ring til ambulant behandler samme dag; akuttelefon uden for åbningstid.",
    "overdose_risk": "Lav tolerance efter 12 uger; naloxon udleveret.",
}
# The overdose safety a drug case's before-discharge note needs (DESIGN §5.11).
OVERDOSE_SAFETY: dict[str, Any] = {
    "naloxone": StatusNote.Naloxone.YES,
    "tolerance_talk": True,
    "first_72h_who": "Anders Ambulant, ambulant behandler",
    "first_72h_when": "Dagen efter udskrivning kl. 10",
    "first_72h_unreachable": "Ring til søsteren; ellers opsøgende besøg samme dag.",
}
BEFORE_DISCHARGE_NOTE.update(OVERDOSE_SAFETY)
CONFIRMATION = {
    "situation": "Borgeren er stabil, men bekymret for boligen og ensomheden i weekenderne.",
    "actions": "Samtaler hver uge, og møde med boligsocial medarbejder inden for to uger.",
    "contingency": "Ved tegn på tilbagefald ringer jeg samme dag og kontakter søsteren.",
}
FINAL_CHECKIN_ANSWER = "At være alene i lejligheden om aftenen."


class ThroughServices(HandoverBase):
    """`through_services()`: for tests of what users do next (pages, the API, services)."""

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
        level = stage_level(stage)
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
        items = spec.pop("action_items", ())
        actor = spec.setdefault("actor", self.author)
        if spec.get("held"):
            # A meeting held is recorded with its minutes (DESIGN §5.13).
            spec.setdefault("minutes", "Borgeren fortalte om planerne for de første uger hjemme.")
            spec.setdefault("decisions", "Første ambulante samtale tre dage efter udskrivning.")
        meeting = handover_services.meeting_create(transition=handover.transition, **spec)
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
