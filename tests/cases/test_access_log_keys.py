"""The access log's key: rotation, an unknown key, the entries from before the key, and the
setting that production cannot start without (DESIGN §1)."""

from __future__ import annotations

import os
import subprocess
import sys
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from cases.access_log import access_log_anchor, access_log_record
from cases.access_log.chain import legacy_hash
from cases.access_log.keys import key_id_for
from cases.models import AccessLog, AccessLogHead
from tests.clock import NOW

BASE_DIR = Path(__file__).resolve().parents[2]
OLD_KEY = "old-access-log-key-from-2025-0123456789abcdef"
NEW_KEY = "new-access-log-key-from-2026-0123456789abcdef"


@pytest.fixture(autouse=True)
def frozen_clock(time_machine, settings):
    time_machine.move_to(NOW, tick=False)


def record(case, user, n: int) -> list[AccessLog]:
    return [
        access_log_record(user=user, case=case, object_type="case", purpose="case_work")
        for _ in range(n)
    ]


def verify() -> str:
    out = StringIO()
    call_command("verify_access_log", stdout=out, stderr=StringIO())
    return out.getvalue()


def verify_fails() -> tuple[str, str]:
    err = StringIO()
    with pytest.raises(CommandError) as info:
        call_command("verify_access_log", stdout=StringIO(), stderr=err)
    return str(info.value), err.getvalue()


def test_chain_across_a_key_rotation_verifies(case, caseworker, settings):
    settings.ACCESS_LOG_KEY, settings.ACCESS_LOG_OLD_KEYS = OLD_KEY, []
    record(case, caseworker, 3)
    access_log_anchor()
    settings.ACCESS_LOG_KEY, settings.ACCESS_LOG_OLD_KEYS = NEW_KEY, [OLD_KEY]
    record(case, caseworker, 2)
    access_log_anchor()

    out = verify()

    assert f"Nøgle {key_id_for(OLD_KEY)}: 3 poster\n" in out
    assert f"Nøgle {key_id_for(NEW_KEY)}: 2 poster (den nuværende)\n" in out
    assert "2 ankre i " in out
    assert "Adgangsloggen er intakt (5 poster)." in out


def test_entries_of_a_key_no_longer_configured_are_named(case, caseworker, settings):
    settings.ACCESS_LOG_KEY = OLD_KEY
    old = record(case, caseworker, 3)
    settings.ACCESS_LOG_KEY, settings.ACCESS_LOG_OLD_KEYS = NEW_KEY, []
    record(case, caseworker, 1)

    message, err = verify_fails()

    assert message == "Adgangsloggen er ikke intakt: 1 fund."
    assert err == (
        f"Poster {old[0].pk}-{old[-1].pk} er kædet med en ukendt nøgle ({key_id_for(OLD_KEY)}): "
        "sæt den gamle nøgle i ACCESS_LOG_OLD_KEYS, ellers er posterne forfalsket.\n"
    )


def test_a_key_can_stand_in_for_another_only_with_its_own_id(case, caseworker, settings):
    # An entry relabelled with another known key's id is not verified with that key.
    settings.ACCESS_LOG_KEY, settings.ACCESS_LOG_OLD_KEYS = NEW_KEY, [OLD_KEY]
    entry = record(case, caseworker, 1)[0]
    AccessLog.objects.filter(pk=entry.pk).update(key_id=key_id_for(OLD_KEY))

    _message, err = verify_fails()

    assert f"Post {entry.pk}: HMAC'en passer ikke" in err


def make_legacy(entries: list[AccessLog]) -> None:
    """Turn entries into what the migration found: a plain SHA-256 chain, no key id."""
    previous = "0" * 64
    for entry in entries:
        entry.refresh_from_db()
        entry.previous_hash, entry.key_id = previous, ""
        entry.entry_hash = legacy_hash(previous, entry)
        entry.save(update_fields=["previous_hash", "key_id", "entry_hash"])
        previous = entry.entry_hash
    AccessLogHead.objects.filter(pk=1).update(last_hash=previous)


def test_entries_from_before_the_key_verify_and_the_keyed_chain_continues(case, caseworker):
    make_legacy(record(case, caseworker, 3))
    record(case, caseworker, 2)

    out = verify()

    assert "3 poster fra før nøglen (ren SHA-256) er kun beskyttet som helhed" in out
    assert "Adgangsloggen er intakt (5 poster)." in out


def test_an_unkeyed_entry_after_keyed_ones_is_named(case, caseworker):
    # Posing as an entry from before the key does not get around it.
    entries = record(case, caseworker, 3)
    last = entries[-1]
    last.refresh_from_db()
    AccessLog.objects.filter(pk=last.pk).update(
        key_id="", purpose="rutine", entry_hash=legacy_hash(last.previous_hash, last)
    )
    AccessLogHead.objects.filter(pk=1).update(last_hash=legacy_hash(last.previous_hash, last))

    _message, err = verify_fails()

    assert err.startswith(f"Post {last.pk}: HMAC'en passer ikke")


def django_setup(**env: str) -> subprocess.CompletedProcess[str]:
    clean = {k: v for k, v in os.environ.items() if not k.startswith("ACCESS_LOG_")}
    return subprocess.run(
        [sys.executable, "-c", "import django; django.setup()"],
        cwd=BASE_DIR,
        env={**clean, "DJANGO_SETTINGS_MODULE": "config.settings", "SECRET_KEY": "x" * 50, **env},
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_production_does_not_start_without_the_key():
    completed = django_setup(DEBUG="0")

    assert completed.returncode == 1
    assert "ImproperlyConfigured: ACCESS_LOG_KEY must be set when DEBUG is off" in (
        completed.stderr
    )


def test_production_does_not_start_with_a_short_key():
    completed = django_setup(DEBUG="0", ACCESS_LOG_KEY="too-short")

    assert completed.returncode == 1
    assert "ACCESS_LOG_KEY must be at least 32 characters long." in completed.stderr


def test_production_starts_with_a_key():
    completed = django_setup(DEBUG="0", ACCESS_LOG_KEY=NEW_KEY, ACCESS_LOG_OLD_KEYS=OLD_KEY)

    assert completed.returncode == 0, completed.stderr
