"""Issue 17: visibility is one `pk IN (... UNION ...)` set with the grant permission ids looked
up once, and a case page's permission flags come with the case (no query per flag)."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.core.cache import caches
from django.db import connection
from django.db.models.signals import post_migrate
from django.http import Http404
from django.template import Context, Template
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from accounts.roles import Role
from cases import visibility
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
from cases.models import Case, TemporaryCaseAccess
from cases.visibility import (
    forget_grant_permission_ids,
    grant_permission_id,
    grant_probe_q,
    user_group_ids,
    visible_case_ids,
)
from tests import factories

pytestmark = pytest.mark.usefixtures("clock")


def break_glass(case, user):
    """Four hours' read access to `case` for `user`, by breaking the glass."""
    temporary_access_grant(
        case=case,
        kind=TemporaryCaseAccess.Kind.BREAK_GLASS,
        expires_at=timezone.now() + timedelta(hours=4),
        user=user,
        reason="Akut",
        reason_code=TemporaryCaseAccess.ReasonCode.values[0],
    )


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
    break_glass(case, reader)
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


def _visible_pks(queryset):
    return sorted(queryset.values_list("pk", flat=True))


def test_the_probe_filter_holds_the_same_cases_as_the_set(
    case, caseworker, manager, team_nord, team_syd
):
    """grant_probe_q (the ordered lists of a user who sees many cases) and the UNION set agree
    for every way a grant is held: own, the unit's group, a colleague's as deputy, temporary
    access, and none; read and write."""
    other = factories.CaseFactory(team=team_syd)
    away = factories.UserFactory(username="away", unit=team_syd, role=Role.CASEWORKER)
    deputy = factories.UserFactory(username="deputy", unit=team_syd, role=Role.CASEWORKER)
    assigned = factories.CaseFactory(team=team_syd, caseworker=away)
    case_access_sync(assigned)
    today = timezone.localdate()
    factories.DeputyshipFactory(
        user=away, deputy=deputy, starts_on=today, ends_on=today + timedelta(days=3)
    )
    glass = factories.UserFactory(username="glass2", unit=team_syd, role=Role.CASEWORKER)
    break_glass(case, glass)
    outsider = factories.UserFactory(username="outsider", role=Role.CASEWORKER)
    seen = {}
    for user in (caseworker, manager, deputy, glass, outsider):
        for codename in ("view_case", "change_case"):
            by_set = _visible_pks(Case.objects.filter(pk__in=visible_case_ids(user, codename)))
            by_probe = _visible_pks(Case.objects.filter(grant_probe_q(user, codename)))
            assert by_probe == by_set, (user.username, codename)
            seen[user.username, codename] = by_set
    assert case.pk in seen["caseworker", "change_case"]
    assert assigned.pk in seen["deputy", "view_case"]
    # The team Syd caseworker who broke the glass reads team Nord's case, and changes only Syd's.
    assert seen["glass2", "view_case"] == sorted([case.pk, other.pk, assigned.pk])
    assert case.pk not in seen["glass2", "change_case"]
    assert seen["outsider", "view_case"] == []
    assert other.pk not in seen["caseworker", "view_case"]


def four_more_cases(caseworker, team):
    """Four more cases of `team` assigned to `caseworker`, with their grants."""
    for _ in range(4):
        case_access_sync(factories.CaseFactory(team=team, caseworker=caseworker))


def sets_from_three_are_large(monkeypatch):
    """A set of 3 cases or more counts as large (the ordered lists probe), its size class
    counted afresh in the test's cache."""
    monkeypatch.setattr(visibility, "LARGE_SET", 3)
    monkeypatch.setattr(visibility, "cache", caches["default"])
    caches["default"].clear()


def test_an_ordered_list_of_a_large_set_uses_the_probes_and_lists_the_same_rows(
    case, caseworker, team_nord, monkeypatch
):
    four_more_cases(caseworker, team_nord)
    small = list(case_list_visible_to(caseworker, ordered=True).order_by("pk"))
    assert " UNION " in str(case_list_visible_to(caseworker, ordered=True).query)
    sets_from_three_are_large(monkeypatch)
    probed = case_list_visible_to(caseworker, ordered=True)
    assert " UNION " not in str(probed.query)
    assert "EXISTS" in str(probed.query)
    assert list(probed.order_by("pk")) == small
    # Unordered uses (counts, sets of cases in a subquery) keep the set.
    assert " UNION " in str(case_list_visible_to(caseworker).query)


def test_a_case_read_by_its_id_probes_its_own_grants_not_the_users_whole_set(
    case, caseworker, team_syd
):
    """A manager's set is every grant of the unit (46,000 at 100,000 cases): the case page,
    the API's detail and a permission asked outside a page probe the one case's grants, and
    answer as the set does (a caseworker of another team, who broke the glass, reads only)."""
    reader = factories.UserFactory(username="glass", unit=team_syd, role=Role.CASEWORKER)
    break_glass(case, reader)
    stranger = factories.UserFactory(username="stranger", unit=team_syd, role=Role.CASEWORKER)
    for user, may_read, may_change in (
        (caseworker, True, True),
        (reader, True, False),
        (stranger, False, False),
    ):
        with CaptureQueriesContext(connection) as queries:
            fresh = type(user).objects.get(pk=user.pk)
            if may_read:
                assert case_get_for_user(fresh, case.pk, prime=True) == case
            else:
                with pytest.raises(Http404):
                    case_get_for_user(fresh, case.pk, prime=True)
            unprimed = type(user).objects.get(pk=user.pk)
            assert has_case_perm(unprimed, VIEW, case) is may_read
            assert has_case_perm(unprimed, CHANGE, case) is may_change
        assert not [q["sql"] for q in queries.captured_queries if " UNION " in q["sql"]]


def test_the_size_class_is_counted_again_when_the_cache_is_down(
    caseworker, case, monkeypatch, django_assert_num_queries
):
    class Down:
        def get(self, *args, **kwargs):
            raise ConnectionError("redis down")

        def set(self, *args, **kwargs):
            raise ConnectionError("redis down")

    monkeypatch.setattr(visibility, "cache", Down())
    user = type(caseworker).objects.get(pk=caseworker.pk)
    user_group_ids(user)
    grant_permission_id("view_case")
    with django_assert_num_queries(1):
        assert visibility.has_large_set(user, "view_case") is False


def test_the_managers_caseload_reads_the_set_while_the_unit_list_walks_its_index(
    case, caseworker, manager, team_nord, monkeypatch, client
):
    """The start page of a manager who sees many cases: the 25 most urgent are walked with a
    probe per row, the caseload per caseworker (every open case of the unit) reads the set
    once; the figures are those of the unit's open cases either way."""
    four_more_cases(caseworker, team_nord)
    sets_from_three_are_large(monkeypatch)
    client.force_login(manager)
    with CaptureQueriesContext(connection) as queries:
        overview = client.get(reverse("core:home")).context
    grouped = [q["sql"] for q in queries.captured_queries if "GROUP BY" in q["sql"]]
    listed = [
        q["sql"]
        for q in queries.captured_queries
        if "LIMIT 25" in q["sql"] and f'"cases_case"."team_id" = {team_nord.pk}' in q["sql"]
    ]
    assert len(grouped) == 1 and " UNION " in grouped[0] and "EXISTS" not in grouped[0]
    assert len(listed) == 1 and "EXISTS" in listed[0] and " UNION " not in listed[0]
    assert overview["team_figures"]["open"] == 5
    assert [row["total"] for row in overview["caseload"]] == [5]
