"""Shared fixtures: named users for every role (healthchecks' alice/bob/charlie habit).

- caseworker: Team Nord, assigned to `case`
- other_team_caseworker: Team Syd, unrelated to `case`
- residential_therapist: works at Sydgården (residential institution)
- outpatient_therapist: works in Rusmiddelcenter Ambulant (outpatient unit)
- manager: head of Team Nord (reads the team's cases)
- other_unit_manager: head of Team Syd
- admin: system administrator (no access to case contents)
"""

from __future__ import annotations

import os
from datetime import date, timedelta

import pytest

from accounts.models import Unit
from accounts.roles import Role
from tests import factories


def require_services() -> bool:
    return os.environ.get("REQUIRE_SERVICES") == "1"


def skip_or_fail(reason: str) -> None:
    """Skip a test that needs a missing service, or fail when CI demands every service."""
    if require_services():
        pytest.fail(f"REQUIRE_SERVICES=1 but {reason}")
    pytest.skip(reason)


@pytest.fixture(autouse=True)
def fast_password_hasher(settings):
    """PBKDF2 costs ~0.3 s per hash on this machine; tests hash thousands of passwords."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def access_log_anchor_file(settings, tmp_path):
    """Each test anchors the access log in a file of its own, never in the checkout's var/."""
    settings.ACCESS_LOG_ANCHOR_FILE = tmp_path / "access-log-anchors.jsonl"
    return settings.ACCESS_LOG_ANCHOR_FILE


@pytest.fixture
def team_nord(db):
    return factories.UnitFactory(name="Team Nord", kind=Unit.Kind.MUNICIPAL_TEAM)


@pytest.fixture
def team_syd(db):
    return factories.UnitFactory(name="Team Syd", kind=Unit.Kind.MUNICIPAL_TEAM)


@pytest.fixture
def sydgaarden(db):
    return factories.UnitFactory(name="Sydgården", kind=Unit.Kind.RESIDENTIAL)


@pytest.fixture
def ambulant_unit(db):
    return factories.UnitFactory(name="Rusmiddelcenter Ambulant", kind=Unit.Kind.OUTPATIENT)


@pytest.fixture
def caseworker(team_nord):
    return factories.UserFactory(
        username="caseworker",
        first_name="Karin",
        last_name="Sagsbehandler",
        unit=team_nord,
        role=Role.CASEWORKER,
    )


@pytest.fixture
def other_team_caseworker(team_syd):
    return factories.UserFactory(
        username="other_caseworker",
        first_name="Ole",
        last_name="Andenteam",
        unit=team_syd,
        role=Role.CASEWORKER,
    )


@pytest.fixture
def residential_therapist(sydgaarden):
    return factories.UserFactory(
        username="residential",
        first_name="Dorte",
        last_name="Døgn",
        unit=sydgaarden,
        role=Role.RESIDENTIAL_THERAPIST,
    )


@pytest.fixture
def outpatient_therapist(ambulant_unit):
    return factories.UserFactory(
        username="outpatient",
        first_name="Anders",
        last_name="Ambulant",
        unit=ambulant_unit,
        role=Role.OUTPATIENT_THERAPIST,
    )


@pytest.fixture
def manager(team_nord):
    return factories.UserFactory(
        username="manager", first_name="Lise", last_name="Leder", unit=team_nord, role=Role.MANAGER
    )


@pytest.fixture
def other_unit_manager(team_syd):
    return factories.UserFactory(
        username="other_manager",
        first_name="Bo",
        last_name="Bestyrer",
        unit=team_syd,
        role=Role.MANAGER,
    )


@pytest.fixture
def admin_user(db):
    return factories.UserFactory(
        username="admin", first_name="Ada", last_name="Admin", unit=None, role=Role.ADMINISTRATOR
    )


@pytest.fixture
def sydgaarden_provider(sydgaarden):
    return factories.ProviderFactory(name="Sydgården", unit=sydgaarden)


@pytest.fixture
def ambulant_provider(ambulant_unit):
    return factories.ProviderFactory(name="Rusmiddelcenter Ambulant", unit=ambulant_unit)


@pytest.fixture
def residential_offer(sydgaarden_provider):
    return factories.OfferFactory(
        provider=sydgaarden_provider, name="Døgnbehandling", treatment_type="residential"
    )


@pytest.fixture
def outpatient_offer(ambulant_provider):
    return factories.OfferFactory(
        provider=ambulant_provider, name="Ambulant efterbehandling", treatment_type="aftercare"
    )


@pytest.fixture
def case(caseworker, team_nord):
    """An open SEL § 101 case in Team Nord assigned to `caseworker`."""
    return factories.CaseFactory(
        team=team_nord,
        caseworker=caseworker,
        inquiry_date=date.today() - timedelta(days=5),
        citizen=factories.CitizenFactory(first_name="Mette", last_name="Hansen", cpr="120385-1234"),
    )


@pytest.fixture
def residential_case(case, residential_offer, residential_therapist):
    """`case` with a started residential episode at Sydgården."""
    case.status = "in_treatment"
    case.treatment_started_on = case.inquiry_date + timedelta(days=3)
    case.save()
    factories.EpisodeFactory(
        case=case, offer=residential_offer, actual_start=case.treatment_started_on
    )
    return case


ALL_USER_FIXTURES = [
    "caseworker",
    "other_team_caseworker",
    "residential_therapist",
    "outpatient_therapist",
    "manager",
    "other_unit_manager",
    "admin_user",
]
