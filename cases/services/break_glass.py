"""Break the glass (DESIGN §1): emergency read access to a case, logged, and the team's managers
notified (by notifications, on `cases.hooks.glass_broken`)."""

from __future__ import annotations

from datetime import timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import User

from ..access import VIEW, has_case_perm, temporary_access_grant
from ..access_log import access_log_record
from ..hooks import glass_broken
from ..models import AccessLog, Case, CaseEvent, TemporaryCaseAccess
from .checks import require_perm
from .events import case_event_record

BREAK_GLASS_MIN_REASON = 10


@transaction.atomic
def case_break_glass(*, actor: User, case_id: int, reason: str) -> Case:
    """Emergency read access (DESIGN §1) for a caseworker or manager without access: for
    settings.BREAK_GLASS_HOURS after a written reason. The team's managers are notified and the
    access log marks it."""
    require_perm(actor, "cases.break_glass")
    reason = " ".join((reason or "").split())
    if len(reason) < BREAK_GLASS_MIN_REASON:
        raise ValidationError(
            {
                "reason": _("Skriv en begrundelse på mindst %(count)s tegn.")
                % {"count": BREAK_GLASS_MIN_REASON}
            },
            code="required",
        )
    try:
        case = Case.objects.select_related("team").get(pk=int(case_id))
    except (Case.DoesNotExist, TypeError, ValueError):
        raise Http404 from None
    if has_case_perm(actor, VIEW, case):
        # Nothing to break: the user can already open the case the ordinary way.
        return case
    expires_at = timezone.now() + timedelta(hours=settings.BREAK_GLASS_HOURS)
    access = temporary_access_grant(
        case=case,
        kind=TemporaryCaseAccess.Kind.BREAK_GLASS,
        expires_at=expires_at,
        user=actor,
        reason=reason,
    )
    case_event_record(
        case=case,
        kind=CaseEvent.Kind.BREAK_GLASS,
        actor=actor,
        description=_("Nødadgang til sagen i %(hours)s timer. Begrundelse: %(reason)s")
        % {"hours": settings.BREAK_GLASS_HOURS, "reason": reason},
        data={"temporary_access": access.pk, "expires_at": expires_at.isoformat()},
    )
    access_log_record(
        user=actor,
        case=case,
        object_type="case",
        object_id=case.pk,
        action=AccessLog.Action.BREAK_GLASS,
        purpose=reason,
        break_glass=True,
    )
    # Synchronously, inside this transaction, as the managers' notification always was
    # (notifications answers it: notifications.rules.break_glass).
    glass_broken.send(sender=Case, case=case, access=access, actor=actor)
    return case
