"""Children in the home and the notification of concern (underretning, Barnets lov § 133): the
needs assessment records children under 18 in the home, a case with children shows a standing
prompt, and an underretning is on the timeline and recorded as a disclosure without consent."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from rest_framework.test import APIClient

from cases.access import case_access_sync
from cases.models import CaseEvent, Disclosure, DisclosureBasis
from cases.services import case_assessment_save, concern_notification_record
from tests import factories
from tests.clock import TODAY

pytestmark = pytest.mark.usefixtures("clock")

REASON = "Barnet fortæller om uro i hjemmet om natten."


def _client(user):
    client = APIClient()
    client.force_login(user)
    return client


def _save_assessment(case, actor, **kwargs):
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


def test_the_assessment_records_children_in_the_home(case, caseworker):
    saved = _save_assessment(case, caseworker, children_in_home=2, children_ages="4 og 9 år")
    assert (saved.children_in_home, saved.children_ages) == (2, "4 og 9 år")


def test_ages_without_a_count_are_refused(case, caseworker):
    with pytest.raises(ValidationError) as raised:
        _save_assessment(case, caseworker, children_in_home=0, children_ages="4 år")
    assert "children_ages" in raised.value.message_dict


def test_a_case_with_children_shows_the_standing_prompt(case, caseworker):
    url = reverse("cases:detail", kwargs={"case_id": case.pk})
    assert "pligt til at underrette" not in _client(caseworker).get(url).content.decode()
    _save_assessment(case, caseworker, children_in_home=1)
    body = _client(caseworker).get(url).content.decode()
    assert "Der bor et barn under 18 i borgerens hjem." in body
    assert "pligt til at underrette kommunen (barnets lov § 133)" in body


def test_no_prompt_when_there_are_no_children(case, caseworker):
    _save_assessment(case, caseworker, children_in_home=0)
    body = _client(caseworker).get(reverse("cases:detail", kwargs={"case_id": case.pk}))
    assert "pligt til at underrette" not in body.content.decode()


def test_an_underretning_is_recorded_as_a_disclosure_and_on_the_timeline(case, caseworker):
    notification = concern_notification_record(
        actor=caseworker,
        case=case,
        notified_on=TODAY,
        recipient="Aarhus Kommune, Børn og Unge",
        reason=REASON,
    )
    disclosure = Disclosure.objects.get()
    assert notification.disclosure == disclosure
    assert disclosure.basis == DisclosureBasis.BL133
    assert disclosure.consent is None
    assert disclosure.recipient == "Aarhus Kommune, Børn og Unge"
    assert disclosure.case == case and disclosure.disclosed_by == caseworker
    event = CaseEvent.objects.get(kind=CaseEvent.Kind.CONCERN_NOTIFICATION)
    assert event.data["disclosure"] == disclosure.pk
    timeline = _client(caseworker).get(reverse("cases:timeline", kwargs={"case_id": case.pk}))
    assert "Underretning (barnets lov § 133) sendt til Aarhus Kommune" in timeline.content.decode()


def test_a_therapist_on_the_case_may_notify(case, outpatient_therapist, outpatient_offer):
    factories.EpisodeFactory(case=case, offer=outpatient_offer, actual_start=TODAY)
    case_access_sync(case)
    notification = concern_notification_record(
        actor=outpatient_therapist, case=case, notified_on=TODAY, recipient="Aarhus", reason="x"
    )
    assert notification.made_by == outpatient_therapist


def test_a_manager_may_not_notify(case, manager):
    with pytest.raises(PermissionDenied):
        concern_notification_record(
            actor=manager, case=case, notified_on=TODAY, recipient="Aarhus", reason="x"
        )


@pytest.mark.parametrize(
    ("field", "values"),
    [
        ("notified_on", {"notified_on": TODAY + timedelta(days=1)}),
        ("recipient", {"recipient": "  "}),
        ("reason", {"reason": ""}),
    ],
)
def test_bad_input_is_refused_and_nothing_is_recorded(case, caseworker, field, values):
    given = {"notified_on": TODAY, "recipient": "Aarhus", "reason": REASON, **values}
    with pytest.raises(ValidationError) as raised:
        concern_notification_record(actor=caseworker, case=case, **given)
    assert field in raised.value.message_dict
    assert not Disclosure.objects.exists()


def test_the_form_keeps_what_was_typed(case, caseworker):
    url = reverse("cases:concern_notification_create", kwargs={"case_id": case.pk})
    client = _client(caseworker)
    assert client.get(url).status_code == 200
    response = client.post(url, {"notified_on": TODAY.isoformat(), "reason": REASON})
    assert response.status_code == 200
    assert REASON in response.content.decode()
    response = client.post(
        url, {"notified_on": TODAY.isoformat(), "recipient": "Aarhus", "reason": REASON}
    )
    assert response.status_code == 302
    assert case.concern_notifications.count() == 1


def test_the_api_records_and_lists_underretninger(case, caseworker, manager):
    url = f"/api/v1/cases/{case.pk}/concern-notifications/"
    body = {"notified_on": TODAY.isoformat(), "recipient": "Aarhus", "reason": REASON}
    client = _client(caseworker)
    assert client.post(url, {**body, "recipient": ""}, format="json").status_code == 400
    created = client.post(url, body, format="json")
    assert created.status_code == 201
    assert created.json()["disclosure"] == Disclosure.objects.get().pk
    assert [n["recipient"] for n in client.get(url).json()] == ["Aarhus"]
    assessment = client.put(
        f"/api/v1/cases/{case.pk}/assessment/",
        {"version": 1, "children_in_home": 2, "children_ages": "4 og 9"},
        format="json",
    )
    assert assessment.status_code == 200
    assert assessment.json()["children_in_home"] == 2
