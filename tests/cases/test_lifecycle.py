"""The case lifecycle table, DESIGN §4. Pure: walks every (state, action) pair."""

from __future__ import annotations

import dataclasses
import itertools

import pytest

from cases.lifecycle import (
    ACTIONS,
    GUARDS,
    MOVES,
    OPEN_STATUSES,
    STATUS_LABELS,
    CaseStatus,
    Move,
    MoveNotAllowed,
    allowed_actions,
    is_open,
    move_for,
    parse_status,
)

S = CaseStatus

# Written out by hand from DESIGN §4 so that the test does not read the table it checks.
EXPECTED: dict[tuple[CaseStatus, str], CaseStatus] = {
    (S.INQUIRY, "start_assessment"): S.ASSESSMENT,
    (S.ASSESSMENT, "refer"): S.REFERRED,
    (S.REFERRED, "start_treatment"): S.IN_TREATMENT,
    (S.IN_TREATMENT, "start_aftercare"): S.AFTERCARE,
    (S.IN_TREATMENT, "reassess"): S.ASSESSMENT,
    (S.AFTERCARE, "reassess"): S.ASSESSMENT,
    (S.INQUIRY, "close"): S.CLOSED,
    (S.ASSESSMENT, "close"): S.CLOSED,
    (S.REFERRED, "close"): S.CLOSED,
    (S.IN_TREATMENT, "close"): S.CLOSED,
    (S.AFTERCARE, "close"): S.CLOSED,
}
ACTION_NAMES = [
    "start_assessment",
    "refer",
    "start_treatment",
    "start_aftercare",
    "reassess",
    "close",
]
ALL_PAIRS = list(itertools.product(CaseStatus, ACTION_NAMES))


@pytest.mark.parametrize(("status", "action"), ALL_PAIRS)
def test_every_state_and_action(status: CaseStatus, action: str) -> None:
    if (status, action) in EXPECTED:
        move = move_for(status, action)
        assert move.action == action
        assert move.target == EXPECTED[status, action]
        assert status in move.source
    else:
        with pytest.raises(MoveNotAllowed) as info:
            move_for(status, action)
        assert info.value.status == status
        assert info.value.action == action
        assert str(info.value).startswith(f"Sagen kan ikke gå fra {STATUS_LABELS[status]} til ")


@pytest.mark.parametrize(("status", "action"), ALL_PAIRS)
def test_allowed_actions_agree_with_move_for(status: CaseStatus, action: str) -> None:
    allowed = {move.action for move in allowed_actions(status)}

    assert (action in allowed) == ((status, action) in EXPECTED)


def test_refused_move_message_names_both_states_and_the_button() -> None:
    with pytest.raises(MoveNotAllowed) as info:
        move_for("inquiry", "start_aftercare")

    assert str(info.value) == (
        "Sagen kan ikke gå fra Henvendelse til Efterbehandling med handlingen "
        "»Overgå til efterbehandling«"
    )


def test_a_closed_case_cannot_be_closed_again() -> None:
    with pytest.raises(MoveNotAllowed, match="fra Afsluttet til Afsluttet"):
        move_for(CaseStatus.CLOSED, "close")


def test_transition_not_allowed_is_a_value_error() -> None:
    # Forms and the API already turn ValueError into a field error / a 400.
    with pytest.raises(ValueError, match="kan ikke gå fra"):
        move_for("closed", "reassess")


@pytest.mark.parametrize("action", ["fly", "", "Close", "start-treatment", "reopen"])
def test_unknown_action_is_refused(action: str) -> None:
    with pytest.raises(MoveNotAllowed, match=f"^Ukendt handling: {action}$"):
        move_for("inquiry", action)


def test_non_text_action_is_refused() -> None:
    with pytest.raises(MoveNotAllowed, match=r"^Ukendt handling"):
        move_for("inquiry", None)  # type: ignore[arg-type]


@pytest.mark.parametrize("status", ["open", "", "Inquiry", "INQUIRY", None, 1])
def test_unknown_status_is_a_data_error_not_a_refused_move(status: object) -> None:
    with pytest.raises(ValueError, match=r"^Ukendt sagsstatus") as info:
        move_for(status, "close")  # type: ignore[arg-type]
    assert not isinstance(info.value, MoveNotAllowed)
    with pytest.raises(ValueError, match=r"^Ukendt sagsstatus"):
        allowed_actions(status)  # type: ignore[arg-type]
    with pytest.raises(ValueError, match=r"^Ukendt sagsstatus"):
        is_open(status)  # type: ignore[arg-type]


def test_plain_strings_work_like_enum_members() -> None:
    assert move_for("referred", "start_treatment") is move_for(S.REFERRED, "start_treatment")
    assert parse_status("aftercare") is S.AFTERCARE


# --- the table ----------------------------------------------------------------------------------


def test_action_names_are_the_contract() -> None:
    assert [move.action for move in MOVES] == ACTION_NAMES
    assert list(ACTIONS) == ACTION_NAMES


@pytest.mark.parametrize(
    ("action", "label", "guard"),
    [
        ("start_assessment", "Start udredning", None),
        ("refer", "Visitér til tilbud", "has_decision"),
        ("start_treatment", "Registrér behandlingsstart", "has_started_episode"),
        ("start_aftercare", "Overgå til efterbehandling", None),
        ("reassess", "Tilbage til udredning (tilbagefald/nyt behov)", None),
        ("close", "Afslut sag", "no_open_episode"),
    ],
)
def test_labels_and_guards(action: str, label: str, guard: str | None) -> None:
    (move,) = [m for m in MOVES if m.action == action]

    assert move.label == label
    assert move.guard == guard


def test_every_guard_is_a_known_guard() -> None:
    assert {move.guard for move in MOVES if move.guard} == GUARDS


def test_permissions_are_django_permission_names() -> None:
    for move in MOVES:
        app_label, _, codename = move.permission.partition(".")
        assert app_label == "cases"
        assert codename


def test_no_move_leads_back_into_its_own_source() -> None:
    for move in MOVES:
        assert move.target not in move.source


def test_closed_is_terminal() -> None:
    assert allowed_actions(S.CLOSED) == []


def test_every_open_state_can_be_closed() -> None:
    for status in OPEN_STATUSES:
        assert move_for(status, "close").target == S.CLOSED


def test_every_state_is_reachable_from_inquiry() -> None:
    reached = {S.INQUIRY}
    frontier = [S.INQUIRY]
    while frontier:
        for move in allowed_actions(frontier.pop()):
            if move.target not in reached:
                reached.add(move.target)
                frontier.append(move.target)

    assert reached == set(CaseStatus)


def test_treatment_and_aftercare_can_go_back_to_assessment() -> None:
    # Relapse or a new treatment need (DESIGN §4).
    assert move_for(S.IN_TREATMENT, "reassess").target == S.ASSESSMENT
    assert move_for(S.AFTERCARE, "reassess").target == S.ASSESSMENT


@pytest.mark.parametrize(
    ("status", "actions"),
    [
        (S.INQUIRY, ["start_assessment", "close"]),
        (S.ASSESSMENT, ["refer", "close"]),
        (S.REFERRED, ["start_treatment", "close"]),
        (S.IN_TREATMENT, ["start_aftercare", "reassess", "close"]),
        (S.AFTERCARE, ["reassess", "close"]),
        (S.CLOSED, []),
    ],
)
def test_allowed_actions_in_button_order(status: CaseStatus, actions: list[str]) -> None:
    assert [move.action for move in allowed_actions(status)] == actions


def test_moves_are_immutable() -> None:
    with pytest.raises(dataclasses.FrozenInstanceError):
        MOVES[0].target = S.CLOSED  # type: ignore[misc]
    assert isinstance(MOVES[0], Move)


# --- states -------------------------------------------------------------------------------------


def test_status_values_are_the_stored_contract() -> None:
    assert [s.value for s in CaseStatus] == [
        "inquiry",
        "assessment",
        "referred",
        "in_treatment",
        "aftercare",
        "closed",
    ]


def test_danish_status_labels() -> None:
    assert STATUS_LABELS == {
        S.INQUIRY: "Henvendelse",
        S.ASSESSMENT: "Udredning",
        S.REFERRED: "Visiteret",
        S.IN_TREATMENT: "I behandling",
        S.AFTERCARE: "Efterbehandling",
        S.CLOSED: "Afsluttet",
    }


@pytest.mark.parametrize("status", list(CaseStatus))
def test_is_open_for_everything_but_closed(status: CaseStatus) -> None:
    assert is_open(status) is (status != S.CLOSED)
    assert is_open(status.value) is (status != S.CLOSED)
