"""Why a case was read: the purposes of the access log and the one table that gives each
context its purpose (DESIGN §1 and §10). Pure: no Django, so the table is tested alone.

The citizen may learn when and for what purpose their data was looked up (Datatilsynet 2024,
following the CJEU's C-579/21), so every entry carries a purpose from this short list. Where the
context decides the purpose, `purpose_for` names it; where it does not (a manager opening a
case outside the team's daily list, a search result outside the user's own relationships),
it answers None and the user picks one of `PICKABLE` in one click before the page shows.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class Purpose(StrEnum):
    """The stored value of `AccessLog.purpose` (the labels are on `AccessLog.Purpose`)."""

    CASE_WORK = "case_work"
    TREATMENT = "treatment"
    OVERSIGHT = "oversight"
    EXPORT = "export"
    BREAK_GLASS = "break_glass"
    CITIZEN_REQUEST = "citizen_request"
    REGISTER = "register"
    LIST = "list"


# What a user may choose where the context does not decide. Break the glass has its own page
# (with a reason), an export and a list are set by what is read, never chosen.
PICKABLE: tuple[Purpose, ...] = (
    Purpose.CASE_WORK,
    Purpose.TREATMENT,
    Purpose.OVERSIGHT,
    Purpose.CITIZEN_REQUEST,
)


class Role(StrEnum):
    """The reader's role, as far as the table cares."""

    CASEWORKER = "caseworker"
    THERAPIST = "therapist"
    MANAGER = "manager"
    OTHER = "other"


class ReadKind(StrEnum):
    """What is read: one case's page or object, an export (report, PDF, CSV), a list or a
    search result, or a write's answer."""

    PAGE = "page"
    EXPORT = "export"
    LIST = "list"
    WRITE = "write"


@dataclass(frozen=True)
class ReadContext:
    """The facts about one read that decide its purpose.

    - `own_team`: the case belongs to the reader's unit (the municipal team that owns it);
    - `holds_case`: the reader or their unit holds the case through a relationship that is
      not the team's: an episode at the reader's unit, the reader named on the handover
      (a grant written by cases.access from cases.hooks.case_holders);
    - `case_open`: the case is not closed (the team's daily list is its open cases);
    - `break_glass`: the reader sees the case only through break the glass.
    """

    kind: ReadKind
    role: Role
    own_team: bool = False
    holds_case: bool = False
    case_open: bool = True
    break_glass: bool = False


def purpose_for(context: ReadContext) -> Purpose | None:
    """The purpose the context gives, or None where the user must choose (DESIGN §10).

    In order: break the glass is always marked as such; an export and a list are what they
    are; then the reader's role and relationship to the case.
    """
    if context.break_glass:
        return Purpose.BREAK_GLASS
    if context.kind is ReadKind.EXPORT:
        return Purpose.EXPORT
    if context.kind is ReadKind.LIST:
        return Purpose.LIST
    role = context.role
    if role is Role.CASEWORKER and context.own_team:
        return Purpose.CASE_WORK
    if role is Role.THERAPIST and context.holds_case:
        return Purpose.TREATMENT
    if role is Role.MANAGER and context.case_open and (context.own_team or context.holds_case):
        # The team's daily list: the open cases of the manager's unit (or, for the manager of
        # an institution, the cases with an episode there).
        return Purpose.OVERSIGHT
    if context.kind is ReadKind.WRITE:
        # A write's answer: the user acts on the case in their role (the write itself was
        # allowed by cases.access), so no click is asked in the middle of a form; a user
        # without one of the three roles who may write (a superuser) does case work.
        return _ROLE_PURPOSE.get(role, Purpose.CASE_WORK)
    return None


_ROLE_PURPOSE: dict[Role, Purpose] = {
    Role.CASEWORKER: Purpose.CASE_WORK,
    Role.THERAPIST: Purpose.TREATMENT,
    Role.MANAGER: Purpose.OVERSIGHT,
}
