"""One rule, one answer (DESIGN §1): the pages and the API ask the same function who may change
an episode and who may own an action, and refuse with the same status and message.

The case is `handover`: Team Nord's case with a started residential episode at Sydgården, the
outpatient therapist (Rusmiddelcenter Ambulant) named on its transition."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from cases.access import has_case_perm, temporary_access_grant, users_with_case_perm
from cases.models import TemporaryCaseAccess
from tests import factories
from tests.builders.through_services import OVERDOSE_SAFETY
from tests.conftest import ALL_USER_FIXTURES
from transitions import services as handover_services
from transitions.models import ActionItem, StatusNote

pytestmark = pytest.mark.django_db

NO_CASE_ACCESS = "Personen har ikke adgang til sagen."

# --- who may change an episode ----------------------------------------------------------------

# The case's caseworker, and staff of the provider the episode is at. The outpatient therapist
# holds a write grant on the case (named on the transition) and the role permission to change
# episodes, but the episode is at another unit's provider; the manager may only read.
MAY_CHANGE_RESIDENTIAL_EPISODE = {
    "caseworker": True,
    "residential_therapist": True,
    "outpatient_therapist": False,
    "manager": False,
}


@pytest.mark.parametrize("user_fixture", sorted(MAY_CHANGE_RESIDENTIAL_EPISODE))
def test_case_page_episode_page_and_api_agree_on_who_may_change_an_episode(
    request, handover, client, client_for, user_fixture
):
    user = request.getfixturevalue(user_fixture)
    may = MAY_CHANGE_RESIDENTIAL_EPISODE[user_fixture]
    case, episode = handover.case, handover.episode
    client.force_login(user)
    kwargs = {"case_id": case.pk, "pk": episode.pk}
    offer = episode.offer.name

    case_page = client.get(reverse("cases:detail", kwargs={"case_id": case.pk})).content.decode()
    label = "Registrér" if may else "Vis"
    assert f'{label}<span class="sr-only"> forløb {offer}</span>' in case_page

    episode_page = client.get(reverse("treatment_options:episode_detail", kwargs=kwargs))
    assert episode_page.status_code == 200
    assert ("end_form" in episode_page.context) is may

    # An end date in the future: whoever may change the episode is told so (a field error),
    # the others are refused before their input is looked at.
    tomorrow = str(timezone.localdate() + timedelta(days=1))
    end = {"actual_end": tomorrow, "end_reason": "completed"}
    page = client.post(reverse("treatment_options:episode_end", kwargs=kwargs), end)
    api = client_for(user).post(f"/api/v1/episodes/{episode.pk}/end/", end, format="json")
    if may:
        assert page.status_code == 200
        assert "Slutdatoen kan ikke ligge i fremtiden." in page.content.decode()
        assert api.status_code == 400
        assert api.json() == {"actual_end": ["Slutdatoen kan ikke ligge i fremtiden."]}
    else:
        assert page.status_code == api.status_code == 403
    episode.refresh_from_db()
    assert episode.actual_end is None


# --- who may own an action --------------------------------------------------------------------


def _meeting_action_by_page(client, handover, owner):
    url = reverse(
        "transitions:meeting_action_add",
        kwargs={"case_id": handover.case.pk, "pk": handover.meeting.pk},
    )
    return client.post(
        url,
        {
            "text": "Ring til borgeren",
            "owner": owner.pk,
            "due_on": str(timezone.localdate() + timedelta(days=3)),
        },
    )


def _meeting_action_by_api(client, handover, owner):
    return client.post(
        f"/api/v1/meetings/{handover.meeting.pk}/action-items/",
        {
            "text": "Ring til borgeren",
            "owner": owner.pk,
            "due_on": str(timezone.localdate() + timedelta(days=3)),
        },
        format="json",
    )


def test_an_action_owner_without_access_is_refused_by_page_api_and_service_alike(
    handover, client, client_for, caseworker, other_team_caseworker
):
    client.force_login(caseworker)
    before = ActionItem.objects.count()

    page = _meeting_action_by_page(client, handover, other_team_caseworker)
    api = _meeting_action_by_api(client_for(caseworker), handover, other_team_caseworker)
    with pytest.raises(ValidationError) as refused:
        handover_services.action_item_create(
            transition=handover.transition,
            actor=caseworker,
            text="Ring til borgeren",
            due_on=timezone.localdate(),
            owner=other_team_caseworker,
        )

    assert page.status_code == 200
    assert NO_CASE_ACCESS in page.content.decode()
    assert api.status_code == 400
    assert api.json() == {"owner": [NO_CASE_ACCESS]}
    assert refused.value.message_dict == {"owner": [NO_CASE_ACCESS]}
    assert ActionItem.objects.count() == before


def test_an_action_owner_with_access_is_accepted_by_page_and_api_alike(
    handover, client, client_for, caseworker, outpatient_therapist
):
    client.force_login(caseworker)
    page = _meeting_action_by_page(client, handover, outpatient_therapist)
    api = _meeting_action_by_api(client_for(caseworker), handover, outpatient_therapist)
    assert page.status_code == 302
    assert api.status_code == 201


@pytest.mark.parametrize(
    "perm", ["transitions.view_transition", "cases.view_case", "cases.change_case"]
)
def test_the_choice_of_people_is_has_case_perm_in_sql(request, handover, perm):
    # Everybody the forms can choose holds the permission, and nobody else: the named users,
    # a user reading through break-the-glass access, and one who has left (inactive).
    users = [request.getfixturevalue(name) for name in ALL_USER_FIXTURES]
    glass, gone = users[1], factories.UserFactory(username="gone", unit=handover.case.team)
    temporary_access_grant(
        case=handover.case,
        kind=TemporaryCaseAccess.Kind.BREAK_GLASS,
        expires_at=timezone.now() + timedelta(hours=4),
        user=glass,
        reason="Politiet ringer",
    )
    gone.groups.add(*request.getfixturevalue("caseworker").groups.all())
    gone.is_active = False
    gone.save()
    choosable = set(users_with_case_perm(perm, handover.case))
    assert choosable == {u for u in [*users, gone] if has_case_perm(u, perm, handover.case)}
    if perm != "cases.change_case":
        assert glass in choosable


# --- the owners of a status note's actions ----------------------------------------------------

NOTE = {
    "kind": StatusNote.Kind.BEFORE_DISCHARGE,
    "severity": StatusNote.Severity.WATCH,
    "summary": "Stabil.",
    "risks": "Ensomhed.",
    "contingency": "Ring samme dag.",
    "overdose_risk": "Lav tolerance; naloxon udleveret.",
    **OVERDOSE_SAFETY,
}


def _note_by_page(client, handover, owner):
    due = str(timezone.localdate() + timedelta(days=7))
    return client.post(
        reverse("transitions:note_create", kwargs={"case_id": handover.case.pk}),
        {
            **NOTE,
            "actions-TOTAL_FORMS": "1",
            "actions-INITIAL_FORMS": "0",
            "actions-0-text": "Book bolig-møde",
            "actions-0-owner": owner.pk,
            "actions-0-due_on": due,
        },
    )


def _note_by_api(client, handover, owner):
    due = str(timezone.localdate() + timedelta(days=7))
    return client.post(
        "/api/v1/status-notes/",
        {
            **NOTE,
            "transition": handover.transition.pk,
            "actions": [{"text": "Book bolig-møde", "owner": owner.pk, "due_on": due}],
        },
        format="json",
    )


def test_a_note_action_owner_without_access_is_refused_by_page_api_and_service_alike(
    handover, client, client_for, residential_therapist, other_team_caseworker
):
    client.force_login(residential_therapist)
    before = StatusNote.objects.count()

    page = _note_by_page(client, handover, other_team_caseworker)
    api = _note_by_api(client_for(residential_therapist), handover, other_team_caseworker)
    with pytest.raises(ValidationError) as refused:
        handover_services.status_note_create(
            transition=handover.transition,
            actor=residential_therapist,
            **NOTE,
            actions=[
                handover_services.PlannedAction(
                    text="Book bolig-møde",
                    due_on=timezone.localdate(),
                    owner=other_team_caseworker,
                )
            ],
        )

    assert page.status_code == 200
    assert NO_CASE_ACCESS in page.content.decode()
    assert api.status_code == 400
    assert api.json() == {"actions": [NO_CASE_ACCESS]}
    assert refused.value.message_dict == {"actions": [NO_CASE_ACCESS]}
    assert StatusNote.objects.count() == before


def test_a_note_action_owner_with_access_is_accepted_by_page_and_api_alike(
    handover, client, client_for, residential_therapist, caseworker
):
    client.force_login(residential_therapist)
    assert _note_by_page(client, handover, caseworker).status_code == 302
    assert _note_by_api(client_for(residential_therapist), handover, caseworker).status_code == 201
