"""Demo look-ups: a few reads of the first case in residential treatment, each on its own past
day and with the purpose the table gives it (cases.purposes), so that the managers' access
log and the citizen's look-up extract have something to show."""

from __future__ import annotations

from datetime import datetime, time, timedelta

import time_machine
from django.utils import timezone

from accounts.models import User
from cases.access_log import access_log_record
from cases.access_log.purposes import purpose_for_case
from cases.models import AccessLog, Case, CaseStatus

# (username, days ago): the caseworker, the residential therapist, the team's manager and the
# outpatient therapist named on the handover.
READS = [("karin", 6), ("dorte", 5), ("lise", 4), ("anders", 2)]


def seed_reads() -> list[AccessLog]:
    case = (
        Case.objects.filter(
            status=CaseStatus.IN_TREATMENT, episodes__offer__provider__name="Sydgården"
        )
        .order_by("inquiry_date", "pk")
        .first()
    )
    if case is None:
        return []
    entries = []
    for username, days_ago in READS:
        user = User.objects.get(username=username)
        day = timezone.localdate() - timedelta(days=days_ago)
        with time_machine.travel(timezone.make_aware(datetime.combine(day, time(11))), tick=False):
            decision = purpose_for_case(user, case)
            if decision.purpose is None:
                continue
            entries.append(
                access_log_record(
                    user=user,
                    case=case,
                    object_type="case",
                    object_id=case.pk,
                    purpose=decision.purpose,
                    break_glass=decision.break_glass,
                )
            )
    return entries
