"""Benchmark: the manager report (statistics, PDF and CSV) for a unit with many cases.

    .venv/bin/python bench/manager_report.py               # 10,000 cases, PDF and CSV
    .venv/bin/python bench/manager_report.py --cases 50000
    DATABASE_URL=postgres://... .venv/bin/python bench/manager_report.py

Builds the data set in the configured database with bulk inserts the first time (a unit called
"Bench: Team Stor" with its own caseworkers, providers, citizens and cases; case numbers
"B0000001"...), and reuses it afterwards, adding cases only when more are asked for. Prints the
seconds and the number of queries of each step; the query count must not grow with the number
of cases (tests/reports/test_manager_report.py asserts that for 10 and 100 cases).
"""

from __future__ import annotations

import argparse
import os
import random
import sys
import time
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any

if __name__ == "__main__":
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    import django

    django.setup()

from django.contrib.auth.models import Group
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from accounts.models import Unit, User
from cases.models import Case, Citizen, TreatmentRequest
from cases.services.requests import case_clock_fields, first_request_for
from reports import documents, register_extracts, selectors
from reports.register_codes import Register
from transitions.models import CheckIn, StatusMeeting, Transition
from treatment_options.models import Episode, Offer, Provider

UNIT_NAME = "Bench: Team Stor"
SEED = 20261123
BATCH = 2000
LEGAL_BASES = ["SEL101"] * 5 + ["SUL141"] * 3 + ["SUL142", "BL33", "SEL101A"]
END_REASONS = ["completed"] * 6 + ["no_show", "wanted_stop", "expelled", "other_offer", "moved"]
THEMES = ["network", "housing", "work", "relapse", "finances", "health", "relationships", "other"]
FIRST_NAMES = ["Mette", "Lars", "Sofie", "Jens", "Anne", "Peter", "Camilla", "Mads", "Ida", "Ole"]
LAST_NAMES = ["Hansen", "Nielsen", "Jensen", "Pedersen", "Andersen", "Christensen", "Larsen"]


@dataclass(frozen=True)
class BenchUnits:
    team: Unit
    residential: Unit
    outpatient: Unit


def _unit(name: str, kind: str) -> Unit:
    group, _ = Group.objects.get_or_create(name=f"Enhed: {name}")
    unit, _ = Unit.objects.get_or_create(name=name, defaults={"kind": kind, "group": group})
    return unit


def _setup(unit_name: str) -> tuple[BenchUnits, list[User], Offer, Offer]:
    units = BenchUnits(
        team=_unit(unit_name, Unit.Kind.MUNICIPAL_TEAM),
        residential=_unit(f"{unit_name} - døgn", Unit.Kind.RESIDENTIAL),
        outpatient=_unit(f"{unit_name} - ambulant", Unit.Kind.OUTPATIENT),
    )
    prefix = f"bench{units.team.pk}"
    caseworkers = []
    for index in range(12):
        user, created = User.objects.get_or_create(
            username=f"{prefix}_cw{index:02d}",
            defaults={
                "first_name": FIRST_NAMES[index % len(FIRST_NAMES)],
                "last_name": f"Bench{index:02d}",
                "unit": units.team,
            },
        )
        if created:
            user.set_unusable_password()
            user.save(update_fields=["password"])
        caseworkers.append(user)
    residential_provider, _ = Provider.objects.get_or_create(
        name=f"{unit_name} - Døgncenter", defaults={"kind": "municipal", "unit": units.residential}
    )
    outpatient_provider, _ = Provider.objects.get_or_create(
        name=f"{unit_name} - Ambulatorium", defaults={"kind": "municipal", "unit": units.outpatient}
    )
    residential_offer, _ = Offer.objects.get_or_create(
        provider=residential_provider,
        name="Døgnbehandling",
        defaults={"treatment_type": "residential", "legal_bases": LEGAL_BASES},
    )
    outpatient_offer, _ = Offer.objects.get_or_create(
        provider=outpatient_provider,
        name="Ambulant efterbehandling",
        defaults={"treatment_type": "aftercare", "legal_bases": LEGAL_BASES},
    )
    return units, caseworkers, residential_offer, outpatient_offer


def _at(day: date, hour: int) -> datetime:
    return timezone.make_aware(datetime(day.year, day.month, day.day, hour))


@transaction.atomic
def ensure_dataset(
    n_cases: int, *, unit_name: str = UNIT_NAME, today: date | None = None, seed: int = SEED
) -> Unit:
    """A unit with (at least) `n_cases` cases, each with the episodes, handovers, meetings and
    check-ins a real unit has, made with bulk inserts. Existing cases are kept."""
    today = today or timezone.localdate()
    units, caseworkers, residential_offer, outpatient_offer = _setup(unit_name)
    prefix = f"B{units.team.pk}-"
    existing = Case.objects.filter(team=units.team, number__startswith=prefix).count()
    if existing >= n_cases:
        return units.team
    rng = random.Random(seed + existing)
    author = caseworkers[0]

    # Every eleventh case is a return: the same citizen as the case before, which is closed.
    plans: list[dict[str, Any]] = []
    for index in range(existing, n_cases):
        is_return = index % 11 == 10 and plans and plans[-1]["closed_on"] is not None
        inquiry = today - timedelta(days=rng.randint(0, 700))
        if is_return:
            inquiry = min(today, plans[-1]["closed_on"] + timedelta(days=rng.randint(5, 60)))
        basis = rng.choice(LEGAL_BASES)
        started = inquiry + timedelta(days=rng.randint(1, 24)) if rng.random() < 0.85 else None
        if started and started > today:
            started = None
        closed_on = None
        if started and rng.random() < 0.45:
            closed_on = started + timedelta(days=rng.randint(30, 200))
            if closed_on > today:
                closed_on = None
        plans.append(
            {
                "index": index,
                "return_of": len(plans) - 1 if is_return else None,
                "inquiry": inquiry,
                "basis": basis,
                "started": started,
                "closed_on": closed_on,
                "free_choice": rng.random() < 0.05,
                "caseworker": rng.choice([*caseworkers, None]),
                "residential": started is not None and rng.random() < 0.4,
            }
        )

    new_citizens = [
        Citizen(
            first_name=rng.choice(FIRST_NAMES),
            last_name=rng.choice(LAST_NAMES),
            # No CPR numbers: a generated one could clash with a real (demo) citizen's.
            cpr=None,
            is_anonymous=plan["basis"] == "SEL101A",
        )
        for plan in plans
        if plan["return_of"] is None
    ]
    Citizen.objects.bulk_create(new_citizens, batch_size=BATCH)
    citizens = iter(new_citizens)
    cases: list[Case] = []
    for plan in plans:
        citizen = (
            cases[plan["return_of"]].citizen if plan["return_of"] is not None else next(citizens)
        )
        covered = plan["basis"] != "SEL101A"
        status = (
            "closed" if plan["closed_on"] else "in_treatment" if plan["started"] else "assessment"
        )
        cases.append(
            Case(
                number=f"{prefix}{plan['index'] + 1:07d}",
                citizen=citizen,
                legal_basis=plan["basis"],
                substances=["alcohol"] if plan["basis"] == "SUL141" else ["cannabis"],
                inquiry_date=plan["inquiry"],
                status=status,
                team=units.team,
                caseworker=plan["caseworker"],
                guarantee_deadline=plan["inquiry"] + timedelta(days=14) if covered else None,
                treatment_started_on=plan["started"],
                free_choice=plan["free_choice"],
                closed_on=plan["closed_on"],
            )
        )
    Case.objects.bulk_create(cases, batch_size=BATCH)
    # DESIGN §3: the guarantee belongs to the request: each case has its first request.
    requests = TreatmentRequest.objects.bulk_create(
        [first_request_for(case) for case in cases], batch_size=BATCH
    )
    for case, request in zip(cases, requests, strict=True):
        case_clock_fields(case, request, today=today)
    Case.objects.bulk_update(cases, ["clock_request", "guarantee_deadline"], batch_size=BATCH)

    episodes, handovers = [], []
    for plan, case in zip(plans, cases, strict=True):
        started = plan["started"]
        if started is None:
            continue
        if plan["residential"]:
            end = started + timedelta(days=rng.randint(40, 100))
            ended = end <= today
            residential = Episode(
                case=case,
                request=case.clock_request,
                offer=residential_offer,
                referral_date=plan["inquiry"],
                actual_start=started,
                actual_end=end if ended else None,
                end_reason=rng.choice(END_REASONS) if ended else "",
                free_choice=plan["free_choice"],
            )
            episodes.append(residential)
            if ended:
                contact = end + timedelta(days=rng.randint(-1, 20)) if rng.random() < 0.9 else None
                if contact and contact > today:
                    contact = None
                if contact:
                    episodes.append(
                        Episode(
                            case=case,
                            request=case.clock_request,
                            offer=outpatient_offer,
                            referral_date=end,
                            actual_start=contact,
                        )
                    )
                handovers.append((case, residential, end, contact))
        else:
            end = started + timedelta(days=rng.randint(30, 240))
            ended = end <= today
            episodes.append(
                Episode(
                    case=case,
                    request=case.clock_request,
                    offer=outpatient_offer,
                    referral_date=plan["inquiry"],
                    actual_start=started,
                    actual_end=end if ended else None,
                    end_reason=rng.choice(END_REASONS) if ended else "",
                    free_choice=plan["free_choice"],
                )
            )
    Episode.objects.bulk_create(episodes, batch_size=BATCH)

    transitions = [
        Transition(
            case=case,
            residential_episode=episode,
            planned_discharge_on=end,
            discharged_on=end,
            first_outpatient_contact_on=contact,
            status=Transition.Status.COMPLETED,
        )
        for case, episode, end, contact in handovers
    ]
    Transition.objects.bulk_create(transitions, batch_size=BATCH)
    meetings, checkins = [], []
    for transition in transitions:
        discharge = transition.discharged_on
        assert discharge is not None  # every transition above is built discharged
        meetings.append(
            StatusMeeting(
                transition=transition,
                starts_at=_at(discharge - timedelta(days=rng.randint(-3, 10)), 13),
                held=rng.random() < 0.85,
                created_by=author,
            )
        )
        for weeks in (0, 2):
            answered = discharge + timedelta(weeks=weeks)
            if answered > today:
                continue
            checkins.append(
                CheckIn(
                    case_id=transition.case_id,
                    transition=transition,
                    label=f"{weeks} uger efter udskrivning" if weeks else "Afsluttende samtale",
                    due_on=answered,
                    answered_at=_at(answered, 11),
                    answer="Svar",
                    themes=rng.sample(THEMES, rng.randint(1, 3)),
                    needs_follow_up=rng.random() < 0.2,
                )
            )
    StatusMeeting.objects.bulk_create(meetings, batch_size=BATCH)
    CheckIn.objects.bulk_create(checkins, batch_size=BATCH)
    return units.team


def _measure(label: str, function: Any) -> Any:
    with CaptureQueriesContext(connection) as queries:
        started = time.perf_counter()
        result = function()
        seconds = time.perf_counter() - started
    print(f"{label:<28} {seconds:8.2f} s {len(queries):6d} queries")
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--cases", type=int, default=10_000)
    parser.add_argument("--months", type=int, default=12, help="report period in months")
    args = parser.parse_args()

    today = timezone.localdate()
    started = time.perf_counter()
    unit = ensure_dataset(args.cases)
    total = Case.objects.filter(team=unit).count()
    print(f"data set: {total} cases in {unit.name} ({time.perf_counter() - started:.1f} s)")
    period_start = today.replace(day=1)
    for _month in range(args.months - 1):
        period_start = (period_start - timedelta(days=1)).replace(day=1)
    period = selectors.Period(period_start, today)
    manager = User.objects.filter(unit=unit).first()
    assert manager is not None  # ensure_dataset gives the unit its staff
    print(f"period: {period.start} to {period.end}, database: {connection.vendor}")
    _measure(
        "statistics (selectors)",
        lambda: selectors.manager_report(unit=unit, period=period, today=today),
    )
    pdf = _measure(
        "PDF (statistics + render)",
        lambda: documents.manager_report_pdf(unit=unit, period=period, user=manager, today=today),
    )
    csv = _measure(
        "CSV (all breaches)",
        lambda: documents.manager_report_csv(unit=unit, period=period, user=manager, today=today),
    )
    month = selectors.month_period(today.replace(day=1) - timedelta(days=1))
    extract = _measure(
        "register extract (1 month, drug register, social part)",
        lambda: register_extracts.register_extract_csv(
            unit=unit, period=month, register=Register.DRUG_SOCIAL
        ),
    )
    print(
        f"sizes: PDF {len(pdf) // 1024} kB, CSV {len(csv) // 1024} kB, "
        f"extract {len(extract) // 1024} kB"
    )


if __name__ == "__main__":
    main()
