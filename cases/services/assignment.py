"""Giving a case to another caseworker (and team); access follows the new owner."""

from __future__ import annotations

from django.db import transaction
from django.utils.translation import gettext as _

from accounts.models import Unit, User

from ..access import case_access_sync, is_caseworker_of, reassign_require
from ..event_messages import EventCode
from ..models import Case, CaseEvent
from .checks import Errors
from .events import case_event_record
from .locking import lock_case


@transaction.atomic
def case_assign(
    *, actor: User, case: Case, caseworker: User | None, team: Unit | None = None, reason: str = ""
) -> Case:
    """Give the case to another caseworker (and optionally another team). Who may is
    cases.access.may_reassign (DESIGN §1); a move to another team needs a written reason.
    Access follows the new owner at once."""
    locked = lock_case(case)
    reassign_require(actor, locked, team=team)
    new_team = team or locked.team
    reason = " ".join((reason or "").split())
    errors = Errors()
    if new_team.pk != locked.team_id and not reason:
        errors.add("reason", _("Skriv en begrundelse for at flytte sagen til et andet team."))
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
        code = EventCode.CASE_ASSIGNED
        values = {"name": caseworker.get_full_name() or caseworker.username, "team": new_team.name}
        description = _("Sagen er tildelt %(name)s (%(team)s).") % values
    else:
        code, values = EventCode.CASE_UNASSIGNED, {"team": new_team.name}
        description = _("Sagen ligger i %(team)s uden tildelt sagsbehandler.") % values
    case_event_record(
        case=locked,
        kind=CaseEvent.Kind.CASEWORKER_ASSIGNED,
        actor=actor,
        description=description,
        code=code,
        values=values,
        data={
            "from_caseworker": old_caseworker_id,
            "to_caseworker": new_caseworker_id,
            "from_team": old_team_id,
            "to_team": new_team.pk,
            "reason": reason,
        },
    )
    # The old caseworker (and the old team) lose access now: access follows the current owner.
    case_access_sync(locked)
    return locked
