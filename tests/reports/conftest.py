"""Fixtures for the report tests: a fixed clock (tests.clock.REPORT_NOW) and a case with every
report section filled in."""

from __future__ import annotations

import io
from datetime import timedelta

import pytest
from pypdf import PdfReader

from tests.builders import HandoverBuilder
from tests.clock import REPORT_DAY, REPORT_NOW, at
from tests.factories.cases import sync_first_request
from tests.reports.register_scenario import october  # noqa: F401 (the register scenario month)
from transitions.models import (
    AftercareCommitment,
    CheckIn,
    CommitmentChange,
    PlanSectionKey,
    StatusNote,
    WorkAgreement,
)


@pytest.fixture
def frozen_at():
    return REPORT_NOW


@pytest.fixture(autouse=True)
def _frozen_clock(clock):
    """Every report test runs at tests.clock.REPORT_NOW (23 November 2026, 10:00)."""


def pdf_text(content: bytes) -> str:
    """All text of a PDF, pages joined, whitespace runs collapsed to single spaces."""
    reader = PdfReader(io.BytesIO(content))
    text = "\n".join(page.extract_text() or "" for page in reader.pages)
    return " ".join(text.split())


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
    notes, meetings, check-ins and a work agreement. With `marker`, every section's text carries
    MARKER-<KIND>."""

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
    sync_first_request(case)
    if marker:
        citizen = case.citizen
        citizen.first_name = "MARKER-IDENTITY"
        citizen.save()
    discharged = start + timedelta(weeks=12)
    if marker:
        # Episodes have no free text: the offer name carries the episodes marker.
        outpatient_offer.name = "Ambulant efterbehandling MARKER-EPISODES"
        outpatient_offer.save()
    builder = HandoverBuilder(
        case,
        residential_therapist=residential_therapist,
        outpatient_therapist=outpatient_therapist,
        caseworker=caseworker,
        residential_offer=residential_offer,
        outpatient_offer=outpatient_offer,
    )
    handover = builder.rows(
        stage="completed",
        start=start,
        discharged_on=discharged,
        residential_episode={
            "referral_date": case.decision_date,
            "planned_end": discharged,
            "treatment_plan_on": start + timedelta(days=3),
        },
        outpatient_episode={
            "referral_date": discharged - timedelta(days=20),
            "actual_start": discharged + timedelta(days=3),
        },
        first_appointment_at=at(discharged + timedelta(days=3), 13),
        first_appointment_place="Rusmiddelcenter Ambulant, Vesterbro 12",
        first_outpatient_contact_on=discharged + timedelta(days=3),
        plan={
            key: {
                "text": mark("PLAN", text),
                "version": 2,
                "updated_by": residential_therapist,
                "updated_at": at(start + timedelta(days=20 + index)),
            }
            for index, key in enumerate(PlanSectionKey.values)
            if (text := PLAN_TEXTS.get(key, ""))
        },
        commitments=[
            {
                # With markers the offer (named in the episodes section) is left out, so that
                # the commitments section carries no episodes marker.
                "offer": None if marker else outpatient_offer,
                "description": mark("COMMITMENTS", "Individuelle samtaler"),
                "frequency": "1 gang om ugen",
                "starts_on": discharged + timedelta(days=3),
                "responsible": outpatient_therapist,
                "status": AftercareCommitment.Status.REDUCED,
                "changes": [
                    {
                        "kind": CommitmentChange.Kind.CREATED,
                        "actor": outpatient_therapist,
                        "created_at": at(discharged - timedelta(days=14)),
                    },
                    {
                        "kind": CommitmentChange.Kind.REDUCED,
                        "reason": mark(
                            "COMMITMENTS", "Borgeren ønsker færre samtaler efter fire stabile uger."
                        ),
                        "before": {"frequency": "2 gange om ugen"},
                        "after": {"frequency": "1 gang om ugen"},
                        "actor": outpatient_therapist,
                        "created_at": at(discharged + timedelta(days=30)),
                    },
                ],
            },
            {
                "description": "Gruppeforløb om tilbagefaldsforebyggelse",
                "frequency": "Hver tirsdag, 8 gange",
                "starts_on": discharged + timedelta(days=10),
                "responsible": outpatient_therapist,
            },
        ],
        notes=[
            {
                "kind": StatusNote.Kind.BEFORE_DISCHARGE,
                "body": mark("NOTES", "Borgeren har gennemført døgnbehandlingen."),
                "severity": StatusNote.Severity.WATCH,
                "summary": "Stabil de sidste seks uger, motiveret for efterbehandling.",
                "risks": "Ensomhed i weekenderne.",
                "overdose_risk": (
                    "Lav tolerance efter tolv ugers afholdenhed: risiko ved tilbagefald."
                ),
                "contingency": "Ring til ambulant behandler eller vagttelefonen.",
                "naloxone": StatusNote.Naloxone.DECLINED,
                "tolerance_talk": True,
                "first_72h_who": "Anders Ambulant ringer",
                "first_72h_when": "Dagen efter udskrivning kl. 10",
                "first_72h_unreachable": "Opsøgende besøg samme eftermiddag.",
                "author": residential_therapist,
                "written_at": at(discharged - timedelta(days=5)),
                "acknowledgements": [
                    {
                        "user": outpatient_therapist,
                        "acknowledged_at": at(discharged - timedelta(days=4)),
                    }
                ],
            }
        ],
        meetings=[
            {
                "starts_at": at(discharged - timedelta(days=7), 13),
                "place": "Sydgården, mødelokale 2",
                "agenda": "Udskrivning og efterbehandling",
                "minutes": mark(
                    "MEETINGS", "Borgeren fortalte om planerne for de første uger hjemme."
                ),
                "decisions": "Første ambulante samtale tre dage efter udskrivning.",
                "held": True,
                "created_by": residential_therapist,
                "participants": [residential_therapist, outpatient_therapist, caseworker],
                "action_items": [
                    {
                        "text": "Book første ambulante samtale",
                        "owner": outpatient_therapist,
                        "due_on": discharged - timedelta(days=2),
                        "done_at": at(discharged - timedelta(days=3)),
                        "created_by": residential_therapist,
                    }
                ],
            }
        ],
        checkins=[
            {
                "kind": CheckIn.Kind.FINAL,
                "label": "Afsluttende samtale",
                "due_on": discharged - timedelta(days=2),
                "answered_at": at(discharged - timedelta(days=2)),
                "answer": mark("CHECKINS", "At være alene i lejligheden om aftenen."),
                "themes": ["network", "relapse"],
                "needs_follow_up": True,
                "recorded_by": residential_therapist,
            },
            {
                "label": "2 uger efter udskrivning",
                "due_on": discharged + timedelta(weeks=2),
                "answered_at": at(discharged + timedelta(weeks=2)),
                "answer": "Økonomien, når sygedagpengene stopper.",
                "themes": ["finances", "work"],
                "recorded_by": outpatient_therapist,
            },
            {"label": "6 uger efter udskrivning", "due_on": discharged + timedelta(weeks=6)},
        ],
    )
    WorkAgreement.objects.create(
        transition=handover.transition,
        work_functions=mark("WORK_AGREEMENT", "Lagerarbejde, truckkørsel i dagvagt."),
        accommodations="Ingen nattevagter de første otte uger.",
        starts_on=discharged + timedelta(days=14),
        contact_name="Lone Lagerchef",
        contact_phone="20 30 40 50",
        version=1,
        updated_by=caseworker,
        updated_at=at(discharged),
    )
    return handover.transition


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
    case.inquiry_date = REPORT_DAY - timedelta(days=150)
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
