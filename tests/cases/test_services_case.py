"""Opening a case, the needs assessment, the decision and correcting a case."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction

from cases.access import CHANGE, has_case_perm
from cases.models import Case, CaseEvent
from cases.services import (
    ConcurrentEditError,
    case_assessment_save,
    case_decision_save,
    case_move,
    case_open,
    case_update,
    citizen_create,
    intake,
)
from tests import factories
from tests.cases.service_helpers import event_kinds, new_citizen, open_case
from tests.clock import TODAY

pytestmark = pytest.mark.usefixtures("clock")


def assessment(case, actor, **overrides):
    values: dict[str, Any] = {
        "substance_use": "Dagligt hashforbrug.",
        "social": "Bor alene, lidt netværk.",
        "health": "Søvnproblemer.",
        "work": "Sygemeldt.",
        "housing": "Lejebolig.",
        "other": "Ingen.",
        "expected_version": Case.objects.get(pk=case.pk).version,
    }
    values.update(overrides)
    return case_assessment_save(actor=actor, case=case, **values)


# --- case_open --------------------------------------------------------------------------------


def test_open_case_sets_deadline_number_event_and_access(caseworker, other_team_caseworker):
    case = open_case(caseworker, inquiry_date=date(2026, 3, 10))

    assert case.status == "inquiry"
    assert case.number == "2026-00001"
    assert case.guarantee_deadline == date(2026, 3, 24)
    assert case.guarantee(today=TODAY).status == "running"
    event = CaseEvent.objects.get(case=case)
    assert (event.kind, event.actor, event.to_status) == ("created", caseworker, "inquiry")
    assert has_case_perm(caseworker, CHANGE, case)
    assert not has_case_perm(other_team_caseworker, "cases.view_case", case)


def test_case_numbers_follow_the_inquiry_year_and_the_highest_number(caseworker):
    factories.CaseFactory(number="2026-00041", status="closed")
    factories.CaseFactory(number="2026-00007", status="closed")

    assert open_case(caseworker).number == "2026-00042"
    assert open_case(caseworker, inquiry_date=date(2025, 12, 30)).number == "2025-00001"


def test_case_number_taken_by_a_concurrent_request_is_retried(caseworker, monkeypatch):
    factories.CaseFactory(number="2026-00001", status="closed")
    numbers = iter(["2026-00001", "2026-00002"])
    monkeypatch.setattr(intake, "_next_case_number", lambda year: next(numbers))

    case = open_case(caseworker)

    assert case.number == "2026-00002"


def test_not_covered_cases_have_no_deadline(caseworker):
    anonymous = citizen_create(actor=caseworker, is_anonymous=True, alias="Klient 3")
    sel101a = open_case(caseworker, citizen=anonymous, legal_basis="SEL101A")
    regional = open_case(caseworker, regional_dual_diagnosis=True)

    assert sel101a.guarantee_deadline is None
    assert sel101a.guarantee(today=TODAY).status == "not_covered"
    assert regional.guarantee_deadline is None
    assert regional.guarantee(today=TODAY).status == "not_covered"


def test_anonymous_alcohol_case_is_covered_by_the_guarantee(caseworker):
    anonymous = citizen_create(actor=caseworker, is_anonymous=True, alias="Klient 4")

    case = open_case(caseworker, citizen=anonymous, legal_basis="SUL141")

    assert case.guarantee_deadline == case.inquiry_date + timedelta(days=14)


def test_inquiry_date_in_the_future_is_refused(caseworker):
    with pytest.raises(ValidationError) as info:
        open_case(caseworker, inquiry_date=TODAY + timedelta(days=1))

    assert info.value.message_dict["inquiry_date"] == [
        "Henvendelsesdatoen kan ikke ligge i fremtiden"
    ]
    assert not Case.objects.exists()


def test_unknown_legal_basis_is_refused(caseworker):
    with pytest.raises(ValidationError) as info:
        open_case(caseworker, legal_basis="SEL999")

    assert "Ukendt lovgrundlag" in info.value.message_dict["legal_basis"][0]


def test_sel101a_needs_an_anonymous_citizen(caseworker):
    with pytest.raises(ValidationError) as info:
        open_case(caseworker, legal_basis="SEL101A")

    assert "anonym borger" in info.value.message_dict["legal_basis"][0]


def test_anonymous_citizen_cannot_get_a_social_drug_case(caseworker):
    anonymous = citizen_create(actor=caseworker, is_anonymous=True, alias="Klient 5")

    with pytest.raises(ValidationError) as info:
        open_case(caseworker, citizen=anonymous, legal_basis="SEL101")

    assert "SEL § 101 a" in info.value.message_dict["legal_basis"][0]


def test_legal_basis_must_fit_the_citizens_age(caseworker):
    minor = new_citizen(cpr="010110-4000", birth_date=date(2010, 1, 1))
    adult = new_citizen(cpr="010180-1000", birth_date=date(1980, 1, 1))

    with pytest.raises(ValidationError, match="18"):
        open_case(caseworker, citizen=minor, legal_basis="SEL101")
    with pytest.raises(ValidationError, match="under 18"):
        open_case(caseworker, citizen=adult, legal_basis="BL33")
    assert open_case(caseworker, citizen=minor, legal_basis="BL33").legal_basis == "BL33"


def test_caseworker_must_belong_to_the_team(caseworker, other_team_caseworker, team_nord):
    with pytest.raises(ValidationError) as info:
        open_case(caseworker, team=team_nord, caseworker=other_team_caseworker)

    assert "caseworker" in info.value.message_dict


def test_team_must_be_a_municipal_team(caseworker, sydgaarden):
    with pytest.raises(ValidationError) as info:
        open_case(caseworker, team=sydgaarden, caseworker=None)

    assert "team" in info.value.message_dict


def test_unknown_substance_is_refused(caseworker):
    with pytest.raises(ValidationError) as info:
        open_case(caseworker, substances=["cannabis", "chokolade"])

    assert "substances" in info.value.message_dict


@pytest.mark.parametrize("user", ["residential_therapist", "manager", "admin_user"])
def test_only_caseworkers_open_cases(request, user, team_nord):
    actor = request.getfixturevalue(user)
    with pytest.raises(PermissionDenied):
        case_open(
            actor=actor,
            citizen=new_citizen(),
            legal_basis="SEL101",
            inquiry_date=TODAY,
            team=team_nord,
        )


def test_one_open_case_per_citizen(caseworker):
    first = open_case(caseworker)

    with pytest.raises(ValidationError) as info:
        open_case(caseworker, citizen=first.citizen)

    assert info.value.messages == [
        f"Borgeren har allerede en åben sag ({first.number}). Afslut den, før en ny oprettes."
    ]
    assert Case.objects.filter(citizen=first.citizen).count() == 1


def test_database_refuses_a_second_open_case_too(caseworker):
    first = open_case(caseworker)

    with pytest.raises(IntegrityError), transaction.atomic():
        factories.CaseFactory(citizen=first.citizen, team=first.team)


def test_new_request_after_a_closed_case_opens_a_new_case_with_a_new_guarantee(caseworker):
    first = open_case(caseworker, inquiry_date=TODAY - timedelta(days=60))
    case_move(actor=caseworker, case=first, action="close", note="Udeblevet")

    second = open_case(caseworker, citizen=first.citizen, inquiry_date=TODAY)

    assert second.pk != first.pk
    assert second.guarantee_deadline == TODAY + timedelta(days=14)
    assert list(first.citizen.cases.order_by("pk")) == [first, second]


# --- assessment -------------------------------------------------------------------------------


def test_assessment_saves_six_topics_bumps_version_and_records_an_event(caseworker):
    case = open_case(caseworker)

    saved = assessment(case, caseworker, completed_on=TODAY, doctor_consultation_on=TODAY)

    assert saved.version == case.version + 1
    assert saved.assessment_housing == "Lejebolig."
    assert saved.assessment_completed_on == TODAY
    assert event_kinds(case) == ["created", "assessment_saved"]
    assert "6 af 6" in CaseEvent.objects.get(kind="assessment_saved").description


def test_assessment_cannot_be_completed_with_an_empty_topic(caseworker):
    case = open_case(caseworker)

    with pytest.raises(ValidationError) as info:
        assessment(case, caseworker, housing="  ", completed_on=TODAY)

    assert "completed_on" in info.value.message_dict


def test_assessment_dates_cannot_be_in_the_future(caseworker):
    case = open_case(caseworker)

    with pytest.raises(ValidationError) as info:
        assessment(
            case,
            caseworker,
            completed_on=TODAY + timedelta(days=1),
            doctor_consultation_on=TODAY + timedelta(days=1),
        )

    assert set(info.value.message_dict) == {"completed_on", "doctor_consultation_on"}


def test_stale_version_is_refused_and_nothing_is_saved(caseworker):
    case = open_case(caseworker)
    assessment(case, caseworker)

    with pytest.raises(ConcurrentEditError) as info:
        assessment(case, caseworker, housing="Overskrevet", expected_version=case.version)

    assert info.value.messages == [
        "Sagen er ændret af en anden, siden du åbnede den. Genindlæs og prøv igen."
    ]
    assert isinstance(info.value, ValidationError)
    assert Case.objects.get(pk=case.pk).assessment_housing == "Lejebolig."


def test_manager_reads_but_cannot_save_the_assessment(caseworker, manager):
    case = open_case(caseworker)

    with pytest.raises(PermissionDenied):
        assessment(case, manager)


# --- decision ---------------------------------------------------------------------------------


def decide(case, actor, **overrides):
    values: dict[str, Any] = {
        "decision_date": TODAY,
        "decision_result": "granted",
        "decision_text": "Behov for ambulant behandling.",
        "decision_complaint_guidance": True,
        "expected_version": Case.objects.get(pk=case.pk).version,
    }
    values.update(overrides)
    return case_decision_save(actor=actor, case=case, **values)


def test_decision_in_time_has_no_warning(caseworker):
    case = open_case(caseworker, inquiry_date=TODAY - timedelta(days=3))

    saved = decide(case, caseworker)

    event = CaseEvent.objects.get(case=case, kind="decision_saved")
    assert saved.decision_result == "granted"
    assert "BEK 1477/2019" not in event.description
    assert event.data["decision_text"] == "Behov for ambulant behandling."


def test_late_decision_records_the_bek_1477_warning(caseworker):
    case = open_case(caseworker, inquiry_date=TODAY - timedelta(days=20))

    decide(case, caseworker)

    event = CaseEvent.objects.get(case=case, kind="decision_saved")
    assert "6 dage efter fristen" in event.description
    assert "BEK 1477/2019 § 1" in event.description
    assert event.data["late"] is True


@pytest.mark.parametrize(
    ("offset", "field_message"),
    [(-5, "før henvendelsesdatoen"), (1, "i fremtiden")],
)
def test_decision_date_must_lie_between_inquiry_and_today(caseworker, offset, field_message):
    case = open_case(caseworker, inquiry_date=TODAY - timedelta(days=2))
    day = (case.inquiry_date if offset < 0 else TODAY) + timedelta(days=offset)

    with pytest.raises(ValidationError) as info:
        decide(case, caseworker, decision_date=day)

    assert field_message in info.value.message_dict["decision_date"][0]


def test_decision_needs_reasons_and_a_result(caseworker):
    case = open_case(caseworker)

    with pytest.raises(ValidationError) as info:
        decide(case, caseworker, decision_text=" ", decision_result="maybe")

    assert set(info.value.message_dict) == {"decision_text", "decision_result"}


def test_refusal_needs_complaint_guidance(caseworker):
    case = open_case(caseworker)

    with pytest.raises(ValidationError) as info:
        decide(case, caseworker, decision_result="refused", decision_complaint_guidance=False)

    assert "klagevejledning" in info.value.message_dict["decision_complaint_guidance"][0]


# --- correcting the case ----------------------------------------------------------------------


def test_correcting_the_inquiry_date_moves_the_deadline(caseworker):
    case = open_case(caseworker, inquiry_date=TODAY - timedelta(days=2))

    updated = case_update(
        actor=caseworker,
        case=case,
        expected_version=case.version,
        inquiry_date=TODAY - timedelta(days=4),
    )

    assert updated.guarantee_deadline == TODAY + timedelta(days=10)
    assert CaseEvent.objects.get(case=case, kind="case_updated").data == {
        "fields": ["inquiry_date"]
    }


def test_regional_dual_diagnosis_takes_the_case_out_of_the_guarantee(caseworker):
    case = open_case(caseworker)

    updated = case_update(
        actor=caseworker, case=case, expected_version=case.version, regional_dual_diagnosis=True
    )

    assert updated.guarantee_deadline is None


def test_closed_case_cannot_be_edited(caseworker):
    case = open_case(caseworker)
    closed = case_move(actor=caseworker, case=case, action="close")

    with pytest.raises(ValidationError, match="afsluttet"):
        assessment(closed, caseworker)
