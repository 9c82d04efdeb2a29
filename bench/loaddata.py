"""A large, realistic data set for benchmarks: `manage.py generate_load_data --cases 100000`.

Everything is made with bulk inserts (no services, no query per case): bulk_create for the
organisation, and for the per-case tables COPY on PostgreSQL (bulk_create, batch size 5000, on
other databases). Three phases:

1. the organisation: ~20 units, users in every role, providers and offers (a few hundred rows);
2. the courses, simulated in memory: for each citizen one or more cases over the last four years.
   A course is simulated from inquiry to closing in days after the inquiry, then cut at "today"
   so that the case is in the state it would be in now; only the citizen's newest case can be
   open (the `case_one_open_per_citizen` constraint), earlier ones are closed before it began;
3. the rows, written in chunks: citizens, cases, episodes, transitions with their ten plan
   sections, the timeline (created + status changes) and the per-case grants.

The grants are computed here from the same relationships that `cases.access._desired_grants`
reads (caseworker, team, open episodes, transitions), so that `case_access_sync` on a generated
case changes nothing; tests/cases/test_generate_load_data.py checks exactly that.

Generated rows are marked so that `reset()` finds them and nothing else: unit and provider names
start with "Load ", usernames with "load_"; cases belong to the load teams and citizens to those
cases. The whole run is one transaction, so a failed run leaves no half data set behind.
"""

from __future__ import annotations

import json
import random
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from datetime import time as dtime
from typing import Any

from django.contrib.auth.hashers import make_password
from django.contrib.auth.models import Group, Permission
from django.db import IntegrityError, connection, models, transaction
from django.db.models import Count, QuerySet
from django.test.utils import override_settings
from django.utils import timezone, translation

from accounts.models import Unit, User
from accounts.roles import Role
from cases import guarantee, lifecycle
from cases.models import (
    AccessLog,
    Case,
    CaseEvent,
    CaseGroupObjectPermission,
    CaseStatus,
    CaseUserObjectPermission,
    Citizen,
    LegalBasis,
)
from transitions.models import PlanSection, PlanSectionKey, PlanSectionVersion, Transition
from treatment_options.models import EndReason, Episode, Offer, Provider, TreatmentType

UNIT_PREFIX = "Load "
USERNAME_PREFIX = "load_"
EMAIL_DOMAIN = "load.example"
PASSWORD = "Bench-Overgang-2026"
# Inquiry dates are spread over this many days up to today.
WINDOW_DAYS = 4 * 365
BATCH_SIZE = 5000
# Citizens written per chunk: bounds memory and gives regular progress lines.
CHUNK_CASES = 10_000

Log = Callable[[str], None]

S = lifecycle.CaseStatus
OPEN_STATUS_WEIGHTS: dict[str, float] = {
    # The state of a citizen's newest case today. Earlier cases are always closed (about a
    # quarter of all cases). The first states last days, treatment and aftercare months, so with
    # ~70 inquiries a day (100,000 over four years) few cases are in the first states at once:
    # about 200 in inquiry, 650 in assessment and 800 referred.
    S.CLOSED: 61.7,
    S.AFTERCARE: 17,
    S.IN_TREATMENT: 19,
    S.REFERRED: 1.1,
    S.ASSESSMENT: 0.9,
    S.INQUIRY: 0.3,
}
MOVE_LABELS = {move.action: move.label for move in lifecycle.MOVES}
INQUIRY_NOTES = (
    "Henvendt sig selv på rådgivningen.",
    "Henvist af egen læge.",
    "Pårørende har kontaktet kommunen.",
    "Henvist fra jobcentret.",
    "Udskrevet fra hospital; ønsker behandling.",
)

# --- the organisation -------------------------------------------------------------------------

# (name, weight of the team's share of the municipality's cases)
TEAMS: list[tuple[str, float]] = [
    ("Rusmiddelteam Nord", 3.0),
    ("Rusmiddelteam Syd", 2.0),
    ("Rusmiddelteam Øst", 1.6),
    ("Rusmiddelteam Vest", 1.4),
    ("Rusmiddelteam Centrum", 1.2),
    ("Rusmiddelteam Amager", 1.0),
    ("Rusmiddelteam Valby", 0.9),
    ("Rusmiddelteam Brønshøj", 0.8),
    ("Rusmiddelteam Vesterbro", 0.6),
]
YOUTH_TEAM = "Ungeteam"
# (unit name, provider kind, has a detox offer)
RESIDENTIAL_UNITS: list[tuple[str, str, bool]] = [
    ("Døgncenter Egebo", Provider.Kind.MUNICIPAL, True),
    ("Fjordhuset", Provider.Kind.PRIVATE, False),
    ("Lyngholm", Provider.Kind.MUNICIPAL, True),
    ("Behandlingshjemmet Skovly", Provider.Kind.PRIVATE, False),
    ("Solhverv", Provider.Kind.PRIVATE, False),
]
OUTPATIENT_UNITS = [
    "Rusmiddelcenter Nord",
    "Rusmiddelcenter Syd",
    "Rusmiddelcenter Øst",
    "Rusmiddelcenter Vest",
]
YOUTH_OUTPATIENT = "Ungecenter"
# Providers whose staff do not use Overgang (no unit: nobody there gets access).
PRIVATE_RESIDENTIAL = ["Kollektivet Bakkely", "Behandlingshjemmet Kildevang"]
REGIONAL_DETOX = "Region Hovedstaden Afrusning"

ALL_BASES = [LegalBasis.SEL101, LegalBasis.BL33, LegalBasis.SUL141, LegalBasis.SUL142]

# --- names ------------------------------------------------------------------------------------


def _words(text: str, sep: str | None = None) -> list[str]:
    return text.split(sep)


MALE = _words(
    "Peter Jens Lars Michael Henrik Thomas Søren Jan Niels Anders Martin Christian Morten Jesper "
    "Mads Rasmus Mikkel Kasper Frederik Mathias Jonas Emil Oliver Lucas William Magnus Nikolaj "
    "Kim Brian Dennis Allan Bo Claus Kenneth Ole Poul Steen Tobias Simon Jakob Ali Omar"
)
FEMALE = _words(
    "Anne Kirsten Mette Hanne Helle Susanne Lene Maria Marianne Camilla Louise Charlotte Pia Tina "
    "Gitte Bente Line Julie Sofie Emma Ida Laura Cecilie Sara Christina Rikke Heidi Malene Nanna "
    "Freja Mathilde Signe Karina Lone Birgitte Dorthe Jette Trine Stine Amalie Fatima Aisha"
)
LAST = _words(
    "Nielsen Jensen Hansen Pedersen Andersen Christensen Larsen Sørensen Rasmussen Jørgensen "
    "Petersen Madsen Kristensen Olsen Thomsen Christiansen Poulsen Johansen Møller Mortensen "
    "Knudsen Jakobsen Jacobsen Mikkelsen Olesen Frederiksen Laursen Henriksen Lund Schmidt Holm "
    "Eriksen Kristiansen Clausen Simonsen Svendsen Andreasen Iversen Østergaard Jeppesen "
    "Vestergaard Nissen Lauridsen Kjær Jepsen Mogensen Skov Dam Bach Friis Bak Dahl Hedegaard "
    "Ahmed Ali Hussein Yilmaz Nguyen Kowalski Abdi"
)
STREETS = _words(
    "Nørrebrogade|Jagtvej|Amagerbrogade|Vesterbrogade|Istedgade|Frederikssundsvej|Tagensvej|"
    "Valby Langgade|Roskildevej|Gammel Kongevej|Østerbrogade|Hillerødgade|Ålholmvej|"
    "Englandsvej|Peter Bangs Vej|Bispebjergvej|Tomsgårdsvej|Godthåbsvej|Sundholmsvej|Folehaven",
    "|",
)
POSTAL = [
    ("2200", "København N"),
    ("2100", "København Ø"),
    ("2300", "København S"),
    ("1620", "København V"),
    ("2400", "København NV"),
    ("2450", "København SV"),
    ("2500", "Valby"),
    ("2700", "Brønshøj"),
    ("2720", "Vanløse"),
    ("2000", "Frederiksberg"),
    ("2610", "Rødovre"),
    ("2650", "Hvidovre"),
    ("2770", "Kastrup"),
]
DRUGS = ["cannabis", "cocaine", "amphetamine", "opioids", "benzodiazepines", "other"]
DRUG_WEIGHTS = [50, 25, 15, 8, 6, 2]
DROP_OUTS = [
    (EndReason.NO_SHOW, 30),
    (EndReason.WANTED_STOP, 25),
    (EndReason.EXPELLED, 8),
    (EndReason.MOVED, 8),
    (EndReason.OTHER_OFFER, 8),
    (EndReason.HOSPITAL, 6),
    (EndReason.KRIMINALFORSORGEN, 6),
    (EndReason.DEATH, 2),
    (EndReason.OTHER, 7),
]
PLAN_TEXTS: dict[str, list[str]] = {
    PlanSectionKey.LEARNED: [
        "Har lært at genkende sine triggere og at bede om hjælp i tide.",
        "Ved nu, at weekender alene er den største risiko.",
    ],
    PlanSectionKey.GOALS: [
        "Stoffrihed, egen bolig og et fast dagligt holdepunkt.",
        "Reducere forbruget og holde fast i aftalerne med ambulant behandler.",
    ],
    PlanSectionKey.NETWORK: [
        "Kontakt til søster genoptaget. Deltager i NA-møder to gange om ugen.",
        "Har få relationer uden rusmidler; mentorordning aftalt.",
    ],
    PlanSectionKey.DAILY: [
        "Fast døgnrytme, motion tre gange om ugen, værested om eftermiddagen.",
        "Dagbehandling de første fire uger efter udskrivning.",
    ],
    PlanSectionKey.WORK: [
        "Jobcenter indkaldes til møde om praktik efter udskrivning.",
        "Ønsker at genoptage uddannelse; studievejleder kontaktet.",
    ],
    PlanSectionKey.HOUSING: [
        "Bor i egen lejlighed; bostøtte bevilget i tre måneder.",
        "Venter på bolig via boligsocial anvisning; midlertidigt på forsorgshjem.",
    ],
    PlanSectionKey.HEALTH: [
        "Egen læge orienteret. Psykiatrisk udredning afventer.",
        "Metadonbehandling fortsætter via rusmiddelcentret.",
    ],
    PlanSectionKey.LEGAL: [
        "Ingen verserende sager.",
        "Tilsyn hos Kriminalforsorgen; aftale om fælles møde.",
    ],
    PlanSectionKey.FINANCES: [
        "Gæld til SKAT; gældsrådgivning aftalt.",
        "Budget lagt med rådgiver; huslejen trækkes automatisk.",
    ],
    PlanSectionKey.RELAPSE: [
        "Tegn: isolation, søvnproblemer, kontakt til gamle venner. Ringer da til behandler.",
        "Ved tilbagefald kontaktes ambulant behandler samme dag; plan for afrusning findes.",
    ],
}


# --- the in-memory model of a course ------------------------------------------------------------


@dataclass(slots=True)
class _OfferInfo:
    pk: int
    group_id: int | None  # the provider's unit group: who gets access while an episode is open
    therapists: list[int]


@dataclass(slots=True)
class _TeamInfo:
    unit_id: int
    group_id: int
    caseworkers: list[int]
    weights: list[float]
    outpatient: int  # index into _Org.outpatient


@dataclass(slots=True)
class _OutpatientInfo:
    outpatient: _OfferInfo
    day: _OfferInfo
    anonymous: _OfferInfo
    aftercare: _OfferInfo


@dataclass
class _Org:
    teams: list[_TeamInfo]
    team_weights: list[float]
    youth_team: _TeamInfo
    outpatient: list[_OutpatientInfo]
    youth_outpatient: _OutpatientInfo
    residential: list[_OfferInfo]  # with a unit, then the private ones without
    detox: list[_OfferInfo]
    view_perm_id: int
    change_perm_id: int


@dataclass(slots=True)
class _Ep:
    offer: _OfferInfo
    referral: int  # days after the inquiry
    planned_start: int
    start: int
    end: int
    planned_end: int | None
    end_reason: str
    free_choice: bool = False


@dataclass(slots=True)
class _Tr:
    residential: int  # index into _Course.episodes
    outpatient: int | None
    residential_therapist: int | None
    outpatient_therapist: int | None
    cancelled: int | None  # day, or None
    completed: int | None
    first_contact: int | None
    missed_first: bool


@dataclass(slots=True)
class _Course:
    """A whole simulated course, from inquiry to closing, in days after the inquiry."""

    category: str  # drug | alcohol | medical | anonymous
    moves: list[tuple[int, str, str]]  # (day, action, target status)
    episodes: list[_Ep]
    decision: int | None
    decision_result: str
    doctor: int | None
    closed_reason: str
    transition: _Tr | None
    regional_dual_diagnosis: bool

    def intervals(self, status: str) -> list[tuple[int, int | None]]:
        """The day ranges [from, to) during which the case is in `status` (to None: for ever)."""
        spans: list[tuple[int, int | None]] = []
        current, since = S.INQUIRY.value, 0
        for day, _action, target in self.moves:
            if current == status and day > since:
                spans.append((since, day))
            current, since = target, day
        if current == status:
            spans.append((since, None))
        return spans

    @property
    def length(self) -> int:
        return self.moves[-1][0] if self.moves else 0


@dataclass(slots=True)
class _CasePlan:
    course: _Course
    cut: int  # the day of the course that is "today"
    inquiry: date
    team: _TeamInfo
    caseworker: int | None
    legal_basis: str
    substances: list[str]
    number: str = ""


@dataclass(slots=True)
class _CitizenPlan:
    first_name: str
    last_name: str
    cpr: str | None
    birth_date: date | None
    alias: str
    address: str
    postal_code: str
    city: str
    phone: str
    email: str
    cases: list[_CasePlan] = field(default_factory=list)


@dataclass
class Result:
    cases: int
    seconds: float
    counts: dict[str, int]


# --- entry points ---------------------------------------------------------------------------------


def has_load_data() -> bool:
    return Unit.objects.filter(name__startswith=UNIT_PREFIX).exists()


def generate(
    *,
    cases: int,
    seed: int = 1,
    today: date | None = None,
    batch_size: int = BATCH_SIZE,
    log: Log = lambda _message: None,
) -> Result:
    """Create the data set with `cases` cases. Raises ValueError if load data already exists."""
    if cases < 1:
        raise ValueError("cases must be at least 1")
    started = time.monotonic()
    today = today or timezone.localdate()
    rng = random.Random(seed)
    # Logging every SQL statement (settings.DEBUG) would format and keep megabytes per insert.
    with override_settings(DEBUG=False), translation.override("da"), transaction.atomic():
        if has_load_data():
            raise ValueError("Der findes allerede belastningsdata; brug --reset.")
        org = _make_organisation(rng, cases=cases, log=log)
        log(f"Organisation oprettet ({time.monotonic() - started:.1f} s)")
        citizens = _simulate_citizens(rng, org, cases=cases, today=today)
        _assign_numbers(citizens)
        log(f"{cases} forløb simuleret ({time.monotonic() - started:.1f} s)")
        writer = _Writer(org=org, rng=rng, today=today, batch_size=batch_size)
        chunk: list[_CitizenPlan] = []
        in_chunk = done = 0
        for citizen in citizens:
            chunk.append(citizen)
            in_chunk += len(citizen.cases)
            if in_chunk >= CHUNK_CASES:
                writer.write(chunk)
                done += in_chunk
                log(f"  {done}/{cases} sager skrevet ({time.monotonic() - started:.1f} s)")
                chunk, in_chunk = [], 0
        if chunk:
            writer.write(chunk)
            done += in_chunk
            log(f"  {done}/{cases} sager skrevet ({time.monotonic() - started:.1f} s)")
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            # Fresh statistics, so that the planner knows the tables are large now.
            cursor.execute("ANALYZE")
    return Result(cases=done, seconds=time.monotonic() - started, counts=writer.counts)


def reset(*, log: Log = lambda _message: None) -> dict[str, int]:
    """Delete everything `generate` made (and what refers to it); demo data stays untouched."""
    counts: dict[str, int] = {}
    try:
        with override_settings(DEBUG=False), transaction.atomic():
            _reset(counts, log)
    except IntegrityError as exc:
        raise ValueError(
            "Andre data refererer til load-data (f.eks. en demosag tildelt en load-bruger); "
            f"intet er slettet. ({exc})"
        ) from None
    return {k: v for k, v in counts.items() if v}


def _reset(counts: dict[str, int], log: Log) -> None:
    units = Unit.objects.filter(name__startswith=UNIT_PREFIX)
    users = User.objects.filter(username__startswith=USERNAME_PREFIX)
    citizen_ids = list(
        Citizen.objects.filter(cases__team__in=units).values_list("pk", flat=True).distinct()
    )
    # The access log refers to its readers: reads by load users (the benchmark runs roll
    # back, but somebody may have logged in as one) go with them. The hash chain then
    # reports the gap; this is a benchmark database.
    logged = AccessLog.objects.filter(user__in=users)
    if logged.exists():
        counts["cases.AccessLog"] = logged._raw_delete(logged.db) or 0
        log(f"Advarsel: {counts['cases.AccessLog']} adgangslog-poster fra load-brugere slettet.")
    _purge(Case.objects.filter(team__in=units), counts)
    for start in range(0, len(citizen_ids), BATCH_SIZE):
        _purge(Citizen.objects.filter(pk__in=citizen_ids[start : start + BATCH_SIZE]), counts)
    providers = Provider.objects.filter(name__startswith=UNIT_PREFIX)
    _purge(Offer.objects.filter(provider__in=providers), counts)
    _purge(providers, counts)
    _purge(users, counts)
    group_ids = list(units.values_list("group_id", flat=True))
    _purge(units, counts)
    _purge(Group.objects.filter(pk__in=group_ids), counts)


def _purge(qs: QuerySet[Any], counts: dict[str, int], path: tuple[type, ...] = ()) -> None:
    """Delete the rows of `qs` and, first, every row that refers to them (CASCADE), following
    the relations of all installed apps, so that models added later are covered too.

    Django's own delete() cannot be used: it collects every row into memory, and it refuses
    to delete a case whose transition points at its episode (PROTECT), although both go."""
    model = qs.model
    for rel in model._meta.get_fields(include_hidden=True):
        if not (rel.auto_created and not rel.concrete and (rel.one_to_many or rel.one_to_one)):
            continue
        child = rel.related_model
        fk = rel.field  # type: ignore[union-attr]
        children = child._base_manager.filter(**{f"{fk.name}__in": qs})
        on_delete = rel.on_delete  # type: ignore[union-attr]
        if on_delete is models.SET_NULL:
            children.update(**{fk.name: None})
        elif on_delete is models.CASCADE and child not in path:
            _purge(children, counts, (*path, model))
        # PROTECT: the referring rows are load data deleted along another path (a transition
        # goes with its case, not with its episode), or they are not, and then the deferred
        # foreign-key check at commit refuses the whole reset: demo data is never deleted.
    deleted = qs._raw_delete(qs.db) or 0  # None when the filter cannot match anything
    counts[model._meta.label] = counts.get(model._meta.label, 0) + deleted


# --- phase 1: the organisation ------------------------------------------------------------------


def _make_organisation(rng: random.Random, *, cases: int, log: Log) -> _Org:
    password = make_password(PASSWORD)  # hashed once: hashing per user would take minutes
    roles = {g.name: g.pk for g in Group.objects.filter(name__in=Role.values)}
    perms = {
        p.codename: p.pk
        for p in Permission.objects.filter(
            content_type__app_label="cases", codename__in=["view_case", "change_case"]
        )
    }
    unit_specs = (
        [(name, Unit.Kind.MUNICIPAL_TEAM) for name, _w in TEAMS]
        + [(YOUTH_TEAM, Unit.Kind.MUNICIPAL_TEAM)]
        + [(name, Unit.Kind.RESIDENTIAL) for name, _k, _d in RESIDENTIAL_UNITS]
        + [(name, Unit.Kind.OUTPATIENT) for name in [*OUTPATIENT_UNITS, YOUTH_OUTPATIENT]]
    )
    groups = Group.objects.bulk_create(
        [Group(name=f"Enhed: {UNIT_PREFIX}{name}") for name, _kind in unit_specs]
    )
    units = Unit.objects.bulk_create(
        [
            Unit(
                name=f"{UNIT_PREFIX}{name}",
                kind=kind,
                email=f"{_slug(name)}@{EMAIL_DOMAIN}",
                group=group,
            )
            for (name, kind), group in zip(unit_specs, groups, strict=True)
        ]
    )
    by_name = {unit.name.removeprefix(UNIT_PREFIX): unit for unit in units}

    users: list[User] = []
    memberships: list[tuple[int, str]] = []  # (index into users, role)
    staff: dict[str, list[int]] = {}  # unit name -> indexes of its caseworkers/therapists

    def add(unit: Unit | None, role: Role, title: str) -> int:
        male = rng.random() < 0.45
        first = rng.choice(MALE if male else FEMALE)
        index = len(users)
        username = f"{USERNAME_PREFIX}{_ROLE_SLUG[role]}{index + 1:04d}"
        users.append(
            User(
                username=username,
                email=f"{username}@{EMAIL_DOMAIN}",
                first_name=first,
                last_name=rng.choice(LAST),
                title=title,
                unit=unit,
                password=password,
                is_staff=role == Role.ADMINISTRATOR,
                wants_email_notifications=rng.random() < 0.7,
            )
        )
        memberships.append((index, role))
        return index

    # About one caseworker per thousand cases (over four years), at least one per team.
    total_weight = sum(w for _n, w in TEAMS) + 0.4
    caseworkers_total = max(len(TEAMS) + 1, min(400, cases // 1000))
    for name, weight in [*TEAMS, (YOUTH_TEAM, 0.4)]:
        unit = by_name[name]
        count = max(1, round(caseworkers_total * weight / total_weight))
        staff[name] = [add(unit, Role.CASEWORKER, "Socialrådgiver") for _ in range(count)]
        add(unit, Role.MANAGER, "Teamleder")
    for name, _kind, _detox in RESIDENTIAL_UNITS:
        staff[name] = [
            add(by_name[name], Role.RESIDENTIAL_THERAPIST, "Behandler") for _ in range(4)
        ]
        add(by_name[name], Role.MANAGER, "Forstander")
    for name in [*OUTPATIENT_UNITS, YOUTH_OUTPATIENT]:
        staff[name] = [
            add(by_name[name], Role.OUTPATIENT_THERAPIST, "Misbrugsbehandler") for _ in range(5)
        ]
        add(by_name[name], Role.MANAGER, "Afdelingsleder")
    for _ in range(2):
        add(None, Role.ADMINISTRATOR, "Systemadministrator")
    User.objects.bulk_create(users)
    through = User.groups.through
    rows = []
    for index, role in memberships:
        user = users[index]
        rows.append(through(user_id=user.pk, group_id=roles[role.value]))
        if user.unit is not None:
            rows.append(through(user_id=user.pk, group_id=user.unit.group_id))
    through.objects.bulk_create(rows)

    def ids(name: str) -> list[int]:
        return [users[i].pk for i in staff[name]]

    # Providers and offers.
    providers: list[Provider] = []
    offers: list[tuple[int, Offer]] = []  # (index into providers, offer)

    def provider(name: str, kind: str, unit: Unit | None, capacity: int | None = None) -> int:
        providers.append(
            Provider(
                name=f"{UNIT_PREFIX}{name}",
                kind=kind,
                unit=unit,
                address=f"{rng.choice(STREETS)} {rng.randint(1, 200)}",
                postal_code=POSTAL[len(providers) % len(POSTAL)][0],
                city=POSTAL[len(providers) % len(POSTAL)][1],
                phone=_phone(rng),
                email=f"{_slug(name)}@{EMAIL_DOMAIN}",
                tilbudsportalen_id=str(rng.randint(10_000, 99_999)),
                capacity=capacity,
            )
        )
        return len(providers) - 1

    def offer(at: int, name: str, kind: str, bases: Iterable[str], weeks: int) -> Offer:
        item = Offer(
            name=name,
            treatment_type=kind,
            legal_bases=[str(b) for b in bases],
            typical_length_weeks=weeks,
            waiting_time_days=rng.randint(0, 21),
            description="",
        )
        offers.append((at, item))
        return item

    drug_alcohol = [LegalBasis.SEL101, LegalBasis.BL33, LegalBasis.SUL141]
    residential: list[tuple[Offer, str | None]] = []
    detox: list[tuple[Offer, str | None]] = []
    for name, kind, has_detox in RESIDENTIAL_UNITS:
        at = provider(name, kind, by_name[name], capacity=rng.randint(14, 40))
        residential.append(
            (offer(at, "Døgnbehandling", TreatmentType.RESIDENTIAL, ALL_BASES, 12), name)
        )
        if has_detox:
            detox.append((offer(at, "Afrusning", TreatmentType.DETOX, ALL_BASES, 2), name))
    for name in PRIVATE_RESIDENTIAL:
        at = provider(name, Provider.Kind.PRIVATE, None, capacity=rng.randint(10, 24))
        residential.append(
            (offer(at, "Døgnbehandling", TreatmentType.RESIDENTIAL, ALL_BASES, 16), None)
        )
    at = provider(REGIONAL_DETOX, Provider.Kind.REGIONAL, None, capacity=20)
    detox.append((offer(at, "Abstinensbehandling", TreatmentType.DETOX, ALL_BASES, 2), None))
    outpatient: list[tuple[list[Offer], str]] = []
    for name in [*OUTPATIENT_UNITS, YOUTH_OUTPATIENT]:
        at = provider(name, Provider.Kind.MUNICIPAL, by_name[name])
        outpatient.append(
            (
                [
                    offer(at, "Ambulant behandling", TreatmentType.OUTPATIENT, ALL_BASES, 26),
                    offer(at, "Dagbehandling", TreatmentType.DAY, drug_alcohol, 12),
                    offer(
                        at,
                        "Anonym rådgivning og behandling",
                        TreatmentType.ANONYMOUS,
                        [LegalBasis.SEL101A, LegalBasis.SUL141],
                        12,
                    ),
                    offer(at, "Efterbehandling", TreatmentType.AFTERCARE, ALL_BASES, 26),
                ],
                name,
            )
        )
    Provider.objects.bulk_create(providers)
    for at, item in offers:
        item.provider = providers[at]
    Offer.objects.bulk_create([item for _at, item in offers])

    def info(item: Offer, unit_name: str | None) -> _OfferInfo:
        group_id = by_name[unit_name].group_id if unit_name else None
        return _OfferInfo(
            pk=item.pk, group_id=group_id, therapists=ids(unit_name) if unit_name else []
        )

    outpatient_infos = [
        _OutpatientInfo(*(info(item, name) for item in items)) for items, name in outpatient
    ]

    def team(name: str, outpatient_index: int) -> _TeamInfo:
        caseworkers = ids(name)
        # Some caseworkers carry more cases than others.
        weights = [rng.uniform(0.5, 1.5) for _ in caseworkers]
        unit = by_name[name]
        return _TeamInfo(unit.pk, unit.group_id or 0, caseworkers, weights, outpatient_index)

    teams = [team(name, i % len(OUTPATIENT_UNITS)) for i, (name, _w) in enumerate(TEAMS)]
    log(
        f"  {len(units)} enheder, {len(users)} brugere, {len(providers)} behandlingssteder, "
        f"{len(offers)} tilbud"
    )
    return _Org(
        teams=teams,
        team_weights=[w for _n, w in TEAMS],
        youth_team=team(YOUTH_TEAM, len(OUTPATIENT_UNITS)),
        outpatient=outpatient_infos[: len(OUTPATIENT_UNITS)],
        youth_outpatient=outpatient_infos[-1],
        residential=[info(item, name) for item, name in residential],
        detox=[info(item, name) for item, name in detox],
        view_perm_id=perms["view_case"],
        change_perm_id=perms["change_case"],
    )


_ROLE_SLUG = {
    Role.CASEWORKER: "sagsbehandler",
    Role.RESIDENTIAL_THERAPIST: "doegn",
    Role.OUTPATIENT_THERAPIST: "ambulant",
    Role.MANAGER: "leder",
    Role.ADMINISTRATOR: "admin",
}


def _slug(text: str) -> str:
    table = str.maketrans({"æ": "ae", "ø": "oe", "å": "aa", " ": "."})
    return text.lower().translate(table)


def _phone(rng: random.Random) -> str:
    pairs = " ".join(f"{rng.randint(10, 99)}" for _ in range(3))
    return f"+45 {rng.randint(20, 61)} {pairs}"


# --- phase 2: citizens and their courses ---------------------------------------------------------


def _simulate_citizens(
    rng: random.Random, org: _Org, *, cases: int, today: date
) -> list[_CitizenPlan]:
    used_cpr = set(Citizen.objects.filter(cpr__isnull=False).values_list("cpr", flat=True))
    window_start = today - timedelta(days=WINDOW_DAYS)
    citizens: list[_CitizenPlan] = []
    total = 0
    # The first citizens' newest cases take every state once, so that even a small data set
    # has each of them.
    forced = list(OPEN_STATUS_WEIGHTS)
    statuses, weights = list(OPEN_STATUS_WEIGHTS), list(OPEN_STATUS_WEIGHTS.values())
    while total < cases:
        anonymous = rng.random() < 0.05
        youth = not anonymous and rng.random() < 0.04
        citizen = _new_citizen(rng, today=today, anonymous=anonymous, youth=youth, used=used_cpr)
        if youth:
            team = org.youth_team
            local = org.youth_outpatient
        else:
            team = rng.choices(org.teams, org.team_weights)[0]
            local = org.outpatient[team.outpatient]
        wanted = min(rng.choices((1, 2, 3, 4), (68, 22, 7, 3))[0], cases - total)
        status = forced.pop(0) if forced else rng.choices(statuses, weights)[0]
        category = _category(rng, anonymous)
        course, cut = _course_in_state(rng, org, local, category, status)
        plans = [(course, cut, today - timedelta(days=cut))]
        # Earlier courses, each closed some time before the next began.
        while len(plans) < wanted:
            next_inquiry = plans[-1][2]
            category = _category(rng, anonymous)
            course = _course(rng, org, local, category, force_completed=False)
            end = next_inquiry - timedelta(days=rng.randint(20, 500))
            inquiry = end - timedelta(days=course.length)
            if inquiry < window_start:
                break
            plans.append((course, (today - inquiry).days, inquiry))
        for course, cut, inquiry in reversed(plans):
            citizen.cases.append(_case_plan(rng, course, cut, inquiry, team, citizen))
        total += len(plans)
        citizens.append(citizen)
    return citizens


def _category(rng: random.Random, anonymous: bool) -> str:
    if anonymous:
        return "anonymous" if rng.random() < 0.8 else "alcohol"
    return rng.choices(("drug", "alcohol", "medical"), (45, 38, 17))[0]


def _new_citizen(
    rng: random.Random, *, today: date, anonymous: bool, youth: bool, used: set[str]
) -> _CitizenPlan:
    male = rng.random() < 0.68  # most citizens in substance-abuse treatment are men
    first = rng.choice(MALE if male else FEMALE)
    last = rng.choice(LAST)
    postal_code, city = rng.choice(POSTAL)
    address = f"{rng.choice(STREETS)} {rng.randint(1, 250)}"
    if rng.random() < 0.4:
        address += f", {rng.randint(1, 5)}. {rng.choice(('tv', 'th', 'mf'))}"
    phone = _phone(rng) if rng.random() < 0.85 else ""
    if anonymous:
        # SEL § 101 a: no CPR number and no name, only an alias the citizen chooses.
        alias = f"{first} {rng.choice('ABCDEFGHIJKLMNOPRSTV')}."
        return _CitizenPlan("", "", None, None, alias, "", "", "", phone, "")
    if youth:
        born = today - timedelta(days=rng.randint(int(14.5 * 365), 19 * 365))
    else:
        born = today - timedelta(days=int(rng.triangular(23, 72, 38) * 365.25))
    cpr = _cpr(rng, born, male, used)
    email = ""
    if rng.random() < 0.35:
        email = f"{_slug(first)}.{_slug(last)}{rng.randint(1, 999)}@mail.example"
    return _CitizenPlan(first, last, cpr, born, "", address, postal_code, city, phone, email)


def _cpr(rng: random.Random, born: date, male: bool, used: set[str]) -> str:
    """A CPR number for the birth date whose 7th digit gives the right century (cases.cpr):
    0-3 for 1900-1999, 4 or 9 for 2000-2036. The last digit is odd for men, even for women."""
    while True:
        seventh = rng.randint(0, 3) if born.year < 2000 else rng.choice((4, 9))
        last = rng.choice((1, 3, 5, 7, 9) if male else (0, 2, 4, 6, 8))
        number = f"{born:%d%m%y}-{seventh}{rng.randint(0, 99):02d}{last}"
        if number not in used:
            used.add(number)
            return number


def _course_in_state(
    rng: random.Random, org: _Org, local: _OutpatientInfo, category: str, status: str
) -> tuple[_Course, int]:
    """A course and the day of it that is today, such that the case is in `status` today."""
    if status == S.AFTERCARE and category == "anonymous":
        category = "alcohol"  # anonymous drug treatment has no aftercare; SUL § 141, stk. 7 does
    for _attempt in range(200):
        course = _course(rng, org, local, category, force_completed=status == S.AFTERCARE)
        spans = course.intervals(status)
        if not spans:
            continue
        start, end = spans[0]
        if start > WINDOW_DAYS:
            continue
        last = WINDOW_DAYS if end is None else min(end - 1, WINDOW_DAYS)
        return course, rng.randint(start, last)
    raise RuntimeError(f"No course reaches {status}")  # pragma: no cover


def _course(
    rng: random.Random, org: _Org, local: _OutpatientInfo, category: str, *, force_completed: bool
) -> _Course:
    """Simulate a whole course from inquiry to closing (days after the inquiry)."""
    moves: list[tuple[int, str, str]] = []
    episodes: list[_Ep] = []
    transition: _Tr | None = None
    regional = category in ("drug", "medical") and rng.random() < 0.015

    def close(day: int, reason: str) -> _Course:
        moves.append((day, "close", S.CLOSED))
        return _Course(
            category, moves, episodes, decision, result, doctor, reason, transition, regional
        )

    decision: int | None = None
    doctor: int | None = None
    result = ""
    if not force_completed and rng.random() < 0.03:
        return close(rng.randint(1, 20), "Henvendelsen førte ikke til et forløb.")
    t_assess = rng.choice((0, 1, 1, 2, 2, 3, 4, 6))
    moves.append((t_assess, "start_assessment", S.ASSESSMENT))
    if not force_completed and rng.random() < 0.08:
        if rng.random() < 0.4:
            decision, result = t_assess + rng.randint(3, 12), Case.DecisionResult.REFUSED
            return close(decision + rng.randint(1, 20), "Afslag på behandling.")
        return close(
            t_assess + rng.randint(7, 60),
            rng.choice(("Borgeren ønskede ikke behandling.", "Ingen kontakt trods flere forsøg.")),
        )
    decision = t_assess + (rng.randint(2, 9) if rng.random() < 0.85 else rng.randint(10, 35))
    result = Case.DecisionResult.GRANTED if rng.random() < 0.9 else Case.DecisionResult.PARTLY
    moves.append((decision, "refer", S.REFERRED))
    if rng.random() < 0.75:  # most start within the 14 days of the guarantee
        start = decision + rng.randint(1, max(1, 14 - decision))
    else:
        start = decision + rng.randint(3, 45)
    if category == "medical":
        doctor = max(decision, start - rng.randint(0, 5)) if rng.random() < 0.95 else None
    free_choice = category != "anonymous" and rng.random() < 0.06

    def drop_out() -> str:
        return rng.choices([r for r, _w in DROP_OUTS], [w for _r, w in DROP_OUTS])[0]

    def completed(p: float) -> bool:
        return force_completed or rng.random() < p

    residential_share = {"drug": 0.28, "alcohol": 0.2, "medical": 0.1}.get(category, 0)
    if category == "anonymous":
        length = rng.randint(30, 200)
        ok = rng.random() < 0.6
        episodes.append(
            _Ep(
                local.anonymous,
                decision,
                start,
                start,
                start + length,
                start + 84,
                EndReason.COMPLETED if ok else drop_out(),
            )
        )
        moves.append((start, "start_treatment", S.IN_TREATMENT))
        return close(start + length + rng.randint(0, 20), "Forløbet er afsluttet.")

    if rng.random() < residential_share:
        first_start = start
        if rng.random() < 0.3:
            detox = rng.choice(org.detox)
            detox_end = start + rng.randint(5, 14)
            episodes.append(
                _Ep(
                    detox,
                    decision,
                    start,
                    start,
                    detox_end,
                    start + 10,
                    EndReason.COMPLETED,
                    free_choice,
                )
            )
            start = detox_end + rng.randint(0, 3)
            free_choice = False
        home = rng.choice(org.residential)
        length = rng.randint(42, 150)
        res_end = start + length
        ok = completed(0.75)
        res_index = len(episodes)
        episodes.append(
            _Ep(
                home,
                decision,
                start,
                start,
                res_end,
                start + 84,
                EndReason.COMPLETED if ok else drop_out(),
                free_choice,
            )
        )
        moves.append((first_start, "start_treatment", S.IN_TREATMENT))
        has_transition = rng.random() < 0.8
        therapist = rng.choice(home.therapists) if home.therapists else None
        if not ok:
            if has_transition:
                transition = _Tr(res_index, None, therapist, None, res_end, None, None, False)
            return close(res_end + rng.randint(3, 60), "Borgeren afbrød behandlingen.")
        after = rng.choice((local.aftercare, local.outpatient))
        referral = max(start, res_end - rng.randint(7, 28))
        planned = res_end + rng.randint(1, 10)
        missed = rng.random() < 0.15
        out_start = planned + (rng.randint(2, 14) if missed else 0)
        out_end = out_start + rng.randint(60, 300)
        out_ok = rng.random() < 0.7
        episodes.append(
            _Ep(
                after,
                referral,
                planned,
                out_start,
                out_end,
                planned + 182,
                EndReason.COMPLETED if out_ok else drop_out(),
            )
        )
        moves.append((out_start, "start_aftercare", S.AFTERCARE))
        if has_transition:
            transition = _Tr(
                res_index,
                len(episodes) - 1,
                therapist,
                rng.choice(after.therapists) if after.therapists else None,
                None,
                min(out_end, out_start + rng.randint(0, 10)),
                out_start,
                missed,
            )
        return close(out_end + rng.randint(0, 30), "Forløbet er afsluttet som planlagt.")

    if free_choice:
        place = rng.choice(org.outpatient).outpatient
    else:
        place = local.day if rng.random() < 0.2 else local.outpatient
    length = rng.randint(60, 365)
    ok = completed(0.62)
    end = start + length
    episodes.append(
        _Ep(
            place,
            decision,
            start,
            start,
            end,
            start + 182,
            EndReason.COMPLETED if ok else drop_out(),
            free_choice,
        )
    )
    moves.append((start, "start_treatment", S.IN_TREATMENT))
    if ok and (force_completed or rng.random() < 0.6):
        after_start = end + rng.randint(0, 7)
        after_end = after_start + rng.randint(60, 240)
        episodes.append(
            _Ep(
                local.aftercare,
                end - rng.randint(0, 14),
                after_start,
                after_start,
                after_end,
                after_start + 182,
                EndReason.COMPLETED if rng.random() < 0.8 else drop_out(),
            )
        )
        moves.append((after_start, "start_aftercare", S.AFTERCARE))
        return close(after_end + rng.randint(0, 30), "Efterbehandlingen er afsluttet.")
    reason = "Forløbet er afsluttet som planlagt." if ok else "Borgeren afbrød behandlingen."
    return close(end + rng.randint(0, 30), reason)


def _case_plan(
    rng: random.Random,
    course: _Course,
    cut: int,
    inquiry: date,
    team: _TeamInfo,
    citizen: _CitizenPlan,
) -> _CasePlan:
    if course.category == "anonymous":
        basis = LegalBasis.SEL101A
    elif course.category == "alcohol":
        basis = LegalBasis.SUL141
    elif course.category == "medical":
        basis = LegalBasis.SUL142
    elif citizen.birth_date is not None and _age_on(citizen.birth_date, inquiry) < 18:
        basis = LegalBasis.BL33  # Barnets lov § 33: drug treatment under 18
    else:
        basis = LegalBasis.SEL101
    if course.category == "alcohol":
        substances = ["alcohol"]
        if rng.random() < 0.15:
            substances.append("benzodiazepines")
    elif course.category == "medical":
        substances = ["opioids"] + (["benzodiazepines"] if rng.random() < 0.3 else [])
    else:
        count = rng.choices((1, 2, 3), (60, 30, 10))[0]
        substances = list(dict.fromkeys(rng.choices(DRUGS, DRUG_WEIGHTS, k=count)))
    caseworker: int | None = rng.choices(team.caseworkers, team.weights)[0]
    if cut < 3 and rng.random() < 0.5:
        caseworker = None  # a fresh inquiry not yet assigned
    return _CasePlan(course, cut, inquiry, team, caseworker, basis, substances)


def _age_on(born: date, day: date) -> int:
    return day.year - born.year - ((day.month, day.day) < (born.month, born.day))


def _assign_numbers(citizens: list[_CitizenPlan]) -> None:
    """ "YYYY-NNNNN" as cases.services numbers them: per inquiry year, in inquiry order, after the
    highest number of that year already in the database (the demo data's)."""
    plans = sorted(
        (plan for citizen in citizens for plan in citizen.cases), key=lambda p: p.inquiry
    )
    last: dict[int, int] = {}
    for year in {plan.inquiry.year for plan in plans}:
        prefix = f"{year:04d}-"
        numbers = Case.objects.filter(number__startswith=prefix).values_list("number", flat=True)
        last[year] = max(
            (int(n[len(prefix) :]) for n in numbers if n[len(prefix) :].isdigit()), default=0
        )
    for plan in plans:
        year = plan.inquiry.year
        last[year] += 1
        plan.number = f"{year:04d}-{last[year]:05d}"


# --- phase 3: the rows ----------------------------------------------------------------------------


class _Table:
    """The rows of one model for one chunk: ids reserved from the table's sequence up front, so
    that children can refer to their parents without reading anything back; written with COPY
    on PostgreSQL and with bulk_create elsewhere (SQLite in the tests). With bulk_create the
    100,000-case set took about 80 s per 10,000 cases here (Django compiles every value of a
    multi-row INSERT in Python); with COPY about 13 s."""

    def __init__(self, model: type[models.Model], *, now: datetime, batch_size: int) -> None:
        self.model = model
        self.batch_size = batch_size
        self.fields = list(model._meta.concrete_fields)
        self.pk = model._meta.pk.attname  # type: ignore[union-attr]
        # Every column gets a value: the model's default, "now" for auto_now(_add) fields.
        self.defaults: dict[str, Any] = {}
        # Callable defaults (a uuid4, say) are called per row; the rest are computed once.
        self.per_row: list[models.Field[Any, Any]] = []
        for f in self.fields:
            if getattr(f, "auto_now", False) or getattr(f, "auto_now_add", False):
                self.defaults[f.attname] = now
            elif f.primary_key:
                continue
            elif f.has_default() and callable(f.default) and f.default not in (list, dict):
                self.per_row.append(f)
            else:
                self.defaults[f.attname] = f.get_default()
        self.json = {f.attname for f in self.fields if isinstance(f, models.JSONField)}
        self.rows: list[dict[str, Any]] = []
        self.written = 0
        self._free: list[int] = []
        self._last: int | None = None

    def add(self, **values: Any) -> int:
        if not self._free:
            self._reserve()
        pk = self._free.pop()
        row = {**self.defaults, **values, self.pk: pk}
        for f in self.per_row:
            if f.attname not in values:
                row[f.attname] = f.get_default()
        self.rows.append(row)
        return pk

    def _reserve(self) -> None:
        table = self.model._meta.db_table
        column = self.model._meta.pk.column  # type: ignore[union-attr]
        with connection.cursor() as cursor:
            if connection.vendor == "postgresql":
                cursor.execute(
                    "SELECT nextval(pg_get_serial_sequence(%s, %s)) FROM generate_series(1, %s)",
                    [table, column, self.batch_size],
                )
                ids = [row[0] for row in cursor.fetchall()]
            else:  # one writer inside one transaction: counting on from the highest id is safe
                if self._last is None:
                    self._last = self.model._base_manager.aggregate(m=models.Max("pk"))["m"] or 0
                ids = list(range(self._last + 1, self._last + 1 + self.batch_size))
                self._last += self.batch_size
        self._free = ids[::-1]

    def flush(self) -> None:
        if not self.rows:
            return
        if connection.vendor == "postgresql":
            from psycopg import sql

            statement = sql.SQL("COPY {} ({}) FROM STDIN").format(
                sql.Identifier(self.model._meta.db_table),
                sql.SQL(", ").join(sql.Identifier(f.column) for f in self.fields),
            )
            names = [f.attname for f in self.fields]
            json_fields = self.json
            with connection.cursor() as cursor, cursor.cursor.copy(statement) as copy:
                for row in self.rows:
                    copy.write_row(
                        [
                            json.dumps(row[n])
                            if n in json_fields and row[n] is not None
                            else row[n]
                            for n in names
                        ]
                    )
        else:
            self.model._base_manager.bulk_create(
                [self.model(**row) for row in self.rows], batch_size=self.batch_size
            )
        self.written += len(self.rows)
        self.rows = []


@dataclass(slots=True)
class _TrState:
    """A transition as it is today: what the grants need to know."""

    status: str
    residential_group: int | None
    outpatient_group: int | None
    residential_therapist: int | None
    outpatient_therapist: int | None


class _Writer:
    def __init__(self, *, org: _Org, rng: random.Random, today: date, batch_size: int) -> None:
        self.org = org
        self.rng = rng
        self.today = today
        self.tz = timezone.get_current_timezone()
        now = timezone.now()
        # In foreign-key order, which is also the order of writing.
        self.tables = {
            model: _Table(model, now=now, batch_size=batch_size)
            for model in (
                Citizen,
                Case,
                Episode,
                Transition,
                PlanSection,
                PlanSectionVersion,
                CaseEvent,
                CaseUserObjectPermission,
                CaseGroupObjectPermission,
            )
        }

    @property
    def counts(self) -> dict[str, int]:
        return {model._meta.label: table.written for model, table in self.tables.items()}

    def _at(self, day: date, after: datetime | None = None) -> datetime:
        moment = datetime.combine(day, dtime(8, 0)) + timedelta(minutes=self.rng.randint(0, 450))
        aware = timezone.make_aware(moment, self.tz)
        if after is not None and aware <= after:
            aware = after + timedelta(minutes=self.rng.randint(1, 20))
        return aware

    def write(self, chunk: list[_CitizenPlan]) -> None:
        t = self.tables
        view, change = self.org.view_perm_id, self.org.change_perm_id
        for c in chunk:
            citizen_id = t[Citizen].add(
                first_name=c.first_name,
                last_name=c.last_name,
                cpr=c.cpr,
                birth_date=c.birth_date,
                is_anonymous=c.cpr is None,
                alias=c.alias,
                address=c.address,
                postal_code=c.postal_code,
                city=c.city,
                phone=c.phone,
                email=c.email,
            )
            for plan in c.cases:
                status, case_id = self._case(citizen_id, plan)
                episode_ids = [self._episode(case_id, plan, ep) for ep in plan.course.episodes]
                transition = self._transition(case_id, plan, episode_ids)
                self._events(case_id, plan)
                users, groups = _grants(plan, status, transition)
                for user_id in users:
                    for perm in (view, change):
                        t[CaseUserObjectPermission].add(
                            content_object_id=case_id, user_id=user_id, permission_id=perm
                        )
                for group_id in groups:
                    for perm in (view, change):
                        t[CaseGroupObjectPermission].add(
                            content_object_id=case_id, group_id=group_id, permission_id=perm
                        )
        for table in t.values():
            table.flush()

    def _case(self, citizen_id: int, plan: _CasePlan) -> tuple[str, int]:
        course, cut, day, rng = plan.course, plan.cut, plan.inquiry, self.rng
        status = S.INQUIRY.value
        version = 1
        for offset, _action, target in course.moves:
            if offset <= cut:
                status = target
                version += 1
        started = [ep.start for ep in course.episodes if ep.start <= cut]
        assessed = course.moves[0][0] if course.moves[0][1] == "start_assessment" else None
        decided = (
            course.decision if course.decision is not None and course.decision <= cut else None
        )
        deadline = (
            None
            if plan.legal_basis == LegalBasis.SEL101A or course.regional_dual_diagnosis
            else guarantee.guarantee_deadline(day)
        )
        values: dict[str, Any] = {
            "number": plan.number,
            "citizen_id": citizen_id,
            "legal_basis": plan.legal_basis,
            "substances": plan.substances,
            "inquiry_date": day,
            "inquiry_note": rng.choice(INQUIRY_NOTES),
            "regional_dual_diagnosis": course.regional_dual_diagnosis,
            "status": status,
            "team_id": plan.team.unit_id,
            "caseworker_id": plan.caseworker,
            "guarantee_deadline": deadline,
            "treatment_started_on": day + timedelta(days=min(started)) if started else None,
            "free_choice": any(ep.free_choice for ep in course.episodes if ep.referral <= cut),
            "version": version,
        }
        if assessed is not None and assessed <= cut:
            values["assessment_substance_use"] = "Dagligt forbrug gennem flere år."
            values["assessment_social"] = rng.choice(("Bor alene.", "Bor med partner og to børn."))
            if decided is not None:
                values["assessment_health"] = "Søvnproblemer; tilknyttet egen læge."
                values["assessment_work"] = rng.choice(("Ledig.", "Sygemeldt.", "I arbejde."))
                values["assessment_housing"] = rng.choice(("Egen lejlighed.", "Hjemløs; herberg."))
                values["assessment_completed_on"] = day + timedelta(days=decided)
        if decided is not None:
            refused = course.decision_result == Case.DecisionResult.REFUSED
            values["decision_date"] = day + timedelta(days=decided)
            values["decision_result"] = course.decision_result
            values["decision_text"] = (
                "Betingelserne for behandling er ikke opfyldt."
                if refused
                else "Bevilget behandling efter samlet afdækning."
            )
            values["decision_complaint_guidance"] = True
        if course.doctor is not None and course.doctor <= cut:
            values["doctor_consultation_on"] = day + timedelta(days=course.doctor)
        if status == S.CLOSED:
            values["closed_on"] = day + timedelta(days=course.length)
            values["closed_reason"] = course.closed_reason
        return status, self.tables[Case].add(**values)

    def _episode(self, case_id: int, plan: _CasePlan, ep: _Ep) -> int | None:
        cut, day = plan.cut, plan.inquiry
        if ep.referral > cut:
            return None
        started = ep.start <= cut
        ended = ep.end <= cut
        return self.tables[Episode].add(
            case_id=case_id,
            offer_id=ep.offer.pk,
            referral_date=day + timedelta(days=ep.referral),
            planned_start=day + timedelta(days=ep.planned_start),
            actual_start=day + timedelta(days=ep.start) if started else None,
            planned_end=day + timedelta(days=ep.planned_end) if ep.planned_end else None,
            actual_end=day + timedelta(days=ep.end) if ended else None,
            end_reason=ep.end_reason if ended else "",
            free_choice=ep.free_choice,
            treatment_plan_on=day + timedelta(days=ep.start + 7) if ep.start + 7 <= cut else None,
            referred_by_id=plan.caseworker,
            version=1 + started + ended,
        )

    def _transition(
        self, case_id: int, plan: _CasePlan, episode_ids: list[int | None]
    ) -> _TrState | None:
        tr, cut, day, rng = plan.course.transition, plan.cut, plan.inquiry, self.rng
        if tr is None:
            return None
        residential = plan.course.episodes[tr.residential]
        if residential.start > cut:
            return None  # the handover starts when the residential episode starts
        discharged = residential.end <= cut
        outpatient = plan.course.episodes[tr.outpatient] if tr.outpatient is not None else None
        if outpatient is not None and outpatient.referral > cut:
            outpatient = None
        if tr.cancelled is not None and tr.cancelled <= cut:
            status = Transition.Status.CANCELLED
        elif tr.completed is not None and tr.completed <= cut:
            status = Transition.Status.COMPLETED
        elif discharged:
            status = Transition.Status.HANDED_OVER
        elif outpatient is not None:
            status = Transition.Status.READY
        else:
            status = Transition.Status.PLANNING
        outpatient_therapist = tr.outpatient_therapist if outpatient else None
        values: dict[str, Any] = {
            "case_id": case_id,
            "residential_episode_id": episode_ids[tr.residential],
            "outpatient_episode_id": episode_ids[tr.outpatient] if outpatient else None,
            "residential_therapist_id": tr.residential_therapist,
            "outpatient_therapist_id": outpatient_therapist,
            "planned_discharge_on": day + timedelta(days=residential.planned_end or 84),
            "discharged_on": day + timedelta(days=residential.end) if discharged else None,
            "status": status,
            "checkin_weeks": [2, 6, 12, 26],
        }
        if outpatient is not None:
            values["first_appointment_at"] = self._at(
                day + timedelta(days=outpatient.planned_start)
            )
            values["first_appointment_place"] = "Rusmiddelcentret"
            values["first_appointment_with"] = "Ambulant behandler"
            if tr.first_contact is not None and tr.first_contact <= cut:
                values["first_outpatient_contact_on"] = day + timedelta(days=tr.first_contact)
                values["first_appointment_status"] = (
                    Transition.AppointmentStatus.MISSED
                    if tr.missed_first
                    else Transition.AppointmentStatus.ATTENDED
                )
        if status == Transition.Status.COMPLETED and tr.completed is not None:
            values["confirmed_by_id"] = tr.outpatient_therapist
            values["completed_at"] = self._at(day + timedelta(days=tr.completed))
            values["receiver_situation"] = "Stabil efter udskrivning; motiveret."
            values["receiver_actions"] = "Samtaler hver uge; tjek-ind efter planen."
            values["receiver_contingency"] = "Ved tilbagefald: kontakt samme dag."
        transition_id = self.tables[Transition].add(**values)

        # The ten plan sections; the more advanced the handover, the more of them are written.
        author = tr.residential_therapist or plan.caseworker
        share = 1.0 if status != Transition.Status.PLANNING else rng.random()
        for key in PlanSectionKey.values:
            if author and rng.random() < share:
                written = day + timedelta(days=min(cut, residential.start + rng.randint(3, 30)))
                at = self._at(written)
                text = rng.choice(PLAN_TEXTS[key])
                section_id = self.tables[PlanSection].add(
                    transition_id=transition_id,
                    key=key,
                    text=text,
                    version=1,
                    updated_by_id=author,
                    updated_at=at,
                )
                self.tables[PlanSectionVersion].add(
                    section_id=section_id,
                    number=1,
                    text=text,
                    based_on=0,
                    author_id=author,
                    created_at=at,
                )
            else:
                self.tables[PlanSection].add(transition_id=transition_id, key=key)
        return _TrState(
            status=status,
            residential_group=residential.offer.group_id,
            outpatient_group=outpatient.offer.group_id if outpatient else None,
            residential_therapist=tr.residential_therapist,
            outpatient_therapist=outpatient_therapist,
        )

    def _events(self, case_id: int, plan: _CasePlan) -> None:
        day, cut = plan.inquiry, plan.cut
        events = self.tables[CaseEvent]
        label = str(LegalBasis(plan.legal_basis).label)
        previous = self._at(day)
        events.add(
            case_id=case_id,
            kind=CaseEvent.Kind.CREATED,
            to_status=CaseStatus.INQUIRY,
            actor_id=plan.caseworker,
            occurred_at=previous,
            description=f"Sag oprettet efter henvendelse {day.isoformat()} ({label}).",
            data={"legal_basis": plan.legal_basis, "inquiry_date": day.isoformat()},
        )
        status = S.INQUIRY.value
        for offset, action, target in plan.course.moves:
            if offset > cut:
                break
            previous = self._at(day + timedelta(days=offset), after=previous)
            note = plan.course.closed_reason if target == S.CLOSED else ""
            events.add(
                case_id=case_id,
                kind=CaseEvent.Kind.STATUS_CHANGED,
                from_status=status,
                to_status=target,
                actor_id=plan.caseworker,
                occurred_at=previous,
                description=f"{MOVE_LABELS[action]}: {note}" if note else MOVE_LABELS[action],
                data={"action": action, "note": note},
            )
            status = target


def _grants(plan: _CasePlan, status: str, transition: _TrState | None) -> tuple[set[int], set[int]]:
    """User and group ids that hold view_case + change_case: the rules of
    cases.access._desired_grants, applied to the plan instead of the database."""
    users: set[int] = {plan.caseworker} if plan.caseworker else set()
    groups: set[int] = {plan.team.group_id}
    if status == S.CLOSED:
        return users, groups  # a closed case keeps no treatment relationships
    for ep in plan.course.episodes:
        # An institution holds the case while an episode there is open: referred or started,
        # not ended.
        if ep.referral <= plan.cut < ep.end and ep.offer.group_id:
            groups.add(ep.offer.group_id)
    if transition is not None:
        if transition.status not in (Transition.Status.COMPLETED, Transition.Status.CANCELLED):
            # Both sides hold the case until the receiver has confirmed the handover.
            for user_id in (transition.residential_therapist, transition.outpatient_therapist):
                if user_id:
                    users.add(user_id)
            for group_id in (transition.residential_group, transition.outpatient_group):
                if group_id:
                    groups.add(group_id)
        elif transition.status == Transition.Status.COMPLETED and transition.outpatient_therapist:
            users.add(transition.outpatient_therapist)
    return users, groups


# --- for the benchmark --------------------------------------------------------------------------


def busiest_caseworker() -> User | None:
    """The load caseworker with the most open cases assigned."""
    return (
        User.objects.filter(username__startswith=USERNAME_PREFIX, groups__name=Role.CASEWORKER)
        .annotate(
            open_cases=Count("assigned_cases", filter=~models.Q(assigned_cases__status="closed"))
        )
        .order_by("-open_cases", "pk")
        .first()
    )


def manager_of_largest_team() -> User | None:
    """The manager of the load team with the most cases."""
    team = (
        Unit.objects.filter(name__startswith=UNIT_PREFIX, kind=Unit.Kind.MUNICIPAL_TEAM)
        .annotate(case_count=Count("cases"))
        .order_by("-case_count", "pk")
        .first()
    )
    if team is None:
        return None
    return User.objects.filter(unit=team, groups__name=Role.MANAGER).order_by("pk").first()
