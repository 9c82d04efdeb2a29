"""The purpose of each read (DESIGN §10): the facts of a read from the database, the user's
one-click choice where the context does not decide, and the memory of that choice.

The table itself is the pure `cases.purposes.purpose_for`; this module gathers its facts
(one query for any number of cases) and keeps what the user chose for a case in the session
for `ACCESS_PURPOSE_REMEMBER_MINUTES`. Pages (cases.decorators.case_view, the citizen page),
the API (api.base) and exports all ask here, so the same read gets the same purpose anywhere.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import timedelta
from typing import Any

from django.conf import settings
from django.contrib.sessions.backends.base import SessionBase
from django.db.models import Exists, OuterRef
from django.utils import timezone
from django.utils.dateparse import parse_datetime

from accounts.models import User
from accounts.roles import THERAPIST_ROLES
from accounts.roles import Role as AccountRole

from .. import purposes as rules
from ..access import primed_case_grants
from ..models import (
    Case,
    CaseGroupObjectPermission,
    CaseUserObjectPermission,
    TemporaryCaseAccess,
)
from ..visibility import grant_permission_id, user_group_ids
from .recording import Read, access_log_record_many

Purpose = rules.Purpose
ReadKind = rules.ReadKind
PICKABLE = rules.PICKABLE

# Where the choices live in the session: {"case:12": ["oversight", "<expiry ISO>"], ...}.
SESSION_KEY = "access_log_purposes"


def reader_role(user: User) -> rules.Role:
    role = getattr(user, "role", None)
    if role == AccountRole.CASEWORKER:
        return rules.Role.CASEWORKER
    if role in THERAPIST_ROLES:
        return rules.Role.THERAPIST
    if role == AccountRole.MANAGER:
        return rules.Role.MANAGER
    return rules.Role.OTHER


def read_contexts(
    user: User, case_ids: Iterable[int], *, kind: rules.ReadKind
) -> dict[int, rules.ReadContext]:
    """The facts of reading each case, keyed by case id, in one query."""
    ids = {int(pk) for pk in case_ids if pk is not None}
    if not ids:
        return {}
    role = reader_role(user)
    unit_id = getattr(user, "unit_id", None)
    group_ids = user_group_ids(user)
    now = timezone.now()
    glass = TemporaryCaseAccess.objects.filter(
        case_id=OuterRef("pk"),
        user_id=user.pk,
        kind=TemporaryCaseAccess.Kind.BREAK_GLASS,
        expires_at__gt=now,
    )
    # A grant from a relationship (cases.access writes them: the caseworker, the team's
    # group, an institution with an open episode, a therapist named on the handover), as
    # opposed to temporary access only (30 days after a handover, break the glass).
    own_grant = CaseUserObjectPermission.objects.filter(
        content_object_id=OuterRef("pk"),
        user_id=user.pk,
        permission_id=grant_permission_id("view_case"),
    )
    unit_grant = CaseGroupObjectPermission.objects.filter(
        content_object_id=OuterRef("pk"),
        group_id__in=group_ids,
        permission_id=grant_permission_id("view_case"),
    )
    rows = (
        Case.objects.filter(pk__in=ids)
        .annotate(bg=Exists(glass), held_own=Exists(own_grant), held_unit=Exists(unit_grant))
        .values_list("pk", "team_id", "status", "bg", "held_own", "held_unit")
    )
    return {
        pk: rules.ReadContext(
            kind=kind,
            role=role,
            own_team=unit_id is not None and team_id == unit_id,
            holds_case=held_own or held_unit,
            case_open=status != "closed",
            break_glass=bg,
        )
        for pk, team_id, status, bg, held_own, held_unit in rows
    }


def read_context(user: User, case: Any, *, kind: rules.ReadKind) -> rules.ReadContext:
    """The facts of reading one case (a Case, or any object with its pk); on a page that read
    the user's grants with the case (cases.access.case_get_for_user(prime=True)) no query."""
    primed = primed_case_grants(user, case) if isinstance(case, Case) else None
    if primed is not None:
        unit_id = getattr(user, "unit_id", None)
        return rules.ReadContext(
            kind=kind,
            role=reader_role(user),
            own_team=unit_id is not None and case.team_id == unit_id,
            holds_case=primed.holds_relationship,
            case_open=case.status != "closed",
            break_glass=primed.break_glass,
        )
    context = read_contexts(user, [case.pk], kind=kind).get(case.pk)
    return context or rules.ReadContext(kind=kind, role=reader_role(user))


def subject_key(*, case_id: int | None = None, citizen_id: int | None = None) -> str:
    return f"case:{case_id}" if case_id is not None else f"citizen:{citizen_id}"


def purpose_remembered(session: SessionBase | None, key: str) -> str | None:
    """The purpose the user chose for this case (or citizen) a while ago, if still fresh."""
    if session is None:
        return None
    stored = session.get(SESSION_KEY, {}).get(key)
    if not stored:
        return None
    value, until = stored
    expires = parse_datetime(until)
    if value not in PICKABLE or expires is None or expires <= timezone.now():
        return None
    return str(value)


def purpose_remember(session: SessionBase, key: str, purpose: str) -> None:
    """Keep the user's choice for the case for a while (ACCESS_PURPOSE_REMEMBER_MINUTES)."""
    if purpose not in PICKABLE:
        raise ValueError(f"purpose {purpose!r} cannot be chosen")
    now = timezone.now()
    until = now + timedelta(minutes=settings.ACCESS_PURPOSE_REMEMBER_MINUTES)
    chosen = {
        k: v for k, v in session.get(SESSION_KEY, {}).items() if (parse_datetime(v[1]) or now) > now
    }
    chosen[key] = [purpose, until.isoformat()]
    session[SESSION_KEY] = chosen


@dataclass(frozen=True)
class PurposeDecision:
    """The purpose of one read (None: ask the user), whether the user chose it (the context
    did not decide), and whether the user reads through break the glass."""

    purpose: str | None
    chosen: bool
    break_glass: bool


def purpose_for_case(
    user: User,
    case: Any,
    *,
    kind: rules.ReadKind = ReadKind.PAGE,
    session: SessionBase | None = None,
    chosen: str | None = None,
) -> PurposeDecision:
    """The purpose of reading `case`: the table's, else `chosen` (the API's ?purpose=), else
    what the user chose for the case in this session; None means: ask the user."""
    context = read_context(user, case, kind=kind)
    decided = rules.purpose_for(context)
    if decided is not None:
        return PurposeDecision(str(decided), chosen=False, break_glass=context.break_glass)
    picked = chosen or purpose_remembered(session, subject_key(case_id=case.pk))
    return PurposeDecision(picked, chosen=True, break_glass=context.break_glass)


def purpose_for_cases(
    user: User,
    case_ids: Iterable[int],
    *,
    session: SessionBase | None = None,
    key: str,
    registered_by_own_team: bool = False,
) -> PurposeDecision:
    """The purpose of a read that covers several cases at once (the citizen's page): the
    table's purpose for the first case that decides one, else the remembered choice. A citizen
    without any case belongs to the team that registered them (DESIGN §1): for that team the
    read is decided as on a case of its own (`registered_by_own_team`)."""
    contexts = read_contexts(user, case_ids, kind=ReadKind.PAGE)
    if not contexts and registered_by_own_team:
        contexts = {0: rules.ReadContext(kind=ReadKind.PAGE, role=reader_role(user), own_team=True)}
    for pk in sorted(contexts):
        decided = rules.purpose_for(contexts[pk])
        if decided is not None:
            return PurposeDecision(str(decided), chosen=False, break_glass=False)
    return PurposeDecision(purpose_remembered(session, key), chosen=True, break_glass=False)


def access_log_list_record(*, user: User, object_type: str, cases: Iterable[Any]) -> None:
    """Log a list or a search result as shown (DESIGN §10: never asked): one entry per
    distinct case on the page, purpose "list", in one go (the chain head is locked once)."""
    shown: dict[int, Any] = {}
    for case in cases:
        shown.setdefault(case.pk, case)
    if not shown:
        return
    glass = set(
        TemporaryCaseAccess.objects.filter(
            case_id__in=shown,
            user_id=user.pk,
            kind=TemporaryCaseAccess.Kind.BREAK_GLASS,
            expires_at__gt=timezone.now(),
        ).values_list("case_id", flat=True)
    )
    access_log_record_many(
        user=user,
        object_type=object_type,
        reads=[
            Read(case=case, object_id=pk, break_glass=pk in glass) for pk, case in shown.items()
        ],
        purpose=Purpose.LIST,
    )
