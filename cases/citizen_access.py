"""Which citizens a user may see (DESIGN §1): one with a case the user may see, and one without
any case that the user's municipal team registered (it is the team's until a case exists; then
access follows the cases). Built on cases.access.case_list_visible_to."""

from __future__ import annotations

from typing import Any

from django.db.models import Exists, OuterRef, Q, QuerySet

from accounts.models import User

from .access import CHANGE, CPR_PERM, VIEW, case_list_visible_to
from .models import Case, Citizen

# The role permission a citizen without any case asks for, by the case permission asked.
_CITIZEN_PERMS = {
    VIEW: "cases.view_citizen",
    CPR_PERM: "cases.view_citizen",
    CHANGE: "cases.change_citizen",
}


def citizen_list_visible_to(
    user: User, *, perm: str = VIEW, ordered: bool = False
) -> QuerySet[Citizen]:
    """The citizens the user may see (or change, with perm=CHANGE), in the database: one with a
    case on which the user holds `perm`, and one without any case that the user's municipal
    team registered (DESIGN §1: such a citizen belongs to that team until a case exists; then
    access follows the cases). Citizen page, search, API and citizen_update ask this.

    `ordered=True` as for case_list_visible_to (the API's cursor pages by name): each citizen's
    cases are probed, so the page walks the name index. The rows are the same either way."""
    cases = case_list_visible_to(user, perm=perm, ordered=ordered).filter(_of_this_citizen(ordered))
    with_case = Q(Exists(cases))
    without_case = _without_case_q(user, perm=perm, ordered=ordered)
    if without_case is None:
        return Citizen.objects.filter(with_case)
    return Citizen.objects.filter(with_case | without_case)


def _of_this_citizen(probed: bool) -> Q:
    """For a subquery on Case in a filter on Citizen: the outer citizen's cases. `probed`: with
    a redundant `<=` beside the `=`, which PostgreSQL cannot hash, so the EXISTS stays a probe
    of the citizen's cases by their index per citizen row (a walk of the name index), never
    the hash of every case's citizen it would otherwise build for a filter estimated on many
    rows (issue 17: 300 ms at 100,000 cases for a team's manager)."""
    q = Q(citizen_id=OuterRef("pk"))
    return q & Q(citizen_id__lte=OuterRef("pk")) if probed else q


def _without_case_q(user: User, *, perm: str, ordered: bool = False) -> Q | None:
    """The citizens without any case that the user's municipal team registered, if the user's
    role may see (or change) such a citizen; None if not."""
    unit_id = getattr(user, "unit_id", None)
    citizen_perm = _CITIZEN_PERMS.get(perm, "cases.view_citizen")
    if not (user.is_authenticated and user.is_active and unit_id and user.has_perm(citizen_perm)):
        return None
    return Q(registered_by_team_id=unit_id) & ~Q(
        Exists(Case.objects.filter(_of_this_citizen(ordered)))
    )


def citizens_without_case_visible_to(user: User) -> QuerySet[Citizen]:
    """The part of citizen_list_visible_to without any case: read by the team's index alone
    (a citizen without a case is never seen through one, so the case grants need no look)."""
    without_case = _without_case_q(user, perm=VIEW)
    if without_case is None:
        return Citizen.objects.none()
    return Citizen.objects.filter(without_case)


def citizen_cpr_visible_to(user: User, citizen: Any) -> bool:
    """Whether the user may see the citizen's full CPR number (DESIGN §1): the role may see
    citizens (caseworkers, managers: the users who may open the citizen's page) and the user
    has access to one of the citizen's cases; read access is enough.

    Who, not where: the callers show the full number only on the citizen's page, in the API's
    detail of a case or a citizen with ?cpr=full, and in a case report PDF the user asked it
    for; each of those reads is written to the access log. Lists, search results and other
    exports stay masked (the register extract is the exception, reports.documents). A citizen
    without any case: the team that registered them (citizen_list_visible_to)."""
    return citizen_list_visible_to(user, perm=CPR_PERM).filter(pk=citizen.pk).exists()
