"""docker-compose.yml runs the migrations once, in a one-off service that web, worker and beat
wait for, so that `--scale web=3` never runs three migrations at once (issue 18)."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[1]
APP_SERVICES = ("web", "worker", "beat")


@pytest.fixture(scope="module")
def services() -> dict[str, Any]:
    compose = yaml.safe_load((ROOT / "docker-compose.yml").read_text(encoding="utf-8"))
    return dict(compose["services"])


def _command(service: dict[str, Any]) -> str:
    command = service.get("command", "")
    return " ".join(command) if isinstance(command, list) else str(command)


def test_a_one_off_migrate_service_applies_the_migrations(services: dict[str, Any]) -> None:
    migrate = services["migrate"]
    assert _command(migrate) == "python manage.py migrate --noinput"
    assert migrate["restart"] == "no"
    assert migrate["depends_on"]["db"]["condition"] == "service_healthy"
    assert migrate["image"] == services["web"]["image"]
    assert "ports" not in migrate


@pytest.mark.parametrize("name", APP_SERVICES)
def test_app_containers_wait_for_the_migration_and_do_not_migrate(
    services: dict[str, Any], name: str
) -> None:
    service = services[name]
    assert service["depends_on"]["migrate"]["condition"] == "service_completed_successfully"
    assert service["depends_on"]["db"]["condition"] == "service_healthy"
    assert "migrate" not in _command(service)


def test_the_image_itself_does_not_migrate_on_start() -> None:
    dockerfile = (ROOT / "Dockerfile").read_text(encoding="utf-8")
    assert "ENTRYPOINT" not in dockerfile
    cmd = [line for line in dockerfile.splitlines() if line.startswith("CMD")]
    assert cmd and "migrate" not in cmd[0]


@pytest.mark.skipif(not shutil.which("docker-compose"), reason="no docker-compose binary here")
def test_docker_compose_accepts_the_file(tmp_path: Path) -> None:
    # A copy beside the example environment: `env_file: .env` must exist for `config`.
    shutil.copy(ROOT / "docker-compose.yml", tmp_path / "docker-compose.yml")
    shutil.copy(ROOT / ".env.example", tmp_path / ".env")
    done = subprocess.run(
        ["docker-compose", "config", "--quiet"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert done.returncode == 0, done.stderr
