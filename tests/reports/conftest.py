"""Fixtures for the report tests: a fixed clock and a case with every report section filled in."""

from __future__ import annotations

import io
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from pypdf import PdfReader

from tests import factories
from transitions.models import (
    ActionItem,
    AftercareCommitment,
    CheckIn,
    CommitmentChange,
    NoteAcknowledgement,
    Participant,
    PlanSection,
    PlanSectionKey,
    StatusMeeting,
    StatusNote,
    Transition,
)

CPH = ZoneInfo("Europe/Copenhagen")
NOW = datetime(2026, 11, 23, 10, 0, tzinfo=CPH)
TODAY = NOW.date()


@pytest.fixture(autouse=True)
def frozen_clock(time_machine):
    time_machine.move_to(NOW, tick=False)


@pytest.fixture(autouse=True)
def fast_password_hashing(settings):
    # The named users get a password each; PBKDF2 would spend seconds per test on it. These
    # tests log in with force_login and never check a password.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


def pdf_text(content: bytes) -> str:
    """All text of a PDF, pages joined, whitespace runs collapsed to single spaces."""
    reader = PdfReader(io.BytesIO(content))
    text = "\n".join(page.extract_text() or "" for page in reader.pages)
    return " ".join(text.split())


def at(day: date, hour: int = 10) -> datetime:
    return datetime(day.year, day.month, day.day, hour, 0, tzinfo=CPH)


PLAN_TEXTS: dict[str, str] = {
    PlanSectionKey.LEARNED: "Jeg har lært, at jeg drikker, når jeg keder mig om aftenen. "
    "Jeg vil blive ved med at gå til AA-møder to gange om ugen.",
    PlanSectionKey.GOALS: "Holde mig ædru. Komme tilbage på arbejde på nedsat tid fra januar.",
    PlanSectionKey.NETWORK: "Søsteren Lene er vigtig. Har brudt med de gamle venner fra byen.",
    PlanSectionKey.HOUSING: "Egen lejlighed i Aalborg Øst. Huslejerestance er afdraget.",
    PlanSectionKey.RELAPSE: "Tegn: isolerer sig, springer aftaler over, søvnløshed.\n"
    "Så gør vi: ambulant behandler ringer samme dag; Lene kontaktes efter aftale.",
}


def fill_case(
    case,
    *,
    residential_offer,
    outpatient_offer,
    residential_therapist,
    outpatient_therapist,
    caseworker,
    marker: bool = False,
):
    """Give `case` a residential and an outpatient episode, a handover with plan, commitments,
    notes, meetings and check-ins. With `marker`, every section's text carries MARKER-<KIND>."""

    def mark(kind: str, text: str) -> str:
        return f"{text} MARKER-{kind}" if marker else text

    start = case.inquiry_date + timedelta(days=9)
    case.status = "aftercare"
    case.treatment_started_on = start
    case.decision_date = case.inquiry_date + timedelta(days=6)
    case.decision_result = "granted"
    case.decision_text = mark(
        "CASE_STATUS", "Bevilget døgnbehandling efter helhedsorienteret afdækning."
    )
    case.save()
    if marker:
        citizen = case.citizen
        citizen.first_name = "MARKER-IDENTITY"
        citizen.save()
    discharged = start + timedelta(weeks=12)
    residential = factories.EpisodeFactory(
        case=case,
        offer=residential_offer,
        referral_date=case.decision_date,
        actual_start=start,
        planned_end=discharged,
        actual_end=discharged,
        end_reason="completed",
        treatment_plan_on=start + timedelta(days=3),
    )
    outpatient = factories.EpisodeFactory(
        case=case,
        offer=outpatient_offer,
        referral_date=discharged - timedelta(days=20),
        actual_start=discharged + timedelta(days=3),
    )
    if marker:
        # Episodes have no free text: the offer name carries the episodes marker.
        outpatient_offer.name = "Ambulant efterbehandling MARKER-EPISODES"
        outpatient_offer.save()
    transition = Transition.objects.create(
        case=case,
        residential_episode=residential,
        outpatient_episode=outpatient,
        residential_therapist=residential_therapist,
        outpatient_therapist=outpatient_therapist,
        planned_discharge_on=discharged,
        discharged_on=discharged,
        first_appointment_at=at(discharged + timedelta(days=3), 13),
        first_appointment_place="Rusmiddelcenter Ambulant, Vesterbro 12",
        first_outpatient_contact_on=discharged + timedelta(days=3),
        status=Transition.Status.COMPLETED,
        checkin_weeks=[2, 6, 12, 26],
    )
    for index, key in enumerate(PlanSectionKey.values):
        text = PLAN_TEXTS.get(key, "")
        PlanSection.objects.create(
            transition=transition,
            key=key,
            text=mark("PLAN", text) if text else "",
            version=2 if text else 0,
            updated_by=residential_therapist if text else None,
            updated_at=at(start + timedelta(days=20 + index)) if text else None,
        )
    commitment = AftercareCommitment.objects.create(
        transition=transition,
        # With markers the offer (named in the episodes section) is left out, so that the
        # commitments section carries no episodes marker.
        offer=None if marker else outpatient_offer,
        description=mark("COMMITMENTS", "Individuelle samtaler"),
        frequency="1 gang om ugen",
        starts_on=discharged + timedelta(days=3),
        responsible=outpatient_therapist,
        status=AftercareCommitment.Status.REDUCED,
    )
    CommitmentChange.objects.create(
        commitment=commitment,
        kind=CommitmentChange.Kind.CREATED,
        actor=outpatient_therapist,
        created_at=at(discharged - timedelta(days=14)),
    )
    CommitmentChange.objects.create(
        commitment=commitment,
        kind=CommitmentChange.Kind.REDUCED,
        reason=mark("COMMITMENTS", "Borgeren ønsker færre samtaler efter fire stabile uger."),
        before={"frequency": "2 gange om ugen"},
        after={"frequency": "1 gang om ugen"},
        actor=outpatient_therapist,
        created_at=at(discharged + timedelta(days=30)),
    )
    AftercareCommitment.objects.create(
        transition=transition,
        description="Gruppeforløb om tilbagefaldsforebyggelse",
        frequency="Hver tirsdag, 8 gange",
        starts_on=discharged + timedelta(days=10),
        responsible=outpatient_therapist,
    )
    note = StatusNote.objects.create(
        transition=transition,
        kind=StatusNote.Kind.BEFORE_DISCHARGE,
        body=mark("NOTES", "Borgeren har gennemført døgnbehandlingen."),
        severity=StatusNote.Severity.WATCH,
        summary="Stabil de sidste seks uger, motiveret for efterbehandling.",
        risks="Ensomhed i weekenderne.",
        overdose_risk="Lav tolerance efter tolv ugers afholdenhed: risiko ved tilbagefald.",
        contingency="Ring til ambulant behandler eller vagttelefonen.",
        author=residential_therapist,
        written_at=at(discharged - timedelta(days=5)),
    )
    NoteAcknowledgement.objects.create(
        note=note, user=outpatient_therapist, acknowledged_at=at(discharged - timedelta(days=4))
    )
    meeting = StatusMeeting.objects.create(
        transition=transition,
        starts_at=at(discharged - timedelta(days=7), 13),
        place="Sydgården, mødelokale 2",
        agenda="Udskrivning og efterbehandling",
        minutes=mark("MEETINGS", "Borgeren fortalte om planerne for de første uger hjemme."),
        decisions="Første ambulante samtale tre dage efter udskrivning.",
        held=True,
        created_by=residential_therapist,
    )
    Participant.objects.create(meeting=meeting, user=residential_therapist, basis="internal")
    Participant.objects.create(meeting=meeting, user=outpatient_therapist, basis="internal")
    Participant.objects.create(meeting=meeting, user=caseworker, basis="internal")
    ActionItem.objects.create(
        transition=transition,
        meeting=meeting,
        text="Book første ambulante samtale",
        owner=outpatient_therapist,
        due_on=discharged - timedelta(days=2),
        done_at=at(discharged - timedelta(days=3)),
        created_by=residential_therapist,
    )
    CheckIn.objects.create(
        transition=transition,
        kind=CheckIn.Kind.FINAL,
        label="Afsluttende samtale",
        due_on=discharged - timedelta(days=2),
        answered_at=at(discharged - timedelta(days=2)),
        answer=mark("CHECKINS", "At være alene i lejligheden om aftenen."),
        themes=["network", "relapse"],
        needs_follow_up=True,
        recorded_by=residential_therapist,
    )
    CheckIn.objects.create(
        transition=transition,
        label="2 uger efter udskrivning",
        due_on=discharged + timedelta(weeks=2),
        answered_at=at(discharged + timedelta(weeks=2)),
        answer="Økonomien, når sygedagpengene stopper.",
        themes=["finances", "work"],
        recorded_by=outpatient_therapist,
    )
    CheckIn.objects.create(
        transition=transition,
        label="6 uger efter udskrivning",
        due_on=discharged + timedelta(weeks=6),
    )
    return transition


@pytest.fixture
def full_case(
    case,
    residential_offer,
    outpatient_offer,
    residential_therapist,
    outpatient_therapist,
    caseworker,
):
    """`case` (Team Nord, caseworker assigned) with every report section filled in."""
    case.inquiry_date = TODAY - timedelta(days=150)
    case.guarantee_deadline = case.inquiry_date + timedelta(days=14)
    case.save()
    fill_case(
        case,
        residential_offer=residential_offer,
        outpatient_offer=outpatient_offer,
        residential_therapist=residential_therapist,
        outpatient_therapist=outpatient_therapist,
        caseworker=caseworker,
    )
    return case
