"""Throughput under concurrency (issue 17): gunicorn with 4 workers on the bench database, 16
clients on mixed pages, against one client alone.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/overgang_bench \\
        .venv/bin/python bench/concurrent_pages.py

The script starts gunicorn (`config.wsgi`, sync workers, on 127.0.0.1 and a free port) with
the settings bench/pages.py uses (DEBUG off, REQUIRE_2FA=0), makes one session per bench user
in the database (as a login would: the user's id, backend and session hash; with REQUIRE_2FA=0
a session without the two-factor mark is a full login, as for a user who has not enrolled),
and runs two phases with the same mix of pages (start page, case lists, a case page, the
transition page, the inbox, an API list) spread over the four bench users:

1. one client, `--requests` requests;
2. `--clients` clients at once (threads with their own connection), `--requests` each.

(Not named concurrent.py: run as a script from bench/, that name would hide the standard
library's `concurrent` package from every import.)

It prints each phase's throughput (requests per second), median and 95th percentile, and the
ratio of the throughputs. Every request is a real read: the access-log entries the pages
write stay (the generated data's `--reset` removes them with the load users). Requests go
only to 127.0.0.1, bounded in number and by `--timeout` seconds; the sessions are deleted and
gunicorn stopped at the end.
"""

from __future__ import annotations

import argparse
import http.client
import os
import socket
import statistics
import subprocess
import sys
import threading
import time
from pathlib import Path

if __name__ == "__main__" and str(Path(__file__).resolve().parent.parent) not in sys.path:
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.bench_env import ROOT, bench_environ, bench_setup

if __name__ == "__main__":
    bench_setup()

from django.conf import settings
from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY, load_backend
from django.contrib.sessions.backends.db import SessionStore
from django.urls import reverse

from accounts.models import User
from bench import loaddata
from bench.page_run import p95, users
from cases.models import Case, CaseStatus
from transitions.models import Transition


def session_for(user: User) -> str:
    """A logged-in session in the database, as django.contrib.auth.login writes it."""
    store = SessionStore()
    store[SESSION_KEY] = str(user.pk)
    # The first backend that loads users (django-axes' comes first and only counts logins).
    store[BACKEND_SESSION_KEY] = next(
        path for path in settings.AUTHENTICATION_BACKENDS if hasattr(load_backend(path), "get_user")
    )
    store[HASH_SESSION_KEY] = user.get_session_auth_hash()
    store.create()
    assert store.session_key is not None
    return store.session_key


def mix_for(user: User) -> list[str]:
    """The pages one user cycles through."""
    urls = [
        reverse("core:home"),
        reverse("cases:list"),
        reverse("cases:list") + "?status=all",
        reverse("notifications:inbox"),
        "/api/v1/cases/",
    ]
    visible = Case.objects.exclude(status=CaseStatus.CLOSED)
    case = (
        visible.filter(caseworker=user).first()
        or visible.filter(team_id=user.unit_id).first()
        or visible.filter(
            pk__in=Transition.objects.filter(residential_therapist=user).values("case")
        ).first()
        or visible.filter(
            pk__in=Transition.objects.filter(outpatient_therapist=user).values("case")
        ).first()
    )
    if case is not None:
        urls.append(reverse("cases:detail", kwargs={"case_id": case.pk}))
        if Transition.objects.filter(case=case).exists():
            urls.append(reverse("transitions:detail", kwargs={"case_id": case.pk}))
    return urls


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def wait_ready(port: int, timeout: float) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=2)
            conn.request("GET", "/healthz")
            if conn.getresponse().status == 200:
                return
        except OSError:
            time.sleep(0.3)
    raise RuntimeError("gunicorn did not answer /healthz")


class Client:
    """One user agent: its own connection, its session cookie, its list of pages."""

    def __init__(self, port: int, cookie: str, urls: list[str], timeout: float) -> None:
        self.port, self.urls, self.timeout = port, urls, timeout
        self.headers = {"Cookie": f"{settings.SESSION_COOKIE_NAME}={cookie}", "Host": "localhost"}
        self.times: list[float] = []
        self.failures: list[str] = []

    def run(self, count: int, offset: int, stop_at: float) -> None:
        conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=self.timeout)
        for i in range(count):
            if time.monotonic() > stop_at:
                break
            url = self.urls[(i + offset) % len(self.urls)]
            started = time.perf_counter()
            try:
                conn.request("GET", url, headers=self.headers)
                response = conn.getresponse()
                response.read()
            except (OSError, http.client.HTTPException) as exc:
                self.failures.append(f"{url}: {exc}")
                conn.close()
                continue
            self.times.append((time.perf_counter() - started) * 1000)
            if response.status != 200:
                self.failures.append(f"{url}: HTTP {response.status}")
        conn.close()


def phase(clients: list[Client], count: int, timeout: float) -> tuple[float, list[float], int]:
    """Run the clients at once; return requests per second, all times and the failures."""
    stop_at = time.monotonic() + timeout
    threads = [
        threading.Thread(target=c.run, args=(count, i, stop_at)) for i, c in enumerate(clients)
    ]
    started = time.perf_counter()
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    elapsed = time.perf_counter() - started
    times = [ms for c in clients for ms in c.times]
    return len(times) / elapsed, times, sum(len(c.failures) for c in clients)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n\n")[0])
    parser.add_argument("--workers", type=int, default=4)
    parser.add_argument("--clients", type=int, default=16)
    parser.add_argument("--requests", type=int, default=40, help="per client and phase")
    parser.add_argument("--timeout", type=float, default=300, help="seconds per phase at most")
    args = parser.parse_args(argv)
    if not loaddata.has_load_data():
        print("No load data in this database; run generate_load_data first.", file=sys.stderr)
        return 2
    people = [user for _role, user in users()]
    sessions = {user.pk: session_for(user) for user in people}
    mixes = {user.pk: mix_for(user) for user in people}
    port = free_port()
    env = bench_environ()
    command = [
        str(Path(sys.executable).with_name("gunicorn")),
        "config.wsgi",
        f"--workers={args.workers}",
        f"--bind=127.0.0.1:{port}",
        "--log-level=warning",
        "--timeout=120",
    ]
    server = subprocess.Popen(command, cwd=ROOT, env=env)  # noqa: S603 (our own command)
    try:
        wait_ready(port, 60)

        def make(n: int) -> list[Client]:
            return [
                Client(
                    port,
                    sessions[people[i % len(people)].pk],
                    mixes[people[i % len(people)].pk],
                    30,
                )
                for i in range(n)
            ]

        # Warm every worker (templates, connections) before anything is measured.
        phase(make(args.workers * 2), 10, args.timeout)
        alone, alone_times, alone_failed = phase(make(1), args.requests, args.timeout)
        many, many_times, many_failed = phase(make(args.clients), args.requests, args.timeout)
    finally:
        server.terminate()
        server.wait(30)
        for key in sessions.values():
            SessionStore(session_key=key).delete()
    print(f"gunicorn {args.workers} workers, {Case.objects.count()} cases, {os.cpu_count()} cores")
    print(
        f"{'phase':<12} {'requests':>8} {'req/s':>7} {'median ms':>9} {'p95 ms':>8} {'failed':>6}"
    )
    for name, rate, times, failed in (
        ("1 client", alone, alone_times, alone_failed),
        (f"{args.clients} clients", many, many_times, many_failed),
    ):
        print(
            f"{name:<12} {len(times):8d} {rate:7.1f} {statistics.median(times):9.1f} "
            f"{p95(times):8.1f} {failed:6d}"
        )
    print(f"throughput {args.clients} clients / 1 client: {many / alone:.2f}x")
    return 0 if not (alone_failed or many_failed) else 1


if __name__ == "__main__":
    sys.exit(main())
