"""The citizen's look-up extract (DESIGN §10): when the citizen's data was looked up, by which
unit and for what purpose, never by whom (Datatilsynet 2024, following the CJEU's C-579/21).

The entries are those of every case of the citizen (whoever may see which), and those about
the citizen themself (the citizen's page, an earlier extract). The reader's unit is the unit
recorded on the entry; entries from before it was recorded name the reader's present unit.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from django.db.models import Q
from django.utils import timezone

from accounts.models import Unit
from cases.models import AccessLog, Case, Citizen, purpose_label

from .periods import Period

# The object types of entries about a citizen rather than one of their cases.
CITIZEN_OBJECT_TYPES = ("citizen", "citizen_lookup_extract", "citizen_file_export")


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
    """Every access-log entry about the citizen in the period, oldest first (three queries)."""
    cases = dict(Case.objects.filter(citizen=citizen).values_list("pk", "number"))
    start, end = _bounds(period)
    about = Q(case_id_logged__in=list(cases)) | Q(
        object_type__in=CITIZEN_OBJECT_TYPES, object_id=str(citizen.pk)
    )
    rows = list(
        AccessLog.objects.filter(about, created_at__gte=start, created_at__lt=end)
        .order_by("created_at", "pk")
        .values_list(
            "created_at",
            "reader_unit_id_logged",
            "user__unit_id",
            "purpose",
            "action",
            "case_id_logged",
        )
    )
    unit_ids = {reader or current for _, reader, current, *_rest in rows}
    units = dict(Unit.objects.filter(pk__in=unit_ids - {None}).values_list("pk", "name"))
    actions = dict(AccessLog.Action.choices)
    return [
        Lookup(
            at=timezone.localtime(created_at),
            unit=units.get(reader or current, "") if (reader or current) else "",
            purpose=purpose,
            purpose_label=purpose_label(purpose),
            action=action,
            action_label=str(actions.get(action, action)),
            case_number=cases.get(case_id, "") if case_id else "",
        )
        for created_at, reader, current, purpose, action, case_id in rows
    ]
