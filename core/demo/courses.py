"""The demo courses walked through the services, each step on its own past day."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from typing import TypedDict

import time_machine
from django.utils import timezone

from accounts.demo import TEAM_NORD
from accounts.models import Unit, User
from cases.models import Case, Citizen, TreatmentRequest
from cases.services import (
    case_assessment_save,
    case_decision_save,
    case_move,
    case_open,
    citizen_create,
)
from cases.services.requests import request_open
from treatment_options.models import EndReason, Offer
from treatment_options.services import episode_end, episode_refer, episode_start
from treatment_options.treatment_plans import treatment_plan_save

from .scenarios import CASES, RETURNING, DemoCase

# SEL § 101 stk. 8: the first version of each course's treatment plan.
DEMO_TREATMENT_PLAN = {
    "goals": "Stoppe det daglige forbrug og komme tilbage i arbejde eller uddannelse.",
    "activities": "Fase 1 (4 uger): motivationssamtaler to gange om ugen. Fase 2: gruppeforløb "
    "om tilbagefaldsforebyggelse og en plan for hverdagen uden rusmidler.",
    "progress_follow_up": "Statussamtale hver 4. uge med borgeren og sagsbehandleren.",
    "assessment_link": "Bygger på afdækningens emner om rusmidler, netværk og arbejde.",
}


class AssessmentTexts(TypedDict):
    """The six topics of the needs assessment, as case_assessment_save takes them."""

    substance_use: str
    social: str
    health: str
    work: str
    housing: str
    other: str


ASSESSMENT: AssessmentTexts = {
    "substance_use": "Dagligt forbrug gennem flere år. Har forsøgt at stoppe på egen hånd.",
    "social": "Bor alene. Sporadisk kontakt til familien; ønsker mere kontakt til sin søster.",
    "health": "Søvnproblemer og perioder med angst. Egen læge er orienteret.",
    "work": "Sygemeldt fra lagerjob; arbejdsgiveren er positiv over for tilbagevenden.",
    "housing": "Lejebolig; huslejerestance på to måneder.",
    "other": "Ønsker hjælp til at skabe struktur i hverdagen.",
}


class EnrolmentContent(TypedDict):
    primary_substance: str
    route_of_use: str
    housing_situation: str
    substitution_medicine: str


def _enrolment_content(basis: str, substances: tuple[str, ...]) -> EnrolmentContent:
    """The enrolment content the registers ask for (docs/registers.md §4.2)."""
    drug = basis != "SUL141"
    on_opioids = "opioids" in substances
    return EnrolmentContent(
        primary_substance=substances[0] if substances else "",
        route_of_use=("injects" if on_opioids else "smokes") if drug else "",
        housing_situation="stable",
        substitution_medicine=("methadone" if on_opioids else "none") if drug else "",
    )


DECISION_TEXT = (
    "Der er på baggrund af den helhedsorienterede afdækning bevilget behandling. Afgørelsen er "
    "truffet efter lovgrundlaget på sagen. Klagevejledning er udleveret."
)


# Steps a case goes through, in order, for each stage.
STAGE_STEPS = {
    "inquiry": [],
    "assessment": ["assess"],
    "referred": ["assess", "decide", "refer"],
    "started": ["assess", "decide", "refer", "start"],
    "free_choice": ["assess", "decide", "refer", "start"],
    "residential": ["assess", "decide", "refer", "start"],
    "aftercare": ["assess", "decide", "refer", "start", "discharge"],
    "closed": ["assess", "decide", "refer", "start", "end", "close"],
}


# DESIGN §3: one aftercare course has a relapse (a renewed request with its own clock), one
# SEL § 101 course also asks for medical treatment (combination treatment: two clocks).
RELAPSE = next(s.first_name for s in CASES if s.stage == "aftercare")
COMBINATION = next(s.first_name for s in CASES if s.stage == "started" and s.basis == "SEL101")


def _same_type_offer(offer: Offer, basis: str) -> Offer | None:
    """Another active offer of the same treatment type for the basis: a free choice is only
    among offers "af tilsvarende karakter" (SEL § 101, stk. 5-6)."""
    others = Offer.objects.filter(
        treatment_type=offer.treatment_type, active=True, provider__active=True
    ).exclude(pk=offer.pk)
    return next((o for o in others.order_by("pk") if basis in (o.legal_bases or [])), None)


def _offer(name: str) -> Offer:
    if "@" in name:
        offer_name, provider = name.split("@")
        return Offer.objects.get(name=offer_name, provider__name=provider)
    return Offer.objects.get(
        name=name, provider__name__in=["Sydgården", "Rusmiddelcenter Ambulant"]
    )


def _at(day: date, hour: int = 10) -> datetime:
    return timezone.make_aware(datetime.combine(day, time(hour)))


def _run_course(spec: DemoCase, citizen: Citizen, *, basis: str, days_ago: int, stage: str) -> Case:
    """Walk one case through the services, each step on its own (past) day."""
    today = timezone.localdate()
    caseworker = User.objects.get(username="karin" if spec.team == TEAM_NORD else "jonas")
    inquiry = today - timedelta(days=days_ago)
    offer = _offer(spec.offer)
    starter = (
        offer.provider.unit.members.filter(
            groups__name__in=["Døgnbehandler", "Ambulant behandler"]
        ).first()
        if offer.provider.unit
        else None
    )
    with time_machine.travel(_at(inquiry, 9), tick=False):
        case = case_open(
            actor=caseworker,
            citizen=citizen,
            legal_basis=basis,
            inquiry_date=inquiry,
            team=Unit.objects.get(name=spec.team),
            caseworker=caseworker,
            substances=spec.substances,
            inquiry_note="Borgeren henvendte sig telefonisk og ønsker behandling.",
        )
    day = inquiry
    episode = None
    for step in STAGE_STEPS[stage]:
        day = min(day + timedelta(days=1), today)
        with time_machine.travel(_at(day), tick=False):
            case.refresh_from_db()
            if step == "assess":
                case_move(actor=caseworker, case=case, action="start_assessment")
                case.refresh_from_db()
                case_assessment_save(
                    actor=caseworker,
                    case=case,
                    expected_version=case.version,
                    **ASSESSMENT,
                    completed_on=day,
                    doctor_consultation_on=day if basis == "SUL142" else None,
                    **_enrolment_content(basis, spec.substances),
                )
            elif step == "decide":
                case_decision_save(
                    actor=caseworker,
                    case=case,
                    expected_version=case.version,
                    decision_date=day,
                    decision_result=Case.DecisionResult.GRANTED,
                    decision_text=DECISION_TEXT,
                    decision_complaint_guidance=True,
                )
            elif step == "refer":
                episode = episode_refer(
                    actor=caseworker,
                    case=case,
                    offer=offer,
                    referral_date=day,
                    planned_start=max(inquiry + timedelta(days=spec.start_after), day),
                )
                chosen = _same_type_offer(offer, basis) if stage == "free_choice" else None
                if chosen is not None:
                    # The citizen chooses another offer of the visited type, in time.
                    episode = episode_refer(
                        actor=caseworker,
                        case=case,
                        offer=chosen,
                        referral_date=day,
                        planned_start=max(inquiry + timedelta(days=spec.start_after), day),
                        free_choice=True,
                    )
                case.refresh_from_db()
                case_move(actor=caseworker, case=case, action="refer")
        if step == "start" and episode is not None:
            day = min(max(inquiry + timedelta(days=spec.start_after), day), today)
            with time_machine.travel(_at(day), tick=False):
                episode = episode_start(
                    actor=starter or caseworker, episode=episode, actual_start=day
                )
                # One course lacks its treatment plan, so the reminder has something to find.
                if spec.first_name != "Camilla":
                    treatment_plan_save(
                        actor=starter or caseworker,
                        episode=episode,
                        based_on=0,
                        made_on=day,
                        **DEMO_TREATMENT_PLAN,
                    )
                if spec.first_name == COMBINATION:
                    case.refresh_from_db()
                    request_open(
                        actor=caseworker,
                        case=case,
                        kind=TreatmentRequest.Kind.COMBINATION,
                        legal_basis="SUL142",
                        requested_on=day,
                        note="Ønsker også substitutionsbehandling (kombinationsbehandling).",
                    )
        elif step in ("end", "discharge") and episode is not None:
            day = min(
                day + timedelta(weeks=10 if stage == "closed" else 12), today - timedelta(days=20)
            )
            with time_machine.travel(_at(day, 14), tick=False):
                episode.refresh_from_db()
                episode_end(
                    actor=starter or caseworker,
                    episode=episode,
                    actual_end=day,
                    end_reason=EndReason.COMPLETED,
                )
                case.refresh_from_db()
                if step == "discharge":
                    aftercare = episode_refer(
                        actor=caseworker,
                        case=case,
                        offer=_offer("Efterbehandling"),
                        referral_date=day,
                    )
                    episode_start(
                        actor=User.objects.get(username="anders"),
                        episode=aftercare,
                        actual_start=day,
                    )
                    # The referral after the discharge moved the case to aftercare (§5.9).
                    case.refresh_from_db()
                    if spec.first_name == RELAPSE:
                        case.refresh_from_db()
                        request_open(
                            actor=caseworker,
                            case=case,
                            kind=TreatmentRequest.Kind.RENEWED,
                            legal_basis=basis,
                            requested_on=day,
                            note="Tilbagefald i efterbehandlingen; ønsker fornyet behandling.",
                        )
        elif step == "close":
            day = min(day + timedelta(days=1), today)
            with time_machine.travel(_at(day, 15), tick=False):
                case.refresh_from_db()
                case_move(
                    actor=caseworker,
                    case=case,
                    action="close",
                    note="Forløbet er afsluttet.",
                    course_end_reason="completed",
                    course_end_status="reduced" if basis != "SUL141" else "",
                )
    case.refresh_from_db()
    return case


def seed_cases() -> list[Case]:
    """About 30 courses in every state, with guarantees running, met, breached, waived and not
    covered, and one citizen who returns after an earlier closed course."""
    if Case.objects.exists():
        return []
    karin = User.objects.get(username="karin")
    jonas = User.objects.get(username="jonas")
    cases = []
    for spec in CASES:
        # Registered by the caseworker who opens the case: until then the citizen is that
        # team's (DESIGN §1).
        citizen = citizen_create(
            actor=karin if spec.team == TEAM_NORD else jonas,
            first_name=spec.first_name,
            last_name=spec.last_name,
            cpr=spec.cpr,
            is_anonymous=spec.cpr is None,
            alias=spec.alias,
            address="Vestergade 12, 2. th." if spec.cpr else "",
            postal_code="6000" if spec.cpr else "",
            city="Kolding" if spec.cpr else "",
            phone="20 45 67 89" if spec.cpr else "",
        )
        cases.append(
            _run_course(spec, citizen, basis=spec.basis, days_ago=spec.days_ago, stage=spec.stage)
        )
        if spec.first_name in RETURNING:
            basis, days_ago, stage = RETURNING[spec.first_name]
            cases.append(_run_course(spec, citizen, basis=basis, days_ago=days_ago, stage=stage))
    # Registered without a case yet: the citizen is Karin's team's until one is opened
    # (DESIGN §1), on the citizen page and in the case search ("Bodil").
    citizen_create(
        actor=karin, first_name="Bodil", last_name="Nyborg", phone="30 12 45 78", city="Kolding"
    )
    return cases
