"""The one-click purpose prompt (DESIGN §10): where the context does not decide why a case is
read, the user picks the purpose before the page shows; lists never ask; the API takes
?purpose= and answers 400 without it."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from cases.access import temporary_access_grant
from cases.access_log import access_log_verify
from cases.models import AccessLog, TemporaryCaseAccess
from tests import factories

pytestmark = pytest.mark.django_db

PROMPT = "Vælg formålet med opslaget"


@pytest.fixture
def closed_case(team_nord, caseworker):
    """A closed case of the manager's team: not on the team's daily list."""
    return factories.CaseFactory(team=team_nord, caseworker=caseworker, status="closed")


@pytest.fixture
def after_handover_case(case, sydgaarden):
    """`case`, which Sydgården reads only through the 30 days after a completed handover."""
    temporary_access_grant(
        case=case,
        kind=TemporaryCaseAccess.Kind.AFTER_HANDOVER,
        expires_at=timezone.now() + timedelta(days=30),
        group=sydgaarden.group,
    )
    return case


def detail(case):
    return reverse("cases:detail", kwargs={"case_id": case.pk})


def choose(client, case, purpose, next_url):
    return client.post(
        reverse("cases:purpose_choose"), {"case": case.pk, "purpose": purpose, "next": next_url}
    )


def test_a_manager_on_the_teams_daily_list_is_not_asked(client, manager, case):
    client.force_login(manager)
    response = client.get(detail(case))
    assert response.status_code == 200
    assert PROMPT not in response.content.decode()
    entry = AccessLog.objects.get()
    assert (entry.purpose, entry.purpose_chosen) == ("oversight", False)


def test_a_manager_opening_a_case_outside_the_teams_list_picks_the_purpose_first(
    client, manager, closed_case
):
    client.force_login(manager)
    response = client.get(detail(closed_case))
    html = response.content.decode()
    assert response.status_code == 200
    assert PROMPT in html
    assert closed_case.citizen.last_name not in html  # nothing of the case before the choice
    assert 'name="csrfmiddlewaretoken"' in html
    assert not AccessLog.objects.exists()

    response = choose(client, closed_case, "oversight", detail(closed_case))
    assert response.status_code == 302
    assert response["Location"] == detail(closed_case)
    assert not AccessLog.objects.exists()  # the choice is no read

    response = client.get(detail(closed_case))
    assert response.status_code == 200
    assert closed_case.number in response.content.decode()
    entry = AccessLog.objects.get()
    assert (entry.user_id, entry.case_id_logged, entry.purpose, entry.purpose_chosen) == (
        manager.pk,
        closed_case.pk,
        "oversight",
        True,
    )
    assert access_log_verify() == []


def test_the_choice_is_remembered_for_the_case_for_a_while(
    client, manager, closed_case, settings, time_machine
):
    # Shorter than the idle timeout (30 minutes), which would sign the user out.
    settings.ACCESS_PURPOSE_REMEMBER_MINUTES = 20
    time_machine.move_to(timezone.now(), tick=False)
    client.force_login(manager)
    choose(client, closed_case, "citizen_request", detail(closed_case))
    timeline = reverse("cases:timeline", kwargs={"case_id": closed_case.pk})
    assert PROMPT not in client.get(timeline).content.decode()
    assert PROMPT not in client.get(detail(closed_case)).content.decode()
    assert list(AccessLog.objects.values_list("purpose", flat=True)) == ["citizen_request"] * 2

    time_machine.shift(timedelta(minutes=21))
    assert PROMPT in client.get(detail(closed_case)).content.decode()
    assert AccessLog.objects.count() == 2


def test_a_search_result_outside_the_users_relationships_asks_for_the_purpose(
    client, residential_therapist, after_handover_case
):
    client.force_login(residential_therapist)
    client.post(reverse("cases:list"), {"q": after_handover_case.citizen.last_name})
    results = client.get(reverse("cases:list"))
    assert after_handover_case.number in results.content.decode()
    # The search result is logged as shown, without asking.
    listed = AccessLog.objects.get()
    assert (listed.object_type, listed.purpose) == ("case_list", "list")

    response = client.get(detail(after_handover_case))
    assert PROMPT in response.content.decode()
    assert AccessLog.objects.count() == 1

    choose(client, after_handover_case, "treatment", detail(after_handover_case))
    assert client.get(detail(after_handover_case)).status_code == 200
    entry = AccessLog.objects.order_by("pk").last()
    assert entry is not None
    assert (entry.purpose, entry.purpose_chosen) == ("treatment", True)


def test_a_therapist_with_an_episode_at_their_unit_is_not_asked(
    client, residential_therapist, residential_case
):
    client.force_login(residential_therapist)
    response = client.get(detail(residential_case))
    assert PROMPT not in response.content.decode()
    assert AccessLog.objects.get().purpose == "treatment"


def test_a_caseworker_of_the_team_is_never_asked(client, caseworker, closed_case):
    client.force_login(caseworker)
    assert PROMPT not in client.get(detail(closed_case)).content.decode()
    assert AccessLog.objects.get().purpose == "case_work"


@pytest.mark.parametrize("purpose", ["", "break_glass", "export", "rutine"])
def test_a_purpose_off_the_list_is_refused_with_a_danish_error(
    client, manager, closed_case, purpose
):
    client.force_login(manager)
    response = choose(client, closed_case, purpose, detail(closed_case))
    assert response.status_code == 400
    html = response.content.decode()
    assert "Vælg" in html and PROMPT in html
    assert PROMPT in client.get(detail(closed_case)).content.decode()


def test_choosing_for_a_case_without_access_is_404(client, other_unit_manager, closed_case):
    client.force_login(other_unit_manager)
    assert choose(client, closed_case, "oversight", detail(closed_case)).status_code == 404


def test_the_prompt_never_sends_the_user_off_site(client, manager, closed_case):
    client.force_login(manager)
    response = choose(client, closed_case, "oversight", "https://evil.example/")
    assert response["Location"] == detail(closed_case)


def test_the_choice_needs_csrf(manager, closed_case):
    from django.test import Client  # late import: a client that enforces CSRF, here only

    client = Client(enforce_csrf_checks=True)
    client.force_login(manager)
    assert choose(client, closed_case, "oversight", detail(closed_case)).status_code == 403


def test_the_citizen_page_asks_when_no_case_decides(client, manager, closed_case):
    client.force_login(manager)
    url = reverse("cases:citizen_detail", kwargs={"citizen_id": closed_case.citizen_id})
    assert PROMPT in client.get(url).content.decode()
    client.post(
        reverse("cases:purpose_choose"),
        {"citizen": closed_case.citizen_id, "purpose": "citizen_request", "next": url},
    )
    assert PROMPT not in client.get(url).content.decode()
    entry = AccessLog.objects.get()
    assert (entry.object_type, entry.purpose) == ("citizen", "citizen_request")


def test_an_htmx_fragment_reloads_the_page_instead_of_showing_the_prompt(
    client, manager, closed_case
):
    client.force_login(manager)
    response = client.get(detail(closed_case), headers={"HX-Request": "true"})
    assert response.status_code == 200
    assert response["HX-Refresh"] == "true"
    assert not AccessLog.objects.exists()


def test_the_prompt_costs_a_few_queries(
    client, manager, closed_case, django_assert_max_num_queries
):
    client.force_login(manager)
    client.get(reverse("cases:list"))  # warm the session
    # The user (with the header's unread count; session, role and permissions come from the
    # cache), the case with the access filter and the read's facts (one query): nothing grows
    # with the case's data. 14 before the frame came from the cache (issue 17).
    with django_assert_max_num_queries(2):
        response = client.get(detail(closed_case))
    assert PROMPT in response.content.decode()
    # The choice: the user, the case, and the session that now holds the choice, written.
    with django_assert_max_num_queries(5):
        choose(client, closed_case, "oversight", detail(closed_case))
