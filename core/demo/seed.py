"""The whole demo data set, in order: organisation, cases, handovers, an outpatient-only
course's check-in follow-up, a few look-ups, an access-to-file export awaiting review, an access
request and a complaint."""

from __future__ import annotations

from .access_log import seed_reads
from .checkins import seed_course_checkin_follow_up
from .courses import seed_cases
from .file_exports import seed_file_export
from .follow_ups import seed_follow_ups
from .handovers import seed_handovers
from .organisation import seed_organisation
from .records import seed_case_records
from .rights import seed_rights


def seed_all() -> bool:
    created = seed_organisation()
    if seed_cases():
        seed_case_records()
        seed_follow_ups()
        seed_handovers()
        seed_course_checkin_follow_up()
        seed_reads()
        seed_file_export()
        seed_rights()
        created = True
    return created
