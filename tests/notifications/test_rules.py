"""Each reminder rule of DESIGN §6 around its thresholds: the day before, on the day, after."""

from __future__ import annotations

from datetime import timedelta

import pytest

from cases.guarantee import add_months
from notifications.models import FollowUp
from tests.clock import REMINDER_DAY
from tests.factories.cases import sync_first_request
from transitions.models import StatusMeeting, StatusNote

from .conftest import (
    at,
    make_action_item,
    make_case,
    make_checkin,
    make_episode,
    make_transition,
    run_rule,
)

D = REMINDER_DAY  # the source date of each rule below (deadline, due date, discharge ...)


def day(offset: int):
    return D + timedelta(days=offset)


# --- Guarantee --------------------------------------------------------------------------------


@pytest.fixture
def waiting_case(caseworker, team_nord):
    """Not started; the guarantee deadline is D."""
    return make_case(
        caseworker=caseworker,
        team=team_nord,
        status="referred",
        inquiry_date=D - timedelta(days=14),
        guarantee_deadline=D,
    )


@pytest.mark.parametrize(
    ("offset", "key"),
    [
        (-8, None),
        (-7, "7d"),
        (-6, "7d"),
        (-4, "7d"),
        (-3, "3d"),
        (-2, "3d"),
        (-1, "1d"),
        (0, "1d"),
    ],
)
def test_guarantee_countdown_reminds_the_caseworker_at_7_3_and_1_days(
    waiting_case, caseworker, manager, offset, key
):
    found = run_rule("guarantee", day(offset))
    expected = [] if key is None else [(caseworker.pk, "guarantee_due", f"{key}:{D.isoformat()}")]
    assert found == expected


def test_guarantee_breach_reminds_caseworker_and_the_teams_managers_only(
    waiting_case, caseworker, manager, other_unit_manager
):
    found = run_rule("guarantee", day(1))
    key = f"breached:{D.isoformat()}"
    assert found == sorted(
        [(caseworker.pk, "guarantee_breached", key), (manager.pk, "guarantee_breached", key)]
    )


@pytest.mark.parametrize(
    "change",
    [
        {"treatment_started_on": D - timedelta(days=5)},
        {"free_choice": True},
        {"status": "closed", "closed_on": D - timedelta(days=1)},
        {"legal_basis": "SEL101A"},
        {"regional_dual_diagnosis": True},
    ],
    ids=["started", "free_choice", "closed", "anonymous", "regional"],
)
def test_guarantee_is_silent_when_it_does_not_run(waiting_case, change):
    for field, value in change.items():
        setattr(waiting_case, field, value)
    waiting_case.save()
    sync_first_request(waiting_case)
    assert run_rule("guarantee", day(-1)) == []
    assert run_rule("guarantee", day(1)) == []


def test_guarantee_key_follows_a_corrected_deadline(waiting_case, caseworker):
    first = run_rule("guarantee", day(-3))
    waiting_case.guarantee_deadline = day(1)
    waiting_case.save()
    sync_first_request(waiting_case)
    second = run_rule("guarantee", day(-3))
    assert first[0][2] == f"3d:{D.isoformat()}"
    assert second[0][2] == f"7d:{day(1).isoformat()}"


# --- Handover fixtures ------------------------------------------------------------------------


@pytest.fixture
def handover_case(caseworker, team_nord):
    return make_case(caseworker=caseworker, team=team_nord, inquiry_date=D - timedelta(days=90))


@pytest.fixture
def transition(handover_case, residential_offer, residential_therapist, outpatient_therapist):
    return make_transition(
        handover_case,
        residential_offer,
        residential_therapist=residential_therapist,
        outpatient_therapist=outpatient_therapist,
        planned_discharge_on=D,
    )


# --- Check-ins --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("offset", "rule", "key"),
    [
        (-1, None, None),
        (0, "checkin_due", "due"),
        (1, "checkin_due", "due"),
        (2, "checkin_due", "due"),
        (3, "checkin_overdue", "3d"),
        (4, "checkin_overdue", "3d"),
    ],
)
def test_checkin_due_and_three_days_overdue_reminds_the_outpatient_therapist(
    transition, outpatient_therapist, offset, rule, key
):
    make_checkin(transition, due_on=D)
    found = run_rule("checkin", day(offset))
    expected = [] if rule is None else [(outpatient_therapist.pk, rule, f"{key}:{D.isoformat()}")]
    assert found == expected


def test_answered_checkin_is_not_reminded(transition):
    make_checkin(transition, due_on=D, answered_at=at(D), answer="Boligen")
    assert run_rule("checkin", day(3)) == []


def test_checkin_without_outpatient_therapist_goes_to_the_caseworker(transition, caseworker):
    transition.outpatient_therapist = None
    transition.save()
    make_checkin(transition, due_on=D)
    assert run_rule("checkin", D) == [(caseworker.pk, "checkin_due", f"due:{D.isoformat()}")]


def test_rescheduled_checkin_is_reminded_again(transition):
    checkin = make_checkin(transition, due_on=D)
    before = run_rule("checkin", D)
    checkin.due_on = day(5)
    checkin.save()
    after = run_rule("checkin", day(5))
    assert before[0][2] != after[0][2]


# --- Action items -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("offset", "rule", "key"),
    [
        # D is a Tuesday: 2 days before is a Sunday, so the reminder comes on Friday (D - 4).
        (-5, None, None),
        (-4, "action_due", "2d"),
        (-3, "action_due", "2d"),
        (-2, "action_due", "2d"),
        (-1, "action_due", "2d"),
        (0, "action_due", "2d"),
        (1, "action_overdue", "overdue"),
    ],
)
def test_action_item_due_in_two_days_and_overdue_reminds_the_owner(
    transition, residential_therapist, offset, rule, key
):
    make_action_item(transition, owner=residential_therapist, due_on=D)
    found = run_rule("action_item", day(offset))
    expected = [] if rule is None else [(residential_therapist.pk, rule, f"{key}:{D.isoformat()}")]
    assert found == expected


def test_done_action_item_is_not_reminded(transition, residential_therapist):
    make_action_item(transition, owner=residential_therapist, due_on=D, done_at=at(D))
    assert run_rule("action_item", day(1)) == []


# --- Discharge --------------------------------------------------------------------------------


@pytest.mark.parametrize(("offset", "fires"), [(-8, False), (-7, True), (-6, True), (1, False)])
def test_discharge_in_seven_days_without_appointment_reminds_all_three(
    transition, caseworker, residential_therapist, outpatient_therapist, offset, fires
):
    found = run_rule("discharge_no_appointment", day(offset))
    key = f"7d:{D.isoformat()}"
    people = [caseworker, residential_therapist, outpatient_therapist]
    expected = sorted((u.pk, "discharge_no_appointment", key) for u in people) if fires else []
    assert found == expected


def test_booked_first_appointment_silences_the_discharge_reminder(transition):
    transition.first_appointment_at = at(day(2))
    transition.save()
    assert run_rule("discharge_no_appointment", day(-7)) == []


def test_moved_discharge_date_reminds_again(transition):
    first = run_rule("discharge_no_appointment", day(-7))
    transition.planned_discharge_on = day(7)
    transition.save()
    second = run_rule("discharge_no_appointment", day(0))
    assert {k for _u, _r, k in first} == {f"7d:{D.isoformat()}"}
    assert {k for _u, _r, k in second} == {f"7d:{day(7).isoformat()}"}


# D is a Tuesday: 3 days before is a Saturday, so the reminder comes on Friday (D - 4).
@pytest.mark.parametrize(
    ("offset", "fires"), [(-5, False), (-4, True), (-3, True), (-2, True), (1, False)]
)
def test_discharge_in_three_days_without_note_or_meeting_is_reminded(transition, offset, fires):
    found = run_rule("discharge_not_ready", day(offset))
    assert (len(found) == 3) is fires
    assert all(k == f"3d:{D.isoformat()}" for _u, _r, k in found)


def test_discharge_ready_with_note_and_held_meeting_is_silent(transition, residential_therapist):
    StatusNote.objects.create(
        transition=transition,
        kind="before_discharge",
        author=residential_therapist,
        written_at=at(day(-5)),
    )
    meeting = StatusMeeting.objects.create(
        transition=transition, starts_at=at(day(-6)), created_by=residential_therapist
    )
    assert len(run_rule("discharge_not_ready", day(-3))) == 3  # meeting not yet held
    meeting.held = True
    meeting.save()
    assert run_rule("discharge_not_ready", day(-3)) == []


# --- After discharge --------------------------------------------------------------------------


@pytest.mark.parametrize(("offset", "fires"), [(6, False), (7, True), (8, True)])
def test_no_outpatient_contact_seven_days_after_discharge(
    transition, caseworker, outpatient_therapist, offset, fires
):
    transition.discharged_on = D
    transition.status = "handed_over"
    transition.save()
    found = run_rule("no_outpatient_contact", day(offset))
    key = f"7d:{D.isoformat()}"
    people = [caseworker, outpatient_therapist]
    assert found == (sorted((u.pk, "no_outpatient_contact", key) for u in people) if fires else [])


def test_registered_outpatient_contact_silences_the_gap_reminder(transition):
    transition.discharged_on = D
    transition.first_outpatient_contact_on = day(2)
    transition.save()
    assert run_rule("no_outpatient_contact", day(8)) == []


# --- Treatment plan, doctor's consultation ----------------------------------------------------


@pytest.mark.parametrize(("offset", "fires"), [(6, False), (7, True), (8, True)])
def test_episode_without_treatment_plan_after_seven_days(
    handover_case, outpatient_offer, caseworker, offset, fires
):
    make_episode(handover_case, outpatient_offer, actual_start=D)
    found = run_rule("treatment_plan", day(offset))
    assert found == ([(caseworker.pk, "no_treatment_plan", f"7d:{D.isoformat()}")] if fires else [])


def test_episode_with_treatment_plan_or_ended_is_silent(handover_case, outpatient_offer):
    make_episode(handover_case, outpatient_offer, actual_start=D, treatment_plan_on=day(2))
    make_episode(
        handover_case, outpatient_offer, actual_start=D, actual_end=day(3), end_reason="moved"
    )
    assert run_rule("treatment_plan", day(8)) == []


@pytest.fixture
def drug_case(caseworker, team_nord):
    return make_case(
        caseworker=caseworker,
        team=team_nord,
        legal_basis="SUL142",
        inquiry_date=D - timedelta(days=10),
        treatment_started_on=D,
    )


@pytest.mark.parametrize(("offset", "fires"), [(-1, False), (0, True), (1, True)])
def test_drug_case_started_without_doctors_consultation(drug_case, caseworker, offset, fires):
    found = run_rule("doctor_consultation", day(offset))
    key = f"started:{D.isoformat()}"
    assert found == ([(caseworker.pk, "no_doctor_consultation", key)] if fires else [])


def test_doctors_consultation_before_start_silences_it(drug_case):
    drug_case.doctor_consultation_on = day(-2)
    drug_case.save()
    assert run_rule("doctor_consultation", day(1)) == []


def test_doctors_consultation_after_start_is_still_reminded(drug_case):
    drug_case.doctor_consultation_on = day(1)
    drug_case.save()
    assert len(run_rule("doctor_consultation", day(1))) == 1


def test_consultation_rule_is_silent_for_alcohol_treatment(drug_case):
    drug_case.legal_basis = "SUL141"
    drug_case.save()
    sync_first_request(drug_case)
    assert run_rule("doctor_consultation", day(1)) == []


def test_consultation_rule_applies_to_social_drug_treatment_too(drug_case):
    drug_case.legal_basis = "SEL101"
    drug_case.save()
    sync_first_request(drug_case)
    assert len(run_rule("doctor_consultation", day(1))) == 1


def test_a_declined_consultation_before_start_silences_it(drug_case):
    drug_case.requests.update(
        doctor_consultation_offered_on=day(-3), doctor_consultation_declined_on=day(-1)
    )
    assert run_rule("doctor_consultation", day(1)) == []


# --- Legal follow-up (BEK 1477/2019 § 4) ------------------------------------------------------


@pytest.fixture
def ended_case(handover_case, outpatient_offer):
    """The course ended on D: the case's only episode ended then."""
    make_episode(
        handover_case,
        outpatient_offer,
        actual_start=D - timedelta(days=60),
        actual_end=D,
        end_reason="completed",
    )
    return handover_case


# 1 month after D is Friday 10 April 2026: 7 days before it is Good Friday, so the reminder
# comes on Wednesday 1 April (9 days before, Maundy Thursday being a holiday too). 6 months
# after D is Thursday 10 September: 7 days before is a Thursday, unchanged.
@pytest.mark.parametrize(("months", "first"), [(1, -9), (6, -7)])
@pytest.mark.parametrize(
    ("offset", "rule", "label"),
    [
        ("before_first", None, None),
        ("first", "follow_up_due", "7d"),
        (-7, "follow_up_due", "7d"),
        (0, "follow_up_due", "7d"),
        (1, "follow_up_overdue", "overdue"),
    ],
)
def test_follow_up_reminded_seven_days_before_and_when_overdue(
    ended_case, caseworker, months, first, offset, rule, label
):
    offset = {"before_first": first - 1, "first": first}.get(offset, offset)
    due = add_months(D, months)
    found = [
        f
        for f in run_rule("follow_up", due + timedelta(days=offset))
        if f[2].startswith(f"{months}m")
    ]
    expected = (
        [] if rule is None else [(caseworker.pk, rule, f"{months}m:{label}:{due.isoformat()}")]
    )
    assert found == expected


def test_recorded_follow_up_silences_it(ended_case, caseworker):
    due = add_months(D, 1)
    FollowUp.objects.create(
        case=ended_case,
        due_kind="1m",
        course_end_on=D,
        outcome="held",
        done_on=due,
        done_by=caseworker,
    )
    assert run_rule("follow_up", due + timedelta(days=1)) == []


def test_no_follow_up_while_an_episode_is_open(ended_case, outpatient_offer):
    make_episode(ended_case, outpatient_offer, actual_start=D)
    assert run_rule("follow_up", add_months(D, 1)) == []


def test_follow_up_counts_from_the_last_episode_end(ended_case, outpatient_offer, caseworker):
    later = D + timedelta(days=20)
    make_episode(
        ended_case, outpatient_offer, actual_start=D, actual_end=later, end_reason="completed"
    )
    found = run_rule("follow_up", add_months(later, 1))
    assert found == [(caseworker.pk, "follow_up_due", f"1m:7d:{add_months(later, 1).isoformat()}")]
