"""Phase 1: the organisation. Units with their groups, users in every role, providers and
offers, all with bulk_create."""

from __future__ import annotations

import random
from collections.abc import Iterable

from django.contrib.auth.hashers import make_password
from django.contrib.auth.models import Group, Permission

from accounts.models import Unit, User
from accounts.permission_cache import permissions_bump_all
from accounts.roles import Role
from cases.models import LegalBasis
from treatment_options.models import Offer, Provider, TreatmentType

from .constants import EMAIL_DOMAIN, PASSWORD, UNIT_PREFIX, USERNAME_PREFIX, Log
from .plans import OfferInfo, Org, OutpatientInfo, TeamInfo
from .texts import FEMALE, LAST, MALE, POSTAL, STREETS, phone_number, slug

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


def make_organisation(rng: random.Random, *, cases: int, log: Log) -> Org:
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
                email=f"{slug(name)}@{EMAIL_DOMAIN}",
                # The load data is one large municipality: every team reports for it.
                municipality_code="751" if kind == Unit.Kind.MUNICIPAL_TEAM else "",
                group=group,
            )
            for (name, kind), group in zip(unit_specs, groups, strict=True)
        ]
    )
    by_name = {unit.name.removeprefix(UNIT_PREFIX): unit for unit in units}

    users: list[User] = []
    memberships: list[tuple[int, Role]] = []  # (index into users, role)
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
    # The memberships bypassed the ORM's m2m signals: no cached role may survive them.
    permissions_bump_all()

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
                phone=phone_number(rng),
                email=f"{slug(name)}@{EMAIL_DOMAIN}",
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

    def info(item: Offer, unit_name: str | None) -> OfferInfo:
        group_id = by_name[unit_name].group_id if unit_name else None
        return OfferInfo(
            pk=item.pk, group_id=group_id, therapists=ids(unit_name) if unit_name else []
        )

    outpatient_infos = [
        OutpatientInfo(*(info(item, name) for item in items)) for items, name in outpatient
    ]

    def team(name: str, outpatient_index: int) -> TeamInfo:
        caseworkers = ids(name)
        # Some caseworkers carry more cases than others.
        weights = [rng.uniform(0.5, 1.5) for _ in caseworkers]
        unit = by_name[name]
        return TeamInfo(unit.pk, unit.group_id or 0, caseworkers, weights, outpatient_index)

    teams = [team(name, i % len(OUTPATIENT_UNITS)) for i, (name, _w) in enumerate(TEAMS)]
    log(
        f"  {len(units)} enheder, {len(users)} brugere, {len(providers)} behandlingssteder, "
        f"{len(offers)} tilbud"
    )
    return Org(
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
