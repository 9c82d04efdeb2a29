"""§5.4: status meetings. External participants need a valid consent covering the party and
meetings, or (Kriminalforsorgen, police, psychiatry) the Retsplejeloven § 115 basis."""

from __future__ import annotations

from datetime import date, datetime, timedelta

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from cases.models import Consent, Disclosure
from tests import factories
from tests.clock import TZ
from transitions import services
from transitions.models import Participant

from .conftest import login

pytestmark = pytest.mark.django_db

MEETING_DAY = date(2026, 4, 1)


@pytest.fixture
def meeting(named_transition, residential_therapist):
    return services.meeting_create(
        transition=named_transition,
        actor=residential_therapist,
        starts_at=datetime(2026, 4, 1, 13, 0, tzinfo=TZ),
        place="Sydgården, mødelokale 1",
        agenda="Status og udskrivning",
    )


def consent(case, **kwargs):
    defaults = dict(
        case=case,
        party_kind="employer",
        party_name="Vestas A/S",
        information_kinds=["meetings", "plan"],
        form=Consent.Form.WRITTEN,
        valid_from=date(2026, 3, 1),
        valid_to=date(2026, 9, 1),
    )
    return factories.ConsentFactory(**{**defaults, **kwargs})


def add_employer(meeting, actor, **kwargs):
    return services.meeting_participant_add_external(
        meeting=meeting,
        actor=actor,
        name="Jens Jensen",
        organisation="Vestas A/S",
        party_kind="employer",
        **kwargs,
    )


def test_employer_with_valid_written_consent_is_added_under_it(meeting, caseworker):
    given = consent(meeting.transition.case)
    participant = add_employer(meeting, caseworker)
    assert participant.basis == Participant.Basis.CONSENT
    assert participant.consent == given


def test_expired_consent_blocks_with_a_message_saying_so(meeting, caseworker):
    consent(meeting.transition.case, valid_to=MEETING_DAY - timedelta(days=1))
    with pytest.raises(ValidationError) as raised:
        add_employer(meeting, caseworker)
    assert "er udløbet 31.03.2026" in str(raised.value)
    assert not Participant.objects.filter(party_kind="employer").exists()


def test_withdrawn_consent_blocks(meeting, caseworker):
    consent(
        meeting.transition.case, withdrawn_on=date(2026, 3, 20), withdrawn_reason="Ønsker det ikke"
    )
    with pytest.raises(ValidationError) as raised:
        add_employer(meeting, caseworker)
    assert "er trukket tilbage 20.03.2026" in str(raised.value)


def test_consent_for_another_party_kind_does_not_cover(meeting, caseworker):
    other = consent(meeting.transition.case, party_kind="jobcenter", party_name="Jobcenter Aarhus")
    with pytest.raises(ValidationError) as raised:
        add_employer(meeting, caseworker, consent=other)
    assert "dækker ikke denne part" in str(raised.value)


def test_consent_without_meetings_does_not_cover(meeting, caseworker):
    consent(meeting.transition.case, information_kinds=["plan"])
    with pytest.raises(ValidationError) as raised:
        add_employer(meeting, caseworker)
    assert "dækker ikke statusmøder" in str(raised.value)


def test_no_consent_at_all_blocks(meeting, caseworker):
    with pytest.raises(ValidationError) as raised:
        add_employer(meeting, caseworker)
    assert "intet samtykke" in str(raised.value)


def test_consent_of_another_case_is_refused(meeting, caseworker):
    elsewhere = consent(factories.CaseFactory())
    with pytest.raises(ValidationError):
        add_employer(meeting, caseworker, consent=elsewhere)


def test_kriminalforsorgen_without_consent_on_rpl_115(meeting, caseworker):
    participant = services.meeting_participant_add_external(
        meeting=meeting,
        actor=caseworker,
        name="",
        organisation="Kriminalforsorgen Aarhus",
        party_kind="kriminalforsorgen",
        use_rpl115=True,
        basis_note="KSP-samarbejde, prøveløsladelse",
        necessity="Tilsynet skal kende behandlingen for at følge vilkåret.",
    )
    assert participant.basis == Participant.Basis.RPL115
    assert participant.consent is None
    assert participant.basis_note == "KSP-samarbejde, prøveløsladelse"


def test_rpl_115_is_not_a_basis_for_an_employer(meeting, caseworker):
    with pytest.raises(ValidationError) as raised:
        add_employer(meeting, caseworker, use_rpl115=True)
    assert "Retsplejeloven § 115 gælder kun" in str(raised.value)


def test_the_view_shows_the_danish_reason_and_adds_nobody(meeting, caseworker):
    consent(meeting.transition.case, withdrawn_on=date(2026, 3, 10))
    url = reverse(
        "transitions:meeting_participant_add",
        kwargs={"case_id": meeting.transition.case_id, "pk": meeting.pk},
    )
    response = login(caseworker).post(
        url,
        {
            "participant_type": "external",
            "name": "Jens",
            "organisation": "Vestas",
            "party_kind": "employer",
        },
    )
    assert response.status_code == 200
    assert "trukket tilbage" in response.content.decode()
    assert meeting.participants.count() == 1  # only the creator


def test_internal_participant_must_have_access_to_the_case(
    meeting, caseworker, other_team_caseworker
):
    assert services.meeting_participant_add_internal(
        meeting=meeting, actor=caseworker, user=caseworker
    )
    with pytest.raises(ValidationError):
        services.meeting_participant_add_internal(
            meeting=meeting, actor=caseworker, user=other_team_caseworker
        )


def test_marking_held_records_disclosures_to_consent_participants(meeting, caseworker, clock):
    given = consent(meeting.transition.case)
    add_employer(meeting, caseworker)
    clock.move_to(meeting.starts_at + timedelta(hours=1), tick=False)  # held once it has begun
    services.meeting_update(
        meeting=meeting, actor=caseworker, agenda="a", minutes="Referat", decisions="", held=True
    )
    services.meeting_update(
        meeting=meeting, actor=caseworker, agenda="a", minutes="Referat", decisions="", held=True
    )
    meeting.refresh_from_db()
    assert meeting.held and meeting.held_at == timezone.now()
    disclosure = Disclosure.objects.get()  # once, although saved twice
    assert disclosure.consent == given and disclosure.information_kinds == ["meetings"]


def test_ics_download_has_no_personal_data(meeting, caseworker):
    case = meeting.transition.case
    url = reverse("transitions:meeting_ics", kwargs={"case_id": case.pk, "pk": meeting.pk})
    response = login(caseworker).get(url)
    body = response.content.decode()
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/calendar")
    assert "SUMMARY:Statusmøde" in body
    # 13:00 in Copenhagen (summer time), in the zone whose VTIMEZONE the file carries.
    assert "DTSTART;TZID=Europe/Copenhagen:20260401T130000" in body
    assert "BEGIN:VTIMEZONE\r\nTZID:Europe/Copenhagen" in body
    assert "LOCATION:Sydgården\\, mødelokale 1" in body
    assert f"/overgange/{case.pk}/moeder/{meeting.pk}/" in body
    citizen = case.citizen
    for personal in (
        citizen.first_name,
        citizen.last_name,
        citizen.cpr,
        case.number,
        caseworker.last_name,
    ):
        assert personal not in body


def test_ics_leaves_out_a_private_address(named_transition, residential_therapist, caseworker):
    meeting = services.meeting_create(
        transition=named_transition,
        actor=residential_therapist,
        starts_at=datetime(2026, 4, 2, 9, 0, tzinfo=TZ),
        place="Borgerens hjem, Møllevej 3",
        place_is_private=True,
    )
    url = reverse(
        "transitions:meeting_ics", kwargs={"case_id": named_transition.case_id, "pk": meeting.pk}
    )
    body = login(caseworker).get(url).content.decode()
    assert "LOCATION" not in body and "Møllevej" not in body


def test_meeting_needs_a_place_or_a_video_link(named_transition, residential_therapist):
    with pytest.raises(ValidationError):
        services.meeting_create(
            transition=named_transition,
            actor=residential_therapist,
            starts_at=datetime(2026, 4, 2, 9, 0, tzinfo=TZ),
        )


def test_action_item_from_a_meeting_needs_an_owner(meeting, caseworker):
    with pytest.raises(ValidationError):
        services.action_item_create(
            transition=meeting.transition,
            actor=caseworker,
            meeting=meeting,
            text="Ring",
            due_on=MEETING_DAY,
        )
    item = services.action_item_create(
        transition=meeting.transition,
        actor=caseworker,
        meeting=meeting,
        text="Ring til arbejdsgiver",
        owner_text="Vestas HR",
        due_on=MEETING_DAY,
    )
    assert item.meeting == meeting
