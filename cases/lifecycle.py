"""The case lifecycle: which state may go to which (DESIGN §4, STYLE §3).

One table, `MOVES`, read by the service that changes a case's state, by the buttons on the case
page, by the API and by the tests. Pure: standard library only, no Django. Permissions and guards
are named here and checked by the service layer, which has the user and the database.

Not to be confused with the `transitions` app, which is the handover between treatments.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from typing import Final


class CaseStatus(StrEnum):
    INQUIRY = "inquiry"
    ASSESSMENT = "assessment"
    REFERRED = "referred"
    IN_TREATMENT = "in_treatment"
    AFTERCARE = "aftercare"
    CLOSED = "closed"


STATUS_LABELS: Final[dict[CaseStatus, str]] = {
    CaseStatus.INQUIRY: "Henvendelse",
    CaseStatus.ASSESSMENT: "Udredning",
    CaseStatus.REFERRED: "Visiteret",
    CaseStatus.IN_TREATMENT: "I behandling",
    CaseStatus.AFTERCARE: "Efterbehandling",
    CaseStatus.CLOSED: "Afsluttet",
}

OPEN_STATUSES: Final = frozenset(CaseStatus) - {CaseStatus.CLOSED}

CHANGE_CASE: Final = "cases.change_case"

# Guards: conditions on the case's data that the service layer checks before a move.
# A referral (visitation) is a decision (afgørelse): its date and text must be recorded first.
GUARD_HAS_DECISION: Final = "has_decision"
# DESIGN §4: treatment starts, and the guarantee stops, when an episode has actually started.
GUARD_HAS_STARTED_EPISODE: Final = "has_started_episode"
# A case is not closed while the citizen is still enrolled somewhere: end the episode first.
GUARD_NO_OPEN_EPISODE: Final = "no_open_episode"
GUARDS: Final = frozenset({GUARD_HAS_DECISION, GUARD_HAS_STARTED_EPISODE, GUARD_NO_OPEN_EPISODE})


@dataclass(frozen=True, slots=True)
class Move:
    action: str
    source: frozenset[CaseStatus]
    target: CaseStatus
    label: str
    permission: str
    guard: str | None = None


# Action names are a contract with the URLs, the API, the CaseEvent rows and the templates: never
# rename one. Going back to assessment keeps all history: treatment is a long course with relapses,
# not one episode (DESIGN §4).
MOVES: Final[tuple[Move, ...]] = (
    Move(
        action="start_assessment",
        source=frozenset({CaseStatus.INQUIRY}),
        target=CaseStatus.ASSESSMENT,
        label="Start udredning",
        permission=CHANGE_CASE,
    ),
    Move(
        action="refer",
        source=frozenset({CaseStatus.ASSESSMENT}),
        target=CaseStatus.REFERRED,
        label="Visitér til tilbud",
        permission=CHANGE_CASE,
        guard=GUARD_HAS_DECISION,
    ),
    Move(
        action="start_treatment",
        source=frozenset({CaseStatus.REFERRED}),
        target=CaseStatus.IN_TREATMENT,
        label="Registrér behandlingsstart",
        permission=CHANGE_CASE,
        guard=GUARD_HAS_STARTED_EPISODE,
    ),
    Move(
        action="start_aftercare",
        source=frozenset({CaseStatus.IN_TREATMENT}),
        target=CaseStatus.AFTERCARE,
        label="Overgå til efterbehandling",
        permission=CHANGE_CASE,
    ),
    Move(
        action="reassess",
        source=frozenset({CaseStatus.IN_TREATMENT, CaseStatus.AFTERCARE}),
        target=CaseStatus.ASSESSMENT,
        label="Tilbage til udredning (tilbagefald/nyt behov)",
        permission=CHANGE_CASE,
    ),
    Move(
        action="close",
        source=OPEN_STATUSES,
        target=CaseStatus.CLOSED,
        label="Afslut sag",
        permission=CHANGE_CASE,
        guard=GUARD_NO_OPEN_EPISODE,
    ),
)

_BY_ACTION: Final[dict[str, Move]] = {move.action: move for move in MOVES}
ACTIONS: Final = tuple(_BY_ACTION)


class MoveNotAllowed(ValueError):
    """The table has no move for this action from this state (or no such action at all)."""

    UNKNOWN_ACTION: Final = "lifecycle.unknown_action"
    NOT_FROM_STATUS: Final = "lifecycle.not_from_status"

    def __init__(
        self,
        status: CaseStatus,
        action: str,
        message: str,
        reason_code: str = "",
        reason_values: dict[str, str] | None = None,
    ) -> None:
        super().__init__(message)
        self.status = status
        self.action = action
        # The Danish message as a code and plain values, for display in other languages.
        self.reason_code = reason_code
        self.reason_values = reason_values or {}


def parse_status(value: object) -> CaseStatus:
    """The CaseStatus for a stored value such as "inquiry"; ValueError for anything else."""
    if isinstance(value, str):
        try:
            return CaseStatus(value)
        except ValueError:
            pass
    raise ValueError(f"Ukendt sagsstatus: {value}")


def move_for(status: str, action: str) -> Move:
    """The move `action` from `status`; MoveNotAllowed when the table does not allow it.

    An unknown `status` is a data error, not a refused move, and raises a plain ValueError.
    """
    current = parse_status(status)
    move = _BY_ACTION.get(action) if isinstance(action, str) else None
    if move is None:
        raise MoveNotAllowed(
            current,
            str(action),
            f"Ukendt handling: {action}",
            MoveNotAllowed.UNKNOWN_ACTION,
            {"action": str(action)},
        )
    if current not in move.source:
        raise MoveNotAllowed(
            current,
            action,
            f"Sagen kan ikke gå fra {STATUS_LABELS[current]} til {STATUS_LABELS[move.target]} "
            f"med handlingen »{move.label}«",
            MoveNotAllowed.NOT_FROM_STATUS,
            {"status": current.value, "target": move.target.value, "action": move.action},
        )
    return move


def allowed_actions(status: str) -> list[Move]:
    """The moves the table allows from `status`, in table order (the order of the buttons)."""
    current = parse_status(status)
    return [move for move in MOVES if current in move.source]


def is_open(status: str) -> bool:
    """True for every state but closed: a citizen has at most one open case (DESIGN §3)."""
    return parse_status(status) in OPEN_STATUSES
