"""One rule, one answer (DESIGN §1): the pages, the PDFs and the API ask the same function, so
they give the same answer with the same status and message."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from cases import services as case_services
from cases.models import AccessLog, Case
from tests import factories
from tests.reports.conftest import pdf_text

pytestmark = pytest.mark.django_db


# --- the purpose written to the access log ----------------------------------------------------


def test_page_pdf_and_api_write_the_purpose_the_context_gives(client, client_for, caseworker, case):
    # A caseworker on a case of their own team: the table says case work (an export: export),
    # whatever the client asks for.
    client.force_login(caseworker)
    page = client.get(reverse("cases:detail", kwargs={"case_id": case.pk}))
    pdf = client.get(reverse("reports:case_report", kwargs={"case_id": case.pk}))
    api = client_for(caseworker).get(f"/api/v1/cases/{case.pk}/", {"purpose": "oversight"})
    assert page.status_code == pdf.status_code == api.status_code == 200

    written = list(AccessLog.objects.order_by("pk").values_list("object_type", "purpose"))
    assert written == [("case", "case_work"), ("case_report", "export"), ("case", "case_work")]


# --- who sees the full CPR number -------------------------------------------------------------

FULL, MASKED = "120385-1234", "120385-XXXX"

# DESIGN §1: users with access to one of the citizen's cases, read access being enough, whose
# role may see citizens (caseworkers and managers: the users who may open the citizen's page).
SEES_FULL_CPR = {
    "caseworker": True,
    "manager": True,
    "residential_therapist": False,
    "outpatient_therapist": False,
    "other_team_caseworker": False,
}


@pytest.mark.parametrize("user_fixture", sorted(SEES_FULL_CPR))
def test_citizen_page_pdf_and_api_detail_agree_on_who_sees_the_full_cpr(
    request, handover, client, client_for, user_fixture
):
    user = request.getfixturevalue(user_fixture)
    case = handover.case
    expected = FULL if SEES_FULL_CPR[user_fixture] else MASKED
    client.force_login(user)
    api = client_for(user)

    citizen_page = client.get(
        reverse("cases:citizen_detail", kwargs={"citizen_id": case.citizen_id})
    )
    if citizen_page.status_code == 200:
        assert (FULL in citizen_page.content.decode()) is SEES_FULL_CPR[user_fixture]
    else:  # no role permission to see citizens, or no access to any of the citizen's cases
        assert not SEES_FULL_CPR[user_fixture]
        assert citizen_page.status_code in {403, 404}

    case_detail = api.get(f"/api/v1/cases/{case.pk}/?cpr=full")
    if user_fixture == "other_team_caseworker":
        assert case_detail.status_code == 404
        return
    assert case_detail.json()["citizen"]["cpr"] == expected
    pdf = client.get(
        reverse("reports:case_report", kwargs={"case_id": case.pk}), {"fuldt_cpr": "on"}
    )
    assert pdf.status_code == 200
    assert AccessLog.objects.filter(object_type="case_report").get().object_id == (
        f"{case.pk}:{'cpr' if SEES_FULL_CPR[user_fixture] else 'masked'}"
    )
    assert expected in pdf_text(pdf.content)
    if SEES_FULL_CPR[user_fixture]:
        citizen = api.get(f"/api/v1/citizens/{case.citizen_id}/?cpr=full")
        assert citizen.json()["cpr"] == FULL


def test_lists_and_search_results_mask_the_cpr_even_when_asked_for_the_full_number(
    handover, client, client_for, caseworker
):
    api = client_for(caseworker)
    assert api.get("/api/v1/cases/?cpr=full").json()["results"][0]["citizen"]["cpr"] == MASKED
    assert api.get("/api/v1/citizens/?cpr=full").json()["results"][0]["cpr"] == MASKED
    client.force_login(caseworker)
    listing = client.post(reverse("cases:list"), {"q": "Mette"}, follow=True).content.decode()
    assert MASKED in listing and FULL not in listing


def test_every_display_of_a_full_cpr_is_logged(handover, client, client_for, manager):
    case = handover.case
    client.force_login(manager)
    client.get(reverse("cases:citizen_detail", kwargs={"citizen_id": case.citizen_id}))
    client_for(manager).get(f"/api/v1/cases/{case.pk}/?cpr=full")
    client_for(manager).get(f"/api/v1/citizens/{case.citizen_id}/?cpr=full")
    logged = list(
        AccessLog.objects.filter(user=manager).order_by("pk").values_list("object_type", "action")
    )
    assert logged == [("citizen", "view"), ("case", "api"), ("citizen", "api")]


# --- which citizens a new case may be opened for, and its default caseworker -----------------

NOT_FOUND = "Findes ikke, eller du har ikke adgang."


def _open_by_api(client, citizen, **extra):
    return client.post(
        "/api/v1/cases/",
        {
            "citizen": citizen.pk,
            "legal_basis": "SEL101",
            "inquiry_date": str(timezone.localdate()),
            **extra,
        },
        format="json",
    )


def _new_case_page(client, citizen):
    return reverse("cases:case_create", kwargs={"citizen_id": citizen.pk})


def test_a_citizen_without_any_case_is_open_to_a_new_case_on_the_page_and_in_the_api(
    client, client_for, caseworker, team_nord
):
    # Registered by somebody else, with no case yet: nothing about them is hidden in a case.
    citizen = factories.CitizenFactory(first_name="Ny", last_name="Borger", cpr=None)
    client.force_login(caseworker)
    assert client.get(_new_case_page(client, citizen)).status_code == 200
    assert _open_by_api(client_for(caseworker), citizen).status_code == 201


def test_a_citizen_whose_cases_are_hidden_is_refused_by_page_api_and_service_alike(
    client, client_for, caseworker, other_team_caseworker, team_syd
):
    hidden = factories.CaseFactory(
        team=team_syd, caseworker=other_team_caseworker, status="closed"
    ).citizen
    client.force_login(caseworker)

    page = client.get(_new_case_page(client, hidden))
    posted = client.post(_new_case_page(client, hidden), {"legal_basis": "SEL101"})
    api = _open_by_api(client_for(caseworker), hidden)
    with pytest.raises(ValidationError) as refused:
        case_services.case_open(
            actor=caseworker,
            citizen=hidden,
            legal_basis="SEL101",
            inquiry_date=timezone.localdate(),
            team=caseworker.unit,
        )

    assert page.status_code == posted.status_code == 404
    assert api.status_code == 400
    assert api.json() == {"citizen": [NOT_FOUND]}
    assert refused.value.message_dict == {"citizen": [NOT_FOUND]}
    assert Case.objects.filter(citizen=hidden).count() == 1


def test_a_citizen_found_by_the_exact_cpr_number_is_open_to_a_new_case_on_the_page(
    client, caseworker, other_team_caseworker, team_syd, team_nord
):
    # The registration form found the citizen by the number the caseworker typed: the page
    # lets them open a new case although the citizen's earlier case stays hidden.
    hidden = factories.CaseFactory(
        team=team_syd,
        caseworker=other_team_caseworker,
        status="closed",
        citizen=factories.CitizenFactory(cpr="010190-1234"),
    ).citizen
    client.force_login(caseworker)
    client.post(reverse("cases:citizen_create"), {"first_name": "A", "cpr": "0101901234"})
    response = client.post(
        _new_case_page(client, hidden),
        {
            "legal_basis": "SEL101",
            "inquiry_date": str(timezone.localdate()),
            "team": team_nord.pk,
            "caseworker": caseworker.pk,
        },
    )
    assert response.status_code == 302
    assert Case.objects.filter(citizen=hidden, team=team_nord).exists()


def test_the_page_and_the_api_give_a_new_case_the_same_default_caseworker(
    client, client_for, caseworker, team_nord
):
    # A superuser in Team Nord may open cases but is no caseworker of the team: neither the
    # page nor the API makes them the case's caseworker (case_open would refuse them).
    chief = factories.UserFactory(username="chief", unit=team_nord, is_superuser=True)
    for user, expected in ((caseworker, caseworker.pk), (chief, None)):
        citizen = factories.CitizenFactory(cpr=None)
        client.force_login(user)
        form = client.get(_new_case_page(client, citizen)).context["form"]
        assert form.initial["team"] == team_nord.pk
        assert form.initial.get("caseworker") == expected
        api = _open_by_api(client_for(user), citizen)
        assert api.status_code == 201, api.content
        assert (api.json()["caseworker"] or {}).get("id") == expected
        assert api.json()["team"]["id"] == team_nord.pk
