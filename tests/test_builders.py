"""The handover builder (tests/builders/) makes each stage both ways: through the services
(as users make it) and as rows (on any date)."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.utils import timezone

from cases.models import CaseEvent
from tests import factories
from tests.builders import STAGES, HandoverBuilder
from tests.clock import TODAY, at
from transitions.models import CheckIn, PlanSectionKey, StatusNote, Transition
from transitions.readiness import readiness_missing
from transitions.selectors import readiness_facts

pytestmark = pytest.mark.usefixtures("clock")


@pytest.mark.parametrize("stage", STAGES)
def test_through_services_reaches_the_stage(handover_builder, stage):
    handover = handover_builder.through_services(stage=stage)

    assert handover.transition.status == stage
    assert handover.transition.plan_sections.count() == len(PlanSectionKey.values)
    assert handover.final_checkin is not None
    assert CaseEvent.objects.filter(case=handover.case, kind=CaseEvent.Kind.HANDOVER).exists()


def test_through_services_planning_names_nobody_unless_asked(residential_case, caseworker):
    handover = HandoverBuilder(residential_case, caseworker=caseworker).through_services()

    assert handover.transition.outpatient_therapist is None
    assert handover.transition.first_appointment_at is None


def test_through_services_ready_has_the_whole_checklist(handover_builder, outpatient_therapist):
    handover = handover_builder.through_services(stage="ready")

    transition = handover.transition
    assert readiness_missing(readiness_facts(transition)) == []
    assert transition.outpatient_therapist == outpatient_therapist
    assert [n.kind for n in handover.notes] == [StatusNote.Kind.BEFORE_DISCHARGE]
    assert [m.held for m in handover.meetings] == [True]


def test_through_services_handed_over_schedules_the_checkins(handover_builder):
    handover = handover_builder.through_services(stage="handed_over")

    assert handover.transition.discharged_on == TODAY
    assert handover.residential_episode.actual_end == TODAY
    weeks = handover.transition.checkins.filter(kind=CheckIn.Kind.AFTERCARE)
    assert sorted(weeks.values_list("weeks_after_discharge", flat=True)) == [2, 6, 12, 26, 52]


def test_through_services_completed_is_confirmed_by_the_receiver(
    handover_builder, outpatient_therapist
):
    transition = handover_builder.through_services(stage="completed").transition

    assert transition.confirmed_by == outpatient_therapist
    assert transition.completed_at == timezone.now()


def test_through_services_saves_plan_notes_meetings_and_items(
    handover_builder, outpatient_therapist
):
    handover = handover_builder.through_services(
        plan={"goals": "Holde mig ædru."},
        commitments=[
            {"description": "Samtaler", "frequency": "Hver uge", "starts_on": TODAY},
        ],
        notes=[{"kind": "start", "body": "Godt i gang."}],
        meetings=[
            {
                "starts_at": timezone.now() + timedelta(days=7),
                "place": "Sydgården",
                "action_items": [
                    {"text": "Book samtale", "due_on": TODAY, "owner": outpatient_therapist}
                ],
            }
        ],
    )

    assert (handover.section("goals").text, handover.section("goals").version) == (
        "Holde mig ædru.",
        1,
    )
    assert [c.description for c in handover.commitments] == ["Samtaler"]
    assert [n.body for n in handover.notes] == ["Godt i gang."]
    assert [i.meeting for i in handover.action_items] == handover.meetings
    assert handover.transition.status == Transition.Status.PLANNING


@pytest.mark.parametrize("stage", STAGES)
def test_rows_set_the_stage_and_nothing_else(handover_builder, stage):
    discharged = None if stage in ("planning", "ready") else TODAY

    handover = handover_builder.rows(stage=stage, discharged_on=discharged)

    transition = handover.transition
    assert transition.status == stage
    assert transition.discharged_on == discharged
    assert handover.residential_episode.actual_end == discharged
    assert transition.plan_sections.count() == 0
    assert transition.checkins.count() == 0
    assert not CaseEvent.objects.filter(case=handover.case, kind=CaseEvent.Kind.HANDOVER).exists()


def test_rows_after_discharge_need_the_discharge_date(handover_builder):
    with pytest.raises(ValueError, match="discharged_on"):
        handover_builder.rows(stage="handed_over")


def test_rows_make_every_row_asked_for(
    handover_builder, caseworker, residential_therapist, outpatient_therapist, outpatient_offer
):
    discharged = TODAY
    handover_builder.outpatient_offer = outpatient_offer
    handover = handover_builder.rows(
        stage="completed",
        discharged_on=discharged,
        outpatient_episode={"actual_start": discharged + timedelta(days=3)},
        plan={PlanSectionKey.GOALS: "Mål", PlanSectionKey.RELAPSE: {"text": "Tegn", "version": 2}},
        commitments=[
            {
                "description": "Samtaler",
                "changes": [
                    {"created_at": at(discharged)},
                    {"kind": "reduced", "created_at": at(discharged)},
                ],
            }
        ],
        notes=[
            {
                "kind": "before_discharge",
                "written_at": at(discharged),
                "acknowledgements": [{"user": outpatient_therapist}],
            }
        ],
        meetings=[
            {
                "starts_at": at(discharged, 13),
                "held": True,
                "participants": [residential_therapist, {"user": caseworker}],
                "action_items": [{"text": "Book samtale", "due_on": discharged}],
            }
        ],
        checkins=[{"label": "Afsluttende samtale", "kind": "final", "due_on": discharged}],
        first_outpatient_contact_on=discharged + timedelta(days=3),
    )

    transition = handover.transition
    assert transition.outpatient_episode == handover.outpatient_episode
    assert transition.gap_days == 3
    sections = {s.key: (s.text, s.version) for s in transition.plan_sections.all()}
    assert len(sections) == len(PlanSectionKey.values)
    assert sections["goals"] == ("Mål", 0)
    assert sections["relapse"] == ("Tegn", 2)
    assert handover.commitments[0].changes.count() == 2
    assert handover.notes[0].acknowledgements.get().user == outpatient_therapist
    assert handover.notes[0].author == residential_therapist
    assert set(handover.meetings[0].participants.values_list("user", flat=True)) == {
        residential_therapist.pk,
        caseworker.pk,
    }
    assert [i.meeting for i in handover.action_items] == handover.meetings
    assert [c.kind for c in handover.checkins] == ["final"]


def test_rows_make_a_residential_episode_at_the_offer(caseworker, team_nord, residential_offer):
    case = factories.CaseFactory(team=team_nord, caseworker=caseworker)

    handover = HandoverBuilder(case, residential_offer=residential_offer).rows(
        start=date(2026, 1, 5), residential_episode={"treatment_plan_on": date(2026, 1, 8)}
    )

    episode = handover.residential_episode
    assert (episode.offer, episode.actual_start) == (residential_offer, date(2026, 1, 5))
    assert episode.treatment_plan.made_on == date(2026, 1, 8)
    assert handover.transition.case == case
