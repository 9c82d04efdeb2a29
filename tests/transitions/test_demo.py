"""The demo data: transitions at four stages, made through the services."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.core.management import call_command
from django.utils import timezone

from cases.models import ActionPlan, CaseEvent, ConcernNotification, TreatmentConsent
from tests import factories
from transitions.demo import seed_transitions_demo
from transitions.models import (
    ActionItem,
    CheckIn,
    CheckInSchedule,
    CommitmentDelivery,
    Participant,
    StatusNote,
    Transition,
)
from treatment_options.models import Contact

pytestmark = pytest.mark.django_db


def test_seed_makes_transitions_at_every_stage(
    team_nord,
    caseworker,
    residential_offer,
    outpatient_offer,
    residential_therapist,
    outpatient_therapist,
):
    today = timezone.localdate()
    cases = []
    for _ in range(4):
        case = factories.CaseFactory(
            team=team_nord,
            caseworker=caseworker,
            inquiry_date=today - timedelta(weeks=12),
            status="in_treatment",
        )
        factories.EpisodeFactory(
            case=case,
            offer=residential_offer,
            referral_date=today - timedelta(weeks=11),
            actual_start=today - timedelta(weeks=10),
            planned_end=today + timedelta(weeks=2),
        )
        cases.append(case)

    transitions = seed_transitions_demo(
        cases_with_residential_episodes=cases,
        residential_therapist=residential_therapist,
        outpatient_therapist=outpatient_therapist,
        caseworker=caseworker,
    )

    for t in transitions:
        t.refresh_from_db()
    assert [t.status for t in transitions] == ["planning", "ready", "handed_over", "completed"]
    assert Participant.objects.filter(basis="consent", party_kind="employer").count() == 3
    assert Participant.objects.filter(basis="rpl115", party_kind="kriminalforsorgen").count() == 2
    completed = Transition.objects.get(status="completed")
    assert completed.gap_days is not None
    # The demo's drug cases write the overdose safety (DESIGN §5.11) into the note.
    notes = StatusNote.objects.filter(kind="before_discharge")
    assert notes.exists()
    assert all(n.naloxone == "yes" and n.tolerance_talk and n.first_72h_unreachable for n in notes)
    assert completed.checkins.filter(answered_at__isnull=False).count() >= 2
    assert CaseEvent.objects.filter(kind="handover").exists()
    # Aftercare contacts after discharge (§5.10): weekly, one missed, delivering the commitments.
    handed_over = [t for t in transitions if t.discharged_on is not None]
    assert all(t.outpatient_episode_id is not None for t in handed_over)
    contacts = Contact.objects.filter(episode__case__in=[t.case_id for t in handed_over])
    assert contacts.filter(outcome="attended").exists()
    assert contacts.filter(outcome="missed").exists()
    assert CommitmentDelivery.objects.count() == contacts.count()


def test_the_demo_has_the_case_records_of_issue_13():
    call_command("seed_demo", "--force")
    assert TreatmentConsent.objects.filter(case__legal_basis="BL33").exists()
    notification = ConcernNotification.objects.get()
    assert notification.disclosure.basis == "bl133"
    assert notification.case.children_in_home == 2
    assert ActionPlan.objects.get().versions.count() == 2


def test_the_demo_has_course_check_ins_and_a_changed_schedule():
    """Issue 15: outpatient-only courses have check-ins; one schedule was changed with a
    reason (on the timeline)."""
    call_command("seed_demo", "--force")
    assert CheckIn.objects.filter(transition__isnull=True).exists()
    assert CheckInSchedule.objects.filter(weeks=[1, 2, 6, 12, 26, 52]).exists()
    event = CaseEvent.objects.filter(data__action="checkin_schedule").first()
    assert event is not None and event.data["reason"]
    # One answered "needs follow-up", with the caseworker's task on the course.
    [task] = ActionItem.objects.filter(transition__isnull=True, kind="follow_up")
    assert task.checkin is not None and task.checkin.needs_follow_up
    assert task.owner_id == task.case.caseworker_id is not None


def test_the_demo_has_follow_ups_with_their_outcomes():
    from notifications.models import FollowUp

    call_command("seed_demo", "--force")
    rows = {f.due_kind: f for f in FollowUp.objects.filter(case__citizen__first_name="Ida")}
    assert (rows["1m"].outcome, rows["1m"].use, rows["1m"].attempts.count()) == (
        "held",
        "reduced",
        1,
    )
    assert (rows["6m"].outcome, rows["6m"].attempts.count()) == ("not_reached", 3)
