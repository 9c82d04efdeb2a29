"""The demo treatment catalogue: providers and their offers."""

from __future__ import annotations

from treatment_options.models import Provider, TreatmentType

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
