"""Someone who can write to the database but has no key recomputes the chain and its head:
`verify_access_log` must still find, and name, what was changed (DESIGN §1)."""

from __future__ import annotations

import hashlib
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from cases.access_log import access_log_record
from cases.models import AccessLog, AccessLogHead
from tests.clock import NOW


@pytest.fixture(autouse=True)
def frozen_clock(time_machine, settings):
    time_machine.move_to(NOW, tick=False)


@pytest.fixture
def entries(case, caseworker):
    for _ in range(5):
        access_log_record(user=caseworker, case=case, object_type="case", purpose="case_work")
    return list(AccessLog.objects.order_by("pk"))


def plain_hash(previous: str, entry: AccessLog) -> str:
    """All that someone without the key can compute: a plain SHA-256 over the entry's fields
    and the hash before it (the chain's rule before it had a key)."""
    parts = [
        previous,
        str(entry.user_id or ""),
        str(entry.case_id_logged or ""),
        str(entry.unit_id_logged or ""),
        entry.object_type,
        entry.object_id,
        entry.action,
        entry.purpose,
        "1" if entry.break_glass else "0",
        entry.created_at.isoformat(),
    ]
    return hashlib.sha256("\x1f".join(parts).encode()).hexdigest()


def recompute(entries: list[AccessLog], previous: str) -> None:
    """Rewrite the chain from `entries[0]` on, and the head, so that every link holds."""
    for entry in entries:
        entry.refresh_from_db()
        entry_hash = plain_hash(previous, entry)
        AccessLog.objects.filter(pk=entry.pk).update(previous_hash=previous, entry_hash=entry_hash)
        previous = entry_hash
    AccessLogHead.objects.filter(pk=1).update(last_hash=previous)


def verify_fails() -> tuple[str, str]:
    err = StringIO()
    with pytest.raises(CommandError) as info:
        call_command("verify_access_log", stdout=StringIO(), stderr=err)
    return str(info.value), err.getvalue()


def test_altered_entry_in_a_recomputed_chain_is_named(entries):
    first, *rest = entries[2:]
    AccessLog.objects.filter(pk=first.pk).update(purpose="rutine")
    recompute(entries[2:], previous=entries[1].entry_hash)

    message, err = verify_fails()

    assert message == "Adgangsloggen er ikke intakt: 1 fund."
    assert err == (
        f"Poster {first.pk}-{rest[-1].pk}: HMAC'en passer ikke (posterne er ændret, eller "
        "kæden er genberegnet uden nøglen).\n"
    )


def test_entry_deleted_in_the_middle_of_a_recomputed_chain_is_named(entries):
    kept, gone, *after = entries[1:]
    AccessLog.objects.filter(pk=gone.pk).delete()
    recompute(after, previous=kept.entry_hash)

    message, err = verify_fails()

    assert message == "Adgangsloggen er ikke intakt: 1 fund."
    assert err == (
        f"Poster {after[0].pk}-{after[-1].pk}: HMAC'en passer ikke (posterne er ændret, eller "
        f"kæden er genberegnet uden nøglen). Id {gone.pk} findes ikke.\n"
    )


def test_whole_chain_recomputed_without_the_key_is_named(entries):
    recompute(entries, previous="0" * 64)

    _message, err = verify_fails()

    assert f"Poster {entries[0].pk}-{entries[-1].pk}: HMAC'en passer ikke" in err
