"""Fixtures for the handover tests: a transition on `residential_case` at each stage."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.test import Client
from django.utils import timezone

from transitions import services
from transitions.models import StatusNote

CPH = ZoneInfo("Europe/Copenhagen")
NOW = datetime(2026, 3, 16, 10, 0, tzinfo=CPH)


@pytest.fixture(autouse=True)
def _fixed_clock_and_fast_hasher(time_machine, settings):
    """A fixed clock (dates matter everywhere here) and a fast password hasher: every named
    test user gets a password, and the production hasher is slow on a busy machine."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    time_machine.move_to(NOW, tick=False)


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
def transition(residential_episode, residential_therapist):
    """A transition in planning, started by the residential therapist; no receiver yet."""
    return services.transition_create_for_episode(
        episode=residential_episode, actor=residential_therapist
    )


@pytest.fixture
def named_transition(transition, caseworker, outpatient_therapist):
    """The transition with the outpatient therapist named (so they have access)."""
    return services.transition_update(
        transition=transition,
        actor=caseworker,
        changes=services.TransitionChanges(
            outpatient_therapist=outpatient_therapist,
            planned_discharge_on=transition.planned_discharge_on,
            first_appointment_at=timezone.make_aware(
                datetime.combine(
                    transition.planned_discharge_on + timedelta(days=3), datetime.min.time()
                )
                + timedelta(hours=10)
            ),
            first_appointment_place="Rusmiddelcenter, Vestergade 1",
            first_appointment_with="Anders Ambulant",
        ),
    )


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
