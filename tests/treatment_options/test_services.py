"""Episodes: referral, actual start (stops the guarantee), end with the register's reason, the
treatment plan; who may record what."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from cases.models import CaseEvent
from cases.services import case_assessment_save, case_move, citizen_create
from tests import factories
from tests.cases.service_helpers import event_kinds, open_case, record_decision
from tests.clock import TODAY
from tests.factories import OfferFactory
from transitions.models import Transition
from treatment_options.models import Episode
from treatment_options.services import (
    episode_end,
    episode_refer,
    episode_start,
)

pytestmark = pytest.mark.usefixtures("clock")


@pytest.fixture
def referred(caseworker, outpatient_offer):
    """A SEL § 101 case inquired 5 days ago, decided, referred to the outpatient offer."""
    case = open_case(caseworker, inquiry_date=TODAY - timedelta(days=5))
    case_move(actor=caseworker, case=case, action="start_assessment")
    record_decision(case, caseworker)
    case_move(actor=caseworker, case=case, action="refer")
    episode = episode_refer(
        actor=caseworker,
        case=case,
        offer=outpatient_offer,
        referral_date=TODAY - timedelta(days=1),
        planned_start=TODAY,
    )
    return episode


def reload(obj):
    return type(obj).objects.get(pk=obj.pk)


# --- referral ---------------------------------------------------------------------------------


def test_referral_is_recorded_on_the_timeline(referred, caseworker):
    assert referred.referred_by == caseworker
    event = CaseEvent.objects.get(case=referred.case, kind="referred")
    assert event.data["episode"] == referred.pk
    assert "Ambulant efterbehandling" in event.description


def test_referral_date_cannot_precede_the_inquiry_or_lie_in_the_future(
    caseworker, outpatient_offer
):
    case = open_case(caseworker, inquiry_date=TODAY - timedelta(days=2))

    for day in (TODAY - timedelta(days=3), TODAY + timedelta(days=1)):
        with pytest.raises(ValidationError) as info:
            episode_refer(actor=caseworker, case=case, offer=outpatient_offer, referral_date=day)
        assert "referral_date" in info.value.message_dict
    assert not Episode.objects.exists()


def test_planned_start_cannot_precede_the_referral(caseworker, outpatient_offer):
    case = open_case(caseworker)

    with pytest.raises(ValidationError) as info:
        episode_refer(
            actor=caseworker,
            case=case,
            offer=outpatient_offer,
            referral_date=TODAY,
            planned_start=TODAY - timedelta(days=1),
        )
    assert "planned_start" in info.value.message_dict


def test_inactive_offer_is_refused(caseworker, outpatient_offer):
    case = open_case(caseworker)
    outpatient_offer.active = False
    outpatient_offer.save()

    with pytest.raises(ValidationError, match="ikke aktivt"):
        episode_refer(actor=caseworker, case=case, offer=outpatient_offer, referral_date=TODAY)


def test_offer_must_serve_the_cases_legal_basis(caseworker):
    case = open_case(caseworker)
    alcohol_only = factories.OfferFactory(name="Alkoholbehandling", legal_bases=["SUL141"])

    with pytest.raises(ValidationError) as info:
        episode_refer(actor=caseworker, case=case, offer=alcohol_only, referral_date=TODAY)
    assert "lovgrundlag" in info.value.message_dict["offer"][0]


def test_second_open_referral_to_the_same_offer_is_refused(referred, caseworker):
    with pytest.raises(ValidationError, match="allerede et åbent forløb"):
        episode_refer(
            actor=caseworker, case=referred.case, offer=referred.offer, referral_date=TODAY
        )


def test_closed_case_cannot_be_referred(caseworker, outpatient_offer):
    case = open_case(caseworker)
    case_move(actor=caseworker, case=case, action="close")

    with pytest.raises(ValidationError, match="afsluttet"):
        episode_refer(actor=caseworker, case=case, offer=outpatient_offer, referral_date=TODAY)


@pytest.mark.parametrize(
    "user", ["manager", "other_team_caseworker", "outpatient_therapist", "admin_user"]
)
def test_only_the_cases_caseworkers_refer(request, caseworker, outpatient_offer, user):
    case = open_case(caseworker)

    with pytest.raises(PermissionDenied):
        episode_refer(
            actor=request.getfixturevalue(user),
            case=case,
            offer=outpatient_offer,
            referral_date=TODAY,
        )


def test_free_choice_in_time_waives_the_guarantee(caseworker, outpatient_offer):
    case = open_case(caseworker, inquiry_date=TODAY - timedelta(days=10))
    episode_refer(actor=caseworker, case=case, offer=outpatient_offer, referral_date=TODAY)
    other = OfferFactory(treatment_type=outpatient_offer.treatment_type)

    episode_refer(actor=caseworker, case=case, offer=other, referral_date=TODAY, free_choice=True)

    result = reload(case).guarantee(today=TODAY)
    assert result.status == "waived"
    assert "SEL § 101, stk. 6" in result.reason
    assert (
        "fraveget" in CaseEvent.objects.filter(case=case, kind="referred").latest("pk").description
    )
    assert case.requests.get().free_choice_on == TODAY


def test_free_choice_after_the_deadline_leaves_the_breach(caseworker, outpatient_offer):
    case = open_case(caseworker, inquiry_date=TODAY - timedelta(days=30))
    episode_refer(
        actor=caseworker, case=case, offer=outpatient_offer, referral_date=TODAY - timedelta(20)
    )
    assert case.guarantee(today=TODAY).status == "breached"
    other = OfferFactory(treatment_type=outpatient_offer.treatment_type)

    episode_refer(actor=caseworker, case=case, offer=other, referral_date=TODAY, free_choice=True)

    result = reload(case).guarantee(today=TODAY)
    assert result.status == "breached"
    assert "ændrer ikke" in result.reason
    event = CaseEvent.objects.filter(case=case, kind="referred").latest("pk")
    assert "fraviger ikke garantien" in event.description


def test_free_choice_only_among_offers_of_the_visited_treatment_type(
    caseworker, outpatient_offer, residential_offer
):
    case = open_case(caseworker, inquiry_date=TODAY - timedelta(days=5))
    episode_refer(actor=caseworker, case=case, offer=outpatient_offer, referral_date=TODAY)
    assert case.requests.get().visited_treatment_type == "aftercare"

    with pytest.raises(ValidationError) as refused:
        episode_refer(
            actor=caseworker,
            case=case,
            offer=residential_offer,
            referral_date=TODAY,
            free_choice=True,
        )

    assert refused.value.error_dict["offer"][0].code == "free_choice_type"
    assert "Efterbehandling" in refused.value.message_dict["offer"][0]
    assert reload(case).guarantee(today=TODAY).status == "running"
    assert not case.requests.get().free_choice


def test_free_choice_needs_a_visitation_first(caseworker, outpatient_offer):
    case = open_case(caseworker, inquiry_date=TODAY - timedelta(days=5))

    with pytest.raises(ValidationError) as refused:
        episode_refer(
            actor=caseworker,
            case=case,
            offer=outpatient_offer,
            referral_date=TODAY,
            free_choice=True,
        )

    assert refused.value.error_dict["free_choice"][0].code == "not_visited"


def test_no_free_choice_for_barnets_lov_33(caseworker, outpatient_offer):
    young = factories.CitizenFactory(cpr=None, birth_date=TODAY - timedelta(days=365 * 16))
    case = open_case(
        caseworker, citizen=young, legal_basis="BL33", inquiry_date=TODAY - timedelta(days=5)
    )
    episode_refer(actor=caseworker, case=case, offer=outpatient_offer, referral_date=TODAY)
    other = OfferFactory(treatment_type=outpatient_offer.treatment_type)

    with pytest.raises(ValidationError) as refused:
        episode_refer(
            actor=caseworker, case=case, offer=other, referral_date=TODAY, free_choice=True
        )

    assert refused.value.error_dict["free_choice"][0].code == "not_allowed"
    assert "Barnets lov § 33" in refused.value.message_dict["free_choice"][0]


def test_referral_warns_when_the_planned_start_is_after_the_deadline(caseworker, outpatient_offer):
    case = open_case(caseworker, inquiry_date=TODAY - timedelta(days=10))
    deadline = TODAY + timedelta(days=4)

    episode_refer(
        actor=caseworker,
        case=case,
        offer=outpatient_offer,
        referral_date=TODAY,
        planned_start=deadline + timedelta(days=1),
    )

    event = CaseEvent.objects.get(case=case, kind="referred")
    assert f"efter behandlingsgarantiens frist {deadline.isoformat()}" in event.description
    assert event.data["late_planned_start"] is True


def test_no_referral_warning_when_the_planned_start_is_on_the_deadline(
    caseworker, outpatient_offer
):
    case = open_case(caseworker, inquiry_date=TODAY - timedelta(days=10))

    episode_refer(
        actor=caseworker,
        case=case,
        offer=outpatient_offer,
        referral_date=TODAY,
        planned_start=TODAY + timedelta(days=4),
    )

    event = CaseEvent.objects.get(case=case, kind="referred")
    assert "frist" not in event.description
    assert event.data["late_planned_start"] is False


def test_start_without_a_decision_is_refused_for_sel_101(
    caseworker, outpatient_therapist, outpatient_offer
):
    case = open_case(caseworker, inquiry_date=TODAY - timedelta(days=5))
    episode = episode_refer(
        actor=caseworker, case=case, offer=outpatient_offer, referral_date=TODAY
    )

    with pytest.raises(ValidationError) as refused:
        episode_start(actor=outpatient_therapist, episode=episode, actual_start=TODAY)

    assert refused.value.error_dict["actual_start"][0].code == "no_decision"
    assert reload(episode).actual_start is None
    assert reload(case).guarantee(today=TODAY).status == "running"


@pytest.mark.parametrize("basis", ["SUL141", "SUL142"])
def test_start_needs_no_decision_under_the_health_law(
    caseworker, outpatient_therapist, outpatient_offer, basis
):
    case = open_case(caseworker, legal_basis=basis, inquiry_date=TODAY - timedelta(days=5))
    episode = episode_refer(
        actor=caseworker, case=case, offer=outpatient_offer, referral_date=TODAY
    )

    episode_start(actor=outpatient_therapist, episode=episode, actual_start=TODAY)

    assert reload(case).guarantee(today=TODAY).status == "met"


# --- start ------------------------------------------------------------------------------------


def test_first_start_stops_the_guarantee_and_moves_the_referred_case(
    referred, outpatient_therapist
):
    episode_start(actor=outpatient_therapist, episode=referred, actual_start=TODAY)

    case = reload(referred.case)
    assert case.treatment_started_on == TODAY
    assert case.status == "in_treatment"
    result = case.guarantee(today=TODAY + timedelta(days=60))
    assert result.status == "met"
    assert event_kinds(case)[-2:] == ["episode_started", "status_changed"]
    moved = CaseEvent.objects.filter(case=case).last()
    assert moved is not None
    assert (moved.from_status, moved.to_status, moved.actor) == (
        "referred",
        "in_treatment",
        outpatient_therapist,
    )


def test_late_start_is_a_breach(caseworker, outpatient_therapist, outpatient_offer):
    case = open_case(caseworker, inquiry_date=TODAY - timedelta(days=20))
    record_decision(case, caseworker)
    episode = episode_refer(
        actor=caseworker, case=case, offer=outpatient_offer, referral_date=TODAY
    )

    episode_start(actor=outpatient_therapist, episode=episode, actual_start=TODAY)

    assert reload(case).guarantee(today=TODAY).status == "breached"
    assert "Overskredet" in CaseEvent.objects.get(case=case, kind="episode_started").description


def test_start_in_assessment_is_recorded_without_moving_the_case(
    caseworker, outpatient_therapist, outpatient_offer
):
    case = open_case(caseworker)
    case_move(actor=caseworker, case=case, action="start_assessment")
    record_decision(case, caseworker)
    episode = episode_refer(
        actor=caseworker, case=case, offer=outpatient_offer, referral_date=TODAY
    )

    episode_start(actor=outpatient_therapist, episode=episode, actual_start=TODAY)

    case = reload(case)
    assert case.status == "assessment"
    assert case.treatment_started_on == TODAY
    assert "status_changed" not in event_kinds(case)[-1:]


def test_a_later_episode_does_not_move_the_guarantee_start(
    referred, caseworker, outpatient_therapist, residential_offer, residential_therapist
):
    episode_start(
        actor=outpatient_therapist, episode=referred, actual_start=TODAY - timedelta(days=1)
    )
    second = episode_refer(
        actor=caseworker, case=referred.case, offer=residential_offer, referral_date=TODAY
    )

    episode_start(actor=residential_therapist, episode=second, actual_start=TODAY)

    assert reload(referred.case).treatment_started_on == TODAY - timedelta(days=1)


@pytest.mark.parametrize(
    ("offset", "fragment"),
    [
        (-10, "før henvendelsesdatoen"),
        (-3, "før henvisningsdatoen"),
        (1, "i fremtiden"),
    ],
)
def test_start_date_is_checked(referred, outpatient_therapist, offset, fragment):
    with pytest.raises(ValidationError) as info:
        episode_start(
            actor=outpatient_therapist,
            episode=referred,
            actual_start=TODAY + timedelta(days=offset),
        )

    assert fragment in info.value.message_dict["actual_start"][0]
    assert reload(referred).actual_start is None
    assert reload(referred.case).treatment_started_on is None


def test_episode_cannot_start_twice(referred, outpatient_therapist):
    episode_start(actor=outpatient_therapist, episode=referred, actual_start=TODAY)

    with pytest.raises(ValidationError, match="allerede startet"):
        episode_start(actor=outpatient_therapist, episode=referred, actual_start=TODAY)


def test_caseworker_may_record_the_start(referred, caseworker):
    episode_start(actor=caseworker, episode=referred, actual_start=TODAY)

    assert reload(referred.case).status == "in_treatment"


@pytest.mark.parametrize("user", ["residential_therapist", "manager", "other_team_caseworker"])
def test_staff_of_other_places_cannot_record_the_start(request, referred, user):
    with pytest.raises(PermissionDenied):
        episode_start(actor=request.getfixturevalue(user), episode=referred, actual_start=TODAY)


def test_therapist_with_case_access_cannot_start_another_institutions_episode(
    referred, caseworker, outpatient_therapist, residential_therapist, residential_offer
):
    # Sydgården has access through its own referral, but the outpatient episode is not theirs.
    episode_refer(
        actor=caseworker, case=referred.case, offer=residential_offer, referral_date=TODAY
    )

    with pytest.raises(PermissionDenied):
        episode_start(actor=residential_therapist, episode=referred, actual_start=TODAY)


def test_residential_start_opens_the_handover(caseworker, residential_therapist, residential_offer):
    case = open_case(caseworker)
    record_decision(case, caseworker)
    episode = episode_refer(
        actor=caseworker, case=case, offer=residential_offer, referral_date=TODAY
    )

    episode_start(actor=residential_therapist, episode=episode, actual_start=TODAY)

    transition = Transition.objects.get(case=case)
    assert transition.residential_episode == episode


def test_drug_treatment_started_without_doctors_consultation_is_warned(
    caseworker, outpatient_therapist, outpatient_offer
):
    case = open_case(caseworker, legal_basis="SUL142")
    episode = episode_refer(
        actor=caseworker, case=case, offer=outpatient_offer, referral_date=TODAY
    )

    episode_start(actor=outpatient_therapist, episode=episode, actual_start=TODAY)

    event = CaseEvent.objects.get(case=case, kind="episode_started")
    assert "Lægesamtale mangler" in event.description
    assert event.data["doctor_consultation_missing"] is True


def test_drug_treatment_with_doctors_consultation_has_no_warning(
    caseworker, outpatient_therapist, outpatient_offer
):
    case = open_case(caseworker, legal_basis="SUL142")
    case_assessment_save(
        actor=caseworker,
        case=case,
        expected_version=case.version,
        substance_use="",
        social="",
        health="",
        work="",
        housing="",
        other="",
        doctor_consultation_on=TODAY,
    )
    episode = episode_refer(
        actor=caseworker, case=case, offer=outpatient_offer, referral_date=TODAY
    )

    episode_start(actor=outpatient_therapist, episode=episode, actual_start=TODAY)

    assert "Lægesamtale" not in CaseEvent.objects.get(kind="episode_started").description


def test_anonymous_case_start_records_no_guarantee(
    caseworker, outpatient_therapist, ambulant_provider
):
    anonymous = citizen_create(actor=caseworker, is_anonymous=True, alias="Klient 1")
    case = open_case(caseworker, citizen=anonymous, legal_basis="SEL101A")
    offer = factories.OfferFactory(
        provider=ambulant_provider,
        name="Anonym rådgivning",
        treatment_type="anonymous",
        legal_bases=["SEL101A"],
    )
    episode = episode_refer(actor=caseworker, case=case, offer=offer, referral_date=TODAY)

    episode_start(actor=outpatient_therapist, episode=episode, actual_start=TODAY)

    assert reload(case).guarantee(today=TODAY).status == "not_covered"
    assert "Behandlingsgaranti" not in CaseEvent.objects.get(kind="episode_started").description


# --- end --------------------------------------------------------------------------------------


def test_end_records_the_register_reason(referred, outpatient_therapist):
    episode_start(actor=outpatient_therapist, episode=referred, actual_start=TODAY)

    ended = episode_end(
        actor=outpatient_therapist, episode=referred, actual_end=TODAY, end_reason="no_show"
    )

    assert (ended.actual_end, ended.end_reason) == (TODAY, "no_show")
    event = CaseEvent.objects.get(case=referred.case, kind="episode_ended")
    assert "Udeblevet" in event.description
    # The case can now close: no episode is running any more.
    assert case_move(actor=referred.referred_by, case=referred.case, action="close").status == (
        "closed"
    )


def test_end_before_start_unknown_reason_and_future_end_are_refused(referred, outpatient_therapist):
    episode_start(
        actor=outpatient_therapist, episode=referred, actual_start=TODAY - timedelta(days=1)
    )

    with pytest.raises(ValidationError) as info:
        episode_end(
            actor=outpatient_therapist,
            episode=referred,
            actual_end=TODAY - timedelta(days=2),
            end_reason="bored",
        )
    assert set(info.value.message_dict) == {"actual_end", "end_reason"}
    with pytest.raises(ValidationError, match="fremtiden"):
        episode_end(
            actor=outpatient_therapist,
            episode=referred,
            actual_end=TODAY + timedelta(days=1),
            end_reason="completed",
        )
    assert reload(referred).actual_end is None


def test_episode_that_never_started_cannot_end(referred, outpatient_therapist):
    with pytest.raises(ValidationError, match="ikke startet"):
        episode_end(
            actor=outpatient_therapist, episode=referred, actual_end=TODAY, end_reason="no_show"
        )


def test_residential_end_records_the_discharge_on_the_handover(
    caseworker, residential_therapist, residential_offer
):
    case = open_case(caseworker, inquiry_date=TODAY - timedelta(days=5))
    record_decision(case, caseworker, on=TODAY - timedelta(days=4))
    episode = episode_refer(
        actor=caseworker, case=case, offer=residential_offer, referral_date=TODAY - timedelta(4)
    )
    episode_start(
        actor=residential_therapist, episode=episode, actual_start=TODAY - timedelta(days=3)
    )

    episode_end(
        actor=residential_therapist, episode=episode, actual_end=TODAY, end_reason="completed"
    )

    assert Transition.objects.get(case=case).discharged_on == TODAY


# --- treatment plan: tests/treatment_options/test_treatment_plans.py ----------------------------
