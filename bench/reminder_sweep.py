"""Benchmark of the reminder sweep (DESIGN §6) over many open cases.

    .venv/bin/python bench/reminder_sweep.py --cases 10000 --runs 7

Generates N open cases with bulk inserts (about one in ten due for a reminder rule, the rest
quietly in treatment) unless the database already holds them, then runs the sweep several times
and prints the median and 95th percentile in seconds and the number of queries per run.

Database: DATABASE_URL when set (e.g. postgres://postgres@127.0.0.1:5432/overgang_bench);
otherwise a separate SQLite file, var/bench/reminder_sweep.sqlite3, migrated on first use, so
the development database is never filled with benchmark rows. Generated rows are marked with
the case number prefix "BENCH-" and reused by later runs; --drop deletes them.

`build_sweep_data` is also used by tests/notifications/test_sweep.py to assert that the query
count does not grow with the number of cases.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from datetime import date, timedelta
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from accounts.models import Unit, User
    from treatment_options.models import Offer

if __name__ == "__main__":
    # Run as a script: set Django up (on the benchmark database) before the models load.
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
    if not os.environ.get("DATABASE_URL"):
        path = Path(__file__).resolve().parent.parent / "var" / "bench" / "reminder_sweep.sqlite3"
        path.parent.mkdir(parents=True, exist_ok=True)
        os.environ["DATABASE_URL"] = f"sqlite:///{path}"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    os.environ.setdefault("LOG_LEVEL", "WARNING")
    import django

    django.setup()

from django.contrib.auth.models import Group
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from accounts.models import Unit, User
from accounts.roles import Role
from cases.models import Case, Citizen, TreatmentRequest
from cases.services.requests import case_clock_fields, first_request_for
from notifications.models import Notification
from notifications.sweep import reminder_sweep
from transitions.models import ActionItem, CheckIn, Transition
from treatment_options.models import Episode, Offer, Provider, TreatmentPlan

PREFIX = "BENCH-"
# What an i-th due case is due for (i % 9); see `build_sweep_data`.
KINDS = (
    "guarantee_due",
    "guarantee_breached",
    "doctor_consultation",
    "treatment_plan",
    "checkin",
    "action_item",
    "discharge",
    "no_outpatient_contact",
    "follow_up",
)


def bench_fixtures() -> dict[str, Any]:
    """The team, users and offers the generated cases refer to (made once)."""
    group, _ = Group.objects.get_or_create(name="Enhed: Bench Team")
    team, _ = Unit.objects.get_or_create(
        name="Bench Team", defaults={"kind": Unit.Kind.MUNICIPAL_TEAM, "group": group}
    )
    caseworker, _ = User.objects.get_or_create(
        username="bench_caseworker", defaults={"unit": team, "email": "bench@kommune.example"}
    )
    manager, created = User.objects.get_or_create(
        username="bench_manager", defaults={"unit": team, "email": "benchleder@kommune.example"}
    )
    if created:
        manager.groups.add(Group.objects.get_or_create(name=Role.MANAGER.value)[0])
    provider, _ = Provider.objects.get_or_create(
        name="Bench Døgn", defaults={"kind": Provider.Kind.MUNICIPAL}
    )
    residential, _ = Offer.objects.get_or_create(
        provider=provider, name="Bench døgnbehandling", defaults={"treatment_type": "residential"}
    )
    return {"team": team, "caseworker": caseworker, "offer": residential}


def build_sweep_data(
    n: int,
    *,
    today: date,
    caseworker: User,
    team: Unit,
    offer: Offer,
    due_every: int = 1,
    start: int = 0,
    prefix: str = PREFIX,
) -> int:
    """Bulk-insert `n` open cases numbered from `start`. Every `due_every`-th case is due for
    one rule (cycling through KINDS, so all nine rules find subjects); the others are in
    treatment with nothing due. Returns the number of due cases. A fixed number of bulk inserts,
    whatever n is."""

    def d(days: int) -> date:
        return today + timedelta(days=days)

    citizens = Citizen.objects.bulk_create(
        [Citizen(first_name="Bench", last_name=f"{start + i}") for i in range(n)]
    )
    cases: list[Case] = []
    kinds: list[str] = []
    for i, citizen in enumerate(citizens):
        number = start + i
        kind = KINDS[(number // due_every) % len(KINDS)] if number % due_every == 0 else "quiet"
        case = Case(
            number=f"{prefix}{number:07d}",
            citizen=citizen,
            legal_basis="SEL101",
            inquiry_date=d(-40),
            guarantee_deadline=d(-26),
            treatment_started_on=d(-30),
            status="in_treatment",
            team=team,
            caseworker=caseworker,
        )
        if kind in ("guarantee_due", "guarantee_breached"):
            deadline = d(3) if kind == "guarantee_due" else d(-2)
            case.status, case.treatment_started_on = "referred", None
            case.inquiry_date, case.guarantee_deadline = deadline - timedelta(14), deadline
        elif kind == "doctor_consultation":
            case.legal_basis, case.treatment_started_on = "SUL142", d(-2)
        elif kind == "follow_up":
            case.status = "aftercare"
        cases.append(case)
        kinds.append(kind)
    Case.objects.bulk_create(cases)
    # DESIGN §3: the guarantee belongs to the request: each case has its first request.
    requests = TreatmentRequest.objects.bulk_create([first_request_for(case) for case in cases])
    for case, request in zip(cases, requests, strict=True):
        case_clock_fields(case, request, today=today)
    Case.objects.bulk_update(cases, ["clock_request", "guarantee_deadline"])

    episodes: list[Episode] = []
    for case, kind in zip(cases, kinds, strict=True):
        episode = Episode(
            case=case,
            request=case.clock_request,
            offer=offer,
            referral_date=d(-35),
            actual_start=d(-30),
        )
        if kind == "treatment_plan":
            episode.actual_start = d(-10)
        elif kind in ("no_outpatient_contact", "follow_up"):
            end = d(-8) if kind == "no_outpatient_contact" else d(-28)
            episode.actual_end, episode.end_reason = end, "completed"
        elif kind in ("guarantee_due", "guarantee_breached"):
            episode.actual_start = None
        episodes.append(episode)
    Episode.objects.bulk_create(episodes)
    # Every started episode has its treatment plan, except the ones the reminder is to find.
    TreatmentPlan.objects.bulk_create(
        [
            TreatmentPlan(episode=episode, made_on=d(-28))
            for episode, kind in zip(episodes, kinds, strict=True)
            if episode.actual_start is not None and kind != "treatment_plan"
        ]
    )

    transitions: list[Transition] = []
    for case, kind, episode in zip(cases, kinds, episodes, strict=True):
        if kind not in ("checkin", "action_item", "discharge", "no_outpatient_contact"):
            continue
        transition = Transition(
            case=case,
            residential_episode=episode,
            planned_discharge_on=d(30),
            first_appointment_at=None,
        )
        if kind == "checkin":
            transition.discharged_on, transition.first_outpatient_contact_on = d(-14), d(-10)
            transition.status = Transition.Status.HANDED_OVER
        elif kind == "discharge":
            transition.planned_discharge_on = d(3)
        elif kind == "no_outpatient_contact":
            transition.discharged_on, transition.status = d(-8), Transition.Status.HANDED_OVER
        transitions.append(transition)
    Transition.objects.bulk_create(transitions)
    by_case = {t.case_id: t for t in transitions}
    CheckIn.objects.bulk_create(
        [
            CheckIn(case=c, transition=by_case[c.pk], label="2 uger", due_on=today)
            for c, k in zip(cases, kinds, strict=True)
            if k == "checkin"
        ]
    )
    ActionItem.objects.bulk_create(
        [
            ActionItem(
                case=c,
                transition=by_case[c.pk],
                text="Bench",
                owner=caseworker,
                due_on=d(1),
                created_by=caseworker,
            )
            for c, k in zip(cases, kinds, strict=True)
            if k == "action_item"
        ]
    )
    return sum(k != "quiet" for k in kinds)


def _percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    index = min(len(ordered) - 1, max(0, round(p / 100 * len(ordered) + 0.5) - 1))
    return ordered[index]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--cases", type=int, default=10_000, help="open cases (default 10000)")
    parser.add_argument("--runs", type=int, default=7, help="timed runs per mode (default 7)")
    parser.add_argument("--due-every", type=int, default=10, help="one case in N is due")
    parser.add_argument("--drop", action="store_true", help="delete the generated rows and exit")
    args = parser.parse_args()
    call_command("migrate", verbosity=0)

    bench_cases = Case.objects.filter(number__startswith=PREFIX)
    if args.drop:
        citizen_ids = list(bench_cases.values_list("citizen_id", flat=True))
        Notification.objects.filter(case__in=bench_cases).delete()
        bench_cases.delete()
        Citizen.objects.filter(pk__in=citizen_ids).delete()
        print("Benchmark rows deleted.")
        return

    today = timezone.localdate()
    existing = bench_cases.count()
    if existing < args.cases:
        started = time.perf_counter()
        build_sweep_data(
            args.cases - existing,
            today=today,
            due_every=args.due_every,
            start=existing,
            **bench_fixtures(),
        )
        print(f"Generated {args.cases - existing} cases in {time.perf_counter() - started:.1f} s")
    open_cases = Case.objects.exclude(status="closed").count()
    print(f"Database: {connection.vendor}, open cases: {open_cases}, sweep day: {today}")

    bench_notifications = Notification.objects.filter(case__number__startswith=PREFIX)
    reminder_sweep(today=today)  # warm-up: imports, URL resolver, content-type cache
    for mode in ("cold", "warm"):
        timings: list[float] = []
        queries: list[int] = []
        created = 0
        for _ in range(args.runs):
            if mode == "cold":
                bench_notifications.delete()
            with CaptureQueriesContext(connection) as ctx:
                started = time.perf_counter()
                created = reminder_sweep(today=today)
                timings.append(time.perf_counter() - started)
            queries.append(len(ctx.captured_queries))
        print(
            f"{mode:>4} ({'all notifications new' if mode == 'cold' else 'nothing new'}): "
            f"median {statistics.median(timings):.3f} s, p95 {_percentile(timings, 95):.3f} s, "
            f"queries {min(queries)}-{max(queries)}, notifications created {created}"
        )


if __name__ == "__main__":
    main()
