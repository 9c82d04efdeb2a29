"""A known set of cases for the manager report tests, written as plain specs.

The tests compute the expected figures from these specs with plain Python (tests/reports/
test_manager_report.py), independently of the report's database queries, and compare.
Period: June to November 2026, seen on 23 November 2026.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

from accounts.roles import Role
from tests import factories
from tests.builders import HandoverBuilder
from tests.clock import at

PERIOD_START = date(2026, 6, 1)
PERIOD_END = date(2026, 11, 30)


@dataclass(frozen=True)
class EpisodeSpec:
    kind: str  # "residential" or "outpatient"
    start: date
    end: date | None = None
    reason: str = ""
    # Handover (residential episodes only): discharge = end.
    contact: date | None = None
    meeting: datetime | None = None
    meeting_held: bool = True
    checkins: tuple[tuple[date | None, tuple[str, ...], bool], ...] = ()


@dataclass(frozen=True)
class CaseSpec:
    inquiry: date
    basis: str = "SEL101"
    started: date | None = None
    free_choice: bool = False
    regional: bool = False
    caseworker: str | None = "karin"
    closed_on: date | None = None
    team: str = "nord"
    citizen: str | None = None  # the same key = the same citizen
    episodes: tuple[EpisodeSpec, ...] = field(default_factory=tuple)


def residential(start, end=None, reason="", **kwargs) -> EpisodeSpec:
    return EpisodeSpec("residential", start, end, reason, **kwargs)


def outpatient(start, end=None, reason="", **kwargs) -> EpisodeSpec:
    """An outpatient episode; its check-ins are an outpatient-only course's (no transition)."""
    return EpisodeSpec("outpatient", start, end, reason, **kwargs)


SPECS: tuple[CaseSpec, ...] = (
    # June
    CaseSpec(
        date(2026, 6, 2),
        started=date(2026, 6, 10),
        episodes=(
            residential(
                date(2026, 6, 10),
                date(2026, 7, 20),
                "completed",
                contact=date(2026, 7, 22),
                meeting=at(date(2026, 7, 15)),
                checkins=(
                    (date(2026, 7, 18), ("network", "relapse"), True),
                    (date(2026, 8, 5), ("work",), False),
                    (None, (), False),
                ),
            ),
        ),
    ),
    CaseSpec(
        date(2026, 6, 5),
        "SUL141",
        started=date(2026, 6, 25),
        caseworker="peter",
        episodes=(outpatient(date(2026, 6, 25), date(2026, 8, 30), "no_show"),),
    ),
    CaseSpec(date(2026, 6, 15), "SEL101A", started=date(2026, 6, 16), caseworker=None),
    CaseSpec(
        date(2026, 6, 20),
        "SUL142",
        started=date(2026, 7, 4),
        episodes=(
            residential(
                date(2026, 7, 4),
                date(2026, 8, 10),
                "completed",
                contact=date(2026, 8, 19),
                meeting=at(date(2026, 8, 10), 9),
                checkins=((date(2026, 8, 24), ("network", "housing", "work"), False),),
            ),
        ),
    ),
    CaseSpec(date(2026, 6, 28), free_choice=True, started=date(2026, 8, 1), caseworker="peter"),
    # July
    CaseSpec(
        date(2026, 7, 1),
        started=date(2026, 7, 16),
        episodes=(
            residential(
                date(2026, 7, 16),
                date(2026, 9, 5),
                "wanted_stop",
                meeting=at(date(2026, 9, 1)),
                meeting_held=False,
            ),
        ),
    ),
    CaseSpec(date(2026, 7, 10), "BL33", started=date(2026, 7, 12), caseworker="peter"),
    CaseSpec(date(2026, 7, 20), regional=True, caseworker=None),
    # August
    CaseSpec(date(2026, 8, 3)),  # never started: breached, still waiting
    CaseSpec(
        date(2026, 8, 12),
        "SUL141",
        started=date(2026, 8, 20),
        episodes=(
            residential(
                date(2026, 8, 20),
                date(2026, 10, 1),
                "completed",
                contact=date(2026, 10, 6),
                meeting=at(date(2026, 10, 3)),
                checkins=((date(2026, 10, 15), ("finances",), False),),
            ),
        ),
    ),
    # September
    CaseSpec(
        date(2026, 9, 1),
        "SUL141",
        started=date(2026, 9, 14),
        caseworker="peter",
        episodes=(
            outpatient(
                date(2026, 9, 14),
                date(2026, 11, 2),
                "expelled",
                checkins=(
                    (date(2026, 9, 28), ("housing", "relapse"), True),
                    (date(2026, 10, 26), ("health", "network"), False),
                    (None, (), False),
                ),
            ),
        ),
    ),
    CaseSpec(
        date(2026, 9, 9),
        started=date(2026, 9, 30),
        episodes=(
            residential(
                date(2026, 9, 30),
                date(2026, 10, 20),
                "other_offer",
                contact=date(2026, 10, 20),
                checkins=((date(2026, 10, 30), ("relationships", "network"), True),),
            ),
        ),
    ),
    CaseSpec(date(2026, 9, 20), started=date(2026, 9, 25), citizen="returner-1"),
    # October
    CaseSpec(date(2026, 10, 5), started=date(2026, 10, 15), caseworker="peter"),
    CaseSpec(date(2026, 10, 20), "SUL141", started=date(2026, 10, 22), citizen="returner-2"),
    # November
    CaseSpec(date(2026, 11, 5), "SUL142", started=date(2026, 11, 10)),
    CaseSpec(date(2026, 11, 12)),  # deadline 26 November: still running on the 23rd
    # Before the period: they count in the caseload, not in the guarantee figures.
    CaseSpec(
        date(2026, 1, 10),
        started=date(2026, 1, 20),
        closed_on=date(2026, 5, 20),
        citizen="returner-1",
        episodes=(outpatient(date(2026, 1, 20), date(2026, 5, 20), "completed"),),
    ),
    CaseSpec(
        date(2026, 3, 1),
        started=date(2026, 3, 10),
        closed_on=date(2026, 7, 1),
        citizen="returner-2",
        caseworker="peter",
        episodes=(
            residential(
                date(2026, 3, 10),
                date(2026, 5, 1),
                "completed",
                contact=date(2026, 5, 3),
                checkins=((date(2026, 5, 10), ("work",), False),),
            ),
        ),
    ),
    CaseSpec(date(2026, 4, 1), started=date(2026, 4, 8)),
    # Another team's cases: never in Team Nord's report.
    CaseSpec(
        date(2026, 6, 3),
        started=date(2026, 7, 1),
        team="syd",
        caseworker="ole",
        episodes=(
            residential(
                date(2026, 7, 1),
                date(2026, 8, 1),
                "no_show",
                contact=date(2026, 8, 2),
                meeting=at(date(2026, 7, 25)),
                checkins=((date(2026, 8, 10), ("network",), False),),
            ),
        ),
    ),
    CaseSpec(date(2026, 8, 1), "SUL141", team="syd", caseworker="ole"),
)


def build(
    *, team_nord, team_syd, residential_offer, outpatient_offer, caseworker, other_team_caseworker
) -> dict[str, object]:
    """Create the cases, episodes, handovers, meetings and check-ins of SPECS."""
    peter = factories.UserFactory(
        username="peter",
        first_name="Peter",
        last_name="Poulsen",
        unit=team_nord,
        role=Role.CASEWORKER,
    )
    workers = {"karin": caseworker, "peter": peter, "ole": other_team_caseworker, None: None}
    teams = {"nord": team_nord, "syd": team_syd}
    citizens: dict[str, object] = {}
    author = caseworker
    for index, spec in enumerate(SPECS):
        if spec.citizen and spec.citizen in citizens:
            citizen = citizens[spec.citizen]
        else:
            anonymous = spec.basis == "SEL101A"
            citizen = factories.CitizenFactory(
                is_anonymous=anonymous,
                birth_date=date(1980, 1, 1),
                # Outside the factory's 0101YY-series, so never a clash with other fixtures.
                cpr=None if anonymous else f"1512{60 + index % 30:02d}-{7000 + index:04d}",
            )
            if spec.citizen:
                citizens[spec.citizen] = citizen
        covered = spec.basis != "SEL101A" and not spec.regional
        case = factories.CaseFactory(
            citizen=citizen,
            team=teams[spec.team],
            caseworker=workers[spec.caseworker],
            legal_basis=spec.basis,
            inquiry_date=spec.inquiry,
            guarantee_deadline=spec.inquiry + timedelta(days=14) if covered else None,
            treatment_started_on=spec.started,
            free_choice=spec.free_choice,
            regional_dual_diagnosis=spec.regional,
            closed_on=spec.closed_on,
            status="closed" if spec.closed_on else "in_treatment" if spec.started else "assessment",
        )
        for episode_spec in spec.episodes:
            if episode_spec.kind != "residential":
                factories.EpisodeFactory(
                    case=case,
                    offer=outpatient_offer,
                    referral_date=spec.inquiry,
                    actual_start=episode_spec.start,
                    actual_end=episode_spec.end,
                    end_reason=episode_spec.reason,
                    free_choice=spec.free_choice,
                )
                for answered, themes, follow_up in episode_spec.checkins:
                    factories.CheckInFactory(
                        case=case,
                        transition=None,
                        label="Tjek-ind",
                        due_on=answered or episode_spec.start + timedelta(weeks=12),
                        answered_at=at(answered) if answered else None,
                        answer="Svar" if answered else "",
                        themes=list(themes),
                        needs_follow_up=follow_up,
                    )
                continue
            assert episode_spec.end is not None, "a residential episode ends (discharge)"
            meetings = [
                {
                    "starts_at": episode_spec.meeting,
                    "held": episode_spec.meeting_held,
                    "created_by": author,
                }
            ]
            HandoverBuilder(case, residential_offer=residential_offer).rows(
                stage="completed",
                start=episode_spec.start,
                discharged_on=episode_spec.end,
                residential_episode={
                    "referral_date": spec.inquiry,
                    "end_reason": episode_spec.reason,
                    "free_choice": spec.free_choice,
                },
                first_outpatient_contact_on=episode_spec.contact,
                meetings=meetings if episode_spec.meeting else [],
                checkins=[
                    {
                        "label": "Tjek-ind",
                        "due_on": answered or episode_spec.end + timedelta(weeks=6),
                        "answered_at": at(answered) if answered else None,
                        "answer": "Svar" if answered else "",
                        "themes": list(themes),
                        "needs_follow_up": follow_up,
                    }
                    for answered, themes, follow_up in episode_spec.checkins
                ],
            )
    return {"peter": peter}
