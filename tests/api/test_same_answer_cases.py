"""One rule, one answer (DESIGN §1): the pages, the PDFs and the API ask the same function, so
they give the same answer with the same status and message."""

from __future__ import annotations

import pytest
from django.urls import reverse

from cases.models import AccessLog
from tests.reports.conftest import pdf_text

pytestmark = pytest.mark.django_db


# --- the purpose written to the access log ----------------------------------------------------


def test_page_pdf_and_api_write_the_same_cleaned_purpose(client, client_for, caseworker, case):
    # A NUL byte (PostgreSQL cannot store it) and more than the column's 300 characters.
    purpose = "Opfølgning\x00" + "x" * 400
    client.force_login(caseworker)
    page = client.get(reverse("cases:detail", kwargs={"case_id": case.pk}), {"formaal": purpose})
    pdf = client.get(
        reverse("reports:case_report", kwargs={"case_id": case.pk}), {"formaal": purpose}
    )
    api = client_for(caseworker).get(f"/api/v1/cases/{case.pk}/", {"formaal": purpose})
    assert page.status_code == pdf.status_code == api.status_code == 200

    written = list(AccessLog.objects.order_by("pk").values_list("object_type", "purpose"))
    expected = ("Opfølgning" + "x" * 400)[:300]
    assert written == [("case", expected), ("case_report", expected), ("case", expected)]


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
