"""DESIGN §5.9 with a frozen clock: the first outpatient appointment's cut-off passes with no
attended contact, and the reminder sweep creates the outreach item and tells the caseworker,
with no hand-marking; the status and the first contact date follow the recorded contacts."""

from __future__ import annotations

import importlib
from datetime import date, timedelta

import pytest
from django.apps import apps
from django.urls import reverse
from rest_framework.test import APIClient

from notifications.models import Notification
from notifications.sweep import reminder_sweep
from notifications.tasks import reminder_sweep_task
from reports.selectors.handover import transition_report
from reports.selectors.periods import Period
from tests import factories
from tests.clock import TZ, at
from tests.concurrency import run_at_once
from transitions import services
from transitions.models import ActionItem, Transition
from transitions.services import after_discharge
from transitions.services import contacts as contact_services
from treatment_options.models import Contact

from .conftest import login

pytestmark = pytest.mark.django_db

Status = Transition.AppointmentStatus
THURSDAY = date(2026, 3, 19)  # the named transition's first appointment, 10:00


@pytest.fixture
def outpatient_episode(named_transition, outpatient_offer):
    episode = factories.EpisodeFactory(
        case=named_transition.case,
        offer=outpatient_offer,
        referral_date=date(2026, 2, 1),
        actual_start=date(2026, 3, 2),
    )
    named_transition.outpatient_episode = episode
    named_transition.save(update_fields=["outpatient_episode"])
    return episode


@pytest.fixture
def discharged(named_transition, outpatient_episode, residential_therapist):
    """Discharged on Monday 16 March 2026; first appointment Thursday 19 March at 10:00."""
    episode = named_transition.residential_episode
    episode.actual_end, episode.end_reason = date(2026, 3, 16), "completed"
    episode.save()
    transition = services.transition_record_discharge(episode=episode, actor=residential_therapist)
    assert transition is not None
    assert transition.first_appointment_at == at(THURSDAY, 10)
    return transition


def move_appointment(transition, when):
    Transition.objects.filter(pk=transition.pk).update(first_appointment_at=when)
    transition.refresh_from_db()


def sweep_at(clock, when):
    clock.move_to(when, tick=False)
    return reminder_sweep(now=when)


def outreach(transition):
    return list(ActionItem.objects.filter(transition=transition, kind=ActionItem.Kind.OUTREACH))


def missed_notices(user):
    return Notification.objects.filter(rule="first_appointment_missed", recipient=user)


def record(actor, episode, when, outcome="attended"):
    return contact_services.contact_record_for_commitment(
        actor=actor, episode=episode, at=when, kind="session", outcome=outcome
    )


def test_before_the_cut_off_nothing_happens(discharged, clock, caseworker):
    sweep_at(clock, at(THURSDAY, 15, 59))

    assert outreach(discharged) == []
    assert not missed_notices(caseworker).exists()
    discharged.refresh_from_db()
    assert discharged.first_appointment_status == Status.PLANNED


def test_after_the_cut_off_one_outreach_for_the_outpatient_therapist_due_friday(
    discharged, clock, caseworker, outpatient_therapist
):
    sweep_at(clock, at(THURSDAY, 16, 1))

    [item] = outreach(discharged)
    assert item.owner == outpatient_therapist
    assert item.due_on == date(2026, 3, 20)
    assert item.created_by is None
    assert item.done_at is None
    [notice] = missed_notices(caseworker)
    assert notice.created_at.astimezone(TZ).date() == THURSDAY  # the same day
    discharged.refresh_from_db()
    assert discharged.first_appointment_status == Status.MISSED
    assert discharged.case.events.filter(data__action="first_appointment_missed").count() == 1


def test_a_second_sweep_makes_no_second_item_or_notice(discharged, clock, caseworker):
    sweep_at(clock, at(THURSDAY, 16, 1))
    sweep_at(clock, at(THURSDAY, 16, 16))
    reminder_sweep_task(now=at(THURSDAY, 16, 31).isoformat())

    assert len(outreach(discharged)) == 1
    assert missed_notices(caseworker).count() == 1


def test_the_locked_write_checks_again_so_a_second_worker_makes_nothing(discharged, clock):
    missed = services.transition_first_appointment_missed
    assert missed(transition=discharged, now=at(THURSDAY, 15, 59)) == 0  # not yet
    clock.move_to(at(THURSDAY, 16, 1), tick=False)
    now = at(THURSDAY, 16, 1)
    # Two workers both found the transition as a candidate; each then takes the row lock.
    assert missed(transition=discharged, now=now) == 1
    assert missed(transition=discharged, now=now) == 0
    assert len(outreach(discharged)) == 1


def test_the_beat_task_without_arguments_sweeps_for_this_moment(discharged, clock, caseworker):
    clock.move_to(at(THURSDAY, 15, 59), tick=False)
    reminder_sweep_task()
    assert outreach(discharged) == []
    clock.move_to(at(THURSDAY, 16, 1), tick=False)
    reminder_sweep_task()
    assert len(outreach(discharged)) == 1
    assert missed_notices(caseworker).count() == 1


@pytest.mark.django_db(transaction=True)
def test_two_workers_sweeping_at_once_make_one_item_and_one_notice(discharged, clock, caseworker):
    """Two threads (two connections) sweep at the same moment: on PostgreSQL the second waits
    on the transition's row lock, then finds the appointment missed and makes nothing."""
    now = at(THURSDAY, 16, 1)
    clock.move_to(now, tick=False)
    results = run_at_once(lambda: reminder_sweep(now=now), lambda: reminder_sweep(now=now))

    assert len(results) == 2
    assert len(outreach(discharged)) == 1
    assert missed_notices(caseworker).count() == 1


def test_a_friday_appointment_is_chased_on_monday(discharged, clock):
    move_appointment(discharged, at(date(2026, 3, 20), 10))
    sweep_at(clock, at(date(2026, 3, 20), 16, 1))

    [item] = outreach(discharged)
    assert item.due_on == date(2026, 3, 23)


def test_an_appointment_the_wednesday_before_easter_is_chased_the_tuesday_after(discharged, clock):
    move_appointment(discharged, at(date(2026, 4, 1), 10))
    sweep_at(clock, at(date(2026, 4, 1), 15, 59))
    assert outreach(discharged) == []
    sweep_at(clock, at(date(2026, 4, 1), 16, 1))

    [item] = outreach(discharged)
    assert item.due_on == date(2026, 4, 7)


def test_the_cut_off_is_a_setting(discharged, clock, settings):
    settings.FIRST_APPOINTMENT_CUTOFF = "15:00"
    sweep_at(clock, at(THURSDAY, 15, 1))
    assert len(outreach(discharged)) == 1


def test_an_attended_contact_at_11_means_no_outreach_status_attended_and_first_contact_set(
    discharged, clock, outpatient_therapist, outpatient_episode, caseworker
):
    clock.move_to(at(THURSDAY, 11, 5), tick=False)
    record(outpatient_therapist, outpatient_episode, at(THURSDAY, 11))
    discharged.refresh_from_db()
    assert discharged.first_appointment_status == Status.ATTENDED
    assert discharged.first_outpatient_contact_on == THURSDAY
    assert discharged.gap_days == 3

    sweep_at(clock, at(THURSDAY, 16, 1))
    assert outreach(discharged) == []
    assert not missed_notices(caseworker).exists()


def test_a_missed_contact_does_not_count(
    discharged, clock, outpatient_therapist, outpatient_episode
):
    clock.move_to(at(THURSDAY, 11, 5), tick=False)
    record(outpatient_therapist, outpatient_episode, at(THURSDAY, 10), outcome="missed")
    sweep_at(clock, at(THURSDAY, 16, 1))

    assert len(outreach(discharged)) == 1
    discharged.refresh_from_db()
    assert discharged.first_outpatient_contact_on is None


def test_a_contact_in_the_residential_episode_is_not_an_outpatient_contact(
    discharged, clock, residential_therapist
):
    clock.move_to(at(THURSDAY, 11, 5), tick=False)
    Contact.objects.create(
        episode=discharged.residential_episode,
        at=at(THURSDAY, 10),
        kind="phone",
        outcome="attended",
        recorded_by=residential_therapist,
    )
    sweep_at(clock, at(THURSDAY, 16, 1))
    assert len(outreach(discharged)) == 1


def test_correcting_the_contact_to_missed_takes_the_derived_fields_back(
    discharged, clock, outpatient_therapist, outpatient_episode
):
    clock.move_to(at(THURSDAY, 11, 5), tick=False)
    contact = record(outpatient_therapist, outpatient_episode, at(THURSDAY, 11))
    contact_services.contact_update_for_commitment(
        actor=outpatient_therapist,
        contact=contact,
        at=contact.at,
        kind=contact.kind,
        outcome="missed",
        is_planned=True,
        commitment=None,
    )
    discharged.refresh_from_db()
    assert discharged.first_appointment_status == Status.PLANNED
    assert discharged.first_outpatient_contact_on is None
    sweep_at(clock, at(THURSDAY, 16, 1))
    assert len(outreach(discharged)) == 1


def test_a_later_contact_is_the_first_contact_but_the_appointment_stays_missed(
    discharged, clock, outpatient_therapist, outpatient_episode
):
    sweep_at(clock, at(THURSDAY, 16, 1))
    clock.move_to(at(date(2026, 3, 20), 9, 30), tick=False)
    record(outpatient_therapist, outpatient_episode, at(date(2026, 3, 20), 9))

    discharged.refresh_from_db()
    assert discharged.first_appointment_status == Status.MISSED
    assert discharged.first_outpatient_contact_on == date(2026, 3, 20)


def test_an_appointment_moved_after_it_was_missed_is_planned_again(discharged, clock, caseworker):
    sweep_at(clock, at(THURSDAY, 16, 1))
    services.transition_update(
        transition=discharged,
        actor=caseworker,
        changes=services.TransitionChanges(
            outpatient_therapist=discharged.outpatient_therapist,
            outpatient_episode=discharged.outpatient_episode,
            planned_discharge_on=discharged.planned_discharge_on,
            first_appointment_at=at(date(2026, 3, 24), 10),
        ),
    )
    discharged.refresh_from_db()
    assert discharged.first_appointment_status == Status.PLANNED


def test_a_re_booked_appointment_missed_again_gets_a_new_outreach(
    discharged, clock, caseworker, outpatient_therapist
):
    """The first outreach is still open when the re-booked appointment is missed too: the
    second miss has its own item and its own notice; the first stays as it was."""
    sweep_at(clock, at(THURSDAY, 16, 1))
    [first] = outreach(discharged)
    clock.move_to(at(date(2026, 3, 20), 9), tick=False)
    services.transition_update(
        transition=discharged,
        actor=caseworker,
        changes=services.TransitionChanges(
            outpatient_therapist=discharged.outpatient_therapist,
            outpatient_episode=discharged.outpatient_episode,
            planned_discharge_on=discharged.planned_discharge_on,
            first_appointment_at=at(date(2026, 3, 24), 10),
        ),
    )
    sweep_at(clock, at(date(2026, 3, 24), 15, 59))
    assert outreach(discharged) == [first]
    sweep_at(clock, at(date(2026, 3, 24), 16, 1))
    sweep_at(clock, at(date(2026, 3, 24), 16, 16))

    items = outreach(discharged)
    assert [i.pk for i in items] == [first.pk, items[1].pk]
    second = items[1]
    assert (second.owner, second.due_on, second.done_at) == (
        outpatient_therapist,
        date(2026, 3, 25),
        None,
    )
    first.refresh_from_db()
    assert (first.due_on, first.done_at) == (date(2026, 3, 20), None)
    assert missed_notices(caseworker).count() == 2
    discharged.refresh_from_db()
    assert discharged.first_appointment_status == Status.MISSED
    assert discharged.case.events.filter(data__action="first_appointment_missed").count() == 2


def test_an_old_appointment_is_history_not_a_task(discharged, clock):
    move_appointment(discharged, at(THURSDAY, 10))
    later = at(THURSDAY, 10) + timedelta(days=after_discharge.SWEEP_LOOKBACK_DAYS + 1)
    sweep_at(clock, later)
    assert outreach(discharged) == []


def test_not_discharged_means_not_chased(named_transition, clock):
    sweep_at(clock, at(THURSDAY, 16, 1))
    assert outreach(named_transition) == []


def test_a_sweep_for_a_whole_day_sees_it_as_over(discharged, clock):
    clock.move_to(at(date(2026, 3, 21), 9), tick=False)
    reminder_sweep(today=THURSDAY)
    assert len(outreach(discharged)) == 1


def test_the_page_no_longer_has_hand_marking_and_points_to_the_contacts(
    discharged, outpatient_therapist
):
    response = login(outpatient_therapist).get(
        reverse("transitions:detail", kwargs={"case_id": discharged.case_id})
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert 'name="action" value="missed"' not in html
    assert "følger af de registrerede kontakter" in html


def test_the_api_shows_the_derived_fields_and_does_not_take_them(
    discharged, clock, outpatient_therapist, outpatient_episode
):
    clock.move_to(at(THURSDAY, 11, 5), tick=False)
    record(outpatient_therapist, outpatient_episode, at(THURSDAY, 11))
    client = APIClient()
    client.force_login(outpatient_therapist)
    url = f"/api/v1/transitions/{discharged.pk}/"
    response = client.get(url)
    assert response.status_code == 200
    body = response.json()
    assert body["first_appointment_status"] == "attended"
    assert body["first_outpatient_contact_on"] == "2026-03-19"
    assert body["first_appointment_late"] is False

    response = client.patch(
        url,
        {"first_appointment_status": "missed", "first_outpatient_contact_on": "2026-03-17"},
        format="json",
    )
    assert response.status_code == 400  # not fields the API takes: they follow the contacts
    discharged.refresh_from_db()
    assert discharged.first_appointment_status == Status.ATTENDED
    assert discharged.first_outpatient_contact_on == THURSDAY


class TestLateBooking:
    def edit(self, client, transition, day):
        return client.post(
            reverse("transitions:edit", kwargs={"case_id": transition.case_id}),
            {
                "outpatient_therapist": transition.outpatient_therapist_id,
                "planned_discharge_on": transition.planned_discharge_on.isoformat(),
                "first_appointment_date": day.isoformat(),
                "first_appointment_time": "10:00",
            },
            follow=True,
        )

    def test_booking_more_than_7_days_after_the_planned_discharge_is_flagged(
        self, named_transition, caseworker
    ):
        # Planned discharge Monday 16 March 2026; Tuesday 24 March is 8 days later.
        response = self.edit(login(caseworker), named_transition, date(2026, 3, 24))
        assert response.status_code == 200
        html = response.content.decode()
        assert "mere end 7 dage efter den planlagte udskrivning" in html
        assert 'data-testid="first-appointment-late"' in html
        named_transition.refresh_from_db()
        assert named_transition.first_appointment_late is True

    def test_seven_days_is_not_flagged(self, named_transition, caseworker):
        response = self.edit(login(caseworker), named_transition, date(2026, 3, 23))
        assert response.status_code == 200
        html = response.content.decode()
        assert "mere end 7 dage efter" not in html
        named_transition.refresh_from_db()
        assert named_transition.first_appointment_late is False

    def test_in_english(self, named_transition, caseworker):
        client = login(caseworker)
        client.cookies["django_language"] = "en"
        response = self.edit(client, named_transition, date(2026, 3, 24))
        assert "more than 7 days after the planned discharge" in response.content.decode()

    def test_the_api_flags_it(self, named_transition, caseworker):
        move_appointment(named_transition, at(date(2026, 3, 24), 10))
        client = APIClient()
        client.force_login(caseworker)
        response = client.get(f"/api/v1/transitions/{named_transition.pk}/")
        assert response.status_code == 200
        assert response.json()["first_appointment_late"] is True


class TestDataMigration:
    migration = importlib.import_module("transitions.migrations.0008_first_weeks_from_contacts")

    def test_derives_from_contacts_where_they_exist_and_keeps_the_hand_marked_value_elsewhere(
        self, discharged, clock, outpatient_therapist, outpatient_episode, residential_case
    ):
        clock.move_to(at(THURSDAY, 11, 5), tick=False)
        Contact.objects.create(
            episode=outpatient_episode,
            at=at(THURSDAY, 10, 30),
            kind="session",
            outcome="attended",
            recorded_by=outpatient_therapist,
        )
        # Hand-marked before the contacts counted: a wrong date and "planned".
        Transition.objects.filter(pk=discharged.pk).update(
            first_outpatient_contact_on=date(2026, 3, 17)
        )
        self.migration.derive_from_contacts(apps, None)
        discharged.refresh_from_db()
        assert discharged.first_outpatient_contact_on == THURSDAY
        assert discharged.first_appointment_status == Status.ATTENDED

    def test_without_contacts_the_hand_marked_value_stays(self, discharged):
        Transition.objects.filter(pk=discharged.pk).update(
            first_outpatient_contact_on=date(2026, 3, 18),
            first_appointment_status=Status.MISSED,
        )
        self.migration.derive_from_contacts(apps, None)
        discharged.refresh_from_db()
        assert discharged.first_outpatient_contact_on == date(2026, 3, 18)
        assert discharged.first_appointment_status == Status.MISSED


def test_the_report_gap_comes_from_the_recorded_contacts(
    discharged, clock, outpatient_therapist, outpatient_episode, team_nord
):
    period = Period(date(2026, 3, 1), date(2026, 3, 31))
    before = transition_report(unit=team_nord, period=period)
    assert (before.discharged, before.contact_recorded, before.no_contact) == (1, 0, 1)

    clock.move_to(at(THURSDAY, 11, 5), tick=False)
    record(outpatient_therapist, outpatient_episode, at(THURSDAY, 11))
    after = transition_report(unit=team_nord, period=period)
    assert (after.contact_recorded, after.contact_within, after.median_gap_days) == (1, 1, 3)
