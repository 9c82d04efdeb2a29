"""Retsplejeloven § 115 (the KSP/PSP cooperation) at status meetings, for every party kind:
which parties need the citizen's consent, which may share under § 115, the statement of why the
sharing is necessary, the reminder on the page, and the disclosure recorded for every sharing."""

from __future__ import annotations

from datetime import date, datetime

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from rest_framework.test import APIClient

from cases.models import Consent, Disclosure, DisclosureBasis, PartyKind
from cases.models.parties import may_use_rpl115, needs_consent
from tests import factories
from tests.clock import TZ
from transitions import services
from transitions.models import Participant

from .conftest import login

pytestmark = pytest.mark.django_db

NECESSITY = "Tilsynet skal kende behandlingen for at kunne følge vilkåret om behandling."

# The whole table, written out: only the KSP/PSP cooperation's parties may use § 115.
RPL115_ALLOWED = {
    PartyKind.EMPLOYER: False,
    PartyKind.KRIMINALFORSORGEN: True,
    PartyKind.POLICE: True,
    PartyKind.PSYCHIATRY: True,
    PartyKind.REGIONAL_PSYCHIATRY: False,
    PartyKind.DISABILITY_PSYCHIATRY: False,
    PartyKind.JOBCENTER: False,
    PartyKind.HOUSING: False,
    PartyKind.RELATIVE: False,
    PartyKind.DOCTOR: False,
    PartyKind.OTHER: False,
}


def test_the_table_names_every_party_kind():
    assert set(RPL115_ALLOWED) == set(PartyKind)


@pytest.mark.parametrize("kind", list(PartyKind))
def test_which_parties_may_use_rpl115_and_which_need_consent(kind):
    assert may_use_rpl115(kind) is RPL115_ALLOWED[kind]
    # Without § 115 every party needs consent; with it, only those § 115 does not cover.
    assert needs_consent(kind) is True
    assert needs_consent(kind, rpl115=True) is (not RPL115_ALLOWED[kind])


@pytest.fixture
def meeting(named_transition, residential_therapist):
    return services.meeting_create(
        transition=named_transition,
        actor=residential_therapist,
        starts_at=datetime(2026, 4, 1, 13, 0, tzinfo=TZ),
        place="Sydgården, mødelokale 1",
    )


def _add(meeting, actor, kind, **kwargs):
    return services.meeting_participant_add_external(
        meeting=meeting,
        actor=actor,
        name="",
        organisation="Organisation",
        party_kind=kind,
        **kwargs,
    )


@pytest.mark.parametrize("kind", list(PartyKind))
def test_rpl115_basis_per_party_kind(meeting, caseworker, kind):
    if RPL115_ALLOWED[kind]:
        participant = _add(meeting, caseworker, kind, use_rpl115=True, necessity=NECESSITY)
        assert participant.basis == Participant.Basis.RPL115
        assert participant.necessity == NECESSITY
    else:
        with pytest.raises(ValidationError) as raised:
            _add(meeting, caseworker, kind, use_rpl115=True, necessity=NECESSITY)
        assert "use_rpl115" in raised.value.message_dict
        assert not meeting.participants.filter(party_kind=kind).exists()


@pytest.mark.parametrize("kind", list(PartyKind))
def test_without_rpl115_every_party_needs_a_consent(meeting, caseworker, kind):
    with pytest.raises(ValidationError) as raised:
        _add(meeting, caseworker, kind)
    assert "consent" in raised.value.message_dict
    factories.ConsentFactory(
        case=meeting.transition.case,
        party_kind=kind,
        information_kinds=["meetings"],
        form=Consent.Form.WRITTEN,
        valid_from=date(2026, 3, 1),
    )
    assert _add(meeting, caseworker, kind).basis == Participant.Basis.CONSENT


def test_regional_psychiatry_is_refused_rpl115_with_a_danish_reason(meeting, caseworker):
    with pytest.raises(ValidationError) as raised:
        _add(meeting, caseworker, PartyKind.REGIONAL_PSYCHIATRY, use_rpl115=True, necessity="x")
    assert "Regionspsykiatrien kræver samtykke" in str(raised.value)


@pytest.mark.parametrize("necessity", ["", "   "])
def test_rpl115_requires_a_statement_of_necessity(meeting, caseworker, necessity):
    with pytest.raises(ValidationError) as raised:
        _add(meeting, caseworker, PartyKind.POLICE, use_rpl115=True, necessity=necessity)
    assert "necessity" in raised.value.message_dict
    assert not meeting.participants.filter(party_kind=PartyKind.POLICE).exists()


def test_a_held_meeting_records_the_rpl115_sharing_as_a_disclosure(
    meeting, caseworker, time_machine
):
    _add(meeting, caseworker, PartyKind.KRIMINALFORSORGEN, use_rpl115=True, necessity=NECESSITY)
    # Held needs the meeting to have started (DESIGN §5.13): the minutes come after it.
    time_machine.move_to(datetime(2026, 4, 1, 15, 0, tzinfo=TZ), tick=False)
    for _ in range(2):
        services.meeting_update(
            meeting=meeting, actor=caseworker, agenda="", minutes="m", decisions="", held=True
        )
    disclosure = Disclosure.objects.get()  # once, although saved twice
    assert disclosure.basis == DisclosureBasis.RPL115
    assert disclosure.consent is None
    assert disclosure.case == meeting.transition.case
    assert disclosure.information_kinds == ["meetings"]
    assert NECESSITY in disclosure.description


def _page_url(meeting):
    return reverse(
        "transitions:meeting_detail",
        kwargs={"case_id": meeting.transition.case_id, "pk": meeting.pk},
    )


def test_the_page_reminds_that_shared_information_may_not_be_used_to_investigate(
    meeting, caseworker
):
    body = login(caseworker).get(_page_url(meeting)).content.decode()
    assert "må ikke bruges til efterforskning" in body
    assert "De må ikke bruges til efterforskning" not in body  # the alert: only with § 115
    _add(meeting, caseworker, PartyKind.POLICE, use_rpl115=True, necessity=NECESSITY)
    body = login(caseworker).get(_page_url(meeting)).content.decode()
    assert "De må ikke bruges til efterforskning" in body
    assert NECESSITY in body


def test_the_form_keeps_what_was_typed_and_asks_for_the_necessity(meeting, caseworker):
    url = reverse(
        "transitions:meeting_participant_add",
        kwargs={"case_id": meeting.transition.case_id, "pk": meeting.pk},
    )
    response = login(caseworker).post(
        url,
        {
            "participant_type": "external",
            "organisation": "Østjyllands Politi",
            "party_kind": "police",
            "use_rpl115": "on",
        },
    )
    assert response.status_code == 200
    body = response.content.decode()
    assert "Angiv hvorfor det er nødvendigt" in body
    assert "Østjyllands Politi" in body
    assert not meeting.participants.filter(party_kind="police").exists()


def test_api_refuses_rpl115_without_necessity_with_400(meeting, caseworker):
    client = APIClient()
    client.force_login(caseworker)
    url = f"/api/v1/meetings/{meeting.pk}/participants/"
    body = {"organisation": "Politiet", "party_kind": "police", "use_rpl115": True}
    response = client.post(url, body, format="json")
    assert response.status_code == 400
    assert "necessity" in str(response.json())
    response = client.post(url, {**body, "necessity": NECESSITY}, format="json")
    assert response.status_code == 201
    refused = client.post(
        url,
        {**body, "party_kind": "regional_psychiatry", "necessity": NECESSITY},
        format="json",
    )
    assert refused.status_code == 400
