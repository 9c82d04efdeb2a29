"""Issue 17: visibility is one `pk IN (... UNION ...)` set with the grant permission ids looked
up once, and a case page's permission flags come with the case (no query per flag)."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.db.models.signals import post_migrate
from django.template import Context, Template
from django.utils import timezone

from accounts.roles import Role
from cases.access import (
    CHANGE,
    VIEW,
    case_access_sync,
    case_get_for_user,
    case_list_visible_to,
    has_case_perm,
    is_break_glass_access,
    temporary_access_grant,
)
from cases.models import TemporaryCaseAccess
from cases.visibility import forget_grant_permission_ids, grant_permission_id
from tests import factories

pytestmark = pytest.mark.usefixtures("clock")


def test_the_filter_is_one_union_without_permission_joins(caseworker, case):
    sql = str(case_list_visible_to(caseworker).query)
    assert " UNION " in sql
    assert "auth_permission" not in sql
    assert "django_content_type" not in sql
    assert list(case_list_visible_to(caseworker)) == [case]


def test_permission_ids_are_looked_up_once_and_forgotten_after_migrate(
    db, django_assert_num_queries
):
    grant_permission_id("view_case")
    with django_assert_num_queries(0):
        view_id = grant_permission_id("view_case")
        grant_permission_id("change_case")
    # A flush between tests recreates the permissions: migrate's signal empties the cache.
    assert post_migrate.disconnect(dispatch_uid="cases.visibility.grant_ids")
    post_migrate.connect(forget_grant_permission_ids, dispatch_uid="cases.visibility.grant_ids")
    forget_grant_permission_ids()
    with django_assert_num_queries(1):
        assert grant_permission_id("view_case") == view_id


def _answers(user, case):
    return (
        has_case_perm(user, VIEW, case),
        has_case_perm(user, CHANGE, case),
        has_case_perm(user, "cases.add_consent", case),
        is_break_glass_access(user, case),
    )


def test_primed_flags_cost_no_query_and_agree_with_the_queries(
    case, caseworker, team_syd, django_assert_num_queries
):
    """A caseworker of another team who broke the glass: read access only."""
    reader = factories.UserFactory(username="glass", unit=team_syd, role=Role.CASEWORKER)
    temporary_access_grant(
        case=case,
        kind=TemporaryCaseAccess.Kind.BREAK_GLASS,
        expires_at=timezone.now() + timedelta(hours=4),
        user=reader,
        reason="Akut",
        reason_code=TemporaryCaseAccess.ReasonCode.values[0],
    )
    for user, expected in (
        (caseworker, (True, True, True, False)),
        (reader, (True, False, False, True)),
    ):
        asked = _answers(type(user).objects.get(pk=user.pk), case)
        primed_user = type(user).objects.get(pk=user.pk)
        loaded = case_get_for_user(primed_user, case.pk, prime=True)
        with django_assert_num_queries(0):
            primed = _answers(primed_user, loaded)
        assert asked == primed == expected


def test_an_unprimed_user_is_asked_again(case, caseworker, team_syd):
    """Only a page's GET primes: a service that changes grants sees the change at once."""
    assert has_case_perm(caseworker, CHANGE, case)
    case.caseworker = None
    case.team = team_syd
    case.save()
    case_access_sync(case)
    assert not has_case_perm(caseworker, VIEW, case)


def test_row_urls_are_reversed_once():
    html = Template(
        "{% load cases_tags %}{% url_for_rows 'cases:detail' 'case_id' as u %}"
        "{{ u|with_id:7 }} {{ u|with_id:1234 }}"
    ).render(Context())
    assert html == "/sager/7/ /sager/1234/"
