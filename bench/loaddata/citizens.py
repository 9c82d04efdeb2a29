"""Phase 2: citizens and their cases. For each citizen one or more courses over the window, only
the newest of them open, and the case numbers."""

from __future__ import annotations

import random
from datetime import date, timedelta
from typing import cast

from cases.models import Case, Citizen, LegalBasis

from .constants import WINDOW_DAYS, S
from .courses import course_in_state, simulate_course
from .plans import CasePlan, CitizenPlan, Course, Org, TeamInfo
from .texts import FEMALE, LAST, MALE, POSTAL, STREETS, phone_number, slug

OPEN_STATUS_WEIGHTS: dict[str, float] = {
    # The state of a citizen's newest case today. Earlier cases are always closed (about a
    # quarter of all cases). The first states last days, treatment and aftercare months, so with
    # ~70 inquiries a day (100,000 over four years) few cases are in the first states at once:
    # about 200 in inquiry, 650 in assessment and 800 referred.
    S.CLOSED: 61.7,
    S.AFTERCARE: 17,
    S.IN_TREATMENT: 19,
    S.REFERRED: 1.1,
    S.ASSESSMENT: 0.9,
    S.INQUIRY: 0.3,
}


DRUGS = ["cannabis", "cocaine", "amphetamine", "opioids", "benzodiazepines", "other"]
DRUG_WEIGHTS = [50, 25, 15, 8, 6, 2]


def simulate_citizens(
    rng: random.Random, org: Org, *, cases: int, today: date
) -> list[CitizenPlan]:
    # cpr__isnull=False: no None among them.
    used_cpr = cast(
        set[str], set(Citizen.objects.filter(cpr__isnull=False).values_list("cpr", flat=True))
    )
    window_start = today - timedelta(days=WINDOW_DAYS)
    citizens: list[CitizenPlan] = []
    total = 0
    # The first citizens' newest cases take every state once, so that even a small data set
    # has each of them.
    forced = list(OPEN_STATUS_WEIGHTS)
    statuses, weights = list(OPEN_STATUS_WEIGHTS), list(OPEN_STATUS_WEIGHTS.values())
    while total < cases:
        anonymous = rng.random() < 0.05
        youth = not anonymous and rng.random() < 0.04
        citizen = _new_citizen(rng, today=today, anonymous=anonymous, youth=youth, used=used_cpr)
        if youth:
            team = org.youth_team
            local = org.youth_outpatient
        else:
            team = rng.choices(org.teams, org.team_weights)[0]
            local = org.outpatient[team.outpatient]
        wanted = min(rng.choices((1, 2, 3, 4), (68, 22, 7, 3))[0], cases - total)
        status = forced.pop(0) if forced else rng.choices(statuses, weights)[0]
        category = _category(rng, anonymous)
        course, cut = course_in_state(rng, org, local, category, status)
        plans = [(course, cut, today - timedelta(days=cut))]
        # Earlier courses, each closed some time before the next began.
        while len(plans) < wanted:
            next_inquiry = plans[-1][2]
            category = _category(rng, anonymous)
            course = simulate_course(rng, org, local, category, force_completed=False)
            end = next_inquiry - timedelta(days=rng.randint(20, 500))
            inquiry = end - timedelta(days=course.length)
            if inquiry < window_start:
                break
            plans.append((course, (today - inquiry).days, inquiry))
        for course, cut, inquiry in reversed(plans):
            citizen.cases.append(_case_plan(rng, course, cut, inquiry, team, citizen))
        total += len(plans)
        citizens.append(citizen)
    return citizens


def _category(rng: random.Random, anonymous: bool) -> str:
    if anonymous:
        return "anonymous" if rng.random() < 0.8 else "alcohol"
    return rng.choices(("drug", "alcohol", "medical"), (45, 38, 17))[0]


def _new_citizen(
    rng: random.Random, *, today: date, anonymous: bool, youth: bool, used: set[str]
) -> CitizenPlan:
    male = rng.random() < 0.68  # most citizens in substance-abuse treatment are men
    first = rng.choice(MALE if male else FEMALE)
    last = rng.choice(LAST)
    postal_code, city = rng.choice(POSTAL)
    address = f"{rng.choice(STREETS)} {rng.randint(1, 250)}"
    if rng.random() < 0.4:
        address += f", {rng.randint(1, 5)}. {rng.choice(('tv', 'th', 'mf'))}"
    phone = phone_number(rng) if rng.random() < 0.85 else ""
    if anonymous:
        # SEL § 101 a: no CPR number and no name, only an alias the citizen chooses.
        alias = f"{first} {rng.choice('ABCDEFGHIJKLMNOPRSTV')}."
        return CitizenPlan("", "", None, None, alias, "", "", "", phone, "")
    if youth:
        born = today - timedelta(days=rng.randint(int(14.5 * 365), 19 * 365))
    else:
        born = today - timedelta(days=int(rng.triangular(23, 72, 38) * 365.25))
    cpr = _cpr(rng, born, male, used)
    email = ""
    if rng.random() < 0.35:
        email = f"{slug(first)}.{slug(last)}{rng.randint(1, 999)}@mail.example"
    return CitizenPlan(first, last, cpr, born, "", address, postal_code, city, phone, email)


def _cpr(rng: random.Random, born: date, male: bool, used: set[str]) -> str:
    """A CPR number for the birth date whose 7th digit gives the right century (cases.cpr):
    0-3 for 1900-1999, 4 or 9 for 2000-2036. The last digit is odd for men, even for women."""
    while True:
        seventh = rng.randint(0, 3) if born.year < 2000 else rng.choice((4, 9))
        last = rng.choice((1, 3, 5, 7, 9) if male else (0, 2, 4, 6, 8))
        number = f"{born:%d%m%y}-{seventh}{rng.randint(0, 99):02d}{last}"
        if number not in used:
            used.add(number)
            return number


def _case_plan(
    rng: random.Random,
    course: Course,
    cut: int,
    inquiry: date,
    team: TeamInfo,
    citizen: CitizenPlan,
) -> CasePlan:
    if course.category == "anonymous":
        basis = LegalBasis.SEL101A
    elif course.category == "alcohol":
        basis = LegalBasis.SUL141
    elif course.category == "medical":
        basis = LegalBasis.SUL142
    elif citizen.birth_date is not None and _age_on(citizen.birth_date, inquiry) < 18:
        basis = LegalBasis.BL33  # Barnets lov § 33: drug treatment under 18
    else:
        basis = LegalBasis.SEL101
    if course.category == "alcohol":
        substances = ["alcohol"]
        if rng.random() < 0.15:
            substances.append("benzodiazepines")
    elif course.category == "medical":
        substances = ["opioids"] + (["benzodiazepines"] if rng.random() < 0.3 else [])
    else:
        count = rng.choices((1, 2, 3), (60, 30, 10))[0]
        substances = list(dict.fromkeys(rng.choices(DRUGS, DRUG_WEIGHTS, k=count)))
    caseworker: int | None = rng.choices(team.caseworkers, team.weights)[0]
    if cut < 3 and rng.random() < 0.5:
        caseworker = None  # a fresh inquiry not yet assigned
    return CasePlan(course, cut, inquiry, team, caseworker, basis, substances)


def _age_on(born: date, day: date) -> int:
    return day.year - born.year - ((day.month, day.day) < (born.month, born.day))


def assign_numbers(citizens: list[CitizenPlan]) -> None:
    """ "YYYY-NNNNN" as cases.services numbers them: per inquiry year, in inquiry order, after the
    highest number of that year already in the database (the demo data's)."""
    plans = sorted(
        (plan for citizen in citizens for plan in citizen.cases), key=lambda p: p.inquiry
    )
    last: dict[int, int] = {}
    for year in {plan.inquiry.year for plan in plans}:
        prefix = f"{year:04d}-"
        numbers = Case.objects.filter(number__startswith=prefix).values_list("number", flat=True)
        last[year] = max(
            (int(n[len(prefix) :]) for n in numbers if n[len(prefix) :].isdigit()), default=0
        )
    for plan in plans:
        year = plan.inquiry.year
        last[year] += 1
        plan.number = f"{year:04d}-{last[year]:05d}"
