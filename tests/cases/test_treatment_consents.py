"""Under 18 (Barnets lov § 33): consent to treatment from each custody holder (both where custody
is joint) and from the young person from 15, recorded on the case and checked before the
treatment starts (the episode start refuses with a Danish message; the API answers 400)."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from rest_framework.test import APIClient

from cases.models.records import TreatmentConsent
from cases.services import treatment_consent_record, under_18_consents_missing
from tests import factories
from tests.clock import TODAY
from treatment_options.services import episode_start

pytestmark = pytest.mark.usefixtures("clock")

HOLDER = TreatmentConsent.Role.CUSTODY_HOLDER
YOUNG = TreatmentConsent.Role.YOUNG_PERSON


def _born_years_ago(years: int) -> date:
    return TODAY.replace(year=TODAY.year - years) - timedelta(days=30)


@pytest.fixture
def young_case(caseworker, team_nord):
    """A Barnets lov § 33 case of a 16-year-old, referred, not started."""
    citizen = factories.CitizenFactory(cpr=None, birth_date=_born_years_ago(16))
    return factories.CaseFactory(
        citizen=citizen,
        legal_basis="BL33",
        team=team_nord,
        caseworker=caseworker,
        inquiry_date=TODAY - timedelta(days=5),
        status="referred",
    )


@pytest.fixture
def episode(young_case):
    return factories.EpisodeFactory(case=young_case, referral_date=TODAY - timedelta(days=2))


def _consent(case, actor, name, role, **kwargs):
    return treatment_consent_record(
        actor=actor,
        case=case,
        name=name,
        role=role,
        given_on=kwargs.pop("given_on", TODAY - timedelta(days=1)),
        form="written",
        **kwargs,
    )


def test_the_start_is_refused_without_any_consent(episode, caseworker):
    with pytest.raises(ValidationError) as raised:
        episode_start(actor=caseworker, episode=episode, actual_start=TODAY)
    messages = " ".join(raised.value.message_dict["actual_start"])
    assert "forældremyndigheden er fælles" in messages
    assert "forældremyndighedsindehaveren mangler" in messages
    assert "Den unges eget samtykke mangler" in messages
    episode.refresh_from_db()
    assert episode.actual_start is None


def test_sole_custody_and_the_young_persons_consent_let_the_treatment_start(
    episode, young_case, caseworker
):
    _consent(young_case, caseworker, "Hanne Møller", HOLDER, joint_custody=False)
    young_case.refresh_from_db()
    assert under_18_consents_missing(young_case, TODAY) == [
        "Den unges eget samtykke mangler (fra 15 år, barnets lov § 33)."
    ]
    _consent(young_case, caseworker, "Freja Møller", YOUNG)
    started = episode_start(actor=caseworker, episode=episode, actual_start=TODAY)
    assert started.actual_start == TODAY


def test_joint_custody_needs_both_custody_holders(episode, young_case, caseworker):
    _consent(young_case, caseworker, "Hanne Møller", HOLDER, joint_custody=True)
    _consent(young_case, caseworker, "Freja Møller", YOUNG)
    with pytest.raises(ValidationError) as raised:
        episode_start(actor=caseworker, episode=episode, actual_start=TODAY)
    assert "begge forældremyndighedsindehavere" in str(raised.value)
    # The same holder twice is still one holder.
    _consent(young_case, caseworker, "hanne møller", HOLDER)
    with pytest.raises(ValidationError):
        episode_start(actor=caseworker, episode=episode, actual_start=TODAY)
    _consent(young_case, caseworker, "Ole Møller", HOLDER)
    assert episode_start(actor=caseworker, episode=episode, actual_start=TODAY).actual_start


def test_a_consent_given_after_the_start_date_does_not_count(young_case, caseworker):
    _consent(young_case, caseworker, "Hanne Møller", HOLDER, joint_custody=False)
    _consent(young_case, caseworker, "Freja Møller", YOUNG)
    young_case.refresh_from_db()
    assert under_18_consents_missing(young_case, TODAY - timedelta(days=3))
    assert under_18_consents_missing(young_case, TODAY) == []


def test_under_15_the_young_persons_own_consent_is_not_needed(caseworker, team_nord):
    citizen = factories.CitizenFactory(cpr=None, birth_date=_born_years_ago(14))
    case = factories.CaseFactory(citizen=citizen, legal_basis="BL33", team=team_nord)
    _consent(case, caseworker, "Hanne Møller", HOLDER, joint_custody=False)
    case.refresh_from_db()
    assert under_18_consents_missing(case, TODAY) == []
    with pytest.raises(ValidationError) as raised:
        _consent(case, caseworker, "Emil", YOUNG)
    assert "role" in raised.value.message_dict


def test_adults_need_no_consent_to_treatment(caseworker, team_nord):
    case = factories.CaseFactory(legal_basis="SEL101", team=team_nord)
    birth = case.citizen.birth_date
    assert birth is not None and birth < _born_years_ago(18)
    assert under_18_consents_missing(case, TODAY) == []


def test_a_minor_on_another_basis_is_checked_by_the_birth_date(caseworker, team_nord):
    citizen = factories.CitizenFactory(cpr=None, birth_date=_born_years_ago(17))
    case = factories.CaseFactory(citizen=citizen, legal_basis="SUL142", team=team_nord)
    assert len(under_18_consents_missing(case, TODAY)) == 3


def test_only_the_cases_caseworkers_record_consents(young_case, outpatient_therapist):
    with pytest.raises(PermissionDenied):
        _consent(young_case, outpatient_therapist, "Hanne", HOLDER)


def test_the_case_page_shows_what_is_missing_and_the_form_records_it(young_case, caseworker):
    client = APIClient()
    client.force_login(caseworker)
    page = client.get(reverse("cases:detail", kwargs={"case_id": young_case.pk}))
    assert page.status_code == 200
    assert "Samtykke til behandling (under 18)" in page.content.decode()
    url = reverse("cases:treatment_consent_create", kwargs={"case_id": young_case.pk})
    bad = client.post(url, {"name": "Hanne Møller", "role": HOLDER, "form": "written"})
    assert bad.status_code == 200  # the form again, with what was typed
    assert "Hanne Møller" in bad.content.decode()
    response = client.post(
        url,
        {
            "name": "Hanne Møller",
            "role": HOLDER,
            "given_on": TODAY.isoformat(),
            "form": "written",
            "custody": "sole",
        },
    )
    assert response.status_code == 302
    young_case.refresh_from_db()
    assert young_case.joint_custody is False
    assert young_case.treatment_consents.get().name == "Hanne Møller"


def test_the_api_start_answers_400_and_the_api_records_consents(episode, young_case, caseworker):
    client = APIClient()
    client.force_login(caseworker)
    start = client.post(
        f"/api/v1/episodes/{episode.pk}/start/", {"actual_start": TODAY.isoformat()}, format="json"
    )
    assert start.status_code == 400
    assert "actual_start" in str(start.json())
    url = f"/api/v1/cases/{young_case.pk}/treatment-consents/"
    for body in (
        {"name": "Hanne Møller", "role": HOLDER, "joint_custody": False},
        {"name": "Freja Møller", "role": YOUNG},
    ):
        given = {"given_on": TODAY.isoformat(), "form": "written", **body}
        assert client.post(url, given, format="json").status_code == 201
    listed = client.get(url)
    assert listed.status_code == 200
    assert [c["role"] for c in listed.json()] == [HOLDER, YOUNG]
    assert client.post(url, {"name": "x"}, format="json").status_code == 400
    start = client.post(
        f"/api/v1/episodes/{episode.pk}/start/", {"actual_start": TODAY.isoformat()}, format="json"
    )
    assert start.status_code == 200
