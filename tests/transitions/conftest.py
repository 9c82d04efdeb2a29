"""Fixtures for the handover tests: a transition on `residential_case` at each stage."""

from __future__ import annotations

from datetime import date, datetime, timedelta

import pytest
from django.test import Client
from django.utils import timezone

from cases.services import case_move
from tests.builders import HandoverBuilder
from tests.builders.through_services import OVERDOSE_SAFETY
from tests.cases.service_helpers import open_case, record_decision
from tests.clock import TODAY
from transitions import services
from transitions.models import StatusNote
from treatment_options.services import episode_refer, episode_start


@pytest.fixture(autouse=True)
def _frozen_clock(clock):
    """Dates matter everywhere here: every test runs at tests.clock.NOW (16 March 2026)."""


@pytest.fixture
def residential_episode(residential_case):
    """Twelve weeks at Sydgården, started in December; planned to end on 16 March 2026."""
    episode = residential_case.episodes.get()
    episode.referral_date = date(2025, 12, 1)
    episode.actual_start = date(2025, 12, 22)
    episode.planned_end = episode.actual_start + timedelta(weeks=12)
    episode.save()
    return episode


@pytest.fixture
def transition(residential_episode, residential_therapist, caseworker):
    """A transition in planning, started by the residential therapist; no receiver yet."""
    builder = HandoverBuilder(
        residential_episode.case,
        residential_therapist=residential_therapist,
        caseworker=caseworker,
        residential_episode=residential_episode,
    )
    return builder.through_services(stage="planning").transition


@pytest.fixture
def named_transition(transition, handover_builder):
    """The transition with the outpatient therapist named (so they have access) by the
    caseworker, and the first appointment booked three days after the planned discharge."""
    handover = handover_builder.through_services(
        stage="planning",
        first_appointment_at=timezone.make_aware(
            datetime.combine(
                transition.planned_discharge_on + timedelta(days=3), datetime.min.time()
            )
            + timedelta(hours=10)
        ),
        first_appointment_place="Rusmiddelcenter, Vestergade 1",
        first_appointment_with="Anders Ambulant",
    )
    return handover.transition


@pytest.fixture
def before_discharge_note(named_transition, residential_therapist, outpatient_therapist):
    return services.status_note_create(
        transition=named_transition,
        actor=residential_therapist,
        kind=StatusNote.Kind.BEFORE_DISCHARGE,
        severity=StatusNote.Severity.WATCH,
        summary="Stabil i seks uger, usikker på boligsituationen.",
        risks="Tilbagefald ved ensomhed i weekenderne.",
        contingency="Ring til ambulant behandler samme dag; akuttelefon uden for åbningstid.",
        overdose_risk="Lav tolerance efter 12 uger; naloxon udleveret.",
        **OVERDOSE_SAFETY,
        actions=[
            services.PlannedAction(
                text="Book møde med boligsocial medarbejder",
                owner=outpatient_therapist,
                due_on=date.today() + timedelta(days=14),
            )
        ],
    )


def login(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def client_for():
    return login


# An outpatient-only course (DESIGN §5.10): no residential stay, hence no transition.


@pytest.fixture
def outpatient_episode(caseworker, outpatient_offer):
    """A decided SEL § 101 case referred to outpatient aftercare, no residential stay."""
    case = open_case(caseworker, inquiry_date=TODAY - timedelta(days=5))
    case_move(actor=caseworker, case=case, action="start_assessment")
    record_decision(case, caseworker)
    case_move(actor=caseworker, case=case, action="refer")
    return episode_refer(
        actor=caseworker,
        case=case,
        offer=outpatient_offer,
        referral_date=TODAY - timedelta(days=1),
        planned_start=TODAY,
    )


@pytest.fixture
def course(outpatient_episode, caseworker):
    """The outpatient treatment started today (Monday 16 March 2026)."""
    episode_start(actor=caseworker, episode=outpatient_episode, actual_start=TODAY)
    return outpatient_episode.case
