"""Citizens the user may see, their cases, the citizens a new case may be opened for, and the
look-up by CPR number for opening a case."""

from __future__ import annotations

from collections.abc import Collection

from django.core.exceptions import PermissionDenied
from django.db.models import Exists, OuterRef, Q, QuerySet
from django.http import Http404

from accounts.models import User

from ..access import case_list_visible_to
from ..citizen_access import citizen_list_visible_to, citizens_without_case_visible_to
from ..cpr import parse_cpr
from ..models import Case, Citizen


def citizen_get_for_user(user: User, pk: object) -> Citizen:
    """The citizen if the user can see at least one of the citizen's cases, or the citizen has
    no case and the user's team registered them; 404 otherwise."""
    try:
        citizen_pk = int(str(pk))
    except ValueError:
        raise Http404 from None
    citizen = citizen_list_visible_to(user).filter(pk=citizen_pk).first()
    if citizen is None:
        raise Http404
    return citizen


# Who may answer a citizen's request about their own data (the look-up extract, access to the
# file): the role permission (caseworkers and managers), and one of the citizen's cases seen.
CITIZEN_RIGHTS_PERM = "cases.view_citizen"


def citizen_get_for_rights_request(user: User, pk: object) -> Citizen:
    """The citizen whose request about their own data the user may answer: 403 without the
    role permission CITIZEN_RIGHTS_PERM, 404 unless citizen_get_for_user finds the citizen."""
    if not user.has_perm(CITIZEN_RIGHTS_PERM):
        raise PermissionDenied
    return citizen_get_for_user(user, pk)


def citizen_cases(citizen: Citizen, user: User) -> QuerySet[Case]:
    """The citizen's cases over the years that the user may see, newest first. Cases the user
    may not see are left out (not even counted: that would hint they exist)."""
    return (
        case_list_visible_to(user)
        .filter(citizen=citizen)
        # The clock request: each case's guarantee badge without a query per case.
        .select_related("team", "caseworker", "clock_request")
        .order_by("-inquiry_date", "-pk")
    )


def citizens_for_new_case(user: User, *, found_by_cpr: Collection[int] = ()) -> QuerySet[Citizen]:
    """The citizens the user may open a case for: one they see through one of their cases, one
    without any case yet that their team registered (DESIGN §1: it is the team's until a case
    exists) or whose team is not known, and one they found by typing the citizen's exact CPR
    number (`found_by_cpr`: ids the new-case page remembers in the user's session; the
    citizen's other cases stay hidden).
    Nobody for users who may not open cases. The new-case page, the API and
    cases.services.case_open ask this."""
    if not (user.is_authenticated and user.is_active and user.has_perm("cases.add_case")):
        return Citizen.objects.none()
    visible = citizen_list_visible_to(user).values("pk")
    # A citizen without a case and without a known registering team (registered before teams
    # were recorded, and not found by the migration) stays open to a new case, as it was.
    unknown_team = Q(registered_by_team__isnull=True) & ~Exists(
        Case.objects.filter(citizen_id=OuterRef("pk"))
    )
    return Citizen.objects.filter(Q(pk__in=visible) | unknown_team | Q(pk__in=list(found_by_cpr)))


def citizens_without_case_for(user: User, *, search: str = "") -> QuerySet[Citizen]:
    """The citizens without any case that the user's team registered (the team's until a case
    exists), found by name, alias or CPR number when `search` is given: the case list shows
    them, so a citizen registered yesterday can be found today."""
    qs = citizens_without_case_visible_to(user)
    for word in search.split():
        digits = word.replace("-", "")
        match = (
            Q(first_name__icontains=word) | Q(last_name__icontains=word) | Q(alias__icontains=word)
        )
        if digits.isdigit():
            match |= (
                Q(cpr__startswith=digits[:6])
                if len(digits) <= 6
                else Q(cpr=f"{digits[:6]}-{digits[6:]}")
            )
        qs = qs.filter(match)
    return qs.order_by("last_name", "first_name", "pk")


def citizen_find_by_cpr(user: User, cpr: str) -> Citizen | None:
    """For opening a case: the citizen with this exact CPR number, for users who may create
    cases (they know the number already; the citizen's cases stay hidden). None if the number
    is invalid or unknown."""
    if not (user.is_authenticated and user.is_active and user.has_perm("cases.add_case")):
        return None
    try:
        normalised = parse_cpr(cpr)
    except ValueError:
        return None
    return Citizen.objects.filter(cpr=normalised).first()
