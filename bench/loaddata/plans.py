"""The in-memory model of the organisation and of a course, simulated before anything is
written."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from .constants import S


@dataclass(slots=True)
class OfferInfo:
    pk: int
    group_id: int | None  # the provider's unit group: who gets access while an episode is open
    therapists: list[int]


@dataclass(slots=True)
class TeamInfo:
    unit_id: int
    group_id: int
    caseworkers: list[int]
    weights: list[float]
    outpatient: int  # index into Org.outpatient


@dataclass(slots=True)
class OutpatientInfo:
    outpatient: OfferInfo
    day: OfferInfo
    anonymous: OfferInfo
    aftercare: OfferInfo


@dataclass
class Org:
    teams: list[TeamInfo]
    team_weights: list[float]
    youth_team: TeamInfo
    outpatient: list[OutpatientInfo]
    youth_outpatient: OutpatientInfo
    residential: list[OfferInfo]  # with a unit, then the private ones without
    detox: list[OfferInfo]
    view_perm_id: int
    change_perm_id: int


@dataclass(slots=True)
class Ep:
    offer: OfferInfo
    referral: int  # days after the inquiry
    planned_start: int
    start: int
    end: int
    planned_end: int | None
    end_reason: str
    free_choice: bool = False


@dataclass(slots=True)
class Tr:
    residential: int  # index into Course.episodes
    outpatient: int | None
    residential_therapist: int | None
    outpatient_therapist: int | None
    cancelled: int | None  # day, or None
    completed: int | None
    first_contact: int | None
    missed_first: bool


@dataclass(slots=True)
class Course:
    """A whole simulated course, from inquiry to closing, in days after the inquiry."""

    category: str  # drug | alcohol | medical | anonymous
    moves: list[tuple[int, str, str]]  # (day, action, target status)
    episodes: list[Ep]
    decision: int | None
    decision_result: str
    doctor: int | None
    closed_reason: str
    transition: Tr | None
    regional_dual_diagnosis: bool

    def intervals(self, status: str) -> list[tuple[int, int | None]]:
        """The day ranges [from, to) during which the case is in `status` (to None: for ever)."""
        spans: list[tuple[int, int | None]] = []
        current, since = S.INQUIRY.value, 0
        for day, _action, target in self.moves:
            if current == status and day > since:
                spans.append((since, day))
            current, since = target, day
        if current == status:
            spans.append((since, None))
        return spans

    @property
    def length(self) -> int:
        return self.moves[-1][0] if self.moves else 0


@dataclass(slots=True)
class CasePlan:
    course: Course
    cut: int  # the day of the course that is "today"
    inquiry: date
    team: TeamInfo
    caseworker: int | None
    legal_basis: str
    substances: list[str]
    number: str = ""


@dataclass(slots=True)
class CitizenPlan:
    first_name: str
    last_name: str
    cpr: str | None
    birth_date: date | None
    alias: str
    address: str
    postal_code: str
    city: str
    phone: str
    email: str
    cases: list[CasePlan] = field(default_factory=list)
