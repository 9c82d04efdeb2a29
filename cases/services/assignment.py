"""Giving a case to another caseworker (and team); access follows the new owner."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils.translation import gettext as _

from accounts.models import Unit, User
from accounts.roles import Role

from ..access import CHANGE, case_access_sync, has_case_perm, is_caseworker_of
from ..models import Case, CaseEvent
from .checks import Errors
from .events import case_event_record
from .locking import lock_case


@transaction.atomic
def case_assign(
    *, actor: User, case: Case, caseworker: User | None, team: Unit | None = None
) -> Case:
    """Give the case to another caseworker (and optionally another team). The team's
    caseworkers and its manager may do it; access follows the new owner at once."""
    locked = lock_case(case)
    is_team_caseworker = (
        actor.unit_id == locked.team_id
        and actor.groups.filter(name=Role.CASEWORKER.value).exists()
        and has_case_perm(actor, CHANGE, locked)
    )
    if not (is_team_caseworker or has_case_perm(actor, "cases.reassign_case", locked)):
        raise PermissionDenied(_("Du har ikke adgang til at omfordele sagen."))
    new_team = team or locked.team
    errors = Errors()
    if new_team.kind != Unit.Kind.MUNICIPAL_TEAM:
        errors.add("team", _("Vælg et kommunalt team."), code="invalid")
    elif caseworker is not None and not is_caseworker_of(caseworker, new_team):
        errors.add(
            "caseworker",
            _("Sagsbehandleren skal være sagsbehandler i %(team)s.") % {"team": new_team.name},
            code="invalid",
        )
    errors.raise_if_any()
    old_caseworker_id, old_team_id = locked.caseworker_id, locked.team_id
    new_caseworker_id = caseworker.pk if caseworker is not None else None
    if old_caseworker_id == new_caseworker_id and old_team_id == new_team.pk:
        return locked
    locked.caseworker = caseworker
    locked.team = new_team
    locked.version += 1
    locked.save(update_fields=["caseworker", "team", "version", "updated_at"])
    if caseworker is not None:
        description = _("Sagen er tildelt %(name)s (%(team)s).") % {
            "name": caseworker.get_full_name() or caseworker.username,
            "team": new_team.name,
        }
    else:
        description = _("Sagen ligger i %(team)s uden tildelt sagsbehandler.") % {
            "team": new_team.name
        }
    case_event_record(
        case=locked,
        kind=CaseEvent.Kind.CASEWORKER_ASSIGNED,
        actor=actor,
        description=description,
        data={
            "from_caseworker": old_caseworker_id,
            "to_caseworker": new_caseworker_id,
            "from_team": old_team_id,
            "to_team": new_team.pk,
        },
    )
    # The old caseworker (and the old team) lose access now: access follows the current owner.
    case_access_sync(locked)
    return locked
