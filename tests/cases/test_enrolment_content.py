"""The enrolment content the registers ask for (docs/registers.md §4.2): primary substance,
route of use, housing and substitution medicine with the needs assessment, and the citizen's
use when the course ends, on the page and in the API under the same rules."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from rest_framework.test import APIClient

from cases.models import Case
from cases.services import case_assessment_save
from tests import factories
from tests.clock import TODAY

pytestmark = pytest.mark.usefixtures("clock")


def _save(case, actor, **kwargs):
    return case_assessment_save(
        actor=actor,
        case=case,
        expected_version=case.version,
        substance_use="",
        social="",
        health="",
        work="",
        housing="",
        other="",
        **kwargs,
    )


@pytest.fixture
def drug_case(caseworker, team_nord):
    return factories.CaseFactory(
        team=team_nord,
        caseworker=caseworker,
        status="assessment",
        substances=["cannabis", "opioids"],
        inquiry_date=TODAY,
    )


def test_the_assessment_records_the_enrolment_content(drug_case, caseworker):
    saved = _save(
        drug_case,
        caseworker,
        primary_substance="opioids",
        route_of_use="injects",
        housing_situation="unstable",
        substitution_medicine="buprenorphine",
    )
    saved.refresh_from_db()
    assert (
        saved.primary_substance,
        saved.route_of_use,
        saved.housing_situation,
        saved.substitution_medicine,
    ) == ("opioids", "injects", "unstable", "buprenorphine")


def test_the_primary_substance_must_be_one_of_the_cases(drug_case, caseworker):
    with pytest.raises(ValidationError) as raised:
        _save(drug_case, caseworker, primary_substance="alcohol")
    assert raised.value.message_dict["primary_substance"] == [
        "Det primære rusmiddel skal være et af sagens rusmidler."
    ]
    assert Case.objects.get(pk=drug_case.pk).primary_substance == ""


def test_substitution_medicine_is_refused_in_alcohol_treatment(caseworker, team_nord):
    alcohol = factories.CaseFactory(
        team=team_nord, caseworker=caseworker, legal_basis="SUL141", inquiry_date=TODAY
    )
    with pytest.raises(ValidationError) as raised:
        _save(alcohol, caseworker, substitution_medicine="methadone")
    assert "substitution_medicine" in raised.value.message_dict
    # "No substitution treatment" is a fact worth recording for an alcohol client too.
    assert _save(alcohol, caseworker, substitution_medicine="none").substitution_medicine == "none"


def test_the_page_keeps_what_was_typed_when_the_primary_substance_is_wrong(
    client, drug_case, caseworker
):
    client.force_login(caseworker)
    url = reverse("cases:assessment", kwargs={"case_id": drug_case.pk})
    response = client.post(
        url,
        {
            "version": drug_case.version,
            "substance_use": "Dagligt forbrug af heroin.",
            "primary_substance": "alcohol",
            "route_of_use": "smokes",
        },
    )
    assert response.status_code == 200
    body = response.content.decode()
    assert "Det primære rusmiddel skal være et af sagens rusmidler." in body
    assert "Dagligt forbrug af heroin." in body
    assert '<option value="smokes" selected>' in body


def test_the_page_saves_the_content(client, drug_case, caseworker):
    client.force_login(caseworker)
    url = reverse("cases:assessment", kwargs={"case_id": drug_case.pk})
    response = client.post(
        url,
        {"version": drug_case.version, "primary_substance": "cannabis", "route_of_use": "smokes"},
    )
    assert response.status_code == 302
    drug_case.refresh_from_db()
    assert (drug_case.primary_substance, drug_case.route_of_use) == ("cannabis", "smokes")


def test_the_api_takes_and_shows_the_content_and_refuses_unknown_codes(drug_case, caseworker):
    api = APIClient()
    api.force_login(caseworker)
    url = reverse("api:case-assessment", kwargs={"pk": drug_case.pk})
    bad = api.put(url, {"version": drug_case.version, "housing_situation": "castle"}, format="json")
    assert bad.status_code == 400
    assert "housing_situation" in bad.json()
    good = api.put(
        url,
        {"version": drug_case.version, "housing_situation": "institution"},
        format="json",
    )
    assert good.status_code == 200
    assert good.json()["housing_situation"] == "institution"


def test_closing_records_the_citizens_use_at_the_end(client, caseworker, team_nord):
    case = factories.CaseFactory(
        team=team_nord, caseworker=caseworker, status="aftercare", inquiry_date=TODAY
    )
    client.force_login(caseworker)
    response = client.post(
        reverse("cases:move", kwargs={"case_id": case.pk}),
        {"action": "close", "course_end_reason": "completed", "course_end_status": "drug_free"},
    )
    assert response.status_code == 302
    case.refresh_from_db()
    assert (case.status, case.course_end_reason, case.course_end_status) == (
        "closed",
        "completed",
        "drug_free",
    )


def test_the_api_refuses_an_unknown_end_status(caseworker, team_nord):
    case = factories.CaseFactory(
        team=team_nord, caseworker=caseworker, status="aftercare", inquiry_date=TODAY
    )
    api = APIClient()
    api.force_login(caseworker)
    response = api.post(
        reverse("api:case-move", kwargs={"pk": case.pk}),
        {"action": "close", "course_end_status": "cured"},
        format="json",
    )
    assert response.status_code == 400
    case.refresh_from_db()
    assert case.status == "aftercare"
