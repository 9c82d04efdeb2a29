"""The first weeks after discharge in the browser (DESIGN §5.9): the first outpatient
appointment, with a date and a time, passes with no attended contact; the reminder sweep (the
task function, called under a frozen clock at the cut-off) creates the outreach action item for
the outpatient therapist and notifies the caseworker the same day, with no hand-marking. The
therapist sees the item on the transition page, the caseworker the notice in the inbox; axe
clean on both pages."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
import time_machine
from django.utils import timezone

from notifications.models import Notification
from notifications.tasks import reminder_sweep_task
from tests import factories
from tests.builders import HandoverBuilder
from tests.clock import at
from tests.e2e.journey import login
from transitions.models import ActionItem, Transition


def _last_weekday_before(day: date) -> date:
    day -= timedelta(days=1)
    while day.weekday() >= 5:
        day -= timedelta(days=1)
    return day


@pytest.fixture
def appointment_day() -> date:
    """A weekday before today: the first appointment's day, and the discharge's."""
    return _last_weekday_before(timezone.localdate())


@pytest.fixture
def discharged(
    appointment_day,
    team_nord,
    caseworker,
    residential_offer,
    outpatient_offer,
    residential_therapist,
    outpatient_therapist,
) -> Transition:
    """Discharged on the appointment day, first appointment that day at 10:00; made on the
    morning of that day, as users would have made it then."""
    with time_machine.travel(at(appointment_day, 8), tick=False):
        start = appointment_day - timedelta(weeks=8)
        case = factories.CaseFactory(
            team=team_nord,
            caseworker=caseworker,
            inquiry_date=start - timedelta(days=5),
            treatment_started_on=start,
            status="in_treatment",
            citizen=factories.CitizenFactory(first_name="Mette", last_name="Hansen"),
        )
        factories.EpisodeFactory(case=case, offer=residential_offer, actual_start=start)
        factories.EpisodeFactory(
            case=case,
            offer=outpatient_offer,
            referral_date=appointment_day - timedelta(days=10),
            planned_start=appointment_day,
        )
        return (
            HandoverBuilder(
                case,
                residential_therapist=residential_therapist,
                outpatient_therapist=outpatient_therapist,
                caseworker=caseworker,
            )
            .through_services(
                stage="handed_over",
                planned_discharge_on=appointment_day,
                first_appointment_at=at(appointment_day, 10),
                first_appointment_place="Rusmiddelcenter Ambulant, Vesterbro 12",
                discharged_on=appointment_day,
            )
            .transition
        )


def test_a_missed_first_appointment_reaches_the_therapist_and_the_caseworker(
    page, new_context, axe_check, discharged, appointment_day, caseworker, outpatient_therapist
):
    page.context.set_default_timeout(30_000)
    # Before the cut-off nothing happens; just after it the sweep makes the outreach.
    with time_machine.travel(at(appointment_day, 15, 59), tick=False):
        reminder_sweep_task(now=at(appointment_day, 15, 59).isoformat())
    assert not ActionItem.objects.filter(kind=ActionItem.Kind.OUTREACH).exists()
    with time_machine.travel(at(appointment_day, 16, 1), tick=False):
        reminder_sweep_task(now=at(appointment_day, 16, 1).isoformat())
    [item] = ActionItem.objects.filter(transition=discharged, kind=ActionItem.Kind.OUTREACH)
    assert (item.owner_id, item.created_by_id, item.done_at) == (
        outpatient_therapist.pk,
        None,
        None,
    )
    [notice] = Notification.objects.filter(rule="first_appointment_missed")
    assert notice.recipient_id == caseworker.pk
    assert timezone.localtime(notice.created_at).date() == appointment_day

    # The outpatient therapist finds the outreach among the open actions of the transition.
    login(page, "outpatient")
    page.goto(f"/overgange/{discharged.case_id}/")
    row = page.locator("#handlinger tbody tr").filter(
        has_text="Opsøg borgeren: første ambulante aftale blev ikke holdt"
    )
    row.wait_for()
    assert "Opsøgende kontakt" in row.inner_text()
    assert outpatient_therapist.get_full_name() in row.inner_text()
    axe_check(page)

    # The caseworker finds the notice in the inbox, with the one action.
    other = new_context()
    other.set_default_timeout(30_000)
    karin = other.new_page()
    login(karin, "caseworker")
    karin.goto("/indbakke/")
    number = discharged.case.number
    karin.get_by_role("link", name=f"Kontakt borgeren \u2013 sag {number}").wait_for()
    axe_check(karin)
