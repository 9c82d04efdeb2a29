"""What marks load data, the sizes of a run, and two short names every phase uses."""

from __future__ import annotations

from collections.abc import Callable

from cases import lifecycle

UNIT_PREFIX = "Load "
USERNAME_PREFIX = "load_"
EMAIL_DOMAIN = "load.example"
PASSWORD = "Bench-Overgang-2026"
# Inquiry dates are spread over this many days up to today.
WINDOW_DAYS = 4 * 365
BATCH_SIZE = 5000
# Citizens written per chunk: bounds memory and gives regular progress lines.
CHUNK_CASES = 10_000

# The default access log stops growing here (see build.default_access_log_entries).
ACCESS_LOG_MAX_DEFAULT = 10_000_000

Log = Callable[[str], None]


S = lifecycle.CaseStatus
