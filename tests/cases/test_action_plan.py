"""The action plan (handleplan, SEL § 141): offered to adults, with purpose, actions, expected
duration and follow-up in versions (every version kept, who and when, compared part by part);
the parts handed to the provider recorded as a disclosure; not offered under Barnets lov § 33 nor
SEL § 101 a (no page, the service refuses, the API answers 400)."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from rest_framework.test import APIClient

from cases.models import ActionPlan, Disclosure, DisclosureBasis
from cases.services import action_plan_hand_over, action_plan_save
from tests import factories
from tests.clock import TODAY

pytestmark = pytest.mark.usefixtures("clock")


def _client(user):
    client = APIClient()
    client.force_login(user)
    return client


def _save(case, actor, based_on, **kwargs):
    defaults = dict(offered_on=TODAY, accepted=True, purpose="Stabil bolig og netværk")
    return action_plan_save(actor=actor, case=case, based_on=based_on, **{**defaults, **kwargs})


def test_every_changed_save_is_a_new_version_and_all_are_kept(case, caseworker, manager):
    first = _save(case, caseworker, 0, actions="Bostøtte")
    assert first.version == 1
    second = _save(case, caseworker, 1, actions="Bostøtte og mentor", follow_up="Hver måned")
    assert second.version == 2
    versions = list(second.versions.order_by("number"))
    assert [(v.number, v.actions, v.author) for v in versions] == [
        (1, "Bostøtte", caseworker),
        (2, "Bostøtte og mentor", caseworker),
    ]
    assert all(v.created_at is not None for v in versions)
    # Saving the same content again (e.g. only the offer) adds no version.
    same = _save(case, caseworker, 2, actions="Bostøtte og mentor", follow_up="Hver måned")
    assert same.version == 2 and same.versions.count() == 2


def test_a_save_based_on_an_older_version_is_a_conflict(case, caseworker):
    _save(case, caseworker, 0)
    _save(case, caseworker, 1, actions="A")
    with pytest.raises(ValidationError) as raised:
        _save(case, caseworker, 1, actions="B")
    assert "based_on" in raised.value.message_dict
    assert ActionPlan.objects.get(case=case).versions.count() == 2


@pytest.mark.parametrize(
    ("kwargs", "field"),
    [
        ({"offered_on": TODAY + timedelta(days=1)}, "offered_on"),
        ({"offered_on": None, "accepted": True, "purpose": ""}, "accepted"),
        ({"purpose": "", "actions": "Bostøtte"}, "purpose"),
    ],
)
def test_bad_input_is_refused(case, caseworker, kwargs, field):
    with pytest.raises(ValidationError) as raised:
        _save(case, caseworker, 0, **kwargs)
    assert field in raised.value.message_dict


@pytest.mark.parametrize("basis", ["BL33", "SEL101A"])
def test_no_action_plan_for_barnets_lov_33_or_anonymous_treatment(caseworker, team_nord, basis):
    citizen = factories.CitizenFactory(cpr=None, is_anonymous=basis == "SEL101A")
    case = factories.CaseFactory(
        citizen=citizen, legal_basis=basis, team=team_nord, caseworker=caseworker
    )
    with pytest.raises(ValidationError) as raised:
        _save(case, caseworker, 0)
    assert raised.value.code == "not_offered"
    assert not ActionPlan.objects.exists()
    client = _client(caseworker)
    page = client.get(reverse("cases:detail", kwargs={"case_id": case.pk}))
    assert page.status_code == 200
    assert "Handleplan (SEL § 141)" not in page.content.decode()
    assert client.get(reverse("cases:action_plan", kwargs={"case_id": case.pk})).status_code == 404
    api = client.put(
        f"/api/v1/cases/{case.pk}/action-plan/", {"based_on": 0, "purpose": "x"}, format="json"
    )
    assert api.status_code == 400
    assert client.get(f"/api/v1/cases/{case.pk}/action-plan/").status_code == 400


@pytest.mark.parametrize("basis", ["SEL101", "SUL141", "SUL142"])
def test_the_action_plan_is_offered_to_adults(caseworker, team_nord, basis):
    case = factories.CaseFactory(legal_basis=basis, team=team_nord, caseworker=caseworker)
    assert _save(case, caseworker, 0).version == 1
    page = _client(caseworker).get(reverse("cases:detail", kwargs={"case_id": case.pk}))
    assert "Handleplan (SEL § 141)" in page.content.decode()


def test_parts_handed_to_the_provider_are_recorded_as_a_disclosure(case, caseworker):
    with pytest.raises(ValidationError):  # nothing to hand over yet
        action_plan_hand_over(actor=caseworker, case=case, parts=["purpose"], recipient="X")
    _save(case, caseworker, 0, actions="Bostøtte")
    disclosure = action_plan_hand_over(
        actor=caseworker, case=case, parts=["actions", "purpose"], recipient="Sydgården"
    )
    assert disclosure == Disclosure.objects.get()
    assert disclosure.basis == DisclosureBasis.SEL141 and disclosure.consent is None
    assert disclosure.recipient == "Sydgården"
    assert disclosure.description == "Handleplan version 1: Formål, Indsatser"
    with pytest.raises(ValidationError) as raised:
        action_plan_hand_over(actor=caseworker, case=case, parts=["secret"], recipient="X")
    assert "parts" in raised.value.message_dict


def test_the_page_saves_versions_and_compares_them(case, caseworker):
    client = _client(caseworker)
    url = reverse("cases:action_plan", kwargs={"case_id": case.pk})
    assert client.get(url).status_code == 200
    base = {"offered_on": TODAY.isoformat(), "accepted": "true", "purpose": "Bolig"}
    assert client.post(url, {**base, "based_on": 0, "actions": "Bostøtte"}).status_code == 302
    assert client.post(url, {**base, "based_on": 1, "actions": "Mentor"}).status_code == 302
    stale = client.post(url, {**base, "based_on": 1, "actions": "Tabt?"})
    assert stale.status_code == 200
    assert "Tabt?" in stale.content.decode()  # what was typed is kept
    compared = client.get(url + "?a=1&b=2").content.decode()
    assert "Version 1 sammenlignet med version 2" in compared
    assert '<del class="diff-del"><span class="sr-only">Slettet: </span>Bostøtte</del>' in compared
    assert '<ins class="diff-ins"><span class="sr-only">Tilføjet: </span>Mentor</ins>' in compared


def test_the_api_saves_lists_and_hands_over(case, caseworker):
    client = _client(caseworker)
    url = f"/api/v1/cases/{case.pk}/action-plan/"
    assert client.get(url).json()["versions"] == []
    body = {"based_on": 0, "offered_on": TODAY.isoformat(), "accepted": True, "purpose": "Bolig"}
    saved = client.put(url, body, format="json")
    assert saved.status_code == 200
    assert saved.json()["version"] == 1
    assert client.put(url, body, format="json").status_code == 400  # based on 0: stale
    handed = client.post(
        url + "hand-over/", {"parts": ["purpose"], "recipient": "Sydgården"}, format="json"
    )
    assert handed.status_code == 201
    assert Disclosure.objects.get().basis == DisclosureBasis.SEL141
