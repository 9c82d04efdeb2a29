"""Fixtures of the API tests: clients for each named user (session and token) and a case
with a complete handover (transition, plan, note, meeting with participant and action item,
check-in)."""

from __future__ import annotations

from datetime import timedelta
from types import SimpleNamespace
from typing import Any

import pytest
from django.utils import timezone
from rest_framework.test import APIClient

from api.services import api_token_create
from transitions import services as handover_services
from transitions.models import CheckIn


@pytest.fixture(autouse=True)
def fast_password_hasher(settings):
    # The matrix makes every named user for hundreds of tests: PBKDF2 would dominate the run.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def anonymous_client() -> APIClient:
    return APIClient()


@pytest.fixture
def client_for():
    """A session-authenticated API client for a user (None: anonymous)."""

    def make(user: Any) -> APIClient:
        client = APIClient()
        if user is not None:
            client.force_login(user)
        return client

    return make


@pytest.fixture
def token_client_for():
    """A client that authenticates with an API token of the user (header only, no session)."""

    def make(user: Any) -> APIClient:
        client = APIClient()
        new = api_token_create(user=user, name="Fagsystem")
        client.credentials(HTTP_AUTHORIZATION=f"Token {new.key}")
        return client

    return make


@pytest.fixture
def handover(residential_case, caseworker, residential_therapist, outpatient_therapist):
    """`residential_case` with its transition: outpatient therapist named, a status note, a
    meeting with an action item, and a check-in."""
    episode = residential_case.episodes.get()
    transition = handover_services.transition_create_for_episode(
        episode=episode, actor=residential_therapist
    )
    transition = handover_services.transition_update(
        transition=transition,
        actor=caseworker,
        changes=handover_services.TransitionChanges(
            outpatient_therapist=outpatient_therapist,
            planned_discharge_on=timezone.localdate() + timedelta(days=30),
        ),
    )
    note = handover_services.status_note_create(
        transition=transition, actor=residential_therapist, kind="start", body="Godt i gang."
    )
    meeting = handover_services.meeting_create(
        transition=transition,
        actor=residential_therapist,
        starts_at=timezone.now() + timedelta(days=7),
        place="Sydgården",
    )
    item = handover_services.action_item_create(
        transition=transition,
        actor=residential_therapist,
        text="Book første ambulante samtale",
        due_on=timezone.localdate() + timedelta(days=5),
        owner=outpatient_therapist,
        meeting=meeting,
    )
    checkin = transition.checkins.first() or CheckIn.objects.create(
        transition=transition, label="Afsluttende samtale", due_on=timezone.localdate()
    )
    return SimpleNamespace(
        case=residential_case,
        transition=transition,
        section=transition.plan_sections.get(key="goals"),
        note=note,
        meeting=meeting,
        item=item,
        checkin=checkin,
        episode=episode,
    )
