"""Who may use which handover URL (DESIGN §1, STYLE §5): anonymous -> login, unrelated -> 404,
read-only write -> 403, related -> 200/302. One test per (URL, method), every named user."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime

import pytest
from django.db import transaction
from django.test import Client
from django.urls import reverse

from accounts.roles import ROLE_PERMISSIONS
from cases.models import AccessLog
from tests import factories
from tests.clock import TZ
from tests.conftest import ALL_USER_FIXTURES
from transitions import services
from transitions.models import CheckIn

pytestmark = pytest.mark.django_db

UNRELATED = {"other_team_caseworker", "other_unit_manager", "admin_user"}


@dataclass(frozen=True)
class Spec:
    name: str
    method: str
    perm: str  # the permission the request needs on the case
    ok: int  # the status a permitted user gets
    data: dict = field(default_factory=dict)
    kwargs: tuple = ()  # names of objects in `world` the URL needs, as (url kwarg, world key)
    only: frozenset | None = None  # users who may (beyond the perm), e.g. note receivers


VIEW = "transitions.view_transition"
SPECS = [
    Spec("detail", "GET", VIEW, 200),
    Spec("create", "POST", "transitions.add_transition", 302),
    Spec("edit", "GET", "transitions.change_transition", 200),
    Spec(
        "edit", "POST", "transitions.change_transition", 302, {"planned_discharge_on": "2026-03-20"}
    ),
    Spec("cancel", "GET", "transitions.change_transition", 200),
    Spec("cancel", "POST", "transitions.change_transition", 302, {"reason": "Borgeren flyttede"}),
    Spec("section_edit", "GET", "transitions.change_plansection", 200, kwargs=(("key", "goals"),)),
    Spec(
        "section_edit",
        "POST",
        "transitions.change_plansection",
        302,
        {"text": "Mål", "based_on_version": 0},
        kwargs=(("key", "goals"),),
    ),
    Spec("section_display", "GET", VIEW, 302, kwargs=(("key", "goals"),)),
    Spec("section_history", "GET", VIEW, 200, kwargs=(("key", "goals"),)),
    Spec("note_create", "GET", "transitions.add_statusnote", 200),
    Spec(
        "note_create",
        "POST",
        "transitions.add_statusnote",
        302,
        {"kind": "start", "body": "Godt i gang."},
    ),
    Spec("note_detail", "GET", VIEW, 200, kwargs=(("pk", "note"),)),
    Spec(
        "note_acknowledge",
        "POST",
        VIEW,
        302,
        kwargs=(("pk", "note"),),
        only=frozenset({"caseworker", "outpatient_therapist"}),  # the receivers
    ),
    Spec("meeting_create", "GET", "transitions.add_statusmeeting", 200),
    Spec(
        "meeting_create",
        "POST",
        "transitions.add_statusmeeting",
        302,
        {"date": "2026-04-01", "time": "10:00", "duration_minutes": 60, "place": "Sydgården"},
    ),
    Spec("meeting_detail", "GET", VIEW, 200, kwargs=(("pk", "meeting"),)),
    Spec(
        "meeting_detail",
        "POST",
        "transitions.change_statusmeeting",
        302,
        {"agenda": "a", "minutes": "b", "decisions": "c"},
        kwargs=(("pk", "meeting"),),
    ),
    Spec(
        "meeting_participant_add",
        "POST",
        "transitions.change_statusmeeting",
        302,
        {"participant_type": "internal", "user": "@caseworker"},
        kwargs=(("pk", "meeting"),),
    ),
    Spec(
        "meeting_action_add",
        "POST",
        "transitions.add_actionitem",
        302,
        {"text": "Ring", "owner_text": "Jobcenter", "due_on": "2026-04-10"},
        kwargs=(("pk", "meeting"),),
    ),
    Spec("meeting_ics", "GET", VIEW, 200, kwargs=(("pk", "meeting"),)),
    Spec("commitment_create", "GET", "transitions.add_aftercarecommitment", 200),
    Spec(
        "commitment_create",
        "POST",
        "transitions.add_aftercarecommitment",
        302,
        {
            "description": "Samtaler",
            "contacts_per_period": "1",
            "period_weeks": "1",
            "starts_on": "2026-04-01",
        },
    ),
    Spec("commitment_detail", "GET", VIEW, 200, kwargs=(("pk", "commitment"),)),
    Spec(
        "commitment_detail",
        "POST",
        "transitions.change_aftercarecommitment",
        302,
        {
            "kind": "reduced",
            "description": "Samtaler",
            "contacts_per_period": "1",
            "period_weeks": "2",
            "starts_on": "2026-04-01",
            "reason": "Færre",
        },
        kwargs=(("pk", "commitment"),),
    ),
    Spec("checkin_answer", "GET", VIEW, 200, kwargs=(("pk", "checkin"),)),
    Spec(
        "checkin_answer",
        "POST",
        "transitions.change_checkin",
        302,
        {"answer": "Boligen", "themes": ["housing"]},
        kwargs=(("pk", "checkin"),),
    ),
    Spec("checkin_schedule", "GET", "transitions.change_transition", 200),
    Spec(
        "checkin_schedule",
        "POST",
        "transitions.change_transition",
        302,
        {"weeks": "2, 4, 8", "reason": "Tættere opfølgning"},
    ),
    Spec("action_done", "POST", "transitions.change_actionitem", 302, kwargs=(("pk", "action"),)),
    Spec("confirm", "GET", "transitions.confirm_transition", 200),
    Spec("confirm", "POST", "transitions.confirm_transition", 200, {"receiver_situation": "ok"}),
]

ROLE_OF = {
    "caseworker": "Sagsbehandler",
    "other_team_caseworker": "Sagsbehandler",
    "residential_therapist": "Døgnbehandler",
    "outpatient_therapist": "Ambulant behandler",
    "manager": "Leder",
    "other_unit_manager": "Leder",
    "admin_user": "Administrator",
}


def role_has(user_name: str, perm: str) -> bool:
    return any(
        perm in perms
        for role, perms in ROLE_PERMISSIONS.items()
        if role.value == ROLE_OF[user_name]
    )


def expected(spec: Spec, user_name: str | None) -> int:
    if user_name is None:
        return 302  # to the login page
    if user_name in UNRELATED:
        return 404
    if not role_has(user_name, VIEW):
        return 404
    if not role_has(user_name, spec.perm):
        return 403
    if spec.only is not None and user_name not in spec.only:
        return 403
    return spec.ok


@pytest.fixture
def world(
    request, named_transition, before_discharge_note, residential_therapist, outpatient_therapist
):
    users = {name: request.getfixturevalue(name) for name in ALL_USER_FIXTURES}
    meeting = services.meeting_create(
        transition=named_transition,
        actor=residential_therapist,
        starts_at=datetime(2026, 4, 1, 10, tzinfo=TZ),
        place="Sydgården",
    )
    commitment = services.commitment_create(
        transition=named_transition,
        actor=outpatient_therapist,
        description="Samtaler",
        frequency="Ugentlig",
        starts_on=date(2026, 4, 1),
    )
    objects = {
        "note": before_discharge_note.pk,
        "meeting": meeting.pk,
        "commitment": commitment.pk,
        "checkin": named_transition.checkins.get(kind=CheckIn.Kind.FINAL).pk,
        "action": before_discharge_note.action_items.get().pk,
        "goals": "goals",
    }
    return named_transition, users, objects


def request_status(user, spec: Spec, url: str, users) -> tuple[int, str]:
    data = {
        k: (users[v[1:]].pk if isinstance(v, str) and v.startswith("@") else v)
        for k, v in spec.data.items()
    }
    # Each user's request in a savepoint rolled back afterwards, so that one user's write does
    # not change what the next user finds.
    with transaction.atomic():
        client = Client()
        if user is not None:
            client.force_login(user)
        response = client.get(url) if spec.method == "GET" else client.post(url, data)
        transaction.set_rollback(True)
    return response.status_code, response.get("Location", "")


@pytest.mark.parametrize("spec", SPECS, ids=lambda s: f"{s.method}-{s.name}")
def test_permission_matrix(world, spec):
    transition, users, objects = world
    kwargs = {"case_id": transition.case_id}
    for url_kwarg, key in spec.kwargs:
        kwargs[url_kwarg] = objects[key]
    url = reverse(f"transitions:{spec.name}", kwargs=kwargs)

    wrong = []
    for user_name in [None, *ALL_USER_FIXTURES]:
        status, location = request_status(users.get(user_name), spec, url, users)
        want = expected(spec, user_name)
        if status != want:
            wrong.append(f"{user_name or 'anonymous'}: {status}, expected {want}")
        if user_name is None:
            assert location.startswith(reverse("accounts:login")), location
    assert not wrong, f"{spec.method} {url}: " + "; ".join(wrong)


def test_another_cases_object_is_404_even_for_a_related_user(world, caseworker):
    transition, _users, objects = world
    other_case = factories.CaseFactory(team=transition.case.team, caseworker=caseworker)
    client = Client()
    client.force_login(caseworker)
    # The caseworker may read the other case, but the meeting belongs to this one.
    url = reverse(
        "transitions:meeting_detail", kwargs={"case_id": other_case.pk, "pk": objects["meeting"]}
    )
    assert client.get(url).status_code == 404


def test_reads_are_written_to_the_access_log(world, manager):
    transition, _users, _objects = world
    client = Client()
    client.force_login(manager)
    client.get(reverse("transitions:detail", kwargs={"case_id": transition.case_id}))
    entry = AccessLog.objects.order_by("-pk").first()
    assert entry is not None
    assert entry.user_id == manager.pk
    assert entry.case_id_logged == transition.case_id
    assert entry.object_type == "transition"
