"""Access requests and complaints as records (issue 14, acceptance 6): the hold placed on
create and lifted on close with who and when, the timeline, and who may."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from cases.event_messages import EventCode
from rights.models import AccessRequest, Complaint, HoldKind, LegalHold
from rights.services import (
    access_request_close,
    access_request_register,
    complaint_decide,
    complaint_forward,
    complaint_register,
)
from tests.clock import TODAY

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("clock")]


def test_registering_an_access_request_places_a_hold_on_all_the_citizens_data(case, caseworker):
    request = access_request_register(
        actor=caseworker, case=case, kind=AccessRequest.Kind.PUBLIC_ACCESS, received_on=TODAY
    )
    assert request.deadline_on == date(2026, 3, 25)
    assert request.handled_by == caseworker
    hold = LegalHold.objects.get()
    assert (hold.citizen, hold.case, hold.kind) == (case.citizen, None, HoldKind.ACCESS_REQUEST)
    assert hold.is_open and hold.placed_by == caseworker
    assert request.hold == hold
    event = case.events.get(code=EventCode.ACCESS_REQUEST_RECEIVED)
    assert event.actor == caseworker
    assert "25.03.2026" in event.description


def test_closing_the_access_request_lifts_its_hold_with_who_and_when(case, caseworker, clock):
    request = access_request_register(
        actor=caseworker, case=case, kind=AccessRequest.Kind.GDPR, received_on=TODAY
    )
    clock.shift(timedelta(days=3))
    access_request_close(
        actor=caseworker,
        request=request,
        status=AccessRequest.Status.ANSWERED,
        closed_on=TODAY + timedelta(days=3),
    )
    request.refresh_from_db()
    assert request.status == AccessRequest.Status.ANSWERED
    hold = LegalHold.objects.get()
    assert not hold.is_open
    assert hold.lifted_by == caseworker
    assert hold.lifted_at is not None
    assert hold.lifted_at.date() == TODAY + timedelta(days=3)
    assert case.events.filter(code=EventCode.ACCESS_REQUEST_CLOSED).count() == 1


def test_a_closed_access_request_cannot_be_closed_again(case, caseworker):
    request = access_request_register(
        actor=caseworker, case=case, kind=AccessRequest.Kind.GDPR, received_on=TODAY
    )
    access_request_close(actor=caseworker, request=request, status="withdrawn", closed_on=TODAY)
    with pytest.raises(ValidationError):
        access_request_close(actor=caseworker, request=request, status="answered", closed_on=TODAY)


def test_a_request_received_in_the_future_is_refused(case, caseworker):
    with pytest.raises(ValidationError) as caught:
        access_request_register(
            actor=caseworker, case=case, kind="gdpr", received_on=TODAY + timedelta(days=1)
        )
    assert "received_on" in caught.value.message_dict
    assert not LegalHold.objects.exists()


def test_a_complaint_holds_the_case_until_it_is_decided(case, caseworker):
    complaint = complaint_register(
        actor=caseworker, case=case, received_on=TODAY, about=Complaint.About.DECISION
    )
    hold = LegalHold.objects.get()
    assert (hold.case, hold.kind) == (case, HoldKind.COMPLAINT)
    complaint_forward(actor=caseworker, complaint=complaint, forwarded_on=TODAY)
    hold.refresh_from_db()
    assert hold.is_open, "the case is kept until Ankestyrelsen has decided"
    complaint_decide(actor=caseworker, complaint=complaint, decided_on=TODAY)
    hold.refresh_from_db()
    assert not hold.is_open and hold.lifted_by == caseworker
    codes = list(case.events.filter(kind="complaint").values_list("code", flat=True))
    assert codes == [
        EventCode.COMPLAINT_RECEIVED,
        EventCode.COMPLAINT_FORWARDED,
        EventCode.COMPLAINT_DECIDED,
    ]


def test_a_complaint_about_a_record_names_the_record(case, caseworker):
    with pytest.raises(ValidationError) as caught:
        complaint_register(actor=caseworker, case=case, received_on=TODAY, about="record")
    assert "about_record" in caught.value.message_dict
    complaint_register(
        actor=caseworker,
        case=case,
        received_on=TODAY,
        about="record",
        about_record="Statusnotat 2. marts",
    )
    event = case.events.get(code=EventCode.COMPLAINT_RECEIVED_RECORD)
    assert "Statusnotat 2. marts" in event.description


def test_the_teams_manager_may_register(case, manager):
    access_request_register(actor=manager, case=case, kind="gdpr", received_on=TODAY)
    assert AccessRequest.objects.count() == 1


@pytest.mark.parametrize(
    "user", ["other_team_caseworker", "other_unit_manager", "residential_therapist"]
)
def test_others_may_not_register(request, residential_case, user):
    with pytest.raises(PermissionDenied):
        access_request_register(
            actor=request.getfixturevalue(user),
            case=residential_case,
            kind="gdpr",
            received_on=TODAY,
        )
    with pytest.raises(PermissionDenied):
        complaint_register(
            actor=request.getfixturevalue(user),
            case=residential_case,
            received_on=TODAY,
            about="decision",
        )
    assert not LegalHold.objects.exists()
