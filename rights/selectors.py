"""Reads of the rights app: a case's access requests, complaints and holds, and a team's open
ones with their deadlines (for its managers). Filtered by what the user may see, in the
database."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from django.db.models import Q

from accounts.models import User
from cases.access import case_list_visible_to
from cases.models import Case
from cases.prefetch import RowLists, Rows, by

from .deadlines import complaint_reminder_from
from .models import AccessRequest, Complaint, LegalHold


@dataclass(frozen=True)
class CaseRights:
    access_requests: list[AccessRequest]
    complaints: list[Complaint]
    # The citizen's open holds that reach this case: on all their data, or on this case.
    open_holds: list[LegalHold]


# The rights panel's three lists, read in one query on PostgreSQL (cases.prefetch).
CASE_RIGHTS_LISTS = RowLists(
    access_requests=Rows(
        AccessRequest.objects.select_related("handled_by", "hold"), where=by("case_id")
    ),
    complaints=Rows(Complaint.objects.select_related("hold"), where=by("case_id")),
    open_holds=Rows(
        LegalHold.objects.filter(lifted_at__isnull=True).select_related("placed_by"),
        where=lambda ref: (
            Q(citizen_id=ref("citizen_id")) & (Q(case__isnull=True) | Q(case=ref("pk")))
        ),
    ),
)


def case_rights(case: Case) -> CaseRights:
    """The case's access requests and complaints, and the holds on its data (one query on
    PostgreSQL, three elsewhere)."""
    rows = CASE_RIGHTS_LISTS.rows_for(case)
    return CaseRights(
        access_requests=rows["access_requests"],
        complaints=rows["complaints"],
        open_holds=rows["open_holds"],
    )


@dataclass(frozen=True)
class TeamRightsRow:
    kind: str  # "access_request" / "complaint"
    case: Case
    received_on: date
    deadline_on: date
    label: str
    obj: Any


def team_rights_open(user: User) -> list[TeamRightsRow]:
    """The open access requests and the complaints not yet reconsidered of the cases of the
    user's team that the user may see, the nearest deadline first (2 queries)."""
    cases = case_list_visible_to(user).filter(team_id=user.unit_id)
    requests = AccessRequest.objects.filter(
        status=AccessRequest.Status.OPEN, case__in=cases
    ).select_related("case", "handled_by")
    complaints = Complaint.objects.filter(
        status=Complaint.Status.OPEN, case__in=cases
    ).select_related("case")
    rows = [
        TeamRightsRow(
            "access_request", r.case, r.received_on, r.deadline_on, r.get_kind_display(), r
        )
        for r in requests
    ] + [
        TeamRightsRow(
            "complaint",
            c.case,
            c.received_on,
            complaint_reminder_from(c.received_on),
            c.get_about_display(),
            c,
        )
        for c in complaints
    ]
    return sorted(rows, key=lambda row: (row.deadline_on, row.case.pk))
