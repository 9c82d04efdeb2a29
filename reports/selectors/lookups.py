"""The citizen's look-up extract (DESIGN §10): when the citizen's data was looked up, by which
unit and for what purpose, never by whom (Datatilsynet 2024, following the CJEU's C-579/21).

The entries are those of every case of the citizen (whoever may see which), and those about
the citizen themself (the citizen's page, an earlier extract). The reader's unit is the unit
recorded on the entry; entries from before it was recorded name the reader's present unit.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from django.db import models
from django.db.models import F, OuterRef, Q, Subquery, Value
from django.db.models.functions import Coalesce
from django.utils import timezone

from accounts.models import Unit
from cases.models import CITIZEN_OBJECT_TYPES, AccessLog, Case, Citizen, purpose_label

from .periods import Period


@dataclass(frozen=True)
class Lookup:
    """One row of the extract: no user, only the unit."""

    at: datetime
    unit: str
    purpose: str
    purpose_label: str
    action: str
    action_label: str
    case_number: str


# The log holds nothing older or newer; dates beyond these would overflow once turned to UTC.
EARLIEST, LATEST = date(1900, 1, 1), date(9998, 12, 31)


def _bounds(period: Period) -> tuple[datetime, datetime]:
    tz = timezone.get_current_timezone()
    first = min(max(period.start, EARLIEST), LATEST)
    last = min(max(period.end, EARLIEST), LATEST)
    start = datetime.combine(first, time.min, tzinfo=tz)
    end = datetime.combine(last + timedelta(days=1), time.min, tzinfo=tz)
    return start, end


def citizen_lookups(*, citizen: Citizen, period: Period) -> list[Lookup]:
    """Every access-log entry about the citizen in the period, oldest first (two queries).

    The entries are found through the indexes on (case_id_logged, created_at) and on the
    citizen's own entries (cases.models.AccessLog.Meta.indexes): one range per case of the
    citizen and the period, whatever the size of the log."""
    cases = dict(Case.objects.filter(citizen=citizen).values_list("pk", "number"))
    start, end = _bounds(period)
    about = Q(case_id_logged__in=list(cases)) | Q(
        object_type__in=CITIZEN_OBJECT_TYPES, object_id=str(citizen.pk)
    )
    reader_unit = (
        Unit.objects.filter(pk=OuterRef("reader_unit_id_logged")).order_by().values("name")[:1]
    )
    rows = list(
        AccessLog.objects.filter(about, created_at__gte=start, created_at__lt=end)
        # The unit recorded on the entry; on older entries the reader's present unit.
        .annotate(
            unit_name=Coalesce(
                models.Case(
                    models.When(reader_unit_id_logged__isnull=False, then=Subquery(reader_unit)),
                    default=F("user__unit__name"),
                ),
                Value(""),
            )
        )
        .order_by("created_at", "pk")
        .values_list("created_at", "unit_name", "purpose", "action", "case_id_logged")
    )
    actions = dict(AccessLog.Action.choices)
    return [
        Lookup(
            at=timezone.localtime(created_at),
            unit=unit,
            purpose=purpose,
            purpose_label=purpose_label(purpose),
            action=action,
            action_label=str(actions.get(action, action)),
            case_number=cases.get(case_id, "") if case_id else "",
        )
        for created_at, unit, purpose, action, case_id in rows
    ]
