"""The demo organisation: units and one or more users per role, with Danish names."""

from __future__ import annotations

from dataclasses import dataclass

from .models import Unit
from .roles import Role

DEMO_PASSWORD = "Demo-Overgang-2026"


@dataclass(frozen=True)
class DemoUnit:
    name: str
    kind: str
    email: str
    # The municipality's kommunekode (municipal teams only): the register's "Myndighed".
    municipality_code: str = ""


@dataclass(frozen=True)
class DemoUser:
    username: str
    first_name: str
    last_name: str
    role: Role
    unit: str | None
    title: str


TEAM_NORD = "Rusmiddelteam Nord"
TEAM_SYD = "Rusmiddelteam Syd"
SYDGAARDEN = "Sydgården"
AMBULANT = "Rusmiddelcenter Ambulant"

UNITS = [
    DemoUnit(TEAM_NORD, Unit.Kind.MUNICIPAL_TEAM, "rusmiddel.nord@kommune.example", "751"),
    DemoUnit(TEAM_SYD, Unit.Kind.MUNICIPAL_TEAM, "rusmiddel.syd@kommune.example", "751"),
    DemoUnit(SYDGAARDEN, Unit.Kind.RESIDENTIAL, "kontakt@sydgaarden.example"),
    DemoUnit(AMBULANT, Unit.Kind.OUTPATIENT, "ambulant@kommune.example"),
]

USERS = [
    DemoUser("karin", "Karin", "Mortensen", Role.CASEWORKER, TEAM_NORD, "Socialrådgiver"),
    DemoUser("jonas", "Jonas", "Bak", Role.CASEWORKER, TEAM_SYD, "Socialrådgiver"),
    DemoUser("lise", "Lise", "Holm", Role.MANAGER, TEAM_NORD, "Teamleder"),
    DemoUser("bo", "Bo", "Kjær", Role.MANAGER, TEAM_SYD, "Teamleder"),
    DemoUser("dorte", "Dorte", "Lund", Role.RESIDENTIAL_THERAPIST, SYDGAARDEN, "Behandler"),
    DemoUser("henrik", "Henrik", "Thomsen", Role.MANAGER, SYDGAARDEN, "Forstander"),
    DemoUser("anders", "Anders", "Friis", Role.OUTPATIENT_THERAPIST, AMBULANT, "Misbrugsbehandler"),
    DemoUser("mette", "Mette", "Skov", Role.MANAGER, AMBULANT, "Afdelingsleder"),
    DemoUser("admin", "Signe", "Dahl", Role.ADMINISTRATOR, None, "Systemadministrator"),
]
