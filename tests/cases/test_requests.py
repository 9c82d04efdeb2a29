"""Treatment requests (DESIGN §3): the first one at the inquiry, renewed treatment with its own
clock, combination treatment, the doctor's consultation, turning 18, the course's end, and the
case's stored most urgent open clock."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils.formats import date_format

from cases.access import case_access_sync
from cases.models import Case, CaseEvent, TreatmentRequest
from cases.selectors import case_list_for
from cases.services import case_move, case_update
from cases.services.requests import (
    refresh_urgency,
    request_doctor_consultation_save,
    request_open,
)
from tests import factories
from tests.cases.service_helpers import force_status, open_case, record_decision
from tests.clock import TODAY
from treatment_options.services import episode_end, episode_refer, episode_start

pytestmark = pytest.mark.usefixtures("clock")


def reload(obj):
    return type(obj).objects.get(pk=obj.pk)


def renewed(caseworker, case, *, days_ago=0, basis=None, kind=TreatmentRequest.Kind.RENEWED):
    return request_open(
        actor=caseworker,
        case=case,
        kind=kind,
        legal_basis=basis or case.legal_basis,
        requested_on=TODAY - timedelta(days=days_ago),
    )


# --- the first request --------------------------------------------------------------------


def test_case_open_makes_the_first_request_with_the_clock(caseworker):
    case = open_case(caseworker, inquiry_date=TODAY - timedelta(days=3))

    request = case.requests.get()
    assert request.kind == TreatmentRequest.Kind.FIRST
    assert request.requested_on == TODAY - timedelta(days=3)
    assert request.guarantee_deadline == TODAY + timedelta(days=11)
    case = reload(case)
    assert case.clock_request == request
    assert case.guarantee_deadline == request.guarantee_deadline


def test_anonymous_treatment_request_has_no_clock(caseworker):
    citizen = factories.CitizenFactory(cpr=None, is_anonymous=True, alias="K", birth_date=None)
    case = open_case(caseworker, citizen=citizen, legal_basis="SEL101A")

    assert case.requests.get().guarantee_deadline is None
    assert reload(case).guarantee_deadline is None  # no open clock


def test_correcting_the_inquiry_date_moves_the_first_requests_clock(caseworker):

    case = open_case(caseworker, inquiry_date=TODAY - timedelta(days=3))
    case_update(
        actor=caseworker,
        case=case,
        expected_version=reload(case).version,
        inquiry_date=TODAY - timedelta(days=5),
    )

    assert case.requests.get().guarantee_deadline == TODAY + timedelta(days=9)


# --- renewed treatment: its own clock ------------------------------------------------------


@pytest.fixture
def treated(caseworker, outpatient_therapist, outpatient_offer):
    """A SEL § 101 case whose first request was met (started on day 5), now in aftercare."""
    case = open_case(caseworker, inquiry_date=TODAY - timedelta(days=60))
    case_move(actor=caseworker, case=case, action="start_assessment")
    record_decision(case, caseworker, on=TODAY - timedelta(days=58))
    case_move(actor=caseworker, case=reload(case), action="refer")
    episode = episode_refer(
        actor=caseworker,
        case=case,
        offer=outpatient_offer,
        referral_date=TODAY - timedelta(days=57),
    )
    episode_start(
        actor=outpatient_therapist, episode=episode, actual_start=TODAY - timedelta(days=55)
    )
    case_move(actor=caseworker, case=reload(case), action="start_aftercare")
    return reload(case)


def test_renewed_request_in_aftercare_opens_its_own_clock(caseworker, treated):
    request = renewed(caseworker, treated, days_ago=2)

    assert request.guarantee_deadline == TODAY + timedelta(days=12)
    assert request.guarantee(today=TODAY).status == "running"
    first = treated.requests.get(kind="first")
    assert first.guarantee(today=TODAY).status == "met"
    case = reload(treated)
    assert case.clock_request == request
    assert case.guarantee(today=TODAY).status == "running"
    event = CaseEvent.objects.get(case=case, kind=CaseEvent.Kind.REQUEST_OPENED)
    assert "Fornyet behandling" in event.description
    assert event.data["request"] == request.pk


def test_renewed_request_is_refused_before_treatment(caseworker):
    case = open_case(caseworker)

    with pytest.raises(ValidationError) as refused:
        renewed(caseworker, case)

    assert refused.value.error_dict["kind"][0].code == "status"
    assert case.requests.count() == 1


@pytest.mark.parametrize(
    ("days_ago", "code"), [(-1, "future"), (61, "before_inquiry")], ids=["future", "before"]
)
def test_request_date_must_lie_between_the_inquiry_and_today(caseworker, treated, days_ago, code):
    with pytest.raises(ValidationError) as refused:
        renewed(caseworker, treated, days_ago=days_ago)

    assert refused.value.error_dict["requested_on"][0].code == code


def test_an_episode_under_the_renewed_request_stops_only_its_clock(
    caseworker, outpatient_therapist, treated, residential_offer, residential_therapist
):
    request = renewed(caseworker, treated, days_ago=20)
    assert request.guarantee(today=TODAY).status == "breached"
    record_decision(treated, caseworker, on=TODAY - timedelta(days=19))
    episode = episode_refer(
        actor=caseworker,
        case=reload(treated),
        offer=residential_offer,
        referral_date=TODAY - timedelta(days=2),
        request=request,
    )

    episode_start(actor=residential_therapist, episode=episode, actual_start=TODAY)

    request = reload(request)
    assert request.treatment_started_on == TODAY
    assert request.guarantee(today=TODAY).status == "breached"  # started 6 days late
    assert treated.requests.get(kind="first").treatment_started_on == TODAY - timedelta(days=55)
    assert reload(treated).guarantee_deadline is None  # no open clock left


def test_a_renewed_request_needs_its_own_decision(
    caseworker, outpatient_therapist, treated, outpatient_offer
):
    request = renewed(caseworker, treated, days_ago=1)
    other = factories.OfferFactory(treatment_type="outpatient")
    episode = episode_refer(
        actor=caseworker, case=reload(treated), offer=other, referral_date=TODAY, request=request
    )

    with pytest.raises(ValidationError) as refused:
        episode_start(actor=caseworker, episode=episode, actual_start=TODAY)

    assert refused.value.error_dict["actual_start"][0].code == "no_decision"


# --- combination treatment: two clocks ----------------------------------------------------


def test_combination_treatment_is_a_second_request_with_its_own_clock(caseworker):
    case = open_case(caseworker, inquiry_date=TODAY - timedelta(days=10))

    medical = renewed(
        caseworker, case, days_ago=1, basis="SUL142", kind=TreatmentRequest.Kind.COMBINATION
    )

    assert sorted(case.requests.values_list("legal_basis", flat=True)) == ["SEL101", "SUL142"]
    assert medical.guarantee_deadline == TODAY + timedelta(days=13)
    # The most urgent open clock is the earlier deadline.
    assert reload(case).guarantee_deadline == TODAY + timedelta(days=4)


def test_combination_treatment_needs_another_basis(caseworker):
    case = open_case(caseworker)

    with pytest.raises(ValidationError) as refused:
        renewed(caseworker, case, basis="SEL101", kind=TreatmentRequest.Kind.COMBINATION)

    assert refused.value.error_dict["legal_basis"][0].code == "same_basis"


def test_case_page_shows_every_clock_with_its_reason(client, caseworker):
    case = open_case(caseworker, inquiry_date=TODAY - timedelta(days=10))
    renewed(caseworker, case, days_ago=1, basis="SUL142", kind=TreatmentRequest.Kind.COMBINATION)
    client.force_login(caseworker)

    html = client.get(reverse("cases:detail", kwargs={"case_id": case.pk})).content.decode()

    assert "Anmodninger og frister" in html
    assert (
        f"14 dage fra henvendelse {date_format((TODAY - timedelta(days=10)), 'DATE_FORMAT')}"
        in html
    )
    assert (
        f"14 dage fra henvendelse {date_format((TODAY - timedelta(days=1)), 'DATE_FORMAT')}" in html
    )
    assert "Kombinationsbehandling" in html


def test_request_page_opens_a_request_and_keeps_what_was_typed_on_an_error(client, caseworker):
    case = open_case(caseworker)
    client.force_login(caseworker)
    url = reverse("cases:request_create", kwargs={"case_id": case.pk})

    response = client.post(
        url,
        {
            "kind": "combination",
            "legal_basis": "SUL142",
            "requested_on": (TODAY + timedelta(days=1)).isoformat(),
            "note": "Ønsker substitution",
        },
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert "Anmodningsdatoen kan ikke ligge i fremtiden." in html
    assert "Ønsker substitution" in html

    response = client.post(
        url, {"kind": "combination", "legal_basis": "SUL142", "requested_on": TODAY.isoformat()}
    )
    assert response.status_code == 302
    assert case.requests.count() == 2


# --- turning 18 ----------------------------------------------------------------------------


def test_a_request_after_the_18th_birthday_falls_under_sel_101(
    caseworker, outpatient_therapist, outpatient_offer, client
):
    birthday = TODAY - timedelta(days=10)
    young = factories.CitizenFactory(
        cpr=None, birth_date=date(birthday.year - 18, birthday.month, birthday.day)
    )
    case = open_case(
        caseworker, citizen=young, legal_basis="BL33", inquiry_date=TODAY - timedelta(days=40)
    )
    force_status(case, "in_treatment")

    request = renewed(caseworker, reload(case), basis="BL33")

    assert request.legal_basis == "SEL101"
    assert case.requests.get(kind="first").legal_basis == "BL33"  # the BL § 33 request continues
    assert CaseEvent.objects.get(case=case, kind="request_opened").data["converted_to_sel101"]
    client.force_login(caseworker)
    html = client.get(reverse("cases:detail", kwargs={"case_id": case.pk})).content.decode()
    assert "Borgeren er fyldt 18 år" in html


def test_a_request_before_the_18th_birthday_stays_under_barnets_lov(caseworker):
    young = factories.CitizenFactory(cpr=None, birth_date=TODAY - timedelta(days=365 * 16))
    case = open_case(caseworker, citizen=young, legal_basis="BL33")
    force_status(case, "aftercare")

    assert renewed(caseworker, reload(case), basis="BL33").legal_basis == "BL33"


# --- the doctor's consultation -------------------------------------------------------------


def test_doctors_consultation_is_recorded_as_offered_held_or_declined(caseworker):
    case = open_case(caseworker, inquiry_date=TODAY - timedelta(days=5))
    request = case.requests.get()

    saved = request_doctor_consultation_save(
        actor=caseworker,
        request=request,
        offered_on=TODAY - timedelta(days=4),
        held_on=None,
        declined_on=TODAY - timedelta(days=3),
    )

    assert saved.doctor_consultation_declined_on == TODAY - timedelta(days=3)
    with pytest.raises(ValidationError) as both:
        request_doctor_consultation_save(
            actor=caseworker,
            request=request,
            offered_on=TODAY - timedelta(days=4),
            held_on=TODAY,
            declined_on=TODAY,
        )
    assert both.value.error_dict["declined_on"][0].code == "both"


def test_doctors_consultation_is_not_offered_for_alcohol_treatment(caseworker):
    case = open_case(caseworker, legal_basis="SUL141")

    with pytest.raises(ValidationError) as refused:
        request_doctor_consultation_save(
            actor=caseworker,
            request=case.requests.get(),
            offered_on=TODAY,
            held_on=None,
            declined_on=None,
        )

    assert refused.value.error_dict["offered_on"][0].code == "not_offered"


def test_a_declined_consultation_is_enough_at_the_start(
    caseworker, outpatient_therapist, outpatient_offer
):
    case = open_case(caseworker, inquiry_date=TODAY - timedelta(days=5))
    record_decision(case, caseworker)
    request_doctor_consultation_save(
        actor=caseworker,
        request=case.requests.get(),
        offered_on=TODAY - timedelta(days=4),
        held_on=None,
        declined_on=TODAY - timedelta(days=4),
    )
    episode = episode_refer(
        actor=caseworker, case=reload(case), offer=outpatient_offer, referral_date=TODAY
    )

    episode_start(actor=outpatient_therapist, episode=episode, actual_start=TODAY)

    event = CaseEvent.objects.get(case=case, kind="episode_started")
    assert event.data["doctor_consultation_missing"] is False


def test_sel_101_start_without_consultation_warns(
    caseworker, outpatient_therapist, outpatient_offer
):
    case = open_case(caseworker, inquiry_date=TODAY - timedelta(days=5))
    record_decision(case, caseworker)
    episode = episode_refer(
        actor=caseworker, case=reload(case), offer=outpatient_offer, referral_date=TODAY
    )

    episode_start(actor=outpatient_therapist, episode=episode, actual_start=TODAY)

    event = CaseEvent.objects.get(case=case, kind="episode_started")
    assert event.data["doctor_consultation_missing"] is True


# --- decisions by basis ---------------------------------------------------------------------


@pytest.mark.parametrize("basis", ["SUL141", "SUL142"])
def test_referral_of_a_health_law_case_needs_no_decision(caseworker, basis):
    case = open_case(caseworker, legal_basis=basis)
    case_move(actor=caseworker, case=case, action="start_assessment")

    moved = case_move(actor=caseworker, case=reload(case), action="refer")

    assert moved.status == "referred"


def test_referral_of_anonymous_treatment_needs_no_decision(caseworker):
    citizen = factories.CitizenFactory(cpr=None, is_anonymous=True, alias="K", birth_date=None)
    case = open_case(caseworker, citizen=citizen, legal_basis="SEL101A")
    case_move(actor=caseworker, case=case, action="start_assessment")

    assert case_move(actor=caseworker, case=reload(case), action="refer").status == "referred"


def test_referral_of_a_sel_101_case_still_needs_the_decision(caseworker):
    case = open_case(caseworker)
    case_move(actor=caseworker, case=case, action="start_assessment")

    with pytest.raises(ValidationError):
        case_move(actor=caseworker, case=reload(case), action="refer")


# --- the course's end ----------------------------------------------------------------------


@pytest.fixture
def ended(caseworker, outpatient_therapist, treated):
    episode = treated.episodes.get()
    episode_end(
        actor=outpatient_therapist,
        episode=episode,
        actual_end=TODAY - timedelta(days=7),
        end_reason="completed",
    )
    return reload(treated)


def test_course_end_defaults_to_the_last_episode_end(caseworker, ended):
    closed = case_move(actor=caseworker, case=ended, action="close", course_end_reason="completed")

    assert closed.closed_on == TODAY
    assert closed.course_ended_on == TODAY - timedelta(days=7)
    assert closed.course_end_reason == "completed"


def test_course_end_is_its_own_date(caseworker, ended):
    closed = case_move(
        actor=caseworker, case=ended, action="close", course_ended_on=TODAY - timedelta(days=2)
    )

    assert closed.course_ended_on == TODAY - timedelta(days=2)
    assert closed.closed_on == TODAY


@pytest.mark.parametrize(
    ("day", "code"),
    [(TODAY + timedelta(days=1), "future"), (TODAY - timedelta(days=8), "before_episode_end")],
    ids=["future", "before_last_episode_end"],
)
def test_course_end_refuses_a_future_date_or_one_before_the_last_episode(
    caseworker, ended, day, code
):
    with pytest.raises(ValidationError) as refused:
        case_move(actor=caseworker, case=ended, action="close", course_ended_on=day)

    assert refused.value.error_dict["course_ended_on"][0].code == code
    assert reload(ended).status == "aftercare"


def test_course_end_through_the_case_page(client, caseworker, ended):
    client.force_login(caseworker)
    response = client.post(
        reverse("cases:move", kwargs={"case_id": ended.pk}),
        {
            "action": "close",
            "course_ended_on": (TODAY - timedelta(days=3)).isoformat(),
            "course_end_reason": "dropped_out",
        },
    )

    assert response.status_code == 302
    case = reload(ended)
    assert case.course_ended_on == TODAY - timedelta(days=3)
    assert case.course_end_reason == "dropped_out"


# --- the stored clock ------------------------------------------------------------------------


def test_open_clocks_sort_breached_oldest_first_then_running(caseworker, team_nord):
    breached_old = factories.CaseFactory(team=team_nord, inquiry_date=TODAY - timedelta(days=40))
    breached_new = factories.CaseFactory(team=team_nord, inquiry_date=TODAY - timedelta(days=20))
    running_soon = factories.CaseFactory(team=team_nord, inquiry_date=TODAY - timedelta(days=12))
    running_late = factories.CaseFactory(team=team_nord, inquiry_date=TODAY - timedelta(days=1))
    met = factories.CaseFactory(
        team=team_nord, inquiry_date=TODAY - timedelta(days=5), treatment_started_on=TODAY
    )
    # A met first request with a breached renewed one: the open breached clock counts.
    relapse = factories.CaseFactory(
        team=team_nord,
        inquiry_date=TODAY - timedelta(days=100),
        treatment_started_on=TODAY - timedelta(days=95),
    )
    factories.TreatmentRequestFactory(case=relapse, requested_on=TODAY - timedelta(days=30))
    for case in Case.objects.all():
        case_access_for(case, caseworker)

    found = [
        c.number for c in case_list_for(caseworker, status="open", today=TODAY, order="urgency")
    ]
    assert found == [
        breached_old.number,
        relapse.number,
        breached_new.number,
        running_soon.number,
        running_late.number,
        met.number,
    ]


def case_access_for(case, user):
    Case.objects.filter(pk=case.pk).update(caseworker=user)
    refresh_urgency(reload(case), today=TODAY)

    case_access_sync(reload(case))


def test_consultation_page_records_it_and_shows_a_danish_error(client, caseworker):
    case = open_case(caseworker, inquiry_date=TODAY - timedelta(days=5))
    request = case.requests.get()
    client.force_login(caseworker)
    url = reverse("cases:request_consultation", kwargs={"case_id": case.pk, "pk": request.pk})

    bad = client.post(url, {"held_on": TODAY.isoformat(), "declined_on": TODAY.isoformat()})
    assert bad.status_code == 200
    assert "Lægesamtalen er enten holdt eller afslået." in bad.content.decode()

    good = client.post(
        url, {"offered_on": (TODAY - timedelta(days=4)).isoformat(), "held_on": TODAY.isoformat()}
    )
    assert good.status_code == 302
    assert reload(request).doctor_consultation_held_on == TODAY


def test_consultation_page_of_another_cases_request_is_404(client, caseworker):
    case = open_case(caseworker)
    other = factories.CaseFactory()
    client.force_login(caseworker)
    url = reverse(
        "cases:request_consultation",
        kwargs={"case_id": case.pk, "pk": other.requests.get().pk},
    )

    assert client.get(url).status_code == 404


def test_a_consultation_recorded_with_the_assessment_counts_for_the_request(
    client, caseworker, team_nord
):
    case = factories.CaseFactory(
        team=team_nord,
        caseworker=caseworker,
        legal_basis="SUL142",
        inquiry_date=TODAY - timedelta(days=10),
        treatment_started_on=TODAY - timedelta(days=2),
    )
    url = reverse("cases:detail", kwargs={"case_id": case.pk})
    client.force_login(caseworker)
    assert "Lægesamtale mangler" in client.get(url).content.decode()

    Case.objects.filter(pk=case.pk).update(doctor_consultation_on=TODAY - timedelta(days=5))

    assert "Lægesamtale mangler" not in client.get(url).content.decode()
