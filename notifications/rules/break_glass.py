"""The team's managers hear when somebody breaks the glass on one of the team's cases
(DESIGN §1). Not a swept rule: it answers `cases.hooks.glass_broken`, connected in
NotificationsConfig.ready()."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext as _

from accounts.models import User
from accounts.roles import Role
from cases.models import Case, TemporaryCaseAccess
from cases.services import case_url

from ..models import Rule
from ..services import notify


def notify_managers_of_break_glass(
    sender: Any, *, case: Case, access: TemporaryCaseAccess, actor: Any, **kwargs: Any
) -> int:
    """Notify the active managers of the case's team (not the actor). Runs inside the
    transaction of `case_break_glass`: the notifications commit or roll back with the grant."""
    managers = User.objects.filter(
        unit_id=case.team_id, groups__name=Role.MANAGER.value, is_active=True
    ).exclude(pk=actor.pk)
    # The subject is the grant itself, so that every break of the glass notifies, even twice on
    # the same case. The message carries no personal data (it may go out by e-mail).
    return notify(
        recipients=list(managers),
        rule=Rule.BREAK_GLASS,
        subject=access,
        threshold="granted",
        message=_("Nødadgang til en sag i dit team"),
        url=case_url(case),
    )
