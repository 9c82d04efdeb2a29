"""The demo courses: who the citizens are and how far each course has come."""

from __future__ import annotations

from dataclasses import dataclass

from accounts.demo import TEAM_NORD, TEAM_SYD


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
