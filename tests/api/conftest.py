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
from tests import factories


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
def handover(residential_case, handover_builder, outpatient_therapist):
    """`residential_case` with its transition: outpatient therapist named, a status note, a
    meeting with an action item, and a check-in."""
    built = handover_builder.through_services(
        stage="planning",
        planned_discharge_on=timezone.localdate() + timedelta(days=30),
        notes=[{"kind": "start", "body": "Godt i gang."}],
        meetings=[
            {
                "starts_at": timezone.now() + timedelta(days=7),
                "place": "Sydgården",
                "action_items": [
                    {
                        "text": "Book første ambulante samtale",
                        "due_on": timezone.localdate() + timedelta(days=5),
                        "owner": outpatient_therapist,
                    }
                ],
            }
        ],
    )
    transition = built.transition
    checkin = transition.checkins.first() or factories.CheckInFactory(
        transition=transition, label="Afsluttende samtale", due_on=timezone.localdate()
    )
    return SimpleNamespace(
        case=residential_case,
        transition=transition,
        section=built.section("goals"),
        note=built.notes[0],
        meeting=built.meetings[0],
        item=built.action_items[0],
        checkin=checkin,
        episode=built.residential_episode,
    )
