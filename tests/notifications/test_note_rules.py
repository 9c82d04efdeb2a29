"""§5.13 notes that are chased: the start note due 7 days after the residential start, the
midway note halfway to the planned discharge (the residential therapist), a note not
acknowledged after 3 working days (its receivers); the inbox lists the notes waiting."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.urls import reverse

from notifications import thresholds as th
from notifications.models import Notification
from notifications.sweep import reminder_sweep
from tests import factories
from transitions.models import NoteAcknowledgement, StatusNote

from .conftest import at, make_case, make_transition, run_rule

pytestmark = pytest.mark.django_db

START = date(2026, 3, 2)  # a Monday


@pytest.fixture
def transition(
    caseworker, team_nord, residential_offer, residential_therapist, outpatient_therapist
):
    case = make_case(caseworker=caseworker, team=team_nord, inquiry_date=START - timedelta(days=3))
    return make_transition(
        case,
        residential_offer,
        residential_therapist=residential_therapist,
        outpatient_therapist=outpatient_therapist,
        planned_discharge_on=START + timedelta(weeks=12),
    )


def note(transition, author, kind, written_on):
    return factories.StatusNoteFactory(
        transition=transition, author=author, kind=kind, written_at=at(written_on)
    )


# --- the pure rules -----------------------------------------------------------------------


def test_three_working_days_skip_the_weekend():
    friday = date(2026, 3, 13)
    assert th.note_unacknowledged_on(friday, th.DEFAULT_THRESHOLDS) == date(2026, 3, 18)
    monday = date(2026, 3, 16)
    assert th.note_unacknowledged_on(monday, th.DEFAULT_THRESHOLDS) == date(2026, 3, 19)


def test_three_working_days_skip_the_easter_holidays():
    # Maundy Thursday, Good Friday, the weekend and Easter Monday are no working days.
    wednesday_before_easter = date(2026, 4, 1)
    assert th.note_unacknowledged_on(wednesday_before_easter, th.DEFAULT_THRESHOLDS) == date(
        2026, 4, 9
    )


def test_midway_is_halfway_to_the_planned_discharge():
    assert th.midway_note_due_on(START, START + timedelta(weeks=12)) == START + timedelta(weeks=6)


# --- start note ---------------------------------------------------------------------------


def test_start_note_reminds_the_residential_therapist_on_day_7_not_before(
    transition, residential_therapist
):
    assert transition.residential_episode.actual_start == START
    assert run_rule("start_note", START + timedelta(days=6)) == []
    assert run_rule("start_note", START + timedelta(days=7)) == [
        (residential_therapist.pk, "start_note_due", "start:2026-03-09")
    ]


def test_a_written_start_note_stops_the_reminder(transition, residential_therapist):
    note(transition, residential_therapist, StatusNote.Kind.START, START + timedelta(days=2))
    assert run_rule("start_note", START + timedelta(days=8)) == []


# --- midway note --------------------------------------------------------------------------


def test_midway_note_reminds_halfway_not_before(transition, residential_therapist):
    halfway = START + timedelta(weeks=6)
    assert run_rule("midway_note", halfway - timedelta(days=1)) == []
    assert run_rule("midway_note", halfway) == [
        (residential_therapist.pk, "midway_note_due", f"midway:{halfway.isoformat()}")
    ]
    note(transition, residential_therapist, StatusNote.Kind.MIDWAY, halfway)
    assert run_rule("midway_note", halfway + timedelta(days=1)) == []


# --- unacknowledged -----------------------------------------------------------------------


def test_unacknowledged_note_reminds_its_receivers_after_3_working_days_not_before(
    transition, residential_therapist, outpatient_therapist, caseworker
):
    friday = date(2026, 3, 13)
    written = note(transition, residential_therapist, StatusNote.Kind.START, friday)
    NoteAcknowledgement.objects.create(note=written, user=caseworker, acknowledged_at=at(friday))

    # Friday + Monday, Tuesday: only 2 working days (the weekend does not count).
    assert run_rule("note_unacknowledged", date(2026, 3, 17)) == []
    # Wednesday: 3 working days. The caseworker has read it; the author is never reminded.
    assert run_rule("note_unacknowledged", date(2026, 3, 18)) == [
        (outpatient_therapist.pk, "note_unacknowledged", "3wd:2026-03-13")
    ]


def test_the_sweep_reminds_once(transition, residential_therapist, outpatient_therapist):
    note(transition, residential_therapist, StatusNote.Kind.START, date(2026, 3, 13))
    reminder_sweep(today=date(2026, 3, 18))
    reminder_sweep(today=date(2026, 3, 19))
    assert (
        Notification.objects.filter(
            rule="note_unacknowledged", recipient=outpatient_therapist
        ).count()
        == 1
    )


def test_an_acknowledged_note_reminds_nobody(
    transition, residential_therapist, outpatient_therapist, caseworker
):
    written = note(transition, residential_therapist, StatusNote.Kind.START, date(2026, 3, 13))
    for user in (outpatient_therapist, caseworker):
        NoteAcknowledgement.objects.create(note=written, user=user, acknowledged_at=at(START))
    assert run_rule("note_unacknowledged", date(2026, 3, 18)) == []


# --- the inbox ----------------------------------------------------------------------------


def test_the_receivers_inbox_lists_the_notes_waiting_for_them(
    client, transition, residential_therapist, outpatient_therapist
):
    written = note(transition, residential_therapist, StatusNote.Kind.START, START)
    client.force_login(outpatient_therapist)
    page = client.get(reverse("notifications:inbox"))
    assert page.context["waiting_notes"] == [written]
    assert "Statusnotater, der venter på din kvittering" in page.content.decode()

    NoteAcknowledgement.objects.create(
        note=written, user=outpatient_therapist, acknowledged_at=at(START)
    )
    page = client.get(reverse("notifications:inbox"))
    assert page.context["waiting_notes"] == []


def test_the_author_and_outsiders_see_no_waiting_notes(
    client, transition, residential_therapist, other_team_caseworker
):
    note(transition, residential_therapist, StatusNote.Kind.START, START)
    for user in (residential_therapist, other_team_caseworker):
        client.force_login(user)
        assert client.get(reverse("notifications:inbox")).context["waiting_notes"] == []
