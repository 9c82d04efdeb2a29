"""The whole demo data set, in order: organisation, cases, handovers."""

from __future__ import annotations

from .courses import seed_cases
from .handovers import seed_handovers
from .organisation import seed_organisation
from .records import seed_case_records


def seed_all() -> bool:
    created = seed_organisation()
    if seed_cases():
        seed_case_records()
        seed_handovers()
        created = True
    return created
