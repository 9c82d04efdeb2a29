"""The environment the page benchmarks run Django in (no Django here: it is read before
django.setup()). Production-like: DEBUG off (no SQL logging, cached templates); plain HTTP to
localhost; no collectstatic manifest needed; fixed bench-only secrets; and no two-factor step
(REQUIRE_2FA=0: the sessions are made by force_login or written to the database; the
two-factor middleware costs the same either way, one look in the loaded session)."""

from __future__ import annotations

import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BENCH_ENV = {
    "SECRET_KEY": "bench-pages-only-not-a-secret-0123456789abcdefghijklmnop",
    "SECURE_SSL_REDIRECT": "0",
    "ACCESS_LOG_KEY": "bench-pages-only-access-log-key-0123456789abcdef",
    "STATIC_MANIFEST": "0",
    "DJANGO_SETTINGS_MODULE": "config.settings",
}
FORCED = {"DEBUG": "0", "REQUIRE_2FA": "0"}


def bench_environ() -> dict[str, str]:
    """os.environ with the bench's settings (the forced ones win)."""
    return {**BENCH_ENV, **os.environ, **FORCED}


def bench_setup() -> None:
    """Set the environment and the import path, then Django up."""
    os.environ.update(bench_environ())
    if str(ROOT) not in sys.path:
        sys.path.insert(0, str(ROOT))
    import django  # late import: django.setup() must come after the environment is set

    django.setup()
