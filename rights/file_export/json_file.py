"""The access-to-file export for a machine (GDPR art. 20): JSON with stable keys.

`sections` in the order of rights.file_export.sections.SECTIONS, each keyed by the model's
label (`cases.Case`), its records by id, their fields by the model's field names; codes and
ISO 8601 dates as stored; a reference to another exported record is that record's id. A field
left out after the caseworker's review has the value "[Udeladt]".
"""

from __future__ import annotations

import json
from typing import Any

from .collect import REDACTED, CitizenFile

FORMAT = "overgang.aktindsigt"
FORMAT_VERSION = 1


def citizen_file_data(file: CitizenFile) -> dict[str, Any]:
    return {
        "format": FORMAT,
        "format_version": FORMAT_VERSION,
        "citizen_id": file.citizen.pk,
        "generated_at": file.generated_at.isoformat(),
        "redacted_value": REDACTED,
        "sections": [
            {
                "model": part.section.label,
                "title": part.title,
                "records": [
                    {
                        "id": record.pk,
                        "case_number": record.case_number,
                        "fields": {value.key.field: value.raw for value in record.values},
                    }
                    for record in part.records
                ],
            }
            for part in file.sections
        ],
    }


def citizen_file_json(file: CitizenFile) -> bytes:
    return json.dumps(citizen_file_data(file), ensure_ascii=False, indent=2).encode()
