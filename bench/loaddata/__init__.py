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
case changes nothing; tests/core/test_generate_load_data.py checks exactly that.

Generated rows are marked so that `reset()` finds them and nothing else: unit and provider names
start with "Load ", usernames with "load_"; cases belong to the load teams and citizens to those
cases. The whole run is one transaction, so a failed run leaves no half data set behind.

The package follows the phases: organisation (1), citizens and courses (2), writer with copy and
grants (3); build runs them, purge undoes them, queries reads the result. Callers import from
the package.
"""

from __future__ import annotations

from .build import Result, generate
from .constants import (
    BATCH_SIZE,
    CHUNK_CASES,
    EMAIL_DOMAIN,
    PASSWORD,
    UNIT_PREFIX,
    USERNAME_PREFIX,
    WINDOW_DAYS,
)
from .purge import reset
from .queries import (
    busiest_caseworker,
    busiest_therapist,
    has_load_data,
    manager_of_largest_team,
)

__all__ = [
    "BATCH_SIZE",
    "CHUNK_CASES",
    "EMAIL_DOMAIN",
    "PASSWORD",
    "UNIT_PREFIX",
    "USERNAME_PREFIX",
    "WINDOW_DAYS",
    "Result",
    "busiest_caseworker",
    "busiest_therapist",
    "generate",
    "has_load_data",
    "manager_of_largest_team",
    "reset",
]
