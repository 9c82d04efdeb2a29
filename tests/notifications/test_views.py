"""The inbox: only the user's own notifications, read marks, the e-mail preference, the header
count, and the follow-up action."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.contrib.sessions.models import Session
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from accounts.policies import POLICY_ATTRIBUTE
from notifications.models import FollowUp, Notification
from notifications.services import notify
from notifications.views import unread_count
from tests.clock import REMINDER_DAY

from .conftest import make_case, make_episode

INBOX = reverse("notifications:inbox")
# The inbox's bound at 1 and at 31 reminders (issue 17: from 17; 13 before the frame came from
# the cache).
INBOX_BOUND = 6


@pytest.fixture
def own_case(caseworker, team_nord):
    return make_case(caseworker=caseworker, team=team_nord)


def _notify(case, user, threshold="7d:2026-03-17", rule="guarantee_due") -> Notification:
    notify(
        recipients=[user],
        rule=rule,
        subject=case,
        threshold=threshold,
        message="Behandlingsgarantien udløber om 7 dag(e).",
        url=reverse("cases:detail", kwargs={"case_id": case.pk}),
    )
    return Notification.objects.get(recipient=user, threshold=threshold, rule=rule)


@pytest.fixture
def mine(own_case, caseworker):
    return _notify(own_case, caseworker)


@pytest.fixture
def theirs(own_case, manager):
    return _notify(own_case, manager)


def test_anonymous_is_sent_to_login(client):
    response = client.get(INBOX)
    assert response.status_code == 302
    assert reverse("accounts:login") in response["Location"]


def test_inbox_lists_only_own_notifications_newest_first(client, caseworker, own_case, theirs):
    older = _notify(own_case, caseworker, threshold="7d:2026-03-01")
    newer = _notify(own_case, caseworker, threshold="3d:2026-03-01")
    Notification.objects.filter(pk=older.pk).update(created_at=older.created_at - timedelta(1))
    client.force_login(caseworker)

    response = client.get(INBOX)

    assert response.status_code == 200
    assert [n.pk for n in response.context["notifications"]] == [newer.pk, older.pk]
    assert reverse("notifications:open", args=[theirs.pk]) not in response.content.decode()


def test_inbox_query_count_does_not_grow_with_rows(client, caseworker, own_case):
    client.force_login(caseworker)
    client.get(INBOX)  # warm the session and the permission cache
    _notify(own_case, caseworker, threshold="k:2026-03-01")
    with CaptureQueriesContext(connection) as one:
        client.get(INBOX)
    for i in range(30):
        _notify(own_case, caseworker, threshold=f"k{i}:2026-03-01")
    with CaptureQueriesContext(connection) as many:
        client.get(INBOX)
    # The frame (the user with the header's unread count; session, groups and permissions from
    # the cache), the inbox's own five: the total and the unread count (one query), the page of
    # reminders, the stale plan saves, the deputyships and the notes waiting for
    # acknowledgement (§5.10, §5.13), each one query however many there are. Issue 17: 17.
    assert len(many.captured_queries) == len(one.captured_queries) <= INBOX_BOUND


def test_the_inbox_counts_its_pages_and_its_unread_in_one_query(client, caseworker, own_case):
    for i in range(3):
        _notify(own_case, caseworker, threshold=f"k{i}:2026-03-01")
    client.force_login(caseworker)
    client.get(INBOX)
    with CaptureQueriesContext(connection) as captured:
        response = client.get(INBOX)
    counts = [
        q["sql"]
        for q in captured.captured_queries
        if "COUNT(" in q["sql"] and "notifications_notification" in q["sql"]
    ]
    # The header's badge (the frame's) and the inbox's one for both figures.
    assert len(counts) == 2, counts
    assert response.context["unread_count"] == 3
    assert response.context["page"].paginator.count == 3


def _inbox_list(html: str) -> str:
    return html[html.index('<div id="inbox-list">') : html.index("</table>")]


@pytest.mark.parametrize("count", [1, 30])
def test_the_inbox_is_one_form_with_one_token_however_many_rows(
    client, caseworker, own_case, count
):
    """Issue 17: one form for the list, the rows' buttons name their action (formaction), so
    the page carries one CSRF token and not one per row; without JavaScript it works the same."""
    for i in range(count):
        _notify(own_case, caseworker, threshold=f"k{i}:2026-03-01")
    client.force_login(caseworker)
    listed = _inbox_list(client.get(INBOX).content.decode())
    assert listed.count("<form") == 1
    assert listed.count('name="csrfmiddlewaretoken"') == 1
    assert listed.count('form="inbox-form"') == count
    assert "<script" not in listed


def test_a_row_button_submits_the_list_form_to_its_own_action(client, caseworker, ended_case):
    follow_up = _notify(ended_case, caseworker, threshold="1m:2026-02-14", rule="follow_up_due")
    client.force_login(caseworker)
    listed = _inbox_list(client.get(INBOX).content.decode())
    done = reverse("notifications:follow_up_done", kwargs={"case_id": ended_case.pk})
    assert f'formaction="{done}" name="due_kind" value="1m"' in listed
    mark = reverse("notifications:mark_read", args=[follow_up.pk])
    assert f'formaction="{mark}"' in listed
    # What the browser sends for the clicked button: the form's token and fields plus the
    # button's own name and value.
    response = client.post(done, {"next": INBOX, "due_kind": "1m"})
    assert response.status_code == 302
    assert response["Location"] == INBOX
    assert FollowUp.objects.get().due_kind == "1m"
    assert client.post(mark, {"next": INBOX}).status_code == 302
    follow_up.refresh_from_db()
    assert follow_up.read_at is not None


@pytest.mark.parametrize(
    ("name", "method"),
    [("notifications:open", "get"), ("notifications:mark_read", "post")],
)
def test_another_users_notification_is_404(client, caseworker, theirs, name, method):
    client.force_login(caseworker)
    response = getattr(client, method)(reverse(name, args=[theirs.pk]))
    assert response.status_code == 404
    theirs.refresh_from_db()
    assert theirs.read_at is None


def test_open_marks_read_and_goes_to_the_subject(client, caseworker, mine, own_case):
    client.force_login(caseworker)
    response = client.get(reverse("notifications:open", args=[mine.pk]))
    assert response.status_code == 302
    assert response["Location"] == reverse("cases:detail", kwargs={"case_id": own_case.pk})
    mine.refresh_from_db()
    assert mine.read_at is not None


def test_open_never_redirects_off_site(client, caseworker, mine):
    Notification.objects.filter(pk=mine.pk).update(url="https://evil.example/")
    client.force_login(caseworker)
    response = client.get(reverse("notifications:open", args=[mine.pk]))
    assert response["Location"] == INBOX


def test_mark_read_with_htmx_returns_the_row_and_the_new_count(client, caseworker, mine):
    client.force_login(caseworker)
    response = client.post(
        reverse("notifications:mark_read", args=[mine.pk]), headers={"HX-Request": "true"}
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert f'id="notification-{mine.pk}"' in html
    assert 'id="unread-count" hx-swap-oob="outerHTML">0<' in html
    mine.refresh_from_db()
    assert mine.read_at is not None


def test_mark_read_needs_post(client, caseworker, mine):
    client.force_login(caseworker)
    assert client.get(reverse("notifications:mark_read", args=[mine.pk])).status_code == 405


def test_mark_all_read_touches_only_own(client, caseworker, own_case, mine, theirs):
    _notify(own_case, caseworker, threshold="3d:2026-03-17")
    client.force_login(caseworker)
    response = client.post(reverse("notifications:mark_all_read"))
    assert response.status_code == 302
    assert not Notification.objects.filter(recipient=caseworker, read_at__isnull=True).exists()
    theirs.refresh_from_db()
    assert theirs.read_at is None


def test_mark_all_read_with_htmx_returns_the_list(client, caseworker, mine):
    client.force_login(caseworker)
    response = client.post(reverse("notifications:mark_all_read"), headers={"HX-Request": "true"})
    html = response.content.decode()
    assert 'id="inbox-list"' in html
    assert "<h1>" not in html
    assert html.count('id="unread-count"') == 1


def test_unread_count_partial(client, caseworker, mine, theirs):
    client.force_login(caseworker)
    response = client.get(reverse("notifications:unread_count"), headers={"HX-Request": "true"})
    assert response.status_code == 200
    assert response.content.decode().strip().startswith('<span class="badge nav-badge badge-count"')
    assert 'id="unread-count">1</span>' in response.content.decode()


def test_header_polls_the_unread_count(client, caseworker, mine):
    client.force_login(caseworker)
    html = client.get(INBOX).content.decode()
    assert f'hx-get="{reverse("notifications:unread_count")}"' in html
    assert 'hx-trigger="every 60s"' in html
    assert 'id="unread-count">1<' in html


def test_polling_does_not_extend_the_idle_session(client, caseworker, mine, clock):
    client.force_login(caseworker)
    before = Session.objects.get().expire_date
    # Past the touch slack (accounts.session_idle): a request that counts extends the session.
    clock.shift(timedelta(minutes=2))
    client.get(reverse("notifications:unread_count"))
    assert Session.objects.get().expire_date == before
    client.get(INBOX)
    assert Session.objects.get().expire_date > before


def test_unread_count_view_declares_its_policy():
    assert getattr(unread_count, POLICY_ATTRIBUTE) == "authenticated"


def test_email_preference_toggle(client, caseworker):
    client.force_login(caseworker)
    response = client.post(reverse("notifications:email_preference"), {})
    assert response.status_code == 302
    caseworker.refresh_from_db()
    assert caseworker.wants_email_notifications is False
    client.post(
        reverse("notifications:email_preference"),
        {"wants_email": "on"},
        headers={"HX-Request": "true"},
    )
    caseworker.refresh_from_db()
    assert caseworker.wants_email_notifications is True


def test_inbox_shows_the_preference_checkbox_with_a_label(client, caseworker):
    client.force_login(caseworker)
    html = client.get(INBOX).content.decode()
    assert 'name="wants_email"' in html
    assert "Send mine påmindelser på e-mail" in html
    assert html.count("<h1") == 1


# --- Follow-up marked done --------------------------------------------------------------------


@pytest.fixture
def ended_case(own_case, outpatient_offer):
    make_episode(
        own_case,
        outpatient_offer,
        actual_start=REMINDER_DAY - timedelta(days=60),
        actual_end=REMINDER_DAY - timedelta(days=30),
        end_reason="completed",
    )
    return own_case


def test_caseworker_marks_the_follow_up_done(client, caseworker, ended_case):
    client.force_login(caseworker)
    url = reverse("notifications:follow_up_done", kwargs={"case_id": ended_case.pk})
    response = client.post(url, {"due_kind": "1m"})
    assert response.status_code == 302
    follow_up = FollowUp.objects.get()
    assert (follow_up.case, follow_up.due_kind, follow_up.done_by) == (ended_case, "1m", caseworker)
    assert follow_up.course_end_on == REMINDER_DAY - timedelta(days=30)


def test_follow_up_action_is_404_without_access(client, other_team_caseworker, ended_case):
    client.force_login(other_team_caseworker)
    url = reverse("notifications:follow_up_done", kwargs={"case_id": ended_case.pk})
    assert client.post(url, {"due_kind": "1m"}).status_code == 404
    assert not FollowUp.objects.exists()


def test_follow_up_action_refuses_an_unknown_kind(client, caseworker, ended_case):
    client.force_login(caseworker)
    url = reverse("notifications:follow_up_done", kwargs={"case_id": ended_case.pk})
    assert client.post(url, {"due_kind": "2y"}).status_code == 400


def test_row_links_and_forms_point_at_their_own_notification(client, caseworker, own_case, mine):
    """Issue 17: the list reverses the row URLs once; a row rendered alone (htmx) its own."""
    client.force_login(caseworker)
    other = _notify(own_case, caseworker, threshold="3d:2026-03-21")
    listed = client.get(INBOX).content.decode()
    for notification in (mine, other):
        assert f'href="{reverse("notifications:open", args=[notification.pk])}"' in listed
        mark = reverse("notifications:mark_read", args=[notification.pk])
        assert f'formaction="{mark}"' in listed
        assert f'hx-post="{mark}"' in listed
    row = client.post(
        reverse("notifications:mark_read", args=[other.pk]), headers={"HX-Request": "true"}
    ).content.decode()
    assert f'href="{reverse("notifications:open", args=[other.pk])}"' in row
