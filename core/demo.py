"""The demo data set, built through the services so that grants and timelines are real."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

import time_machine
from django.utils import timezone

from accounts.demo import DEMO_PASSWORD, TEAM_NORD, TEAM_SYD, UNITS, USERS
from accounts.models import Unit, User
from accounts.services import unit_create, user_create
from cases.models import Case, CaseStatus, Citizen
from cases.services import (
    case_assessment_save,
    case_decision_save,
    case_move,
    case_open,
    citizen_create,
)
from transitions.demo import seed_transitions_demo
from treatment_options.models import EndReason, Offer, Provider, TreatmentType
from treatment_options.services import episode_end, episode_refer, episode_start

ASSESSMENT = {
    "substance_use": "Dagligt forbrug gennem flere år. Har forsøgt at stoppe på egen hånd.",
    "social": "Bor alene. Sporadisk kontakt til familien; ønsker mere kontakt til sin søster.",
    "health": "Søvnproblemer og perioder med angst. Egen læge er orienteret.",
    "work": "Sygemeldt fra lagerjob; arbejdsgiveren er positiv over for tilbagevenden.",
    "housing": "Lejebolig; huslejerestance på to måneder.",
    "other": "Ønsker hjælp til at skabe struktur i hverdagen.",
}
DECISION_TEXT = (
    "Der er på baggrund af den helhedsorienterede afdækning bevilget behandling. Afgørelsen er "
    "truffet efter lovgrundlaget på sagen. Klagevejledning er udleveret."
)

ALL_BASES = ["SEL101", "BL33", "SUL141", "SUL142"]

PROVIDERS = [
    # name, kind, unit name, address, city, capacity, tilbudsportalen id
    ("Sydgården", Provider.Kind.PRIVATE, "Sydgården", "Skovvej 12", "6000 Kolding", 24, "TP-48213"),
    (
        "Rusmiddelcenter Ambulant",
        Provider.Kind.MUNICIPAL,
        "Rusmiddelcenter Ambulant",
        "Jernbanegade 4",
        "6000 Kolding",
        None,
        "TP-51102",
    ),
    (
        "Behandlingscenter Østerskoven",
        Provider.Kind.PRIVATE,
        None,
        "Østerskovvej 3",
        "9500 Hobro",
        30,
        "TP-11873",
    ),
    (
        "Afrusningsenheden, Regionshospitalet",
        Provider.Kind.REGIONAL,
        None,
        "Sygehusvej 1",
        "7100 Vejle",
        8,
        "",
    ),
]
OFFERS = [
    # provider, name, type, legal bases, weeks, waiting days
    ("Sydgården", "Døgnbehandling", TreatmentType.RESIDENTIAL, ALL_BASES, 12, 9),
    (
        "Rusmiddelcenter Ambulant",
        "Ambulant stofbehandling",
        TreatmentType.OUTPATIENT,
        ["SEL101", "BL33"],
        26,
        3,
    ),
    (
        "Rusmiddelcenter Ambulant",
        "Ambulant alkoholbehandling",
        TreatmentType.OUTPATIENT,
        ["SUL141"],
        16,
        5,
    ),
    (
        "Rusmiddelcenter Ambulant",
        "Medicinsk behandling (substitution)",
        TreatmentType.OUTPATIENT,
        ["SUL142"],
        52,
        7,
    ),
    ("Rusmiddelcenter Ambulant", "Dagbehandling", TreatmentType.DAY, ["SEL101", "SUL141"], 8, 10),
    (
        "Rusmiddelcenter Ambulant",
        "Anonym rådgivning og behandling",
        TreatmentType.ANONYMOUS,
        ["SEL101A", "SUL141"],
        8,
        0,
    ),
    ("Rusmiddelcenter Ambulant", "Efterbehandling", TreatmentType.AFTERCARE, ALL_BASES, 26, 0),
    (
        "Behandlingscenter Østerskoven",
        "Døgnbehandling",
        TreatmentType.RESIDENTIAL,
        ALL_BASES,
        10,
        4,
    ),
    (
        "Afrusningsenheden, Regionshospitalet",
        "Afrusning og abstinensbehandling",
        TreatmentType.DETOX,
        ["SUL141", "SUL142"],
        1,
        2,
    ),
]


def seed_organisation() -> bool:
    """Units, users and the treatment catalogue. Returns True when anything was created."""
    if User.objects.filter(username=USERS[0].username).exists():
        return False
    units = {}
    for demo in UNITS:
        units[demo.name] = unit_create(name=demo.name, kind=demo.kind, email=demo.email)
    for demo_user in USERS:
        user_create(
            username=demo_user.username,
            email=f"{demo_user.username}@kommune.example",
            password=DEMO_PASSWORD,
            role=demo_user.role,
            unit=units.get(demo_user.unit) if demo_user.unit else None,
            first_name=demo_user.first_name,
            last_name=demo_user.last_name,
            title=demo_user.title,
        )
    providers = {}
    for name, kind, unit_name, address, city, capacity, tp_id in PROVIDERS:
        postal_code, city_name = city.split(" ", 1)
        providers[name] = Provider.objects.create(
            name=name,
            kind=kind,
            unit=Unit.objects.get(name=unit_name) if unit_name else None,
            address=address,
            postal_code=postal_code,
            city=city_name,
            capacity=capacity,
            tilbudsportalen_id=tp_id,
        )
    for provider, name, kind, bases, weeks, waiting in OFFERS:
        Offer.objects.create(
            provider=providers[provider],
            name=name,
            treatment_type=kind,
            legal_bases=bases,
            typical_length_weeks=weeks,
            waiting_time_days=waiting,
        )
    return True


@dataclass(frozen=True)
class DemoCase:
    """One demo course. `days_ago` is the inquiry date; `stage` says how far it has come."""

    first_name: str
    last_name: str
    cpr: str | None
    basis: str
    substances: tuple[str, ...]
    days_ago: int
    stage: str
    team: str = TEAM_NORD
    offer: str = "Ambulant stofbehandling"
    start_after: int = 10
    alias: str = ""


# Stages: inquiry, assessment, referred (waiting), started (episode started), residential
# (started at Sydgården: the handover demo takes these), aftercare, closed.
CASES = [
    DemoCase("Mette", "Hansen", "120385-1234", "SEL101", ("cannabis", "cocaine"), 2, "inquiry"),
    DemoCase(
        "Lars",
        "Nielsen",
        "030791-2113",
        "SUL141",
        ("alcohol",),
        9,
        "assessment",
        offer="Ambulant alkoholbehandling",
    ),
    DemoCase(
        "Sofie", "Jensen", "250600-4022", "SEL101", ("cannabis",), 12, "assessment", team=TEAM_SYD
    ),
    DemoCase(
        "Jens",
        "Pedersen",
        "140272-1457",
        "SUL141",
        ("alcohol",),
        11,
        "referred",
        offer="Dagbehandling",
    ),
    DemoCase("Anne", "Andersen", "061188-1642", "SEL101", ("amphetamine",), 20, "referred"),
    DemoCase(
        "Peter",
        "Christensen",
        "300479-1819",
        "SUL142",
        ("opioids",),
        40,
        "started",
        offer="Medicinsk behandling (substitution)",
        start_after=8,
    ),
    DemoCase(
        "Camilla", "Larsen", "171095-2264", "SEL101", ("cocaine",), 35, "started", start_after=19
    ),
    DemoCase(
        "Mikkel",
        "Sørensen",
        "090983-1395",
        "SUL141",
        ("alcohol",),
        60,
        "started",
        offer="Ambulant alkoholbehandling",
        start_after=6,
        team=TEAM_SYD,
    ),
    DemoCase(
        "Louise",
        "Rasmussen",
        "221290-1586",
        "SEL101",
        ("cannabis",),
        30,
        "free_choice",
        offer="Døgnbehandling@Behandlingscenter Østerskoven",
        start_after=18,
    ),
    DemoCase(
        "",
        "",
        None,
        "SEL101A",
        ("cannabis",),
        15,
        "started",
        offer="Anonym rådgivning og behandling",
        start_after=3,
        alias="Klient A-17",
    ),
    DemoCase(
        "Henrik",
        "Jørgensen",
        "011075-1173",
        "SEL101",
        ("opioids", "benzodiazepines"),
        95,
        "residential",
        offer="Døgnbehandling",
        start_after=9,
    ),
    DemoCase(
        "Maria",
        "Madsen",
        "150893-2318",
        "SEL101",
        ("cocaine", "alcohol"),
        100,
        "residential",
        offer="Døgnbehandling",
        start_after=12,
    ),
    DemoCase(
        "Thomas",
        "Kristensen",
        "280286-1551",
        "SUL141",
        ("alcohol",),
        110,
        "residential",
        offer="Døgnbehandling",
        start_after=7,
    ),
    DemoCase(
        "Julie",
        "Olsen",
        "040797-2460",
        "SEL101",
        ("amphetamine",),
        120,
        "residential",
        offer="Døgnbehandling",
        start_after=13,
    ),
    DemoCase(
        "Rasmus",
        "Thomsen",
        "191081-1737",
        "SUL142",
        ("opioids",),
        90,
        "residential",
        offer="Døgnbehandling",
        start_after=11,
        team=TEAM_SYD,
    ),
    DemoCase(
        "Emma",
        "Poulsen",
        "070599-2174",
        "SEL101",
        ("cannabis",),
        200,
        "aftercare",
        offer="Døgnbehandling",
        start_after=10,
    ),
    DemoCase(
        "Martin",
        "Johansen",
        "260478-1915",
        "SUL141",
        ("alcohol",),
        250,
        "closed",
        offer="Ambulant alkoholbehandling",
        start_after=9,
    ),
    DemoCase(
        "Ida",
        "Knudsen",
        "131192-2538",
        "SEL101",
        ("cocaine",),
        400,
        "closed",
        offer="Ambulant stofbehandling",
        start_after=16,
        team=TEAM_SYD,
    ),
    DemoCase(
        "Nikolaj", "Mortensen", "020684-1299", "SEL101", ("cannabis",), 5, "inquiry", team=TEAM_SYD
    ),
    DemoCase("Freja", "Møller", "180910-4366", "BL33", ("cannabis",), 6, "assessment"),
    DemoCase("Kasper", "Dahl", "110390-1061", "SUL141", ("alcohol",), 13, "inquiry"),
    DemoCase(
        "Line",
        "Lund",
        "050587-2792",
        "SEL101",
        ("amphetamine", "cannabis"),
        45,
        "started",
        start_after=12,
        team=TEAM_SYD,
    ),
    DemoCase(
        "Søren",
        "Holm",
        "230575-1487",
        "SUL142",
        ("opioids",),
        70,
        "started",
        offer="Medicinsk behandling (substitution)",
        start_after=5,
    ),
    DemoCase(
        "Katrine", "Schmidt", "080994-2630", "SEL101", ("cocaine",), 25, "referred", team=TEAM_SYD
    ),
    DemoCase(
        "Jonas",
        "Friis",
        "160689-1323",
        "SUL141",
        ("alcohol",),
        16,
        "referred",
        offer="Ambulant alkoholbehandling",
    ),
    DemoCase(
        "Cecilie",
        "Berg",
        "270196-2088",
        "SEL101",
        ("cannabis",),
        80,
        "aftercare",
        offer="Døgnbehandling",
        start_after=8,
        team=TEAM_SYD,
    ),
    DemoCase(
        "Morten",
        "Vestergaard",
        "121280-1745",
        "SUL141",
        ("alcohol",),
        55,
        "started",
        offer="Dagbehandling",
        start_after=14,
    ),
    DemoCase("", "", None, "SEL101A", ("cocaine",), 4, "inquiry", alias="Klient B-03"),
]
# Citizens with an earlier, closed course who have come back (a new case, a new guarantee).
RETURNING = {"Martin": ("SUL141", 8, "assessment")}
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
                    free_choice=stage == "free_choice",
                )
                case.refresh_from_db()
                case_move(actor=caseworker, case=case, action="refer")
        if step == "start" and episode is not None:
            day = min(max(inquiry + timedelta(days=spec.start_after), day), today)
            with time_machine.travel(_at(day), tick=False):
                episode_start(
                    actor=starter or caseworker,
                    episode=episode,
                    actual_start=day,
                    # One course lacks its treatment plan, so the reminder has something to find.
                    treatment_plan_on=None if spec.first_name == "Camilla" else day,
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
                    case.refresh_from_db()
                    case_move(actor=caseworker, case=case, action="start_aftercare")
        elif step == "close":
            day = min(day + timedelta(days=1), today)
            with time_machine.travel(_at(day, 15), tick=False):
                case.refresh_from_db()
                case_move(
                    actor=caseworker, case=case, action="close", note="Forløbet er afsluttet."
                )
    case.refresh_from_db()
    return case


def seed_cases() -> list[Case]:
    """About 30 courses in every state, with guarantees running, met, breached, waived and not
    covered, and one citizen who returns after an earlier closed course."""
    if Case.objects.exists():
        return []
    karin = User.objects.get(username="karin")
    cases = []
    for spec in CASES:
        citizen = citizen_create(
            actor=karin,
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
    return cases


def seed_handovers() -> None:
    residential = [
        c
        for c in Case.objects.filter(
            status=CaseStatus.IN_TREATMENT, episodes__offer__provider__name="Sydgården"
        )
        .distinct()
        .order_by("inquiry_date")
    ]
    seed_transitions_demo(
        cases_with_residential_episodes=residential,
        residential_therapist=User.objects.get(username="dorte"),
        outpatient_therapist=User.objects.get(username="anders"),
        caseworker=User.objects.get(username="karin"),
    )


def seed_all() -> bool:
    created = seed_organisation()
    if seed_cases():
        seed_handovers()
        created = True
    return created
