"""One open access request and one open complaint in the demo (issue 14), each with its legal
hold, so that the case page's "Aktindsigt og klager" panel and the managers' team list show
something: an access request under offentlighedsloven received 3 days ago, and a complaint
about a decision received 10 days ago."""

from __future__ import annotations

from datetime import timedelta

from django.utils import timezone

from cases.models import Case, CaseStatus
from rights.models import AccessRequest
from rights.services import access_request_register, complaint_register


def seed_rights() -> None:
    today = timezone.localdate()
    open_cases = Case.objects.exclude(status=CaseStatus.CLOSED).filter(caseworker__isnull=False)
    first = open_cases.order_by("pk").first()
    if first is None or first.caseworker is None:
        return
    access_request_register(
        actor=first.caseworker,
        case=first,
        kind=AccessRequest.Kind.PUBLIC_ACCESS,
        received_on=today - timedelta(days=3),
    )
    decided = open_cases.filter(decision_date__isnull=False).exclude(pk=first.pk).first()
    if decided is None or decided.caseworker is None:
        return
    complaint_register(
        actor=decided.caseworker,
        case=decided,
        received_on=max(decided.decision_date or today, today - timedelta(days=10)),
        about="decision",
        text="Borgeren er uenig i afgørelsen.",
    )
