"""Issue 15, guard found on the walk: a citizen registered without a case answered 404 to its
creator in a new session. DESIGN §1: a citizen without any case belongs to the team that
registered them until a case exists: reachable and findable (citizen page, search, API) for
that team, and for nobody else."""

from __future__ import annotations

import importlib

import pytest
from django.apps import apps
from django.test import Client
from django.urls import reverse
from rest_framework.test import APIClient

from accounts.roles import Role
from cases.access import citizen_registering_team
from cases.citizen_access import citizen_cpr_visible_to, citizen_list_visible_to
from cases.models import Case, Citizen
from cases.services import citizen_create, citizen_update
from tests import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def registered(caseworker):
    """Registered by Team Nord's caseworker through the page, no case opened."""
    client = Client()
    client.force_login(caseworker)
    response = client.post(
        reverse("cases:citizen_create"),
        {"first_name": "Ingrid", "last_name": "Uden-Sag", "cpr": "150285-1234"},
    )
    assert response.status_code == 302
    return Citizen.objects.get(last_name="Uden-Sag")


def login(user) -> Client:
    client = Client()  # a new session, as in the walk
    client.force_login(user)
    return client


def test_the_registering_team_is_recorded(registered, team_nord):
    assert registered.registered_by_team == team_nord
    assert not Case.objects.filter(citizen=registered).exists()


def test_creator_and_team_reach_the_citizen_page_in_a_new_session(registered, caseworker, manager):
    url = reverse("cases:citizen_detail", kwargs={"citizen_id": registered.pk})
    for user in (caseworker, manager):
        response = login(user).get(url)
        assert response.status_code == 200
        assert "Uden-Sag" in response.content.decode()


def test_another_team_gets_404(registered, other_team_caseworker):
    url = reverse("cases:citizen_detail", kwargs={"citizen_id": registered.pk})
    assert login(other_team_caseworker).get(url).status_code == 404
    new_case = reverse("cases:case_create", kwargs={"citizen_id": registered.pk})
    assert login(other_team_caseworker).get(new_case).status_code == 404


def test_the_team_finds_the_citizen_by_search_and_others_do_not(
    registered, caseworker, other_team_caseworker
):
    link = reverse("cases:citizen_detail", kwargs={"citizen_id": registered.pk})
    for user, found in ((caseworker, True), (other_team_caseworker, False)):
        client = login(user)
        for term in ("Uden-Sag", "150285", "150285-1234"):
            client.post(reverse("cases:list"), {"q": term})
            page = client.get(reverse("cases:list")).content.decode()
            assert (f'href="{link}"' in page) is found, (user, term)


def test_the_api_answers_as_the_page(registered, caseworker, other_team_caseworker):
    mine, theirs = APIClient(), APIClient()
    mine.force_login(caseworker)
    theirs.force_login(other_team_caseworker)
    detail = f"/api/v1/citizens/{registered.pk}/"
    response = mine.get(detail)
    assert response.status_code == 200, response.content
    assert theirs.get(detail).status_code == 404
    assert registered.pk in {c["id"] for c in mine.get("/api/v1/citizens/").json()["results"]}
    assert registered.pk not in {c["id"] for c in theirs.get("/api/v1/citizens/").json()["results"]}


def test_full_cpr_and_changes_for_the_team_only(registered, caseworker, other_team_caseworker):
    assert citizen_cpr_visible_to(caseworker, registered)
    assert not citizen_cpr_visible_to(other_team_caseworker, registered)
    citizen_update(actor=caseworker, citizen=registered, phone="12345678")
    with pytest.raises(Exception, match="adgang"):
        citizen_update(actor=other_team_caseworker, citizen=registered, phone="87654321")


def test_once_a_case_exists_access_follows_the_case(registered, caseworker, team_syd):
    other = factories.UserFactory(unit=team_syd, role=Role.CASEWORKER)
    factories.CaseFactory(citizen=registered, team=team_syd, caseworker=other)
    # Team Nord registered the citizen, but the case is Team Syd's now.
    assert not citizen_list_visible_to(caseworker).filter(pk=registered.pk).exists()


def test_only_a_municipal_team_registers(residential_therapist, caseworker, team_nord):
    assert citizen_registering_team(caseworker) == team_nord
    assert citizen_registering_team(residential_therapist) is None


def test_migration_backfills_the_team_from_the_first_case(caseworker, team_nord, team_syd):
    migration = importlib.import_module("cases.migrations.0005_citizen_registered_by_team")
    with_case = factories.CitizenFactory()
    factories.CaseFactory(citizen=with_case, team=team_syd, caseworker=None)
    without = factories.CitizenFactory()
    created = citizen_create(actor=caseworker, first_name="Ny", last_name="Borger")
    Citizen.objects.update(registered_by_team=None)

    migration.backfill_registered_by_team(apps, None)

    assert Citizen.objects.get(pk=with_case.pk).registered_by_team_id == team_syd.pk
    assert Citizen.objects.get(pk=without.pk).registered_by_team_id is None
    assert Citizen.objects.get(pk=created.pk).registered_by_team_id is None  # nothing to go by
