"""Issue 11, acceptance 1: the URL walk. Every URL pattern of `get_resolver()` (pages, the API
with a session and with a token, the admin), for every user kind of the world in
tests/access_walk/world.py, in every relationship state, under a frozen clock.

Who may see what is decided in tests/access_walk/oracle.py from the data's relationships
(DESIGN §1), never by asking `cases.access`. The walk fails on any 2xx or any change in the
database from a request on a foreign object, any 403 where 404 is due, any change from a write
on a case the user may only read, and any foreign citizen's name or CPR number in a body.
"""

from __future__ import annotations

import importlib
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import pytest
from django.contrib import admin
from django.contrib.admin import AdminSite
from django.urls import clear_url_caches

import config.urls
from cases.models import Case, Citizen
from tests import factories
from transitions.models import Transition

from .routes import all_routes
from .walk import Finding, Walker, changed_tables, sanity, snapshot
from .world import STATES, USER_KINDS, build_world

# Known holes, each with the issue that fixes it (none open). A hole found later goes here with
# a strict xfail on a test of its own, so that the fix turns it into a failure to clean up.
KNOWN_HOLES: dict[tuple[str, str], str] = {}


def is_known(finding: Finding) -> bool:
    return (finding.user_kind, finding.route) in KNOWN_HOLES


# In "open" every user kind walks, with a session and a token; in the other states the users
# whose relationship to case A the state changes walk again (with a session), to keep the
# suite fast.
STATE_USERS: dict[str, tuple[str, ...]] = {
    "open": USER_KINDS,
    "handover_day_29": ("rt1", "rmgr1", "ot1", "omgr1"),
    "handover_day_31": ("rt1", "rmgr1", "ot1", "omgr1"),
    "glass_3_9h": ("cw2", "mgr2"),
    "glass_4_1h": ("cw2", "mgr2"),
    "reassigned": ("cw1", "mgr1", "cw2", "mgr2", "rmgr1"),
    "episode_ended": ("rt1", "rmgr1", "ot1"),
}


def walk_all(
    state: str, clock: Any, user_kinds: tuple[str, ...]
) -> tuple[list[str], list[Finding]]:
    world = build_world(state, clock)
    problems: list[str] = []
    findings: list[Finding] = []
    for user_kind in user_kinds:
        problems += sanity(world, user_kind)
        walker = Walker(world, user_kind, with_token=state == "open")
        findings += walker.run()
    return problems, findings


# "open" is walked in two halves, each in a world of its own, so that two test workers share
# the longest walk.
HALF = len(USER_KINDS) // 2
WALKS = [
    pytest.param("open", USER_KINDS[:HALF], id="open-1"),
    pytest.param("open", USER_KINDS[HALF:], id="open-2"),
    *(pytest.param(state, STATE_USERS[state], id=state) for state in STATES if state != "open"),
]


@pytest.mark.django_db
@pytest.mark.parametrize(("state", "user_kinds"), WALKS)
def test_no_user_reaches_a_foreign_case_or_changes_a_read_only_one(state, user_kinds, clock):
    problems, findings = walk_all(state, clock, user_kinds)
    unexpected = [str(f) for f in findings if not is_known(f)]
    assert not problems, "\n".join(problems)
    assert not unexpected, "\n".join(unexpected)


@pytest.mark.django_db
def test_an_institution_manager_cannot_reassign_a_municipal_case(clock):
    """The manager of residential institution 1, whose unit has an open episode on case A,
    posts a valid reassignment of case A to Team 2: nothing changes (the hole the probe found
    before issue 11; the walk reports a change in the database as a finding)."""
    _, findings = walk_all("open", clock, ("rmgr1",))
    assert not [str(f) for f in findings if f.route == "cases:reassign"]


@pytest.mark.django_db
def test_the_walks_snapshot_sees_a_changed_row_and_nothing_else(clock):
    """The comparison behind "changes nothing" can fail: one field of case A and one row of its
    handover changed behind the walk's back are the two tables it names; a read names none."""
    world = build_world("open", clock)
    before = snapshot()
    assert changed_tables(before, snapshot()) == []
    Case.objects.filter(pk=world.cases["A"].case.pk).update(inquiry_note="Ændret bag om ryggen")
    Transition.objects.filter(case=world.cases["A"].case).update(
        first_appointment_place="Et andet sted"
    )
    assert changed_tables(before, snapshot()) == sorted(["cases.Case", "transitions.Transition"])


@pytest.mark.django_db
def test_the_walk_catches_a_foreign_case_that_opens(clock):
    """The walk can fail: a stray grant of view on case A to Team 2's caseworker (a bug the
    oracle knows nothing of) shows as 2xx answers and case A's citizen in the bodies."""
    world = build_world("open", clock)
    factories.CaseUserObjectPermissionFactory(
        content_object=world.cases["A"].case, user=world.users["cw2"]
    )
    findings = [str(f) for f in Walker(world, "cw2", with_token=False).run()]
    assert "[open] cw2 GET cases:detail (session): 200 on a foreign object" in findings
    assert any("ZephyrineA" in f and "api:case-detail" in f for f in findings)


class LeakyCitizenAdmin(admin.ModelAdmin):
    """The mistake the admin walk must catch: "staff may look citizens up" (a case-content
    admin that lets every staff user read, whatever their role)."""

    list_display = ["first_name", "last_name", "cpr"]
    search_fields = ["last_name"]

    def has_view_permission(self, request: Any, obj: Any = None) -> bool:
        return bool(request.user.is_staff)


def _reload_urls() -> None:
    importlib.reload(config.urls)
    clear_url_caches()


@contextmanager
def registered_in_the_admin(model: Any, model_admin: Any) -> Iterator[None]:
    """`model` in the admin with `model_admin` for the block: the admin's URLs are made when
    the URLconf is loaded, so it is loaded again on the way in and on the way out."""
    admin.site.register(model, model_admin)
    try:
        _reload_urls()
        yield
    finally:
        admin.site.unregister(model)
        _reload_urls()


def walk_the_admin(world: Any, user_kind: str) -> list[str]:
    walker = Walker(world, user_kind, with_token=False)
    for route in all_routes():
        if route.is_admin:
            walker.walk_admin(route)
    return [str(f) for f in walker.findings]


@pytest.mark.django_db
def test_the_walk_catches_a_case_content_admin(clock):
    """The admin walk can fail: with a citizen admin registered, the administrator and a
    superuser read citizens in the admin (2xx on case contents, names and CPR in the body)."""
    world = build_world("open", clock)
    with registered_in_the_admin(Citizen, LeakyCitizenAdmin):
        findings = {kind: walk_the_admin(world, kind) for kind in ("admin", "root")}
        routes_while_registered = {route.name for route in all_routes()}
    assert "admin:cases_citizen_changelist" in routes_while_registered
    assert "admin:cases_citizen_changelist" not in {route.name for route in all_routes()}
    for kind in ("admin", "root"):
        assert (
            f"[open] {kind} GET admin:cases_citizen_changelist (session): /admin/cases/citizen/: "
            "200 on case contents (cases.Citizen) in the admin"
        ) in findings[kind]
        assert any("ZephyrineA" in f and "cases_citizen_change " in f for f in findings[kind])
        assert any("010190-1113" in f for f in findings[kind])
        # The autocomplete lists citizens once an admin of them has search fields.
        assert any("admin:autocomplete" in f and "cases.Citizen" in f for f in findings[kind])


@pytest.mark.django_db
def test_the_walk_catches_an_admin_open_to_users_who_are_not_staff(clock, monkeypatch):
    """The admin walk can fail: an admin site that lets every active user in (a mistaken
    `has_permission`) answers a caseworker's requests instead of sending them to the login."""
    world = build_world("open", clock)
    monkeypatch.setattr(AdminSite, "has_permission", lambda self, request: request.user.is_active)
    findings = walk_the_admin(world, "cw1")
    assert (
        "[open] cw1 GET admin:index (session): /admin/: 200 for a user who is not staff "
        "(a redirect to the admin login is due)"
    ) in findings


@pytest.mark.django_db
def test_the_walk_catches_a_caseless_citizen_that_opens(clock):
    """The caseless citizen's branch can fail too: moved to Team 2 behind the oracle's back,
    the citizen opens to Team 2's caseworker and the walk says so."""
    world = build_world("open", clock)
    Citizen.objects.filter(pk=world.caseless.pk).update(registered_by_team=world.units["team2"])
    findings = [str(f) for f in Walker(world, "cw2", with_token=False).run()]
    assert (
        "[open] cw2 GET cases:citizen_detail (session): 200 on a foreign caseless citizen"
        in findings
    )
    assert any("XanthippeC" in f and "api:citizen-list" in f for f in findings)
