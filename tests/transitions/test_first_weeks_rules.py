"""The pure rules of the first weeks after discharge (transitions.first_weeks, DESIGN §5.9):
no database, no Django."""

from __future__ import annotations

import datetime as dt

import pytest

from transitions.first_weeks import (
    COPENHAGEN,
    AppointmentStatus,
    appointment_status,
    cutoff_moment,
    first_contact_on,
    is_late_booking,
    outreach_due_on,
)

UTC = dt.UTC


def local(year: int, month: int, day: int, hour: int = 10, minute: int = 0) -> dt.datetime:
    return dt.datetime(year, month, day, hour, minute, tzinfo=COPENHAGEN)


THURSDAY = local(2026, 1, 15)  # an ordinary Thursday in January (CET, UTC+1)
FRIDAY = local(2026, 1, 16)


def test_the_cut_off_is_16_local_on_the_appointments_day():
    assert cutoff_moment(THURSDAY) == local(2026, 1, 15, 16)


def test_the_cut_off_is_computed_in_copenhagen_whatever_zone_the_appointment_comes_in():
    in_utc = THURSDAY.astimezone(UTC)
    assert cutoff_moment(in_utc) == local(2026, 1, 15, 16)
    assert cutoff_moment(in_utc).astimezone(UTC) == dt.datetime(2026, 1, 15, 15, tzinfo=UTC)


def test_the_cut_off_follows_summer_time():
    cut = cutoff_moment(local(2026, 6, 11))
    assert cut.astimezone(UTC) == dt.datetime(2026, 6, 11, 14, tzinfo=UTC)


def test_the_cut_off_time_is_a_parameter():
    assert cutoff_moment(THURSDAY, cutoff=dt.time(15, 30)) == local(2026, 1, 15, 15, 30)


def test_an_appointment_at_or_after_the_cut_off_time_moves_to_the_next_working_days_cut_off():
    assert cutoff_moment(local(2026, 1, 15, 16)) == local(2026, 1, 16, 16)
    assert cutoff_moment(local(2026, 1, 16, 17)) == local(2026, 1, 19, 16)  # Friday → Monday


def test_an_appointment_on_a_saturday_keeps_that_days_cut_off_and_outreach_is_due_monday():
    saturday = local(2026, 1, 17)
    assert cutoff_moment(saturday) == local(2026, 1, 17, 16)
    assert outreach_due_on(saturday) == dt.date(2026, 1, 19)


def test_a_naive_appointment_is_refused():
    with pytest.raises(ValueError):
        cutoff_moment(dt.datetime(2026, 1, 15, 10))


@pytest.mark.parametrize(
    ("appointment", "due"),
    [
        (THURSDAY, dt.date(2026, 1, 16)),  # Thursday → Friday
        (FRIDAY, dt.date(2026, 1, 19)),  # Friday → Monday
        # Easter 2026: Skærtorsdag 2 April, Langfredag 3 April, Easter Monday 6 April.
        (local(2026, 4, 1), dt.date(2026, 4, 7)),  # Wednesday before Easter → Tuesday after
        (local(2026, 4, 2), dt.date(2026, 4, 7)),  # on Skærtorsdag itself
        (local(2026, 4, 6), dt.date(2026, 4, 7)),  # on Easter Monday
        (local(2026, 3, 31), dt.date(2026, 4, 1)),  # Tuesday before: an ordinary next day
        (local(2026, 6, 4), dt.date(2026, 6, 8)),  # Thursday before Grundlovsdag (a Friday)
    ],
)
def test_outreach_is_due_on_the_next_working_day(appointment, due):
    assert outreach_due_on(appointment) == due


def test_a_late_appointment_on_the_wednesday_before_easter_is_cut_off_the_tuesday_after():
    late = local(2026, 4, 1, 17)
    assert cutoff_moment(late) == local(2026, 4, 7, 16)
    assert outreach_due_on(late) == dt.date(2026, 4, 8)


class TestStatus:
    def test_planned_before_the_cut_off_with_no_contact(self):
        status = appointment_status(THURSDAY, attended_at=[], now=local(2026, 1, 15, 15, 59))
        assert status == AppointmentStatus.PLANNED

    def test_missed_once_the_cut_off_has_passed_with_no_contact(self):
        status = appointment_status(THURSDAY, attended_at=[], now=local(2026, 1, 15, 16, 1))
        assert status == AppointmentStatus.MISSED

    def test_attended_with_an_attended_contact_on_the_day(self):
        status = appointment_status(
            THURSDAY, attended_at=[local(2026, 1, 15, 11)], now=local(2026, 1, 15, 11, 5)
        )
        assert status == AppointmentStatus.ATTENDED

    def test_a_contact_earlier_that_day_counts(self):
        status = appointment_status(
            THURSDAY, attended_at=[local(2026, 1, 15, 8)], now=local(2026, 1, 16, 9)
        )
        assert status == AppointmentStatus.ATTENDED

    def test_a_contact_the_day_before_does_not_count(self):
        status = appointment_status(
            THURSDAY, attended_at=[local(2026, 1, 14, 15)], now=local(2026, 1, 16, 9)
        )
        assert status == AppointmentStatus.MISSED

    def test_a_contact_after_the_cut_off_does_not_undo_missed(self):
        status = appointment_status(
            THURSDAY, attended_at=[local(2026, 1, 16, 9)], now=local(2026, 1, 16, 10)
        )
        assert status == AppointmentStatus.MISSED

    def test_a_late_appointments_contact_the_next_morning_counts(self):
        late = local(2026, 1, 15, 17)
        status = appointment_status(
            late, attended_at=[local(2026, 1, 16, 9)], now=local(2026, 1, 16, 17)
        )
        assert status == AppointmentStatus.ATTENDED

    def test_no_appointment_is_planned(self):
        assert appointment_status(None, attended_at=[], now=THURSDAY) == AppointmentStatus.PLANNED


class TestFirstContact:
    def test_the_earliest_attended_contact_on_or_after_discharge(self):
        contacts = [local(2026, 1, 20), local(2026, 1, 12), local(2026, 1, 15, 23, 30)]
        assert first_contact_on(dt.date(2026, 1, 13), attended_at=contacts) == dt.date(2026, 1, 15)

    def test_a_contact_on_the_discharge_day_counts(self):
        contacts = [local(2026, 1, 13, 9)]
        assert first_contact_on(dt.date(2026, 1, 13), attended_at=contacts) == dt.date(2026, 1, 13)

    def test_the_local_day_decides(self):
        # 23:30 UTC on 12 January is 00:30 on 13 January in Copenhagen.
        contacts = [dt.datetime(2026, 1, 12, 23, 30, tzinfo=UTC)]
        assert first_contact_on(dt.date(2026, 1, 13), attended_at=contacts) == dt.date(2026, 1, 13)

    def test_none_before_discharge_or_without_contacts(self):
        assert first_contact_on(None, attended_at=[local(2026, 1, 15)]) is None
        assert first_contact_on(dt.date(2026, 1, 13), attended_at=[]) is None
        assert first_contact_on(dt.date(2026, 1, 13), attended_at=[local(2026, 1, 12)]) is None


@pytest.mark.parametrize(
    ("appointment", "planned", "late"),
    [
        (local(2026, 1, 22), dt.date(2026, 1, 15), False),  # exactly 7 days: not late
        (local(2026, 1, 23), dt.date(2026, 1, 15), True),  # 8 days
        (local(2026, 1, 23, 0, 30), dt.date(2026, 1, 15), True),  # local day counts
        (local(2026, 1, 10), dt.date(2026, 1, 15), False),  # before discharge
        (None, dt.date(2026, 1, 15), False),
        (local(2026, 3, 1), None, False),
    ],
)
def test_late_booking(appointment, planned, late):
    assert is_late_booking(appointment, planned) is late
