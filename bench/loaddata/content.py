"""The coded closing and enrolment content of the load data: the closing notes as course end
reasons, the end statuses, and the enrolment content the registers ask for."""

from __future__ import annotations

import random
from typing import Any

from cases.models import LegalBasis

# The load data's closing notes (bench/loaddata/courses.py) as coded course end reasons.
COURSE_END_REASONS = {
    "Henvendelsen førte ikke til et forløb.": "no_treatment",
    "Afslag på behandling.": "no_treatment",
    "Borgeren ønskede ikke behandling.": "no_treatment",
    "Ingen kontakt trods flere forsøg.": "dropped_out",
    "Forløbet er afsluttet.": "completed",
    "Borgeren afbrød behandlingen.": "dropped_out",
    "Forløbet er afsluttet som planlagt.": "completed",
    "Efterbehandlingen er afsluttet.": "completed",
}
END_STATUSES = ("drug_free", "reduced", "stabilised", "worsened", "unknown")
END_STATUS_WEIGHTS = (25, 30, 25, 10, 10)
ROUTES = ("smokes", "oral", "injects", "sniffs", "unknown")
ROUTE_WEIGHTS = (45, 25, 12, 10, 8)
HOUSING = ("stable", "unstable", "institution", "unknown")
HOUSING_WEIGHTS = (70, 18, 4, 8)


def enrolment_content(basis: str, substances: list[str], rng: random.Random) -> dict[str, Any]:
    """The enrolment content the registers ask for, recorded with the assessment; one case in
    twenty lacks it, so the register check list has something to show."""
    if rng.random() < 0.05:
        return {}
    content: dict[str, Any] = {
        "primary_substance": substances[0] if substances else "",
        "housing_situation": rng.choices(HOUSING, HOUSING_WEIGHTS)[0],
        "children_in_home": rng.choices((0, 1, 2, 3), (70, 15, 10, 5))[0],
    }
    if basis != LegalBasis.SUL141:
        content["route_of_use"] = rng.choices(ROUTES, ROUTE_WEIGHTS)[0]
        on_opioids = "opioids" in substances
        content["substitution_medicine"] = (
            rng.choice(("methadone", "buprenorphine")) if on_opioids else "none"
        )
    return content
