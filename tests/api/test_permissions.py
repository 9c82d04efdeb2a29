"""The API's permission matrix, mirroring the pages (DESIGN §1, STYLE §5): for every endpoint
and every named user — plus anonymous and a token-authenticated user — a list leaves out cases
the user may not see, a retrieve of such an object is 404, a write by a read-only role is 403,
and anonymous is refused."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import pytest

from notifications.services import notify
from tests.conftest import ALL_USER_FIXTURES

pytestmark = pytest.mark.django_db

# Who sees the handover case `residential_case` (Team Nord, residential episode at Sydgården,
# outpatient therapist named on the transition).
SEES_CASE = {"caseworker", "manager", "residential_therapist", "outpatient_therapist"}
# Citizens need the role permission cases.view_citizen (caseworkers and managers).
SEES_CITIZEN = {"caseworker", "manager"}


@dataclass(frozen=True)
class Endpoint:
    name: str
    list_url: str | None
    detail_url: str
    seen_by: frozenset[str]
    # A write a read-only role (the manager) may not make: (method, url, body).
    write: tuple[str, str, dict[str, Any]] | None
    # Who may make that write (2xx).
    writers: frozenset[str] = frozenset()
    # What a list item's id is compared with (default: the object's id).
    list_key: str = "id"

    @property
    def write_creates(self) -> bool:
        """The write is a POST to the list: it makes a new object (201, parent in the body)."""
        return self.write is not None and self.write[:2] == ("post", self.list_url)


def endpoints(h: Any) -> list[Endpoint]:
    case, t = h.case, h.transition
    sees = frozenset(SEES_CASE)
    return [
        Endpoint(
            "citizens",
            "/api/v1/citizens/",
            f"/api/v1/citizens/{case.citizen_id}/",
            frozenset(SEES_CITIZEN),
            ("patch", f"/api/v1/citizens/{case.citizen_id}/", {"phone": "12345678"}),
            frozenset({"caseworker"}),
        ),
        Endpoint(
            "cases",
            "/api/v1/cases/",
            f"/api/v1/cases/{case.pk}/",
            sees,
            ("patch", f"/api/v1/cases/{case.pk}/", {"version": case.version, "inquiry_note": "x"}),
            frozenset({"caseworker"}),
        ),
        Endpoint(
            "case move",
            None,
            f"/api/v1/cases/{case.pk}/",
            sees,
            ("post", f"/api/v1/cases/{case.pk}/move/", {"action": "start_aftercare"}),
            frozenset({"caseworker"}),
        ),
        Endpoint(
            "case events",
            None,
            f"/api/v1/cases/{case.pk}/events/",
            sees,
            None,
        ),
        Endpoint(
            "case course",
            None,
            f"/api/v1/cases/{case.pk}/course/",
            sees,
            None,
        ),
        Endpoint(
            "episodes",
            "/api/v1/episodes/",
            f"/api/v1/episodes/{h.episode.pk}/",
            sees,
            (
                "post",
                f"/api/v1/episodes/{h.episode.pk}/end/",
                {"actual_end": str(h.episode.actual_start), "end_reason": "completed"},
            ),
            frozenset({"caseworker", "residential_therapist"}),
        ),
        Endpoint(
            "transitions",
            "/api/v1/transitions/",
            f"/api/v1/transitions/{t.pk}/",
            sees,
            ("patch", f"/api/v1/transitions/{t.pk}/", {"first_appointment_place": "Rådhuset"}),
            frozenset({"caseworker", "residential_therapist", "outpatient_therapist"}),
        ),
        Endpoint(
            "plan sections",
            f"/api/v1/transitions/{t.pk}/plan-sections/",
            f"/api/v1/transitions/{t.pk}/plan-sections/goals/",
            sees,
            (
                "put",
                f"/api/v1/transitions/{t.pk}/plan-sections/goals/",
                {"text": "Mål", "version": 0},
            ),
            frozenset({"caseworker", "residential_therapist", "outpatient_therapist"}),
            list_key="key",
        ),
        Endpoint(
            "status notes",
            "/api/v1/status-notes/",
            f"/api/v1/status-notes/{h.note.pk}/",
            sees,
            ("post", "/api/v1/status-notes/", {"transition": t.pk, "kind": "midway", "body": "OK"}),
            frozenset({"caseworker", "residential_therapist", "outpatient_therapist"}),
        ),
        Endpoint(
            "meetings",
            "/api/v1/meetings/",
            f"/api/v1/meetings/{h.meeting.pk}/",
            sees,
            ("patch", f"/api/v1/meetings/{h.meeting.pk}/", {"agenda": "Udskrivning"}),
            frozenset({"caseworker", "residential_therapist", "outpatient_therapist"}),
        ),
        Endpoint(
            "action items",
            "/api/v1/action-items/",
            f"/api/v1/action-items/{h.item.pk}/",
            sees,
            ("post", f"/api/v1/action-items/{h.item.pk}/done/", {}),
            frozenset({"caseworker", "residential_therapist", "outpatient_therapist"}),
        ),
        Endpoint(
            "check-ins",
            "/api/v1/checkins/",
            f"/api/v1/checkins/{h.checkin.pk}/",
            sees,
            (
                "post",
                f"/api/v1/checkins/{h.checkin.pk}/answer/",
                {"answer": "Ensomheden", "themes": ["network"]},
            ),
            frozenset({"caseworker", "residential_therapist", "outpatient_therapist"}),
        ),
    ]


ENDPOINT_NAMES = [
    "citizens",
    "cases",
    "case move",
    "case events",
    "case course",
    "episodes",
    "transitions",
    "plan sections",
    "status notes",
    "meetings",
    "action items",
    "check-ins",
]

READ_ONLY = {"case events", "case course"}


def _endpoint(handover: Any, name: str) -> Endpoint:
    return next(e for e in endpoints(handover) if e.name == name)


def _ids(response: Any, key: str) -> set[Any]:
    data = response.json()
    items = data["results"] if isinstance(data, dict) else data
    return {item[key] for item in items}


def test_matrix_covers_every_endpoint(handover):
    assert [e.name for e in endpoints(handover)] == ENDPOINT_NAMES


@pytest.mark.parametrize("auth", ["session", "token"])
@pytest.mark.parametrize("user_fixture", ALL_USER_FIXTURES)
@pytest.mark.parametrize("name", ENDPOINT_NAMES)
def test_reads_follow_case_access(
    request, handover, client_for, token_client_for, user_fixture, name, auth
):
    endpoint = _endpoint(handover, name)
    user = request.getfixturevalue(user_fixture)
    client = client_for(user) if auth == "session" else token_client_for(user)

    detail = client.get(endpoint.detail_url)
    if user_fixture in endpoint.seen_by:
        assert detail.status_code == 200, detail.content
    else:
        assert detail.status_code == 404, detail.content

    if endpoint.list_url is None:
        return
    listing = client.get(endpoint.list_url)
    if endpoint.name == "plan sections":
        # The plan is listed under its transition: a transition the user may not see is 404.
        expected = 200 if user_fixture in endpoint.seen_by else 404
        assert listing.status_code == expected
        return
    assert listing.status_code == 200
    key = detail.json()[endpoint.list_key] if detail.status_code == 200 else None
    if user_fixture in endpoint.seen_by:
        assert key in _ids(listing, endpoint.list_key)
    else:
        assert _ids(listing, endpoint.list_key) == set()


@pytest.mark.parametrize("user_fixture", ALL_USER_FIXTURES)
@pytest.mark.parametrize("name", [n for n in ENDPOINT_NAMES if n not in READ_ONLY])
def test_writes_follow_case_permissions(request, handover, client_for, user_fixture, name):
    endpoint = _endpoint(handover, name)
    user = request.getfixturevalue(user_fixture)
    assert endpoint.write is not None  # only the read-only ones have none, and they are left out
    method, url, body = endpoint.write
    response = getattr(client_for(user), method)(url, body, format="json")

    if user_fixture not in endpoint.seen_by and endpoint.write_creates:
        # A create names its parent in the body: a parent the user may not see is a field
        # error, the same as a non-existent one.
        assert response.status_code == 400, response.content
        assert "transition" in response.json()
    elif user_fixture not in endpoint.seen_by:
        # Not even a hint that the object exists.
        assert response.status_code == 404, response.content
    elif user_fixture in endpoint.writers:
        assert response.status_code == (201 if endpoint.write_creates else 200), response.content
    else:
        assert response.status_code == 403, response.content


@pytest.mark.parametrize("name", ENDPOINT_NAMES)
def test_anonymous_is_refused(handover, anonymous_client, name):
    endpoint = _endpoint(handover, name)
    assert anonymous_client.get(endpoint.detail_url).status_code == 401
    if endpoint.list_url:
        assert anonymous_client.get(endpoint.list_url).status_code == 401
    if endpoint.write:
        method, url, body = endpoint.write
        response = getattr(anonymous_client, method)(url, body, format="json")
        assert response.status_code == 401


def test_anonymous_gets_json_not_a_login_redirect(anonymous_client, case):
    response = anonymous_client.get("/api/v1/cases/")
    assert response.status_code == 401
    assert response["Content-Type"].startswith("application/json")


def test_manager_list_is_read_only_but_complete(handover, client_for, manager):
    # The manager reads the team's cases (DESIGN §1) ...
    response = client_for(manager).get("/api/v1/cases/")
    assert _ids(response, "id") == {handover.case.pk}
    # ... and may not reassign through a case write.
    response = client_for(manager).post(
        f"/api/v1/cases/{handover.case.pk}/move/", {"action": "close"}, format="json"
    )
    assert response.status_code == 403


def test_notifications_are_the_users_own(handover, client_for, caseworker, manager):
    notify(
        recipients=[caseworker],
        rule="guarantee_due",
        subject=handover.case,
        threshold="7d:test",
        message="Garantifristen udløber om 7 dage",
        url="/sager/",
    )
    own = client_for(caseworker).get("/api/v1/notifications/").json()["results"]
    assert len(own) == 1
    notification_id = own[0]["id"]
    assert client_for(manager).get(f"/api/v1/notifications/{notification_id}/").status_code == 404
    assert (
        client_for(manager).post(f"/api/v1/notifications/{notification_id}/read/").status_code
        == 404
    )
    read = client_for(caseworker).post(f"/api/v1/notifications/{notification_id}/read/")
    assert read.status_code == 200
    assert read.json()["is_read"] is True
    unread = client_for(caseworker).get("/api/v1/notifications/?unread=true").json()
    assert unread["count"] == 0
