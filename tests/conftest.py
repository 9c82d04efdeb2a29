"""Shared fixtures: a frozen clock, and named users for every role (healthchecks'
alice/bob/charlie habit).

- clock: time stands still at `frozen_at` (default tests.clock.NOW, 16 March 2026 10:00)

- caseworker: Team Nord, assigned to `case`
- other_team_caseworker: Team Syd, unrelated to `case`
- residential_therapist: works at Sydgården (residential institution)
- outpatient_therapist: works in Rusmiddelcenter Ambulant (outpatient unit)
- manager: head of Team Nord (reads the team's cases)
- other_unit_manager: head of Team Syd
- admin: system administrator (no access to case contents)

- handover_builder: builds the handover of `residential_case` at any stage
"""

from __future__ import annotations

import os
from datetime import date, datetime, timedelta
from typing import Any

import pytest
from django.conf import settings as django_settings
from django.db.models.signals import post_save
from django.test import Client
from django.utils import translation

from accounts.models import Unit
from accounts.roles import Role
from cases.event_messages import event_text
from cases.forms.filter_choices import filter_choices_forget
from cases.models import CaseEvent
from tests import factories
from tests.builders import HandoverBuilder
from tests.clock import NOW
from tests.two_factor import force_login_verified

# The xdist workers share one Redis database: each keeps its own keys (sessions, the permission
# cache and its versions, the visible-set size classes), so that a flush, a cache clear or a
# version bump in one worker's test cannot change another worker's query counts.
if os.environ.get("PYTEST_XDIST_WORKER"):
    django_settings.CACHES["default"]["KEY_PREFIX"] = os.environ["PYTEST_XDIST_WORKER"]


def require_services() -> bool:
    return os.environ.get("REQUIRE_SERVICES") == "1"


def skip_or_fail(reason: str) -> None:
    """Skip a test that needs a missing service, or fail when CI demands every service."""
    if require_services():
        pytest.fail(f"REQUIRE_SERVICES=1 but {reason}")
    pytest.skip(reason)


@pytest.fixture(autouse=True)
def default_language():
    """Every test starts and ends in Danish. A request through LocaleMiddleware (an English
    Accept-Language, a language cookie) leaves its language active in the thread, which would
    otherwise leak into the next test on the same worker."""
    translation.activate(django_settings.LANGUAGE_CODE)
    yield
    translation.activate(django_settings.LANGUAGE_CODE)


def _check_event_text(sender: Any, instance: CaseEvent, created: bool, **kwargs: Any) -> None:
    if created and instance.code:
        for language in ("da", "en"):
            with translation.override(language):
                event_text(instance.code, instance.values, strict=True)


@pytest.fixture(autouse=True)
def case_event_texts_render():
    """Every timeline entry a test writes through a service renders from its code and values
    in Danish and in English (issue 18): a call site whose values do not fit its message fails
    the test that walks it, instead of quietly showing the Danish description in English."""
    post_save.connect(_check_event_text, sender=CaseEvent, dispatch_uid="tests.event_text")
    yield
    post_save.disconnect(sender=CaseEvent, dispatch_uid="tests.event_text")


@pytest.fixture(autouse=True)
def case_list_choices_read_afresh():
    """The case list's filter choices are cached per process (cases.forms.filter_choices):
    each test reads them from its own data."""
    filter_choices_forget()
    yield
    filter_choices_forget()


@pytest.fixture(autouse=True)
def fast_password_hasher(settings):
    """PBKDF2 costs ~0.3 s per hash on this machine; tests hash thousands of passwords."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def frame_cache(settings):
    """The frame from the cache (accounts.cache_guard), also on the laptop's memory cache: the
    tests run in one process, so the query counts are those of production with Redis."""
    settings.FRAME_CACHE = True


@pytest.fixture(autouse=True)
def access_log_anchor_file(settings, tmp_path):
    """Each test anchors the access log in a file of its own, never in the checkout's var/."""
    settings.ACCESS_LOG_ANCHOR_FILE = tmp_path / "access-log-anchors.jsonl"
    return settings.ACCESS_LOG_ANCHOR_FILE


@pytest.fixture
def frozen_at() -> datetime:
    """The instant `clock` stops time at. A directory's conftest or a module overrides it to
    stop at another instant from tests/clock.py (e.g. `return REPORT_NOW`)."""
    return NOW


@pytest.fixture
def clock(time_machine: Any, frozen_at: datetime) -> Any:
    """Time stands still at `frozen_at`: by default tests.clock.NOW, Monday 16 March 2026 at
    10:00 in Copenhagen, so `date.today()`, `timezone.now()` and auto_now fields all read it.
    Returns time-machine's fixture: `clock.shift(timedelta(hours=1))` moves time on and
    `clock.move_to(...)` moves it elsewhere; time still stands still after either."""
    time_machine.move_to(frozen_at, tick=False)
    return time_machine


@pytest.fixture(autouse=True)
def require_two_factor(settings, monkeypatch):
    """The suite runs as production does: two-factor required (REQUIRE_2FA=1), and every
    test client's force_login signs in with a verified authenticator app (tests/two_factor.py).
    Tests of the demo set REQUIRE_2FA to False themselves."""
    settings.REQUIRE_2FA = True
    monkeypatch.setattr(Client, "force_login", force_login_verified)


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


@pytest.fixture
def handover_builder(residential_case, caseworker, residential_therapist, outpatient_therapist):
    """A HandoverBuilder (tests/builders/) for `residential_case`, with the residential
    therapist sending, the outpatient therapist receiving and the case's caseworker."""
    return HandoverBuilder(
        residential_case,
        residential_therapist=residential_therapist,
        outpatient_therapist=outpatient_therapist,
        caseworker=caseworker,
    )


ALL_USER_FIXTURES = [
    "caseworker",
    "other_team_caseworker",
    "residential_therapist",
    "outpatient_therapist",
    "manager",
    "other_unit_manager",
    "admin_user",
]
