"""Issue 16, acceptance 1: twenty users saving one plan section at the same moment, through the
page (htmx and the plain form), each get the saved page or the conflict screen, never a 500,
and every text typed is the current text or a kept (stale) version.

PostgreSQL only: the fault was PostgreSQL's re-check of a locked row after waiting for the lock
(a joined author row read before the wait no longer matches the row's new author, so the LEFT
JOIN gave None). SQLite has no row locks, and run_at_once serialises the threads there."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test import Client
from django.urls import reverse

from accounts.roles import Role
from cases.access import has_case_perm
from tests import factories
from tests.concurrency import run_at_once
from tests.conftest import skip_or_fail
from transitions.models import PlanSection

pytestmark = pytest.mark.django_db(transaction=True)

USERS = 20


def _client_for(user) -> Client:
    client = Client(raise_request_exception=False)
    client.force_login(user)
    return client


def test_twenty_simultaneous_saves_get_the_saved_page_or_the_conflict_screen(
    named_transition, residential_therapist, sydgaarden
):
    if connection.vendor != "postgresql":
        skip_or_fail("the row-lock race needs PostgreSQL (DATABASE_URL=postgres://...)")
    case = named_transition.case
    # Twenty different people, so the section's author changes with every save (the fault
    # needed a new author: the joined row of the old one no longer matched).
    users = [residential_therapist] + [
        factories.UserFactory(
            username=f"dogn{n}",
            first_name="Døgn",
            last_name=f"Terapeut {n}",
            unit=sydgaarden,
            role=Role.RESIDENTIAL_THERAPIST,
        )
        for n in range(1, USERS)
    ]
    assert all(has_case_perm(u, "transitions.change_plansection", case) for u in users)
    url = reverse("transitions:section_edit", kwargs={"case_id": case.pk, "key": "housing"})
    clients = [_client_for(u) for u in users]
    texts = [f"Boligsituation, udkast {n}." for n in range(USERS)]

    def save(n: int):
        headers = {"HX-Request": "true"} if n % 2 else {}
        return clients[n].post(url, {"text": texts[n], "based_on_version": 0}, headers=headers)

    responses = run_at_once(*[lambda n=n: save(n) for n in range(USERS)])

    statuses = [r.status_code for r in responses]
    assert 500 not in statuses
    saved, conflicts = 0, 0
    for n, response in enumerate(responses):
        body = response.content.decode()
        if response.status_code == 302:
            saved += 1
        elif "En anden har gemt afsnittet, mens du skrev" in body:
            assert response.status_code == 200
            assert texts[n] in body  # their own text on the conflict screen
            conflicts += 1
        else:
            assert response.status_code == 200, (n, response.status_code)
            assert "Gemt som version 1." in body  # the htmx fragment of the saved section
            saved += 1
    # All started from version 0: exactly one save wins, the other nineteen see both texts.
    assert (saved, conflicts) == (1, USERS - 1)
    section = PlanSection.objects.get(transition=named_transition, key="housing")
    kept = set(section.versions.filter(is_stale=True).values_list("text", flat=True))
    assert section.text in texts
    assert {t for t in texts if t != section.text} == kept
