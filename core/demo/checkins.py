"""An outpatient-only course's answered check-in on a demo case (DESIGN §5.10): the first due
check-in of an open course without a handover is answered "needs follow-up", so the case page
shows the caseworker's follow-up task with the course's check-ins."""

from __future__ import annotations

from django.utils import timezone

from cases.models import CaseStatus
from transitions.models import CheckIn
from transitions.services import checkin_answer


def seed_course_checkin_follow_up() -> None:
    checkin = (
        CheckIn.objects.filter(
            transition__isnull=True,
            answered_at__isnull=True,
            due_on__lte=timezone.localdate(),
            case__caseworker__isnull=False,
            case__transitions__isnull=True,
        )
        .exclude(case__status=CaseStatus.CLOSED)
        .select_related("case__caseworker")
        .order_by("due_on", "pk")
        .first()
    )
    if checkin is None or checkin.case.caseworker is None:
        return
    checkin_answer(
        checkin=checkin,
        actor=checkin.case.caseworker,
        answer="Weekenderne er svære; jeg er bange for at falde tilbage, når jeg er alene.",
        themes=[CheckIn.Theme.NETWORK, CheckIn.Theme.RELAPSE],
        needs_follow_up=True,
    )
