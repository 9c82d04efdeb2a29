"""The access walk's world (issue 11, acceptance 1): two municipal teams, two residential
institutions and two outpatient units, the people of each, and two cases whose relationships
are put in one of `STATES` under the frozen clock.

- case A ("Nord"): Team 1, caseworker cw1, an episode at residential institution 1, a handover
  to outpatient unit 1 naming outpatient therapist ot1 (planning, or completed).
- case B ("Syd"): Team 2, caseworker cw2, an episode at residential institution 2, a handover
  to outpatient unit 2 naming ot2 (planning).

Every citizen has a name and a CPR number found nowhere else, so a body that shows them has
leaked a case. Beside the cases, a citizen registered by Team 1 without any case (issue 15):
Team 1's until a case exists, foreign to everybody else.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

from axes.models import AccessAttempt, AccessFailureLog
from axes.models import AccessLog as AxesAccessLog
from django.utils import timezone

from accounts.models import Unit
from accounts.roles import Role
from cases.models import TemporaryCaseAccess
from cases.services import case_assign, case_break_glass
from tests import factories
from tests.builders import HandoverBuilder
from tests.clock import NOW
from treatment_options.services import episode_end

# The relationship states the walk runs in (DESIGN §1), each under its own frozen instant.
STATES = (
    "open",  # both cases as built: open episodes, handovers in planning
    "handover_day_29",  # case A's handover completed 29 days ago: rt1 still reads A
    "handover_day_31",  # ... 31 days ago: rt1 has lost A
    "glass_3_9h",  # cw2 broke the glass on case A 3.9 hours ago: cw2 reads A
    "glass_4_1h",  # ... 4.1 hours ago: cw2 has lost A
    "reassigned",  # mgr1 moved case A to Team 2 and cw2: Team 1 has lost A
    "episode_ended",  # case A's residential episode ended without a handover: institution 1 lost A
)

# Who the walk logs in as: a name for each user kind, and the unit kind and role it has.
USER_KINDS = (
    "cw1",  # caseworker, Team 1
    "cw2",  # caseworker, Team 2
    "mgr1",  # manager, Team 1
    "mgr2",  # manager, Team 2
    "rt1",  # residential therapist, institution 1
    "rt2",  # residential therapist, institution 2
    "rmgr1",  # manager, residential institution 1
    "ot1",  # outpatient therapist, outpatient unit 1
    "ot2",  # outpatient therapist, outpatient unit 2
    "omgr1",  # manager, outpatient unit 1
    "admin",  # system administrator (staff, the Administrator role)
    "root",  # superuser (staff, every model permission, no unit)
    "anonymous",
)


@dataclass
class CaseRows:
    """One case and every object under it the URLs take an id of."""

    case: Any
    handover: Any
    residential_episode: Any
    marker_names: tuple[str, ...]
    cpr: str
    consent: Any = None
    notifications: list[Any] = field(default_factory=list)

    @property
    def citizen(self) -> Any:
        return self.case.citizen


@dataclass
class World:
    state: str
    units: dict[str, Any]
    users: dict[str, Any]
    cases: dict[str, CaseRows]
    # Report jobs and notifications by the user they belong to.
    jobs: dict[str, Any] = field(default_factory=dict)
    notifications: dict[str, Any] = field(default_factory=dict)
    break_glass_at: Any = None
    completed_on: date | None = None
    # Registered by Team 1, no case: (citizen, marker names, CPR number).
    caseless: Any = None
    caseless_markers: tuple[str, ...] = ()


def _user(username: str, unit: Any, role: str) -> Any:
    return factories.UserFactory(
        username=username, first_name=username.upper(), last_name="Walk", unit=unit, role=role
    )


def _case(
    letter: str, team: Any, caseworker: Any, offer: Any, rt: Any, ot: Any, cpr: str
) -> CaseRows:
    first, last = f"Zephyrine{letter}", f"Quortwell{letter}"
    case: Any = factories.CaseFactory(
        team=team,
        caseworker=caseworker,
        inquiry_date=date.today() - timedelta(days=40),
        citizen=factories.CitizenFactory(first_name=first, last_name=last, cpr=cpr),
    )
    case.status = "in_treatment"
    case.treatment_started_on = case.inquiry_date + timedelta(days=3)
    case.save()
    episode = factories.EpisodeFactory(
        case=case, offer=offer, actual_start=case.treatment_started_on
    )
    builder = HandoverBuilder(
        case, residential_therapist=rt, outpatient_therapist=ot, caseworker=caseworker
    )
    return CaseRows(
        case=case,
        handover=builder,
        residential_episode=episode,
        marker_names=(first, last),
        cpr=cpr,
    )


def _fill_handover(handover: Any, author: Any) -> None:
    """One object of every kind the handover URLs take an id of."""
    transition = handover.transition
    handover.notes.append(factories.StatusNoteFactory(transition=transition, author=author))
    meeting = factories.StatusMeetingFactory(transition=transition, created_by=author)
    handover.meetings.append(meeting)
    handover.commitments.append(factories.AftercareCommitmentFactory(transition=transition))
    handover.action_items.append(
        factories.ActionItemFactory(transition=transition, created_by=author)
    )
    if not handover.checkins:
        handover.checkins.extend(transition.checkins.all())


def _admin_rows(users: dict[str, Any]) -> None:
    """A row for every admin page that has no other: an API token, and django-axes' login
    records (of a name that is nobody's, so that no walking user is locked out)."""
    factories.ApiTokenFactory(user=users["cw1"], name="Walk token")
    seen = {"ip_address": "192.0.2.1", "username": "walk_nobody", "user_agent": "walk"}
    AccessAttempt.objects.create(
        **seen, http_accept="*/*", path_info="/", get_data="", post_data="", failures_since_start=1
    )
    AxesAccessLog.objects.create(**seen, http_accept="*/*", path_info="/")
    AccessFailureLog.objects.create(**seen, http_accept="*/*", path_info="/")


def build_world(state: str, clock: Any) -> World:
    """The world in `state`, with the clock moved to the instant the state is seen at."""
    if state not in STATES:
        raise ValueError(state)
    start = NOW - timedelta(days=31) if state.startswith("handover_day") else NOW
    clock.move_to(start)
    units: dict[str, Any] = {
        "team1": factories.UnitFactory(name="Walk Team 1", kind=Unit.Kind.MUNICIPAL_TEAM),
        "team2": factories.UnitFactory(name="Walk Team 2", kind=Unit.Kind.MUNICIPAL_TEAM),
        "res1": factories.UnitFactory(name="Walk Døgn 1", kind=Unit.Kind.RESIDENTIAL),
        "res2": factories.UnitFactory(name="Walk Døgn 2", kind=Unit.Kind.RESIDENTIAL),
        "out1": factories.UnitFactory(name="Walk Ambulant 1", kind=Unit.Kind.OUTPATIENT),
        "out2": factories.UnitFactory(name="Walk Ambulant 2", kind=Unit.Kind.OUTPATIENT),
    }
    users = {
        "cw1": _user("walk_cw1", units["team1"], Role.CASEWORKER),
        "cw2": _user("walk_cw2", units["team2"], Role.CASEWORKER),
        "mgr1": _user("walk_mgr1", units["team1"], Role.MANAGER),
        "mgr2": _user("walk_mgr2", units["team2"], Role.MANAGER),
        "rt1": _user("walk_rt1", units["res1"], Role.RESIDENTIAL_THERAPIST),
        "rt2": _user("walk_rt2", units["res2"], Role.RESIDENTIAL_THERAPIST),
        "rmgr1": _user("walk_rmgr1", units["res1"], Role.MANAGER),
        "ot1": _user("walk_ot1", units["out1"], Role.OUTPATIENT_THERAPIST),
        "ot2": _user("walk_ot2", units["out2"], Role.OUTPATIENT_THERAPIST),
        "omgr1": _user("walk_omgr1", units["out1"], Role.MANAGER),
        "admin": _user("walk_admin", None, Role.ADMINISTRATOR),
        "root": factories.UserFactory(
            username="walk_root", unit=None, is_superuser=True, is_staff=True
        ),
    }
    offers = {}
    for key in ("res1", "res2", "out1", "out2"):
        provider = factories.ProviderFactory(name=units[key].name, unit=units[key])
        kind = "residential" if key.startswith("res") else "aftercare"
        offers[key] = factories.OfferFactory(provider=provider, name=key, treatment_type=kind)
    a = _case(
        "A", units["team1"], users["cw1"], offers["res1"], users["rt1"], users["ot1"], "010190-1113"
    )
    b = _case(
        "B", units["team2"], users["cw2"], offers["res2"], users["rt2"], users["ot2"], "020290-2224"
    )
    world = World(state=state, units=units, users=users, cases={"A": a, "B": b})
    world.caseless_markers = ("XanthippeC", "QuortwellC", "030390-3335", "0303903335")
    world.caseless = factories.CitizenFactory(
        first_name="XanthippeC",
        last_name="QuortwellC",
        cpr="030390-3335",
        registered_by_team=units["team1"],
    )

    for rows in (a, b):
        if rows is a and state == "episode_ended":
            rows.handover = None  # the relationship ends without a handover
        else:
            stage = "completed" if rows is a and state.startswith("handover_day") else "planning"
            rows.handover = rows.handover.through_services(stage=stage)
            _fill_handover(rows.handover, users["cw1" if rows is a else "cw2"])
        rows.consent = factories.ConsentFactory(case=rows.case)
        for user in users.values():
            rows.notifications.append(factories.NotificationFactory(recipient=user, case=rows.case))
    for name, user in users.items():
        world.notifications[name] = factories.NotificationFactory(
            recipient=user, case=(a if name.endswith("1") else b).case
        )
        if user.unit is not None:
            world.jobs[name] = factories.ReportJobFactory(unit=user.unit, user=user)

    _admin_rows(users)

    if state.startswith("handover_day"):
        world.completed_on = timezone.localdate()
        days = 29 if state == "handover_day_29" else 31
        clock.move_to(start + timedelta(days=days))
    elif state.startswith("glass"):
        case_break_glass(
            actor=users["cw2"],
            case_id=a.case.pk,
            reason_code=TemporaryCaseAccess.ReasonCode.POLICE,
            reason="Politiet ringede om borgeren i nat.",
        )
        world.break_glass_at = timezone.now()
        clock.shift(timedelta(hours=3.9 if state == "glass_3_9h" else 4.1))
    elif state == "reassigned":
        a.case = case_assign(
            actor=users["mgr1"],
            case=a.case,
            caseworker=users["cw2"],
            team=units["team2"],
            reason="Borgeren er flyttet til Team 2's område.",
        )
    elif state == "episode_ended":
        episode_end(
            actor=users["cw1"],
            episode=a.residential_episode,
            actual_end=timezone.localdate(),
            end_reason="completed",
        )
    for rows in (a, b):
        rows.case.refresh_from_db()
    return world
