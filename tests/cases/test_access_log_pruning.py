"""Pruning the access log leaves a signed checkpoint that `verify_access_log` accepts
(docs/retention.md §3 row 3, issue 14)."""

from __future__ import annotations

from datetime import timedelta
from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.utils import timezone

from cases.access_log import access_log_anchor, access_log_record, access_log_verify
from cases.access_log.pruning import PruneRefused, access_log_prune
from cases.models import AccessLog, AccessLogCheckpoint
from tests.clock import NOW


@pytest.fixture(autouse=True)
def frozen_clock(time_machine):
    time_machine.move_to(NOW, tick=False)


@pytest.fixture
def entries(case, caseworker, time_machine):
    """Three old entries (anchored), then three new ones."""
    time_machine.move_to(NOW - timedelta(days=400), tick=False)
    for _i in range(3):
        access_log_record(user=caseworker, case=case, object_type="case", purpose="case_work")
    access_log_anchor()
    time_machine.move_to(NOW, tick=False)
    for _i in range(3):
        access_log_record(user=caseworker, case=case, object_type="case", purpose="case_work")
    return list(AccessLog.objects.order_by("pk"))


def prune() -> int:
    return access_log_prune(before=timezone.now() - timedelta(days=365)).deleted


def verify_fails() -> str:
    err = StringIO()
    with pytest.raises(CommandError):
        call_command("verify_access_log", stdout=StringIO(), stderr=err)
    return err.getvalue()


def test_after_pruning_the_chain_verifies_from_the_checkpoint(entries, access_log_anchor_file):
    assert prune() == 3

    assert list(AccessLog.objects.values_list("pk", flat=True)) == [e.pk for e in entries[3:]]
    checkpoint = AccessLogCheckpoint.objects.get()
    assert (checkpoint.last_id, checkpoint.count) == (entries[2].pk, 3)
    assert checkpoint.last_hash == entries[2].entry_hash
    assert access_log_verify() == []
    out = StringIO()
    call_command("verify_access_log", stdout=out)


def test_pruning_again_is_a_no_op_and_a_later_prune_adds_up(
    entries, access_log_anchor_file, time_machine
):
    prune()
    assert prune() == 0
    access_log_anchor()
    time_machine.move_to(NOW + timedelta(days=400), tick=False)

    assert prune() == 3

    assert AccessLog.objects.count() == 0
    assert AccessLogCheckpoint.objects.get().count == 6
    assert access_log_verify() == []
    anchor = access_log_anchor()
    assert (anchor.count, anchor.last_id) == (6, entries[-1].pk)


def test_a_new_anchor_counts_the_pruned_entries(entries, access_log_anchor_file):
    prune()
    assert access_log_anchor().count == 6
    assert access_log_verify() == []


def test_a_forged_checkpoint_fails(entries, access_log_anchor_file):
    prune()
    AccessLogCheckpoint.objects.update(count=2)

    problems = access_log_verify()

    assert any("Kontrolpunktet" in p.message for p in problems)
    assert "Kontrolpunktet for de slettede poster" in verify_fails()


def test_a_deleted_checkpoint_fails(entries, access_log_anchor_file):
    prune()
    AccessLogCheckpoint.objects.all().delete()

    assert access_log_verify() != []


def test_a_tampered_entry_in_the_range_is_never_pruned(entries, access_log_anchor_file):
    AccessLog.objects.filter(pk=entries[1].pk).update(object_type="tampered")

    with pytest.raises(PruneRefused):
        prune()

    assert AccessLog.objects.count() == 6
    assert not AccessLogCheckpoint.objects.exists()
    assert any(p.first_id == entries[1].pk for p in access_log_verify())


def test_a_kept_entry_tampered_after_pruning_fails(entries, access_log_anchor_file):
    prune()
    AccessLog.objects.filter(pk=entries[3].pk).update(object_type="tampered")

    assert [p.first_id for p in access_log_verify()] == [entries[3].pk]


def test_entries_about_a_held_case_stop_the_pruning(entries, case, access_log_anchor_file):
    result = access_log_prune(before=timezone.now(), held_case_ids=[case.pk])

    assert result.deleted == 0
    assert AccessLog.objects.count() == 6
