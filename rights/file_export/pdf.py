"""The access-to-file export for the citizen to read: a Danish PDF (reports.pdf)."""

from __future__ import annotations

from typing import Any

from django.utils import timezone, translation
from django.utils.translation import gettext as _

from accounts.models import User
from reports.pdf import render_pdf

from .collect import REDACTED, CitizenFile
from .sections import EXCLUDED


def citizen_file_context(*, file: CitizenFile, user: User) -> dict[str, Any]:
    now = timezone.localtime()
    unit = getattr(user, "unit", None)
    return {
        "document_title": _("Aktindsigt i dine oplysninger"),
        "citizen": file.citizen,
        "sections": [part for part in file.sections if part.records],
        "empty_sections": [part.title for part in file.sections if not part.records],
        "excluded": sorted({str(reason) for reason in EXCLUDED.values()}),
        "redacted_count": sum(1 for value in file.values() if value.is_redacted),
        "redacted_value": REDACTED,
        "issuing_unit": unit,
        # As the look-up extract: the unit answers the request, not a named employee.
        "issued_by": unit.name if unit else _("Overgang"),
        "issued_at": now,
        "issued_on": now.date(),
    }


def citizen_file_pdf(*, file: CitizenFile, user: User) -> bytes:
    with translation.override("da"):  # the context's texts are Danish as the PDF (reports.pdf)
        context = citizen_file_context(file=file, user=user)
    return render_pdf("rights/print/file_export.html", context)
