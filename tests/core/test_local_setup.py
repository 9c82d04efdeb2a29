"""`make run PORT=8123`: links point at the served port, console e-mails are readable, and the
SQLite default lets web, worker and beat share one file (issue 18, set-up)."""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.core import mail

from config.console_email import EmailBackend
from notifications.delivery import notification_email
from notifications.models import Notification, Rule

ROOT = Path(__file__).resolve().parents[2]

PROBE = """
import json, django
django.setup()
from django.conf import settings
from django.db import connection
from notifications.delivery import notification_email
from notifications.models import Notification, Rule
subject, body = notification_email(Notification(rule=Rule.CHECKIN_DUE, url="/sager/7/"))
with connection.cursor() as cursor:
    cursor.execute("PRAGMA journal_mode")
    journal = cursor.fetchone()[0]
    cursor.execute("PRAGMA busy_timeout")
    busy = cursor.fetchone()[0]
print(json.dumps({"site_url": settings.SITE_URL, "body": body, "journal": journal,
                  "busy_timeout": busy, "backend": settings.EMAIL_BACKEND,
                  "transaction_mode": connection.settings_dict["OPTIONS"]["transaction_mode"]}))
"""


def _settings_with(tmp_path: Path, **extra: str) -> dict[str, object]:
    """Load the settings in a fresh interpreter with the given environment, as `make run` does."""
    env = {
        key: value
        for key, value in os.environ.items()
        if key not in {"SITE_URL", "HOST", "PORT", "DATABASE_URL", "EMAIL_BACKEND"}
    }
    env.update(
        DJANGO_SETTINGS_MODULE="config.settings",
        DEBUG="1",
        DATABASE_URL=f"sqlite:///{tmp_path / 'probe.sqlite3'}",
        PYTHONPATH=str(ROOT),
        **extra,
    )
    done = subprocess.run(
        [sys.executable, "-c", PROBE],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    )
    return json.loads(done.stdout.strip().splitlines()[-1])


def test_port_8123_gives_site_url_and_reminder_link_on_that_port(tmp_path: Path) -> None:
    probe = _settings_with(tmp_path, PORT="8123")
    assert probe["site_url"] == "http://127.0.0.1:8123"
    assert "http://127.0.0.1:8123/sager/7/" in str(probe["body"])
    assert ":8000" not in str(probe["body"])


def test_host_and_port_both_shape_the_default_and_site_url_still_wins(tmp_path: Path) -> None:
    assert _settings_with(tmp_path, HOST="localhost", PORT="9000")["site_url"] == (
        "http://localhost:9000"
    )
    # Listening on every interface: the links name the loopback address, not 0.0.0.0.
    assert _settings_with(tmp_path, HOST="0.0.0.0", PORT="8123")["site_url"] == (
        "http://127.0.0.1:8123"
    )
    explicit = _settings_with(tmp_path, PORT="8123", SITE_URL="https://overgang.example/")
    assert explicit["site_url"] == "https://overgang.example"


def test_sqlite_default_uses_wal_and_a_busy_timeout(tmp_path: Path) -> None:
    probe = _settings_with(tmp_path)
    assert probe["journal"] == "wal"
    # Python's own default is 5 s; a worker's batch of deliveries may hold the lock longer.
    assert int(str(probe["busy_timeout"])) == 20000
    assert probe["transaction_mode"] == "IMMEDIATE"
    assert probe["backend"] == "config.console_email.EmailBackend"


def test_console_email_prints_the_reminder_in_clear_text() -> None:
    subject, body = notification_email(Notification(rule=Rule.GUARANTEE_DUE, url="/sager/7/"))
    stream = io.StringIO()
    backend = EmailBackend(stream=stream)
    sent = backend.send_messages(
        [mail.EmailMessage(subject=subject, body=body, to=["karin@kommune.example"])]
    )
    out = stream.getvalue()
    assert sent == 1
    assert "Du har en ny påmindelse i Overgang." in out
    assert "Subject: Overgang: Behandlingsgarantien udløber snart" in out
    assert "=C3=A5" not in out
    assert "Content-Transfer-Encoding" not in out


@pytest.mark.parametrize("body", ["påmindelse " * 40, "æøå\n" * 5])
def test_console_email_decodes_long_and_multiline_bodies(body: str) -> None:
    stream = io.StringIO()
    EmailBackend(stream=stream).send_messages(
        [mail.EmailMessage(subject="Overgang", body=body, to=["a@kommune.example"])]
    )
    assert body.strip() in stream.getvalue()
