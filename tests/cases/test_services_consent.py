"""Consents (Retssikkerhedsloven § 11 a) and the disclosures made under them."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from cases.models import CaseEvent, Disclosure
from cases.services import consent_create, consent_withdraw, disclosure_record
from tests.cases.service_helpers import open_case
from tests.clock import TODAY
from treatment_options.services import episode_refer

pytestmark = pytest.mark.usefixtures("clock")


def give(case, actor, **overrides):
    values: dict[str, Any] = {
        "party_kind": "jobcenter",
        "party_name": "Jobcenter Aarhus",
        "information_kinds": ["case_status", "meetings"],
        "purpose": "Koordinering af sygedagpengeforløb",
        "form": "oral",
        "valid_from": TODAY - timedelta(days=1),
        "valid_to": TODAY + timedelta(days=90),
    }
    values.update(overrides)
    return consent_create(actor=actor, case=case, **values)


def test_consent_is_recorded_with_an_event(caseworker):
    case = open_case(caseworker)

    consent = give(case, caseworker)

    assert consent.recorded_by == caseworker
    assert consent.is_valid_on(TODAY)
    event = CaseEvent.objects.get(case=case, kind="consent_given")
    assert "Jobcenter Aarhus" in event.description


def test_employer_needs_written_consent(caseworker):
    case = open_case(caseworker)

    with pytest.raises(ValidationError) as info:
        give(case, caseworker, party_kind="employer", party_name="Vestas A/S", form="oral")

    assert info.value.message_dict["form"] == [
        "En arbejdsgiver kræver altid et udtrykkeligt skriftligt samtykke."
    ]
    assert give(case, caseworker, party_kind="employer", form="written").form == "written"


def test_consent_must_be_specific(caseworker):
    case = open_case(caseworker)

    with pytest.raises(ValidationError) as info:
        give(
            case,
            caseworker,
            information_kinds=[],
            purpose=" ",
            party_name="",
            valid_to=TODAY - timedelta(days=5),
        )

    assert set(info.value.message_dict) == {
        "information_kinds",
        "purpose",
        "party_name",
        "valid_to",
    }


def test_unknown_party_and_information_kind_are_refused(caseworker):
    case = open_case(caseworker)

    with pytest.raises(ValidationError) as info:
        give(case, caseworker, party_kind="neighbour", information_kinds=["everything"])

    assert set(info.value.message_dict) == {"party_kind", "information_kinds"}


def test_therapists_and_managers_do_not_record_consents(
    caseworker, manager, residential_therapist, residential_offer
):
    case = open_case(caseworker)

    for actor in (manager, residential_therapist):
        with pytest.raises(PermissionDenied):
            give(case, actor)


def test_withdrawn_consent_no_longer_allows_disclosure(caseworker):
    case = open_case(caseworker)
    consent = give(case, caseworker)

    withdrawn = consent_withdraw(
        actor=caseworker, consent=consent, withdrawn_on=TODAY, reason="Borgeren ønsker det"
    )

    assert not withdrawn.is_valid_on(TODAY)
    assert "consent_withdrawn" in CaseEvent.objects.filter(case=case).values_list("kind", flat=True)
    with pytest.raises(ValidationError) as info:
        disclosure_record(
            actor=caseworker,
            case=case,
            consent=consent,
            information_kinds=["case_status"],
            recipient="Sagsbehandler i Jobcenter",
        )
    assert "ikke gyldigt" in info.value.message_dict["consent"][0]


def test_withdrawal_needs_a_reason_and_happens_once(caseworker):
    case = open_case(caseworker)
    consent = give(case, caseworker)

    with pytest.raises(ValidationError) as info:
        consent_withdraw(actor=caseworker, consent=consent, withdrawn_on=TODAY, reason="")
    assert "reason" in info.value.message_dict
    consent_withdraw(actor=caseworker, consent=consent, withdrawn_on=TODAY, reason="Ønske")
    with pytest.raises(ValidationError, match="allerede"):
        consent_withdraw(actor=caseworker, consent=consent, withdrawn_on=TODAY, reason="Igen")


def test_disclosure_within_the_consent_is_recorded(caseworker):
    case = open_case(caseworker)
    consent = give(case, caseworker)

    disclosure = disclosure_record(
        actor=caseworker,
        case=case,
        consent=consent,
        information_kinds=["meetings"],
        recipient="Jobcenter Aarhus, team sygedagpenge",
        description="Referat af statusmøde sendt",
    )

    assert disclosure.disclosed_by == caseworker
    assert list(consent.disclosures.all()) == [disclosure]
    assert CaseEvent.objects.filter(case=case, kind="disclosure").count() == 1


def test_disclosure_beyond_the_consent_is_refused(caseworker):
    case = open_case(caseworker)
    consent = give(case, caseworker)

    with pytest.raises(ValidationError) as info:
        disclosure_record(
            actor=caseworker,
            case=case,
            consent=consent,
            information_kinds=["meetings", "checkins"],
            recipient="Jobcenter",
        )

    assert "Tjek-ind" in info.value.message_dict["information_kinds"][0]
    assert not Disclosure.objects.exists()


def test_disclosure_before_the_consent_period_is_refused(caseworker):
    case = open_case(caseworker)
    consent = give(case, caseworker, valid_from=TODAY + timedelta(days=1))

    with pytest.raises(ValidationError, match="ikke gyldigt"):
        disclosure_record(
            actor=caseworker,
            case=case,
            consent=consent,
            information_kinds=["meetings"],
            recipient="Jobcenter",
        )


def test_consent_of_another_case_is_refused(caseworker):
    case = open_case(caseworker)
    other = open_case(caseworker)
    consent = give(other, caseworker)

    with pytest.raises(ValidationError) as info:
        disclosure_record(
            actor=caseworker,
            case=case,
            consent=consent,
            information_kinds=["meetings"],
            recipient="Jobcenter",
        )

    assert "consent" in info.value.message_dict


def test_therapist_on_the_case_may_record_a_disclosure(
    caseworker, residential_therapist, residential_offer
):
    case = open_case(caseworker)
    episode_refer(actor=caseworker, case=case, offer=residential_offer, referral_date=TODAY)
    consent = give(case, caseworker)

    disclosure = disclosure_record(
        actor=residential_therapist,
        case=case,
        consent=consent,
        information_kinds=["meetings"],
        recipient="Jobcenter",
    )

    assert disclosure.disclosed_by == residential_therapist
