"""The access log's ceiling: logged reads per second through the one head row's lock (issue 17).

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/overgang_bench \\
        .venv/bin/python bench/access_log_lock.py --threads 1 2 4 8 16 --seconds 5

Every logged read runs `cases.access_log.access_log_record` in its own transaction, as a page
does: lock the head row (SELECT … FOR UPDATE), insert the chained entry, move the head,
commit (with the server's fsync and synchronous_commit as configured; the script prints
them). While one transaction holds the lock the others wait, so the writes are serial: the
ceiling is one over the time the lock is held, whatever the number of web workers. The
script runs N threads (each its own connection) for a fixed time and reports entries per
second, with the time each transaction held the lock (from the lock's grant to the end of
the commit). The entries are real and chained (by the load caseworker, purpose case_work);
`generate_load_data --reset` removes them with the load users.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import threading
import time
from pathlib import Path

if __name__ == "__main__" and str(Path(__file__).resolve().parent.parent) not in sys.path:
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.bench_env import bench_setup

if __name__ == "__main__":
    bench_setup()

from django.db import connection, connections, transaction

from accounts.models import User
from bench import loaddata
from bench.page_run import p95
from cases.access_log import access_log_record
from cases.models import AccessLog, AccessLogHead, Case


def _worker(
    user: User, case: Case, stop_at: float, held: list[float], lock: threading.Lock
) -> None:
    own: list[float] = []
    try:
        while time.monotonic() < stop_at:
            with transaction.atomic():
                AccessLogHead.objects.select_for_update().filter(pk=1).exists()
                granted = time.perf_counter()
                # The writer locks the head again (already ours) and chains one entry.
                access_log_record(
                    user=user,
                    object_type="case",
                    case=case,
                    object_id=case.pk,
                    purpose=AccessLog.Purpose.CASE_WORK,
                )
            own.append((time.perf_counter() - granted) * 1000)
    finally:
        connections.close_all()
    with lock:
        held.extend(own)


def measure(threads: int, seconds: float, user: User, case: Case) -> tuple[float, list[float]]:
    held: list[float] = []
    lock = threading.Lock()
    stop_at = time.monotonic() + seconds
    workers = [
        threading.Thread(target=_worker, args=(user, case, stop_at, held, lock))
        for _ in range(threads)
    ]
    started = time.perf_counter()
    for w in workers:
        w.start()
    for w in workers:
        w.join()
    return len(held) / (time.perf_counter() - started), held


def cpu_per_entry(user: User, case: Case, count: int) -> tuple[float, float | None]:
    """CPU ms per logged read, of this process and of its PostgreSQL server process (from
    /proc, when the server is on this machine): what the lock's holder needs when nothing
    else competes for the cores, however loaded the machine is while measuring."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_backend_pid()")
        stat = Path(f"/proc/{cursor.fetchone()[0]}/stat")

    def backend() -> float | None:
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            return None
        return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")

    server, started = backend(), time.process_time()
    for _ in range(count):
        access_log_record(
            user=user,
            object_type="case",
            case=case,
            object_id=case.pk,
            purpose=AccessLog.Purpose.CASE_WORK,
        )
    python = (time.process_time() - started) * 1000 / count
    after = backend()
    if server is None or after is None:
        return python, None
    return python, (after - server) * 1000 / count


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n\n")[0])
    parser.add_argument("--threads", type=int, nargs="+", default=[1, 2, 4, 8, 16])
    parser.add_argument("--seconds", type=float, default=5)
    args = parser.parse_args(argv)
    user = loaddata.busiest_caseworker()
    case = Case.objects.filter(caseworker=user).order_by("pk").first() if user else None
    if user is None or case is None:
        print("No load data in this database; run generate_load_data first.", file=sys.stderr)
        return 2
    AccessLogHead.objects.get_or_create(pk=1, defaults={"last_hash": "0" * 64})
    settings = {}
    with connection.cursor() as cursor:
        for name in ("fsync", "synchronous_commit", "wal_sync_method", "commit_delay"):
            cursor.execute(f"SHOW {name}")
            settings[name] = cursor.fetchone()[0]
    print(", ".join(f"{k} {v}" for k, v in settings.items()))
    python, server = cpu_per_entry(user, case, 300)
    print(
        f"CPU per logged read: Python {python:.2f} ms"
        + (f", PostgreSQL server process {server:.2f} ms" if server is not None else "")
    )
    print(f"{'threads':>7} {'entries/s':>9} {'lock held median ms':>19} {'p95 ms':>7}")
    for n in args.threads:
        rate, held = measure(n, args.seconds, user, case)
        print(f"{n:7d} {rate:9.0f} {statistics.median(held):19.2f} {p95(held):7.2f}", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
