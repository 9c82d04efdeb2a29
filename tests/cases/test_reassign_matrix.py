"""Who may reassign a case (DESIGN §1), as a matrix of actor by target team by reason: a
caseworker of the case's team within the team, a manager of the case's team also to another
municipal team with a written reason; nobody else. An institution's users never change who owns
a municipal case."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse

from accounts.roles import Role
from cases import services
from cases.models import Case
from tests import factories

REASON = "Borgeren er flyttet til Syd"
MISSING_REASON = "Skriv en begrundelse for at flytte sagen til et andet team."
REFUSED = "Du har ikke adgang til at omfordele sagen."

ACTORS = [
    "caseworker",
    "other_team_caseworker",
    "manager",
    "other_unit_manager",
    "institution_manager",
    "residential_therapist",
    "outpatient_therapist",
]

# (actor, target, reason given) → status; anything not listed is by the actor alone.
EXPECTED_BY_ACTOR = {
    "other_team_caseworker": 404,
    "other_unit_manager": 404,
    "institution_manager": 403,
    "residential_therapist": 403,
    "outpatient_therapist": 403,
}
EXPECTED = {
    ("caseworker", "same", True): 302,
    ("caseworker", "same", False): 302,
    ("caseworker", "other", True): 403,
    ("caseworker", "other", False): 403,
    ("manager", "same", True): 302,
    ("manager", "same", False): 302,
    ("manager", "other", True): 302,
    ("manager", "other", False): 200,
}


@pytest.fixture
def institution_manager(sydgaarden):
    return factories.UserFactory(username="sydgaarden_leder", unit=sydgaarden, role=Role.MANAGER)


@pytest.fixture
def colleague(team_nord):
    return factories.UserFactory(username="kollega", unit=team_nord, role=Role.CASEWORKER)


@pytest.fixture
def treated_case(residential_case, outpatient_offer):
    """Team Nord's case with an open residential and an open outpatient episode, so that both
    institutions (and their managers) can read it."""
    factories.EpisodeFactory(
        case=residential_case,
        offer=outpatient_offer,
        actual_start=residential_case.treatment_started_on + timedelta(days=1),
    )
    return residential_case


@pytest.mark.parametrize("reason_given", [True, False], ids=["reason", "no_reason"])
@pytest.mark.parametrize("target", ["same", "other"])
@pytest.mark.parametrize("actor", ACTORS)
def test_reassign_matrix(
    request,
    client,
    actor,
    target,
    reason_given,
    treated_case,
    team_nord,
    team_syd,
    colleague,
    other_team_caseworker,
    institution_manager,
):
    user = request.getfixturevalue(actor)
    data: dict[str, object] = {"reason": REASON if reason_given else ""}
    if target == "same":
        data["caseworker"] = colleague.pk
    else:
        data.update(caseworker=other_team_caseworker.pk, team=team_syd.pk)
    client.force_login(user)

    response = client.post(reverse("cases:reassign", kwargs={"case_id": treated_case.pk}), data)

    expected = EXPECTED_BY_ACTOR.get(actor) or EXPECTED[(actor, target, reason_given)]
    assert response.status_code == expected
    case = Case.objects.get(pk=treated_case.pk)
    if expected == 302:
        new_team = team_nord if target == "same" else team_syd
        assert (case.team_id, case.caseworker_id) == (new_team.pk, int(data["caseworker"]))  # type: ignore[call-overload]
    else:
        assert case.team_id == team_nord.pk
        assert case.caseworker_id == treated_case.caseworker_id
    if expected == 200:
        assert MISSING_REASON in response.content.decode()


@pytest.mark.parametrize("actor", ["institution_manager", "residential_therapist"])
def test_an_institution_cannot_reassign_through_the_service(
    request, actor, treated_case, colleague
):
    with pytest.raises(PermissionDenied, match=REFUSED):
        services.case_assign(
            actor=request.getfixturevalue(actor), case=treated_case, caseworker=colleague
        )
