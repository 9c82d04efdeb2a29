"""Issue 16: the restore drill (scripts/restore_drill.sh) restores a pg_dump into an empty
database and verifies the access log there; a tampered dump fails the drill."""

from __future__ import annotations

import os
import shutil
import subprocess
import uuid
from pathlib import Path

import pytest
from django.db import connection

from cases.access_log import access_log_anchor, access_log_record
from cases.models import AccessLog
from tests.conftest import skip_or_fail

pytestmark = pytest.mark.django_db(transaction=True)

BASE_DIR = Path(__file__).resolve().parent.parent.parent
SCRIPT = BASE_DIR / "scripts" / "restore_drill.sh"


def _database_url() -> str:
    """postgres:// URL of the test database (the drill's source and server)."""
    s = connection.settings_dict
    auth = s["USER"] + (f":{s['PASSWORD']}" if s["PASSWORD"] else "")
    return f"postgres://{auth}@{s['HOST'] or 'localhost'}:{s['PORT'] or 5432}/{s['NAME']}"


@pytest.fixture
def dump(tmp_path, caseworker, case, access_log_anchor_file) -> Path:
    if connection.vendor != "postgresql":
        skip_or_fail("the restore drill needs PostgreSQL (DATABASE_URL=postgres://...)")
    if not shutil.which("pg_dump") or not shutil.which("pg_restore"):
        skip_or_fail("pg_dump and pg_restore are not installed")
    for n in range(3):
        access_log_record(
            user=caseworker, case=case, object_type="case", purpose="case_work", note=f"opslag {n}"
        )
    access_log_anchor()
    path = tmp_path / "overgang.dump"
    subprocess.run(["pg_dump", "--format=custom", f"--file={path}", _database_url()], check=True)
    return path


def _drill(dump: Path, anchor_file: Path) -> subprocess.CompletedProcess[str]:
    from django.conf import settings

    env = {
        **os.environ,
        "DATABASE_URL": _database_url(),
        "DRILL_DATABASE": f"drill_{uuid.uuid4().hex[:12]}",
        "ACCESS_LOG_KEY": settings.ACCESS_LOG_KEY,
        "ACCESS_LOG_ANCHOR_FILE": str(anchor_file),
    }
    return subprocess.run(
        ["bash", str(SCRIPT), str(dump)],
        cwd=BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        timeout=180,
    )


def _database_exists(name: str) -> bool:
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name])
        return cursor.fetchone() is not None


def test_the_drill_restores_the_dump_and_verifies_the_access_log(dump, access_log_anchor_file):
    result = _drill(dump, access_log_anchor_file)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "Restore drill passed" in result.stdout
    with connection.cursor() as cursor:
        cursor.execute("SELECT count(*) FROM pg_database WHERE datname LIKE 'drill_%%'")
        assert cursor.fetchone() == (0,)  # the drill database is dropped again


def test_the_drill_fails_on_a_dump_with_a_changed_access_log(
    dump, tmp_path, access_log_anchor_file
):
    # Somebody changed an entry in the database before the backup was taken.
    entry = AccessLog.objects.order_by("pk").first()
    assert entry is not None
    AccessLog.objects.filter(pk=entry.pk).update(purpose="ændret bagefter")
    tampered = tmp_path / "tampered.dump"
    subprocess.run(
        ["pg_dump", "--format=custom", f"--file={tampered}", _database_url()], check=True
    )
    result = _drill(tampered, access_log_anchor_file)
    assert result.returncode != 0
    assert "Restore drill passed" not in result.stdout
