"""Start a real Celery worker process for the `services` tests (not eager mode).

The worker gets its broker, result backend and database from environment variables, the way
production configures it, and is stopped (by its own process id) when the test ends.
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

from tests.conftest import skip_or_fail

BASE_DIR = Path(__file__).resolve().parent.parent


def redis_url_or_skip() -> str:
    """REDIS_URL when it is set and Redis answers; otherwise skip (or fail under
    REQUIRE_SERVICES=1)."""
    url = os.environ.get("REDIS_URL", "")
    if not url:
        skip_or_fail("REDIS_URL is not set")
    import redis

    try:
        redis.Redis.from_url(url, socket_connect_timeout=2).ping()
    except Exception as exc:
        skip_or_fail(f"Redis at REDIS_URL is unreachable ({type(exc).__name__})")
    return url


def dedicated_redis_db(url: str, db: int) -> str:
    """REDIS_URL with another database number, emptied: the test's own broker and results."""
    import redis

    parts = urlsplit(url)
    dedicated = urlunsplit((parts.scheme, parts.netloc, f"/{db}", parts.query, ""))
    redis.Redis.from_url(dedicated).flushdb()
    return dedicated


@contextmanager
def celery_worker(
    env: dict[str, str], log_path: Path, extra_args: tuple[str, ...] = ()
) -> Iterator[subprocess.Popen[bytes]]:
    """Run `celery -A config worker` with `env` added to the environment until the block ends
    (`extra_args`: e.g. `-B` for an embedded beat). A process the test has killed already is
    left alone."""
    with log_path.open("wb") as log:
        process = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "celery",
                "-A",
                "config",
                "worker",
                "--pool",
                "solo",
                "--loglevel",
                "info",
                "--without-gossip",
                "--without-mingle",
                "--without-heartbeat",
                *extra_args,
            ],
            cwd=BASE_DIR,
            env={**os.environ, "DJANGO_SETTINGS_MODULE": "config.settings", **env},
            stdout=log,
            stderr=subprocess.STDOUT,
        )
        try:
            yield process
        finally:
            if process.poll() is None:
                process.terminate()
                try:
                    process.wait(timeout=20)
                except subprocess.TimeoutExpired:
                    process.kill()
                    process.wait(timeout=10)


def wait_for[T](condition: Callable[[], T], *, timeout: float = 60, interval: float = 0.5) -> T:
    """Poll `condition` until it returns something truthy, at most `timeout` seconds."""
    deadline = time.monotonic() + timeout
    while True:
        value = condition()
        if value or time.monotonic() > deadline:
            return value
        time.sleep(interval)
