"""Break the glass (DESIGN §1): emergency read access to a case, logged, and a review task for
a manager of the case's team (notified by notifications, on `cases.hooks.glass_broken`), which
the manager closes with a comment (break_glass_review; notifications marks the task's
notifications read on `cases.hooks.glass_reviewed`)."""

from __future__ import annotations

from datetime import timedelta

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import User

from ..access import VIEW, has_case_perm, temporary_access_grant
from ..access_log import access_log_record
from ..break_glass_access import may_break_glass, may_review_break_glass
from ..event_messages import EventCode
from ..hooks import glass_broken, glass_reviewed
from ..models import AccessLog, Case, CaseEvent, TemporaryCaseAccess
from .checks import Errors
from .events import case_event_record

BREAK_GLASS_MIN_REASON = 10


@transaction.atomic
def case_break_glass(*, actor: User, case_id: int, reason_code: str, reason: str) -> Case:
    """Emergency read access (DESIGN §1) for a municipal caseworker or manager without access:
    for settings.BREAK_GLASS_HOURS after a reason from the short list and a written text. The
    use is a review task for a manager of the case's team; the access log marks it."""
    if not may_break_glass(actor):
        raise PermissionDenied(_("Kun kommunens sagsbehandlere og ledere kan bruge nødadgang."))
    reason = " ".join((reason or "").split())
    errors = Errors()
    if reason_code not in TemporaryCaseAccess.ReasonCode.values:
        errors.add("reason_code", _("Vælg en årsag."), code="required")
    if len(reason) < BREAK_GLASS_MIN_REASON:
        errors.add(
            "reason",
            _("Skriv en begrundelse på mindst %(count)s tegn.") % {"count": BREAK_GLASS_MIN_REASON},
            code="required",
        )
    errors.raise_if_any()
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
        reason_code=reason_code,
    )
    case_event_record(
        case=case,
        kind=CaseEvent.Kind.BREAK_GLASS,
        actor=actor,
        description=_(
            "Nødadgang til sagen i %(hours)s timer. Årsag: %(code)s. Begrundelse: %(reason)s"
        )
        % {
            "hours": settings.BREAK_GLASS_HOURS,
            "code": TemporaryCaseAccess.ReasonCode(reason_code).label,
            "reason": reason,
        },
        code=EventCode.BREAK_GLASS,
        values={
            "hours": settings.BREAK_GLASS_HOURS,
            "break_glass_reason": reason_code,
            "reason": reason,
        },
        data={"temporary_access": access.pk, "expires_at": expires_at.isoformat()},
    )
    access_log_record(
        user=actor,
        case=case,
        object_type="case",
        object_id=case.pk,
        action=AccessLog.Action.BREAK_GLASS,
        purpose=AccessLog.Purpose.BREAK_GLASS,
        note=reason,
        break_glass=True,
    )
    # Synchronously, inside this transaction, as the managers' notification always was
    # (notifications answers it: notifications.rules.break_glass).
    glass_broken.send(sender=Case, case=case, access=access, actor=actor)
    return case


@transaction.atomic
def break_glass_review(
    *, actor: User, access: TemporaryCaseAccess, comment: str
) -> TemporaryCaseAccess:
    """A manager closes the review task of one use of break the glass with a comment. Only the
    use's reviewers may (cases.break_glass_access); a use is reviewed once."""
    locked = TemporaryCaseAccess.objects.select_for_update().get(pk=access.pk)
    if not may_review_break_glass(actor, locked):
        raise PermissionDenied(_("Du kan ikke gennemgå denne nødadgang."))
    comment = (comment or "").strip()
    errors = Errors()
    if locked.reviewed_at is not None:
        errors.add("comment", _("Nødadgangen er allerede gennemgået."), code="invalid")
    elif not comment:
        errors.add("comment", _("Skriv en kommentar til gennemgangen."), code="required")
    errors.raise_if_any()
    locked.reviewed_by = actor
    locked.reviewed_at = timezone.now()
    locked.review_comment = comment
    locked.save(update_fields=["reviewed_by", "reviewed_at", "review_comment"])
    # On the timeline that the use is reviewed, not the comment: the comment judges a
    # colleague's conduct, and the timeline is read by everyone who works on the case.
    case_event_record(
        case=locked.case,
        kind=CaseEvent.Kind.BREAK_GLASS_REVIEWED,
        actor=actor,
        description=_("Nødadgangen fra %(when)s er gennemgået af en leder.")
        % {"when": timezone.localtime(locked.granted_at).strftime("%d.%m.%Y %H:%M")},
        code=EventCode.BREAK_GLASS_REVIEWED,
        values={"when": locked.granted_at.isoformat()},
        data={"temporary_access": locked.pk},
    )
    glass_reviewed.send(sender=Case, access=locked, actor=actor)
    return locked
