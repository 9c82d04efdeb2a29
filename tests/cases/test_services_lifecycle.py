"""The lifecycle through case_move (DESIGN §4, STYLE §3): every (state, action) pair, the
guards, permissions, and a relapse that keeps the history."""

from __future__ import annotations

import itertools
from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from cases.lifecycle import CaseStatus, MoveNotAllowed
from cases.models import Case, CaseEvent
from cases.selectors import available_actions
from cases.services import case_move
from tests import factories
from tests.cases.service_helpers import (
    event_kinds,
    finished_episode,
    force_status,
    open_case,
    record_decision,
)
from tests.clock import TODAY

S = CaseStatus
# Written out from DESIGN §4, independent of the table under test.
ALLOWED: dict[tuple[CaseStatus, str], CaseStatus] = {
    (S.INQUIRY, "start_assessment"): S.ASSESSMENT,
    (S.ASSESSMENT, "refer"): S.REFERRED,
    (S.REFERRED, "start_treatment"): S.IN_TREATMENT,
    (S.IN_TREATMENT, "start_aftercare"): S.AFTERCARE,
    (S.IN_TREATMENT, "reassess"): S.ASSESSMENT,
    (S.AFTERCARE, "reassess"): S.ASSESSMENT,
    **{(state, "close"): S.CLOSED for state in S if state != S.CLOSED},
}
ACTIONS = ["start_assessment", "refer", "start_treatment", "start_aftercare", "reassess", "close"]


pytestmark = pytest.mark.usefixtures("clock")


def case_in(status, caseworker):
    """A case in `status` whose data satisfies every guard: a decision is recorded and one
    episode has started and ended."""
    case = open_case(caseworker, inquiry_date=TODAY - timedelta(days=10))
    case = record_decision(case, caseworker)
    finished_episode(case)
    return force_status(case, status)


@pytest.mark.parametrize(("status", "action"), list(itertools.product(S, ACTIONS)))
def test_every_state_and_action(caseworker, status, action):
    case = case_in(status, caseworker)
    events_before = CaseEvent.objects.filter(case=case).count()

    if (status, action) in ALLOWED:
        moved = case_move(actor=caseworker, case=case, action=action, note="Notat")

        stored = Case.objects.get(pk=case.pk)
        assert moved.status == stored.status == ALLOWED[status, action]
        assert stored.version == case.version + 1
        new_events = CaseEvent.objects.filter(case=case).order_by("pk")[events_before:]
        assert [(e.kind, e.from_status, e.to_status, e.actor) for e in new_events] == [
            ("status_changed", status, ALLOWED[status, action], caseworker)
        ]
        assert new_events[0].data["action"] == action
    else:
        with pytest.raises(MoveNotAllowed) as info:
            case_move(actor=caseworker, case=case, action=action)

        assert str(info.value).startswith("Sagen kan ikke gå fra ")
        stored = Case.objects.get(pk=case.pk)
        assert (stored.status, stored.version) == (status, case.version)
        assert CaseEvent.objects.filter(case=case).count() == events_before


def test_close_records_date_and_reason(caseworker):
    case = case_in(S.AFTERCARE, caseworker)

    closed = case_move(actor=caseworker, case=case, action="close", note="Færdigbehandlet")

    assert closed.closed_on == TODAY
    assert closed.closed_reason == "Færdigbehandlet"
    assert not closed.is_open


def assert_refused_without_writes(case, actor, action, exc, message):
    events_before = CaseEvent.objects.filter(case=case).count()
    with pytest.raises(exc) as info:
        case_move(actor=actor, case=case, action=action)
    stored = Case.objects.get(pk=case.pk)
    assert (stored.status, stored.version) == (case.status, case.version)
    assert CaseEvent.objects.filter(case=case).count() == events_before
    if message:
        assert message in " ".join(info.value.messages)


def test_refer_needs_a_decision(caseworker):
    case = force_status(open_case(caseworker), S.ASSESSMENT)

    assert_refused_without_writes(case, caseworker, "refer", ValidationError, "afgørelsen")


def test_refer_after_a_refusal_is_refused(caseworker):
    case = open_case(caseworker)
    record_decision(case, caseworker, result="refused")
    case = force_status(case, S.ASSESSMENT)

    assert_refused_without_writes(case, caseworker, "refer", ValidationError, "afslag")


def test_start_treatment_needs_a_started_episode(caseworker):
    case = force_status(open_case(caseworker), S.REFERRED)
    factories.EpisodeFactory(case=case)  # referred, not started

    assert_refused_without_writes(
        case, caseworker, "start_treatment", ValidationError, "faktisk startdato"
    )


def test_close_is_refused_while_an_episode_is_running(caseworker):
    case = force_status(open_case(caseworker), S.IN_TREATMENT)
    factories.EpisodeFactory(case=case, actual_start=case.inquiry_date)

    assert_refused_without_writes(case, caseworker, "close", ValidationError, "igangværende")


@pytest.mark.parametrize(
    "user", ["manager", "other_team_caseworker", "residential_therapist", "admin_user"]
)
def test_users_without_write_access_cannot_move_the_case(request, caseworker, user):
    case = open_case(caseworker)

    assert_refused_without_writes(
        case, request.getfixturevalue(user), "start_assessment", PermissionDenied, ""
    )


def test_stale_version_is_refused(caseworker):
    case = open_case(caseworker)
    case_move(actor=caseworker, case=case, action="start_assessment")

    with pytest.raises(ValidationError, match="ændret af en anden"):
        case_move(actor=caseworker, case=case, action="close", expected_version=case.version)


def test_relapse_goes_back_to_assessment_and_keeps_the_history(caseworker):
    case = open_case(caseworker, inquiry_date=TODAY - timedelta(days=10))
    case_move(actor=caseworker, case=case, action="start_assessment")
    record_decision(case, caseworker)
    case_move(actor=caseworker, case=case, action="refer")
    episode = finished_episode(case)
    Case.objects.filter(pk=case.pk).update(treatment_started_on=episode.actual_start)
    case_move(actor=caseworker, case=case, action="start_treatment")
    case_move(actor=caseworker, case=case, action="start_aftercare")

    relapsed = case_move(actor=caseworker, case=case, action="reassess", note="Tilbagefald")

    assert relapsed.status == S.ASSESSMENT
    assert relapsed.decision_text  # the earlier decision is still there
    assert relapsed.treatment_started_on == episode.actual_start  # the guarantee stays met
    assert relapsed.guarantee(today=TODAY).status == "met"
    assert list(case.episodes.all()) == [episode]
    assert event_kinds(case) == [
        "created",
        "status_changed",
        "decision_saved",
        "status_changed",
        "status_changed",
        "status_changed",
        "status_changed",
    ]
    last = CaseEvent.objects.filter(case=case).last()
    assert last is not None
    assert (last.from_status, last.to_status, last.data["note"]) == (
        "aftercare",
        "assessment",
        "Tilbagefald",
    )
    # ... and the course can go on: a new decision, a new referral.
    record_decision(case, caseworker)
    assert case_move(actor=caseworker, case=case, action="refer").status == S.REFERRED


def test_available_actions_are_the_tables_moves_the_user_may_make(caseworker, manager):
    case = case_in(S.IN_TREATMENT, caseworker)

    assert [m.action for m in available_actions(case, caseworker)] == [
        "start_aftercare",
        "reassess",
        "close",
    ]
    assert available_actions(case, manager) == []
    assert available_actions(force_status(case, S.CLOSED), caseworker) == []
