"""Every reminder sweep anchors the access log's head outside the database (DESIGN §1)."""

from __future__ import annotations

import json

from cases.access_log import access_log_record
from cases.models import AccessLog
from notifications.tasks import reminder_sweep_task
from tests.clock import REMINDER_DAY as TODAY


def test_every_sweep_appends_the_access_log_head(case, caseworker, access_log_anchor_file):
    access_log_record(user=caseworker, case=case, object_type="case", purpose="case_work")
    reminder_sweep_task(today=TODAY.isoformat())
    access_log_record(user=caseworker, case=case, object_type="case", purpose="case_work")
    reminder_sweep_task(today=TODAY.isoformat())

    lines = [json.loads(line) for line in access_log_anchor_file.read_text().splitlines()]
    newest = AccessLog.objects.order_by("pk").last()
    assert newest is not None
    assert [(a["count"], a["last_id"]) for a in lines] == [(1, newest.pk - 1), (2, newest.pk)]
    assert lines[-1]["hmac"] == newest.entry_hash
    assert lines[-1]["key_id"] == newest.key_id
