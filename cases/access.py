"""Who may see and change which case (DESIGN §1). The only module that grants or revokes
per-case permissions.

Two things must both hold for a user to act on a case:
- the role-wide model permission (e.g. "cases.change_case": a manager's role does not have it),
- a per-case grant that follows a relationship: the assigned caseworker (user grant), the team
  (the team unit's group), an institution with an open episode (its unit's group), a therapist
  named on an open transition (user grant), or a time-limited TemporaryCaseAccess (break the
  glass, residential read access for 30 days after the handover).
The relationships of the higher apps (episodes, transitions) are contributed through
`cases.hooks.case_holders` by treatment_options and transitions; the grants are written here.
Django's model backend ignores model permissions when an object is passed, so
`has_case_perm` asks both questions itself.

Grants are recomputed from the relationships by `case_access_sync(case)`, which every service
that changes a relationship calls. Access follows the current owner, never the creator.

Each rule is one function here, asked alike by the pages, the API, the forms and the services
(DESIGN §1): has_case_perm and case_list_visible_to (users_with_case_perm is their SQL twin for
lists of people to choose from), cases.citizen_access.citizen_cpr_visible_to (the full CPR number),
may_change_episode, and for a new case is_caseworker_of, case_default_team and
case_default_caseworker. The citizens a new case may be opened for are a selector
(cases.selectors.citizens_for_new_case); who may be named on a handover is transitions.access.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import BooleanField, Exists, ExpressionWrapper, OuterRef, Q, QuerySet
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import Deputyship, Unit, User
from accounts.roles import Role

from .hooks import after_course_holders, case_holders
from .models import (
    Case,
    CaseGroupObjectPermission,
    CaseUserObjectPermission,
    TemporaryCaseAccess,
)
from .visibility import (
    GRANTED_CODENAMES,
    grant_probe_q,
    has_large_set,
    relationship_grant_exists,
    visible_case_ids,
)

VIEW = "cases.view_case"
CHANGE = "cases.change_case"
CHANGE_EPISODE = "treatment_options.change_episode"
# The role permission behind a full CPR number (with read access to one of the citizen's cases).
CPR_PERM = "cases.view_citizen"
_GRANTED_CODENAMES = GRANTED_CODENAMES
# The backend that answers role-wide permissions (group permissions): the model backend.
ROLE_BACKEND = "django.contrib.auth.backends.ModelBackend"


def _visible_q(user: User, codename: str) -> Q:
    """A filter on Case: cases the user holds a grant for (visible_case_ids)."""
    return Q(pk__in=visible_case_ids(user, codename))


def grant_codename_for(perm: str) -> str:
    """The per-case grant a role permission needs: reading ("x.view_y") needs a read grant,
    anything else (add, change, confirm, ...) a write grant on the case."""
    return "view_case" if perm.split(".", 1)[1].startswith("view_") else "change_case"


def case_list_visible_to(
    user: User, *, perm: str = VIEW, ordered: bool = False, few: bool = False
) -> QuerySet[Case]:
    """All cases on which the user may use `perm` (default: read), filtered in the database.

    `ordered=True` is for a list read a page at a time in an indexed order (cases.selectors):
    for a user who sees many cases the filter is then a probe per row (grant_probe_q), so the
    page walks the order's index and stops at its LIMIT. `few=True` is for a look-up of one
    case or a handful by id: always the probes, which read a few index rows however many
    cases the user sees (the set would be built whole: 46,000 grants for a manager). The
    rows are the same either way."""
    if not user.is_authenticated or not user.is_active or not user.has_perm(perm):
        return Case.objects.none()
    codename = grant_codename_for(perm)
    if few or (ordered and has_large_set(user, codename)):
        return Case.objects.filter(grant_probe_q(user, codename))
    return Case.objects.filter(_visible_q(user, codename))


@dataclass(frozen=True)
class CaseGrants:
    """The per-case grants a user holds on one case, read with the case itself for a page
    (case_get_for_user(prime=True)), so that the page's many permission flags cost no query."""

    view_case: bool
    change_case: bool
    break_glass: bool
    # A read grant of the user's own or their unit's group (a relationship, as opposed to
    # temporary access or a deputyship): a fact of the read's purpose (cases.purposes).
    holds_relationship: bool


_CASE_GRANTS_CACHE = "_overgang_case_grants"


def primed_case_grants(user: User, case: Case) -> CaseGrants | None:
    """The grants read with the case for this request, if the page primed them."""
    primed: dict[int, CaseGrants] | None = getattr(user, _CASE_GRANTS_CACHE, None)
    return None if primed is None else primed.get(case.pk)


def has_case_perm(user: User, perm: str, case: Case) -> bool:
    """Role-wide permission `perm` (any app's, e.g. "transitions.add_statusnote") AND a per-case
    grant: a read grant (or active temporary access) for view_ permissions, else a write grant.
    On a page that read the grants with the case (case_get_for_user(prime=True)) no query."""
    if not user.is_authenticated or not user.is_active or not user.has_perm(perm):
        return False
    codename = grant_codename_for(perm)
    primed = primed_case_grants(user, case)
    if primed is not None:
        return bool(getattr(primed, codename))
    return Case.objects.filter(pk=case.pk).filter(grant_probe_q(user, codename)).exists()


def users_with_case_perm(perm: str, case: Case) -> QuerySet[Any]:
    """The database twin of has_case_perm, for lists of people to choose from: the active
    users who hold `perm` role-wide and a matching grant on `case` (their own, their unit's
    group's, or for a read an active temporary access). A test checks the two agree."""
    codename = grant_codename_for(perm)
    on_case = {
        "content_object": case,
        "permission__codename": codename,
        "permission__content_type__app_label": "cases",
    }
    user_model = get_user_model()
    members = user_model.groups.through.objects
    user_grants = CaseUserObjectPermission.objects.filter(**on_case).values("user_id")
    group_grants = CaseGroupObjectPermission.objects.filter(**on_case).values("group_id")
    today = timezone.localdate()
    deputies = Deputyship.objects.filter(
        user_id__in=user_grants, starts_on__lte=today, ends_on__gte=today
    ).values("deputy_id")
    holders = (
        Q(pk__in=user_grants)
        | Q(pk__in=members.filter(group_id__in=group_grants).values("user_id"))
        | Q(pk__in=deputies)
    )
    if codename == "view_case":
        temporary = TemporaryCaseAccess.objects.filter(case=case, expires_at__gt=timezone.now())
        holders |= Q(pk__in=temporary.filter(user__isnull=False).values("user_id")) | Q(
            pk__in=members.filter(
                group_id__in=temporary.filter(group__isnull=False).values("group_id")
            ).values("user_id")
        )
    # The role-wide half of has_case_perm is user.has_perm(perm), which ModelBackend answers.
    return user_model.objects.with_perm(perm, backend=ROLE_BACKEND).filter(holders)


def case_get_for_user(
    user: User,
    pk: object,
    *,
    perm: str = VIEW,
    prime: bool = False,
    shape: Callable[[QuerySet[Case]], QuerySet[Case]] | None = None,
) -> Case:
    """The case if the user may read it (or change it); 404 otherwise, never a hint it exists.

    With prime=True (a page's GET, which changes no grant) the user's read and write grants and
    an active break-the-glass access are read in the same query and kept on the user object for
    the request: has_case_perm and is_break_glass_access then answer without a query. `shape`:
    what a page adds to the same query (the case page: its action plan and short lists)."""
    try:
        case_pk = int(str(pk))
    except ValueError:
        raise Http404 from None
    cases = case_list_visible_to(user, perm=perm, few=True).select_related(
        "citizen", "team", "caseworker"
    )
    if prime:
        filtered_by = grant_codename_for(perm)
        cases = cases.annotate(
            **{
                f"granted_{codename}": ExpressionWrapper(
                    grant_probe_q(user, codename), output_field=BooleanField()
                )
                for codename in _GRANTED_CODENAMES
                if codename != filtered_by
            },
            granted_break_glass=Exists(_break_glass_of(user).filter(case_id=OuterRef("pk"))),
            granted_relationship=relationship_grant_exists(user),
        )
    if shape is not None:
        cases = shape(cases)
    case = cases.filter(pk=case_pk).first()
    if case is None:
        raise Http404
    if prime:
        grants = {
            codename: codename == filtered_by or bool(getattr(case, f"granted_{codename}"))
            for codename in _GRANTED_CODENAMES
        }
        primed = getattr(user, _CASE_GRANTS_CACHE, None) or {}
        primed[case.pk] = CaseGrants(
            view_case=grants["view_case"],
            change_case=grants["change_case"],
            break_glass=bool(getattr(case, "granted_break_glass", False)),
            holds_relationship=bool(getattr(case, "granted_relationship", False)),
        )
        setattr(user, _CASE_GRANTS_CACHE, primed)
    return case


def may_change_episode(user: User, episode: Any) -> bool:
    """Who may record an episode's start, treatment plan and end: the case's caseworkers (the
    write permission on the case), or staff of the provider the episode is at (their own unit,
    with the role permission to change episodes and a write grant on the case). The case page,
    the episode pages, the API and treatment_options.services all ask this one question."""
    return episode.pk in episodes_changeable_by(user, episode.case, [episode])


def episodes_changeable_by(user: User, case: Case, episodes: Iterable[Any]) -> set[int]:
    """The ids of those of the case's `episodes` that `user` may change (may_change_episode),
    with at most two queries however many episodes the case page lists."""
    episodes = list(episodes)
    if has_case_perm(user, CHANGE, case):
        return {episode.pk for episode in episodes}
    if not has_case_perm(user, CHANGE_EPISODE, case):
        return set()
    unit_id = getattr(user, "unit_id", None)
    return {
        episode.pk
        for episode in episodes
        if unit_id is not None and episode.offer.provider.unit_id == unit_id
    }


def _break_glass_of(user: User) -> QuerySet[TemporaryCaseAccess]:
    return TemporaryCaseAccess.objects.filter(
        user=user, kind=TemporaryCaseAccess.Kind.BREAK_GLASS, expires_at__gt=timezone.now()
    )


def is_break_glass_access(user: User, case: Case) -> bool:
    """True when the user reads the case only through an active break-the-glass grant."""
    primed = primed_case_grants(user, case)
    if primed is not None:
        return primed.break_glass
    return _break_glass_of(user).filter(case=case).exists()


def may_view_access_log(user: User) -> bool:
    """Who sees the managers' access log (DESIGN §1): an active manager of a unit, for that
    unit only (cases.selectors.access_log_visible_to filters the entries)."""
    return (
        bool(getattr(user, "is_authenticated", False))
        and user.is_active
        and getattr(user, "unit_id", None) is not None
        and user.has_role(Role.MANAGER)
    )


# --- Owning a new case ------------------------------------------------------------------------


def is_caseworker_of(user: User, unit: Unit) -> bool:
    """Whether the user is an active caseworker of the unit: the only people a case of that
    team can be assigned to (DESIGN §1, ownership)."""
    return (
        user is not None
        and user.is_active
        and user.unit_id == unit.pk
        and Role.CASEWORKER.value in user.group_names()
    )


def case_default_team(user: User) -> Unit | None:
    """The team of a new case when none is chosen: the user's own unit, if it is a municipal
    team. The new-case page proposes it and the API uses it."""
    unit = user.unit if getattr(user, "unit_id", None) else None
    return unit if unit is not None and unit.kind == Unit.Kind.MUNICIPAL_TEAM else None


def case_default_caseworker(user: User, team: Unit | None) -> User | None:
    """The caseworker of a new case when none is chosen: the user who opens it, if they are a
    caseworker of its team (the only caseworker case_open accepts); else nobody yet."""
    return user if team is not None and is_caseworker_of(user, team) else None


# --- Reassigning a case ----------------------------------------------------------------------


def _reassign_role(user: User, case: Case) -> Role | None:
    """The role in which the user may reassign the case: a caseworker of the case's team with
    write access, or a manager of the case's team who can read it; None for everybody else."""
    if not getattr(user, "is_authenticated", False) or getattr(user, "unit_id", None) is None:
        return None
    if user.unit_id != case.team_id:
        # An institution's users (and other teams) never change who owns a municipal case.
        return None
    if user.has_role(Role.MANAGER) and has_case_perm(user, VIEW, case):
        return Role.MANAGER
    if is_caseworker_of(user, case.team) and has_case_perm(user, CHANGE, case):
        return Role.CASEWORKER
    return None


def may_reassign(user: User, case: Case, *, team: Unit | None = None) -> bool:
    """Who may give the case to another caseworker (DESIGN §1): a caseworker of the case's team
    within the team, a manager of the case's team also to another municipal team (`team`, with
    a written reason, which the service asks for). Nobody else. The case page, its button and
    cases.services.case_assign ask this one question."""
    role = _reassign_role(user, case)
    if role is None:
        return False
    return team is None or team.pk == case.team_id or role == Role.MANAGER


def reassign_require(user: User, case: Case, *, team: Unit | None = None) -> None:
    """PermissionDenied with the one Danish message the page and the service give."""
    if not may_reassign(user, case, team=team):
        raise PermissionDenied(_("Du har ikke adgang til at omfordele sagen."))


# --- Grants -----------------------------------------------------------------------------------


def _desired_grants(case: Case) -> tuple[set[tuple[int, str]], set[tuple[int, str]]]:
    """(user_id, codename) and (group_id, codename) pairs the relationships call for now."""
    users: set[tuple[int, str]] = set()
    groups: set[tuple[int, str]] = set()

    def both(target: set[tuple[int, str]], holder_id: int | None) -> None:
        if holder_id:
            target.update((holder_id, codename) for codename in _GRANTED_CODENAMES)

    both(users, case.caseworker_id)
    both(groups, case.team.group_id if case.team_id else None)
    # After the course: the provider holding the legal follow-up, closed case or not.
    for holders_of in after_course_holders:
        holders = holders_of(case)
        for user_id in holders.user_ids:
            both(users, user_id)
        for group_id in holders.group_ids:
            both(groups, group_id)
    if case.status == "closed":
        # A closed case has no treatment relationships left: a referral that never started, or
        # a handover left open, must not keep an institution or a therapist in the case.
        return users, groups
    # Who else holds it (an institution with an open episode, the therapists named on a
    # handover) is told by the apps that own those relationships (cases.hooks).
    for holders_of in case_holders:
        holders = holders_of(case)
        for user_id in holders.user_ids:
            both(users, user_id)
        for group_id in holders.group_ids:
            both(groups, group_id)
    return users, groups


@transaction.atomic
def case_access_sync(case: Case) -> None:
    """Make the case's grants match its relationships (add missing, remove stale)."""
    permissions = {
        p.codename: p
        for p in Permission.objects.filter(
            content_type__app_label="cases", codename__in=_GRANTED_CODENAMES
        )
    }
    want_users, want_groups = _desired_grants(case)

    have_users = {
        (row.user_id, row.permission.codename): row.pk
        for row in CaseUserObjectPermission.objects.filter(content_object=case).select_related(
            "permission"
        )
    }
    have_groups = {
        (row.group_id, row.permission.codename): row.pk
        for row in CaseGroupObjectPermission.objects.filter(content_object=case).select_related(
            "permission"
        )
    }
    CaseUserObjectPermission.objects.filter(
        pk__in=[pk for key, pk in have_users.items() if key not in want_users]
    ).delete()
    CaseGroupObjectPermission.objects.filter(
        pk__in=[pk for key, pk in have_groups.items() if key not in want_groups]
    ).delete()
    CaseUserObjectPermission.objects.bulk_create(
        [
            CaseUserObjectPermission(
                content_object=case, user_id=user_id, permission=permissions[codename]
            )
            for user_id, codename in want_users - have_users.keys()
        ]
    )
    CaseGroupObjectPermission.objects.bulk_create(
        [
            CaseGroupObjectPermission(
                content_object=case, group_id=group_id, permission=permissions[codename]
            )
            for group_id, codename in want_groups - have_groups.keys()
        ]
    )


def temporary_access_grant(
    *,
    case: Case,
    kind: str,
    expires_at: Any,
    user: User | None = None,
    group: Group | None = None,
    reason: str = "",
    reason_code: str = "",
) -> TemporaryCaseAccess:
    """Time-limited read access (break the glass; residential read access after handover)."""
    access = TemporaryCaseAccess(
        case=case,
        user=user,
        group=group,
        kind=kind,
        expires_at=expires_at,
        reason=reason,
        reason_code=reason_code,
    )
    access.full_clean()
    access.save()
    return access


def citizen_registering_team(user: User) -> Unit | None:
    """The team a citizen registered by `user` belongs to until it has a case: the user's
    unit when it is a municipal team (DESIGN §1)."""
    unit = getattr(user, "unit", None)
    return unit if unit is not None and unit.kind == Unit.Kind.MUNICIPAL_TEAM else None
