"""A demo access-to-file export awaiting review: the citizen of the first case in residential
treatment has asked for everything held on them, and the caseworker has started the export
(the review page lists the fields to decide; nothing is released yet)."""

from __future__ import annotations

from accounts.models import User
from cases.models import Case, CaseStatus
from rights.file_export import file_export_create
from rights.models import FileExport


def seed_file_export() -> FileExport | None:
    case = (
        Case.objects.filter(
            status=CaseStatus.IN_TREATMENT, episodes__offer__provider__name="Sydgården"
        )
        .order_by("inquiry_date", "pk")
        .first()
    )
    if case is None:
        return None
    return file_export_create(actor=User.objects.get(username="karin"), citizen=case.citizen)
