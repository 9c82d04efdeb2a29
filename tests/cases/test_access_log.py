"""The access log's hash chain and `manage.py verify_access_log` (DESIGN §1)."""

from __future__ import annotations

from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from cases.access_log import access_log_record
from cases.models import AccessLog

pytestmark = pytest.mark.usefixtures("clock")


@pytest.fixture
def five_entries(case, caseworker, manager):
    for i in range(5):
        access_log_record(
            user=caseworker if i % 2 else manager,
            case=case,
            object_type="case",
            object_id=case.pk,
            purpose=f"opslag {i}",
        )
    return list(AccessLog.objects.order_by("pk"))


def verify() -> tuple[str, str]:
    out, err = StringIO(), StringIO()
    call_command("verify_access_log", stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def verify_fails() -> tuple[str, str]:
    err = StringIO()
    with pytest.raises(CommandError) as info:
        call_command("verify_access_log", stdout=StringIO(), stderr=err)
    return str(info.value), err.getvalue()


def test_intact_log_is_reported_with_its_size(five_entries):
    out, _err = verify()

    assert "Adgangsloggen er intakt (5 poster)" in out


def test_empty_log_is_intact(db):
    out, _err = verify()

    assert "Adgangsloggen er intakt (0 poster)" in out


def test_deleted_middle_entry_is_detected(five_entries):
    AccessLog.objects.filter(pk=five_entries[2].pk).delete()

    message, err = verify_fails()

    assert "ikke intakt" in message
    assert f"post {five_entries[3].pk}" in err


def test_altered_entry_is_detected(five_entries):
    # Someone hides who looked: change the purpose of an entry in place.
    AccessLog.objects.filter(pk=five_entries[1].pk).update(purpose="rutine")

    _message, err = verify_fails()

    assert f"post {five_entries[1].pk}: postens hash passer ikke" in err


def test_altered_entry_with_a_recomputed_hash_is_detected_by_the_next(five_entries):
    AccessLog.objects.filter(pk=five_entries[1].pk).update(entry_hash="f" * 64)

    _message, err = verify_fails()

    assert f"post {five_entries[2].pk}: forrige hash passer ikke" in err


def test_deleted_last_entry_is_detected(five_entries):
    AccessLog.objects.filter(pk=five_entries[-1].pk).delete()

    _message, err = verify_fails()

    assert "den nyeste post mangler" in err


def test_log_is_written_on_and_stays_intact(five_entries, case, caseworker):
    access_log_record(user=caseworker, case=case, object_type="case_report", action="export")

    out, _err = verify()

    assert "(6 poster)" in out
