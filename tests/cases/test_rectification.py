"""Rectification (issue 14, acceptance 6): a corrected fact keeps its old value with who, when
and why, and the correction is on the timeline."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from cases.event_messages import EventCode, event_description
from cases.models import AccessLog, Rectification
from cases.services import RectificationTarget, rectify
from tests import factories
from tests.clock import NOW, TODAY

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("clock")]


def test_a_wrong_name_is_corrected_and_the_old_value_kept(case, caseworker):
    row = rectify(
        actor=caseworker,
        target=RectificationTarget("citizen.last_name", case.citizen, None),
        new_value="Hansén",
        reason="Borgeren har vist pas",
    )
    case.citizen.refresh_from_db()
    assert case.citizen.last_name == "Hansén"
    assert (row.old_value, row.new_value, row.field) == ("Hansen", "Hansén", "last_name")
    assert (row.rectified_by, row.rectified_at, row.reason) == (
        caseworker,
        NOW,
        "Borgeren har vist pas",
    )
    event = case.events.get(code=EventCode.RECTIFIED)
    assert event.actor == caseworker and event.occurred_at == NOW
    text = event_description(event)
    assert "»Hansen«" in text and "»Hansén«" in text and "Borgeren har vist pas" in text


def test_the_citizens_correction_is_on_the_timeline_of_every_case(case, caseworker):
    other = factories.CaseFactory(citizen=case.citizen, team=case.team, status="closed")
    rectify(
        actor=caseworker,
        target=RectificationTarget("citizen.address", case.citizen, None),
        new_value="Nørregade 1",
        reason="Flyttet",
    )
    assert case.events.filter(code=EventCode.RECTIFIED).count() == 1
    assert other.events.filter(code=EventCode.RECTIFIED).count() == 1


def test_a_wrong_inquiry_date_is_corrected_and_the_guarantee_follows(case, caseworker):
    old = case.inquiry_date
    new = old - timedelta(days=2)
    rectify(
        actor=caseworker,
        target=RectificationTarget("case.inquiry_date", case.citizen, case),
        new_value=new.isoformat(),
        reason="Henvendelsen kom pr. brev to dage før",
    )
    case.refresh_from_db()
    assert case.inquiry_date == new
    assert case.guarantee_deadline == new + timedelta(days=14)
    row = Rectification.objects.get()
    assert (row.case, row.old_value, row.new_value) == (case, old.isoformat(), new.isoformat())
    event = case.events.get(code=EventCode.RECTIFIED)
    assert new.strftime("%d.%m.%Y") in event_description(event)


def test_a_reason_is_required_and_nothing_changes_without_one(case, caseworker):
    with pytest.raises(ValidationError) as caught:
        rectify(
            actor=caseworker,
            target=RectificationTarget("citizen.first_name", case.citizen, None),
            new_value="Mete",
            reason=" ",
        )
    assert "reason" in caught.value.message_dict
    case.citizen.refresh_from_db()
    assert case.citizen.first_name == "Mette"
    assert not Rectification.objects.exists()


def test_a_birth_date_from_the_cpr_number_cannot_be_rectified_alone(case, caseworker):
    with pytest.raises(ValidationError) as caught:
        rectify(
            actor=caseworker,
            target=RectificationTarget("citizen.birth_date", case.citizen, None),
            new_value="1985-03-13",
            reason="Forkert",
        )
    assert caught.value.message_dict["new_value"]


def test_another_team_may_not_rectify(case, other_team_caseworker):
    with pytest.raises(PermissionDenied):
        rectify(
            actor=other_team_caseworker,
            target=RectificationTarget("case.inquiry_date", case.citizen, case),
            new_value=TODAY.isoformat(),
            reason="x",
        )


def test_the_page_corrects_and_lists_the_correction(client, case, caseworker):
    client.force_login(caseworker)
    url = reverse("cases:citizen_rectify", kwargs={"citizen_id": case.citizen.pk})
    page = client.get(url)
    assert page.status_code == 200
    assert AccessLog.objects.filter(object_type="rectification", user=caseworker).count() == 1
    response = client.post(
        url,
        {"target": "citizen.first_name", "new_value": "Mete", "reason": "Stavet som i CPR"},
    )
    assert response.status_code == 302
    page = client.get(url)
    assert "»Mette«" in page.content.decode() and "Stavet som i CPR" in page.content.decode()


def test_the_page_shows_a_refusal_with_400(client, case, caseworker):
    client.force_login(caseworker)
    url = reverse("cases:citizen_rectify", kwargs={"citizen_id": case.citizen.pk})
    response = client.post(
        url, {"target": "citizen.first_name", "new_value": "Mette", "reason": "x"}
    )
    assert response.status_code == 400
    assert not Rectification.objects.exists()


def test_the_page_is_404_for_a_user_without_the_citizen(client, case, other_team_caseworker):
    client.force_login(other_team_caseworker)
    url = reverse("cases:citizen_rectify", kwargs={"citizen_id": case.citizen.pk})
    assert client.get(url).status_code == 404


def test_anonymous_is_sent_to_login(client, case):
    url = reverse("cases:citizen_rectify", kwargs={"citizen_id": case.citizen.pk})
    assert client.get(url).status_code == 302


def test_the_timeline_shows_old_and_new_who_when_and_why(client, case, caseworker):
    rectify(
        actor=caseworker,
        target=RectificationTarget("citizen.first_name", case.citizen, None),
        new_value="Mete",
        reason="Stavet som i CPR-registret",
    )
    client.force_login(caseworker)
    page = client.get(reverse("cases:timeline", kwargs={"case_id": case.pk}))
    assert page.status_code == 200
    text = page.content.decode()
    assert "borgerens fornavn fra »Mette« til »Mete«" in text
    assert "Stavet som i CPR-registret" in text
    assert "16.03.2026 kl. 10:00" in text
    assert caseworker.get_full_name() in text


def test_a_later_requests_date_is_corrected_and_its_guarantee_follows(case, caseworker):
    later = factories.TreatmentRequestFactory(
        case=case, kind="renewed", requested_on=TODAY - timedelta(days=1)
    )
    rectify(
        actor=caseworker,
        target=RectificationTarget("request.requested_on", case.citizen, case, later),
        new_value=(TODAY - timedelta(days=3)).isoformat(),
        reason="Anmodningen kom med posten mandag",
    )
    later.refresh_from_db()
    assert later.requested_on == TODAY - timedelta(days=3)
    assert later.guarantee_deadline == TODAY - timedelta(days=3) + timedelta(days=14)
    row = Rectification.objects.get()
    assert (row.model_label, row.object_id, row.case) == ("cases.TreatmentRequest", later.pk, case)
    assert case.events.filter(code=EventCode.RECTIFIED).count() == 1


def test_the_first_requests_date_is_the_inquiry_date(case, caseworker):
    first = case.requests.get(kind="first")
    with pytest.raises(ValidationError) as caught:
        rectify(
            actor=caseworker,
            target=RectificationTarget("request.requested_on", case.citizen, case, first),
            new_value=(TODAY - timedelta(days=6)).isoformat(),
            reason="x",
        )
    assert caught.value.message_dict["new_value"]
