"""The demo data set, built through the services so that grants and timelines are real."""

from __future__ import annotations

from accounts.demo import DEMO_PASSWORD, UNITS, USERS
from accounts.models import Unit, User
from accounts.services import unit_create, user_create
from treatment_options.models import Offer, Provider, TreatmentType

ALL_BASES = ["SEL101", "BL33", "SUL141", "SUL142"]

PROVIDERS = [
    # name, kind, unit name, address, city, capacity, tilbudsportalen id
    ("Sydgården", Provider.Kind.PRIVATE, "Sydgården", "Skovvej 12", "6000 Kolding", 24, "TP-48213"),
    ("Rusmiddelcenter Ambulant", Provider.Kind.MUNICIPAL, "Rusmiddelcenter Ambulant",
     "Jernbanegade 4", "6000 Kolding", None, "TP-51102"),
    ("Behandlingscenter Østerskoven", Provider.Kind.PRIVATE, None, "Østerskovvej 3",
     "9500 Hobro", 30, "TP-11873"),
    ("Afrusningsenheden, Regionshospitalet", Provider.Kind.REGIONAL, None, "Sygehusvej 1",
     "7100 Vejle", 8, ""),
]
OFFERS = [
    # provider, name, type, legal bases, weeks, waiting days
    ("Sydgården", "Døgnbehandling", TreatmentType.RESIDENTIAL, ALL_BASES, 12, 9),
    ("Rusmiddelcenter Ambulant", "Ambulant stofbehandling", TreatmentType.OUTPATIENT,
     ["SEL101", "BL33"], 26, 3),
    ("Rusmiddelcenter Ambulant", "Ambulant alkoholbehandling", TreatmentType.OUTPATIENT,
     ["SUL141"], 16, 5),
    ("Rusmiddelcenter Ambulant", "Medicinsk behandling (substitution)", TreatmentType.OUTPATIENT,
     ["SUL142"], 52, 7),
    ("Rusmiddelcenter Ambulant", "Dagbehandling", TreatmentType.DAY, ["SEL101", "SUL141"], 8, 10),
    ("Rusmiddelcenter Ambulant", "Anonym rådgivning og behandling", TreatmentType.ANONYMOUS,
     ["SEL101A", "SUL141"], 8, 0),
    ("Rusmiddelcenter Ambulant", "Efterbehandling", TreatmentType.AFTERCARE, ALL_BASES, 26, 0),
    ("Behandlingscenter Østerskoven", "Døgnbehandling", TreatmentType.RESIDENTIAL, ALL_BASES,
     10, 4),
    ("Afrusningsenheden, Regionshospitalet", "Afrusning og abstinensbehandling",
     TreatmentType.DETOX, ["SUL141", "SUL142"], 1, 2),
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


def seed_all() -> bool:
    return seed_organisation()
