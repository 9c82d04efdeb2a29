"""Phase 4: years of access-log entries over the generated cases, chained as the live log is.

The live writer (`cases.access_log.recording`) makes an `AccessLog` object per read and
computes `cases.access_log.chain.entry_mac` on it: about 25 µs an entry, some 4 minutes for
10 million. Here the same message is built from plain values in a tight loop and keyed with
`hmac.digest` (the same HMAC-SHA256 over the same fields, key id last, in `chain._fields`'
order), and the rows go to PostgreSQL as COPY text, 100,000 lines a write. The chain starts
at the current head and the head is moved to the last generated entry, so
`manage.py verify_access_log` walks old and generated entries as one chain;
tests/bench/test_bench_smoke.py checks that it does and that each MAC equals `entry_mac`.

Entries are in time order over the last four years: each day a share of the cases open that
day is read, by the caseworker (the list and the case page), a therapist named on the handover,
or the team's manager, with the purpose `cases.purposes` gives that read.
"""

from __future__ import annotations

import hmac
import random
import time
from collections import defaultdict
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from datetime import time as dtime

from django.db import connection
from django.utils import timezone
from psycopg.copy import QueuedLibpqWriter

from accounts.models import User
from accounts.roles import Role
from cases.access_log.chain import GENESIS_HASH
from cases.access_log.keys import signing_key
from cases.models import AccessLog, AccessLogHead

from .constants import Log

COLUMNS = (
    "id, user_id, case_id_logged, unit_id_logged, reader_unit_id_logged, object_type, "
    "object_id, action, purpose, note, purpose_chosen, break_glass, created_at, previous_hash, "
    "entry_hash, key_id"
)
LINES_PER_WRITE = 100_000
# From this many entries the indexes are dropped and built again after the COPY.
REBUILD_FROM = 200_000
P = AccessLog.Purpose
# (share in percent, who reads, object type, action, purpose). Lists dominate, as in the live
# log: a list page writes one entry per case shown.
MIX: list[tuple[int, str, str, str, str]] = [
    (45, "caseworker", "case_list", "view", P.LIST),
    (10, "caseworker", "start_page", "view", P.LIST),
    (20, "caseworker", "case", "view", P.CASE_WORK),
    (8, "therapist", "transition", "view", P.TREATMENT),
    (4, "therapist", "plan_section", "view", P.TREATMENT),
    (5, "manager", "case_list", "view", P.LIST),
    (3, "manager", "case", "view", P.OVERSIGHT),
    (3, "caseworker", "case", "api", P.CASE_WORK),
    (2, "caseworker", "case_report", "export", P.EXPORT),
]


@dataclass(slots=True)
class LoggedCase:
    case_id: int
    team_id: int
    caseworker: int | None
    therapist: int | None
    first: int  # date ordinals: the inquiry and the closing (or today)
    last: int


class AccessLogPlan:
    """The cases the log reads, collected while the cases are written."""

    def __init__(self) -> None:
        self.cases: list[LoggedCase] = []

    def add(
        self,
        *,
        case_id: int,
        team_id: int,
        caseworker: int | None,
        therapist: int | None,
        first: date,
        last: date,
    ) -> None:
        self.cases.append(
            LoggedCase(case_id, team_id, caseworker, therapist, first.toordinal(), last.toordinal())
        )


def _slots() -> list[tuple[str, str, str, str]]:
    slots = [
        (who, kind, action, str(purpose))
        for share, who, kind, action, purpose in MIX
        for _ in range(share)
    ]
    assert len(slots) == 100
    return slots


def write_access_log(
    plan: AccessLogPlan, *, entries: int, rng: random.Random, today: date, log: Log
) -> int:
    """Append about `entries` entries (PostgreSQL only) and move the head; return how many."""
    if entries <= 0 or not plan.cases or connection.vendor != "postgresql":
        return 0
    users = dict(User.objects.filter(unit__isnull=False).values_list("pk", "unit_id"))
    managers = dict(
        User.objects.filter(groups__name=Role.MANAGER, unit__isnull=False)
        .order_by("pk")
        .values_list("unit_id", "pk")
    )
    key = signing_key()
    secret, key_id = key.secret, key.key_id
    head = AccessLogHead.objects.select_for_update().filter(pk=1).first()
    if head is None:
        head = AccessLogHead.objects.create(pk=1, last_hash=GENESIS_HASH)
        head = AccessLogHead.objects.select_for_update().get(pk=1)
    previous = head.last_hash
    table = AccessLog._meta.db_table
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_get_serial_sequence(%s, 'id')", [table])
        sequence = cursor.fetchone()[0]
        # Ids counted on from one nextval: the head row's lock keeps live writers (who take
        # their ids after locking it) out until commit; the sequence is moved on at the end.
        cursor.execute("SELECT nextval(%s)", [sequence])
        next_id = cursor.fetchone()[0]

    rebuilt = _indexes_drop(table) if entries >= REBUILD_FROM else []
    started = time.monotonic()
    written, previous, next_id = _copy(
        plan,
        entries,
        rng,
        today,
        log,
        users,
        managers,
        secret=secret,
        key_id=key_id,
        previous=previous,
        next_id=next_id,
        table=table,
    )
    if rebuilt:
        log(
            f"  {written} adgangslog-poster kopieret ({time.monotonic() - started:.1f} s); "
            "indeks bygges igen"
        )
        _indexes_restore(table, rebuilt, log)
    if written:
        with connection.cursor() as cursor:
            cursor.execute("SELECT setval(%s, %s)", [sequence, next_id - 1])
    head.last_hash = previous
    head.save(update_fields=["last_hash"])
    return written


def _indexes_drop(table: str) -> list[str]:
    """Drop the table's secondary indexes and constraints (not the primary key) and return
    the statements that make them again. 10 million random entry hashes inserted into two
    B-trees one at a time, and as many deferred foreign-key checks at commit, take several
    times as long as building the indexes once, sorted, and checking the key in one join."""
    with connection.cursor() as cursor:
        # The deferred foreign-key checks of the rows written so far run now: a table with
        # pending trigger events cannot be altered.
        cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
        cursor.execute(
            "SELECT conname, pg_get_constraintdef(oid) FROM pg_constraint "
            "WHERE conrelid = %s::regclass AND contype IN ('u', 'f')",
            [table],
        )
        constraints = cursor.fetchall()
        cursor.execute(
            "SELECT i.indexrelid::regclass::text, pg_get_indexdef(i.indexrelid) FROM pg_index i "
            "WHERE i.indrelid = %s::regclass AND NOT i.indisprimary AND NOT EXISTS "
            "(SELECT 1 FROM pg_constraint c WHERE c.conindid = i.indexrelid)",
            [table],
        )
        indexes = cursor.fetchall()
        for name, _definition in constraints:
            cursor.execute(f'ALTER TABLE {table} DROP CONSTRAINT "{name}"')
        for name, _definition in indexes:
            cursor.execute(f"DROP INDEX {name}")
    return [definition for _name, definition in indexes] + [
        f'ALTER TABLE {table} ADD CONSTRAINT "{name}" {definition}'
        for name, definition in constraints
    ]


def _indexes_restore(table: str, statements: list[str], log: Log) -> None:
    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL maintenance_work_mem = '1GB'")
        for statement in statements:
            started = time.monotonic()
            cursor.execute(statement)
            log(f"    {time.monotonic() - started:5.1f} s  {statement[:90]}")


def _copy(
    plan: AccessLogPlan,
    entries: int,
    rng: random.Random,
    today: date,
    log: Log,
    users: dict[int, int],
    managers: dict[int, int],
    *,
    secret: bytes,
    key_id: str,
    previous: str,
    next_id: int,
    table: str,
) -> tuple[int, str, int]:
    """Compute and COPY the entries; return how many, the last hash and the next id."""
    by_start: dict[int, list[LoggedCase]] = defaultdict(list)
    for case in plan.cases:
        by_start[case.first].append(case)
    active_days = sum(c.last - c.first + 1 for c in plan.cases)
    rate = entries / active_days
    slots = _slots()
    rand = rng.random
    start, end = min(by_start), today.toordinal()
    tz = timezone.get_current_timezone()
    active: list[LoggedCase] = []
    lines: list[str] = []
    written = 0
    statement = f"COPY {table} ({COLUMNS}) FROM STDIN"
    # The queued writer sends from a thread of its own: the server parses one batch while
    # the next is computed.
    with (
        connection.cursor() as cursor,
        cursor.cursor.copy(statement, writer=QueuedLibpqWriter(cursor.cursor)) as copy,
    ):
        for ordinal in range(start, end + 1):
            active.extend(by_start.get(ordinal, ()))
            if ordinal % 7 == 0:
                active = [c for c in active if c.last >= ordinal]
            if not active:
                continue
            wanted = rate * len(active)
            n = int(wanted) + (rand() < wanted - int(wanted))
            if written + n > entries:
                n = entries - written
            opens = datetime.combine(date.fromordinal(ordinal), dtime(8, 0))
            base = timezone.make_aware(opens, tz).astimezone(UTC)
            size = len(active)
            for micro in sorted(int(rand() * 36_000_000_000) for _ in range(n)):
                case = active[int(rand() * size)]
                if case.last < ordinal:
                    continue  # closed since the last sweep of the active list
                who, kind, action, purpose = slots[int(rand() * 100)]
                user: int | None
                if who == "therapist" and case.therapist:
                    user = case.therapist
                elif who == "manager":
                    user = managers.get(case.team_id) or case.caseworker
                else:
                    user = case.caseworker
                    if kind in ("transition", "plan_section"):
                        kind, purpose = "case", str(P.CASE_WORK)
                if user is None:
                    continue
                reader_unit = users.get(user)
                at = (base + timedelta(microseconds=micro)).isoformat()
                fields = [
                    previous,
                    str(user),
                    str(case.case_id),
                    str(case.team_id),
                    kind,
                    str(case.case_id),
                    action,
                    purpose,
                    "0",
                    at,
                ]
                if reader_unit is not None:
                    fields.append(f"reader_unit:{reader_unit}")
                fields.append(key_id)
                mac = hmac.digest(secret, "\x1f".join(fields).encode(), "sha256").hex()
                lines.append(
                    f"{next_id}\t{user}\t{case.case_id}\t{case.team_id}\t"
                    f"{reader_unit if reader_unit is not None else chr(92) + 'N'}\t{kind}\t"
                    f"{case.case_id}\t{action}\t{purpose}\t\tf\tf\t{at}\t{previous}\t{mac}\t"
                    f"{key_id}\n"
                )
                previous = mac
                next_id += 1
                written += 1
                if len(lines) >= LINES_PER_WRITE:
                    copy.write("".join(lines))
                    lines = []
                    if written % 1_000_000 < LINES_PER_WRITE:
                        log(f"  {written} adgangslog-poster")
            if written >= entries:
                break
        if lines:
            copy.write("".join(lines))
    return written, previous, next_id
