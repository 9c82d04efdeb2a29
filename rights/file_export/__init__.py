"""Access to the file (forvaltningsloven § 9; GDPR art. 15 and 20): everything held on a
citizen, as a PDF for the citizen and JSON for a machine, released after the caseworker's
review of the fields that may hold information about other people."""

from __future__ import annotations

from .access import CasesOutOfSight, file_export_citizen_get, file_export_get_for_user
from .collect import REDACTED, CitizenFile, FieldKey, FieldValue, citizen_file_collect
from .json_file import citizen_file_data, citizen_file_json
from .pdf import citizen_file_pdf
from .sections import EXCLUDED, SECTIONS
from .services import (
    FileExportConflict,
    ReviewItem,
    UnknownFields,
    file_export_create,
    file_export_decide,
    file_export_log,
    file_export_release,
    file_export_review,
)

__all__ = [
    "EXCLUDED",
    "REDACTED",
    "SECTIONS",
    "CasesOutOfSight",
    "CitizenFile",
    "FieldKey",
    "FieldValue",
    "FileExportConflict",
    "ReviewItem",
    "UnknownFields",
    "citizen_file_collect",
    "citizen_file_data",
    "citizen_file_json",
    "citizen_file_pdf",
    "file_export_citizen_get",
    "file_export_create",
    "file_export_decide",
    "file_export_get_for_user",
    "file_export_log",
    "file_export_release",
    "file_export_review",
]
