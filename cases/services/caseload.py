"""Moving all of a leaving caseworker's cases to others of the team in one step (DESIGN §5.10,
"no day without an owner"). Each case goes through `case_assign`, so the rule of who may
reassign (cases.access.may_reassign), the timeline entry with the reason, and the access grants
are exactly those of a single reassignment."""

from __future__ import annotations

from collections.abc import Sequence

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils.translation import gettext as _

from accounts.models import Unit, User
from accounts.roles import Role

from ..access import is_caseworker_of, may_reassign
from ..models import Case
from .assignment import case_assign
from .checks import Errors


def caseload_of(*, caseworker: User, team: Unit) -> list[Case]:
    """The caseworker's cases in the team, oldest first (the order of the round robin)."""
    return list(
        Case.objects.filter(caseworker=caseworker, team=team).select_related("team").order_by("pk")
    )


@transaction.atomic
def caseload_move(
    *, actor: User, from_caseworker: User, to_caseworkers: Sequence[User], reason: str
) -> list[Case]:
    """Give every case of `from_caseworker` in the actor's team to the chosen caseworkers of
    the same team: one target takes them all, several take them in turn (round robin). The
    reason is recorded on each case. All or nothing: a case the actor may not reassign
    refuses the whole move."""
    if not actor.has_role(Role.MANAGER) or actor.unit is None:
        raise PermissionDenied(_("Kun en leder af teamet kan flytte en sagsbehandlers sager."))
    team = actor.unit
    reason = " ".join((reason or "").split())
    targets = list(dict.fromkeys(to_caseworkers))
    errors = Errors()
    if not reason:
        errors.add("reason", _("Skriv en begrundelse. Den står på hver sag."))
    if from_caseworker.unit_id != team.pk:
        errors.add("from_caseworker", _("Vælg en sagsbehandler fra dit team."), code="invalid")
    if not targets:
        errors.add("to_caseworkers", _("Vælg mindst én sagsbehandler, der overtager sagerne."))
    elif any(t.pk == from_caseworker.pk for t in targets):
        errors.add(
            "to_caseworkers",
            _("Sagerne kan ikke flyttes til den samme sagsbehandler."),
            code="invalid",
        )
    elif not all(is_caseworker_of(t, team) for t in targets):
        errors.add(
            "to_caseworkers",
            _("De nye sagsbehandlere skal være aktive sagsbehandlere i %(team)s.")
            % {"team": team.name},
            code="invalid",
        )
    errors.raise_if_any()
    cases = caseload_of(caseworker=from_caseworker, team=team)
    if not all(may_reassign(actor, case) for case in cases):
        raise PermissionDenied(_("Du har ikke adgang til at omfordele alle sagerne."))
    moved = []
    for index, case in enumerate(cases):
        moved.append(
            case_assign(
                actor=actor, case=case, caseworker=targets[index % len(targets)], reason=reason
            )
        )
    return moved
