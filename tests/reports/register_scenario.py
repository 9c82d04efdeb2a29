"""The register scenario month (October 2026) shared by the extract and check-list tests:
courses across every basis, including anonymous § 101 a, anonymous alcohol, a death, a move
away, a free choice, a relapse (a renewed request) and an under-18 course (Barnets lov § 33)."""

from __future__ import annotations

from datetime import date

import pytest

from cases.models import TreatmentRequest
from tests import factories


@pytest.fixture
def october(team_nord, team_syd, caseworker, sydgaarden, ambulant_unit):
    """Courses around October 2026 in Team Nord (municipality 751), and one in Team Syd."""
    team_nord.municipality_code = "751"
    team_nord.save()
    sydgaarden_provider = factories.ProviderFactory(
        name="Sydgården", unit=sydgaarden, tilbudsportalen_id="TP-1001"
    )
    ambulant = factories.ProviderFactory(
        name="Rusmiddelcenter Ambulant", unit=ambulant_unit, tilbudsportalen_id="TP-2002"
    )
    residential = factories.OfferFactory(
        provider=sydgaarden_provider, name="Døgnbehandling", treatment_type="residential"
    )
    aftercare = factories.OfferFactory(
        provider=ambulant, name="Ambulant efterbehandling", treatment_type="aftercare"
    )
    medical = factories.OfferFactory(
        provider=ambulant, name="Medicinsk behandling", treatment_type="outpatient"
    )
    alcohol = factories.OfferFactory(
        provider=ambulant, name="Alkoholbehandling", treatment_type="outpatient"
    )

    # A combination course: social treatment (SEL § 101) and medical treatment (SUL § 142).
    combined = factories.CaseFactory(
        number="2026-00101",
        team=team_nord,
        caseworker=caseworker,
        status="in_treatment",
        inquiry_date=date(2026, 9, 20),
        decision_date=date(2026, 9, 25),
        substances=["cocaine", "cannabis", "opioids"],
        primary_substance="opioids",
        route_of_use="smokes",
        housing_situation="unstable",
        substitution_medicine="methadone",
        children_in_home=2,
        citizen=factories.CitizenFactory(cpr="241290-4321"),
    )
    social = combined.requests.get()
    factories.EpisodeFactory(
        case=combined,
        request=social,
        offer=residential,
        referral_date=date(2026, 9, 28),
        actual_start=date(2026, 10, 1),
        actual_end=date(2026, 10, 29),
        end_reason="completed",
    )
    factories.EpisodeFactory(
        case=combined,
        request=social,
        offer=aftercare,
        referral_date=date(2026, 10, 25),
        actual_start=date(2026, 11, 2),
        free_choice=True,
    )
    medical_request = factories.TreatmentRequestFactory(
        case=combined,
        kind=TreatmentRequest.Kind.COMBINATION,
        legal_basis="SUL142",
        requested_on=date(2026, 10, 5),
        doctor_consultation_held_on=date(2026, 10, 7),
    )
    factories.EpisodeFactory(
        case=combined,
        request=medical_request,
        offer=medical,
        referral_date=date(2026, 10, 8),
        actual_start=date(2026, 10, 12),
    )

    # Alcohol treatment, named and ended in October; and an anonymous alcohol client.
    named_alcohol = factories.CaseFactory(
        number="2026-00102",
        team=team_nord,
        caseworker=caseworker,
        legal_basis="SUL141",
        status="closed",
        inquiry_date=date(2026, 10, 2),
        substances=["alcohol"],
        primary_substance="alcohol",
        housing_situation="stable",
        children_in_home=0,
        course_ended_on=date(2026, 10, 30),
        course_end_reason="completed",
        citizen=factories.CitizenFactory(cpr="010180-2468", birth_date=date(1980, 1, 1)),
    )
    factories.EpisodeFactory(
        case=named_alcohol,
        offer=alcohol,
        referral_date=date(2026, 10, 3),
        actual_start=date(2026, 10, 6),
        actual_end=date(2026, 10, 30),
        end_reason="wanted_stop",
    )
    anonymous_alcohol = factories.CaseFactory(
        number="2026-00103",
        team=team_nord,
        legal_basis="SUL141",
        status="in_treatment",
        inquiry_date=date(2026, 10, 9),
        citizen=factories.CitizenFactory(
            is_anonymous=True, cpr=None, alias="Ravn", birth_date=date(1975, 5, 5)
        ),
    )
    factories.EpisodeFactory(
        case=anonymous_alcohol,
        offer=alcohol,
        referral_date=date(2026, 10, 9),
        actual_start=date(2026, 10, 10),
    )

    # Never in any extract: anonymous drug treatment (SEL § 101 a), a course that ended before
    # October, another team's course.
    anonymous_drug = factories.CaseFactory(
        number="2026-00104",
        team=team_nord,
        legal_basis="SEL101A",
        inquiry_date=date(2026, 10, 1),
        citizen=factories.CitizenFactory(is_anonymous=True, cpr=None, alias="Due"),
    )
    factories.EpisodeFactory(case=anonymous_drug, offer=aftercare, actual_start=date(2026, 10, 2))
    earlier = factories.CaseFactory(
        number="2026-00105", team=team_nord, inquiry_date=date(2026, 5, 1)
    )
    factories.EpisodeFactory(
        case=earlier,
        offer=aftercare,
        referral_date=date(2026, 5, 2),
        actual_start=date(2026, 5, 5),
        actual_end=date(2026, 9, 30),
        end_reason="completed",
    )
    renewed = _more_courses(team_nord, caseworker, residential, aftercare)
    other_team = factories.CaseFactory(
        number="2026-00106", team=team_syd, inquiry_date=date(2026, 10, 3)
    )
    factories.EpisodeFactory(case=other_team, offer=aftercare, actual_start=date(2026, 10, 6))
    ids = {
        f"r{number[-3:]}": pk
        for number, pk in TreatmentRequest.objects.filter(
            kind=TreatmentRequest.Kind.FIRST
        ).values_list("case__number", "pk")
    }
    return {**ids, "medical": medical_request.pk, "renewed": renewed.pk}


# What the courses of `_more_courses` were enrolled with, where one does not say otherwise.
ENROLMENT = {
    "substances": ["amphetamine"],
    "primary_substance": "amphetamine",
    "route_of_use": "oral",
    "housing_situation": "stable",
    "substitution_medicine": "none",
    "children_in_home": 0,
}


def _course(team, caseworker, *, number, citizen, offer, episode, **fields):
    """A Team Nord course with its one episode at `offer`."""
    case = factories.CaseFactory(
        number=number, team=team, caseworker=caseworker, citizen=citizen, **{**ENROLMENT, **fields}
    )
    factories.EpisodeFactory(case=case, offer=offer, **episode)
    return case


def _more_courses(team_nord, caseworker, residential, aftercare):
    """A death, a move away, a relapse and an under-18 course, each in Team Nord."""
    _course(
        team_nord,
        caseworker,
        number="2026-00107",
        citizen=factories.CitizenFactory(cpr="030370-1235"),
        offer=residential,
        episode={
            "referral_date": date(2026, 8, 28),
            "actual_start": date(2026, 9, 1),
            "actual_end": date(2026, 10, 20),
            "end_reason": "death",
        },
        status="closed",
        inquiry_date=date(2026, 8, 20),
        decision_date=date(2026, 8, 25),
        course_ended_on=date(2026, 10, 20),
        course_end_reason="death",
        course_end_status="unknown",
    )
    # Moved away: the end status was never recorded, so the row is on the check list.
    _course(
        team_nord,
        caseworker,
        number="2026-00108",
        citizen=factories.CitizenFactory(cpr="121288-2346"),
        offer=aftercare,
        episode={
            "referral_date": date(2026, 7, 28),
            "actual_start": date(2026, 8, 1),
            "actual_end": date(2026, 10, 10),
            "end_reason": "moved",
        },
        status="closed",
        inquiry_date=date(2026, 7, 20),
        decision_date=date(2026, 7, 24),
        course_ended_on=date(2026, 10, 10),
        course_end_reason="moved",
    )
    # A relapse in aftercare: a renewed request with its own decision and start.
    relapse = _course(
        team_nord,
        caseworker,
        number="2026-00109",
        citizen=factories.CitizenFactory(cpr="060685-3457"),
        offer=aftercare,
        episode={
            "referral_date": date(2026, 6, 8),
            "actual_start": date(2026, 6, 10),
            "actual_end": date(2026, 9, 15),
            "end_reason": "completed",
        },
        status="in_treatment",
        inquiry_date=date(2026, 6, 1),
        decision_date=date(2026, 6, 5),
    )
    renewed = factories.TreatmentRequestFactory(
        case=relapse,
        kind=TreatmentRequest.Kind.RENEWED,
        requested_on=date(2026, 10, 19),
        decision_on=date(2026, 10, 21),
    )
    factories.EpisodeFactory(
        case=relapse,
        request=renewed,
        offer=residential,
        referral_date=date(2026, 10, 22),
        actual_start=date(2026, 10, 26),
    )
    # Under 18 (Barnets lov § 33): started without a decision date, so on the check list.
    young = _course(
        team_nord,
        caseworker,
        number="2026-00110",
        citizen=factories.CitizenFactory(cpr="150510-4322", birth_date=date(2010, 5, 15)),
        offer=aftercare,
        episode={"referral_date": date(2026, 10, 8), "actual_start": date(2026, 10, 12)},
        legal_basis="BL33",
        status="in_treatment",
        inquiry_date=date(2026, 10, 5),
        substances=["cannabis"],
        primary_substance="cannabis",
        route_of_use="smokes",
    )
    young.requests.update(decision_on=None)
    return renewed
