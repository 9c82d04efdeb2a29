"""Issue 17: the per-request frame every page pays (session, user, groups and permissions, the
header's unread count) and what keeps it right: a role change, a notification read or received,
the idle timeout, and a cache that is down."""

from __future__ import annotations

import socket
from datetime import timedelta

import pytest
from django.contrib.auth.models import Group, Permission
from django.contrib.sessions.models import Session
from django.db import connection
from django.test.utils import CaptureQueriesContext

from accounts.backends import UsernameOrEmailBackend
from accounts.cache_guard import cache_reset_breaker
from accounts.roles import Role
from notifications.models import Notification
from notifications.services import notification_mark_read, notify

LAYOUT = "/bench/layout/"
# The layout floor on a warm request: the user row (with the unread count). The session, the
# groups and the role permissions come from the cache; nothing is written.
LAYOUT_FLOOR_QUERIES = 1


@pytest.fixture
def bench_urls(settings):
    settings.ROOT_URLCONF = "bench.urls"


def _layout(client) -> str:
    response = client.get(LAYOUT, secure=True)
    assert response.status_code == 200
    return response.content.decode()


def test_the_layout_floor_is_one_query_for_a_caseworker(
    client, caseworker, bench_urls, django_assert_max_num_queries
):
    client.force_login(caseworker)
    _layout(client)
    with django_assert_max_num_queries(LAYOUT_FLOOR_QUERIES):
        html = _layout(client)
    assert str(Role.CASEWORKER.label) in html


def test_a_warm_request_neither_reads_nor_writes_the_session_row(client, caseworker, bench_urls):
    client.force_login(caseworker)
    with CaptureQueriesContext(connection) as queries:
        _layout(client)
        _layout(client)
    assert not [q for q in queries.captured_queries if "django_session" in q["sql"]]


def test_activity_past_the_slack_renews_the_session_once(client, caseworker, bench_urls, clock):
    client.force_login(caseworker)
    before = Session.objects.get().expire_date
    clock.shift(timedelta(seconds=30))
    _layout(client)
    assert Session.objects.get().expire_date == before  # within the slack: no write
    clock.shift(timedelta(seconds=40))
    _layout(client)
    renewed = Session.objects.get().expire_date
    assert renewed > before
    _layout(client)
    assert Session.objects.get().expire_date == renewed


def test_the_session_ends_within_the_slack_after_the_idle_timeout(
    client, caseworker, bench_urls, clock, settings
):
    client.force_login(caseworker)
    clock.shift(timedelta(seconds=59))
    _layout(client)  # no write: the row still expires 31 minutes after the login
    clock.shift(timedelta(seconds=settings.SESSION_IDLE_TIMEOUT_SECONDS - 30))
    _layout(client)  # 30 s short of the timeout: still in, and renewed
    clock.shift(timedelta(seconds=settings.SESSION_IDLE_TIMEOUT_SECONDS + 61))
    assert client.get(LAYOUT, secure=True).status_code == 302


def test_a_role_change_counts_on_the_next_request(client, caseworker, bench_urls):
    client.force_login(caseworker)
    assert str(Role.CASEWORKER.label) in _layout(client)
    caseworker.groups.remove(Group.objects.get(name=Role.CASEWORKER.value))
    Group.objects.get(name=Role.MANAGER.value).user_set.add(caseworker)
    html = _layout(client)
    assert str(Role.MANAGER.label) in html
    assert f">{Role.CASEWORKER.label}<" not in html


def test_a_group_permission_change_counts_on_the_next_request(caseworker):
    backend = UsernameOrEmailBackend()
    group = Group.objects.get(name=Role.CASEWORKER.value)
    permission = group.permissions.select_related("content_type").all()[0]
    name = f"{permission.content_type.app_label}.{permission.codename}"
    assert backend.has_perm(backend.get_user(caseworker.pk), name)
    group.permissions.remove(permission)
    assert not backend.has_perm(backend.get_user(caseworker.pk), name)
    caseworker.user_permissions.add(Permission.objects.get(pk=permission.pk))
    assert backend.has_perm(backend.get_user(caseworker.pk), name)


def _notify_due(caseworker, case):
    notify(
        recipients=[caseworker],
        rule="guarantee_due",
        subject=case,
        threshold="7d",
        message="x",
        url="",
    )


def test_the_unread_count_follows_a_notification_received_and_read(
    client, caseworker, case, bench_urls
):
    client.force_login(caseworker)
    assert 'id="unread-count">0<' in _layout(client)
    _notify_due(caseworker, case)
    assert 'id="unread-count">1<' in _layout(client)
    notification = Notification.objects.get(recipient=caseworker)
    notification_mark_read(user=caseworker, notification_id=notification.pk)
    assert 'id="unread-count">0<' in _layout(client)


def _closed_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@pytest.fixture
def cache_down(settings):
    """The cache is a Redis nobody answers on (a stopped Redis)."""
    cache_reset_breaker()
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": f"redis://127.0.0.1:{_closed_port()}/0",
            "OPTIONS": {"socket_timeout": 0.5, "socket_connect_timeout": 0.5},
        }
    }
    yield
    cache_reset_breaker()


def test_pages_answer_from_the_database_when_the_cache_is_down(
    client, caseworker, case, bench_urls, cache_down
):
    client.force_login(caseworker)
    assert str(Role.CASEWORKER.label) in _layout(client)
    _notify_due(caseworker, case)
    assert 'id="unread-count">1<' in _layout(client)
    client.logout()
    assert client.get(LAYOUT, secure=True).status_code == 302
