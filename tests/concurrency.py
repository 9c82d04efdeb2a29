"""Run two requests or tasks at the same moment, for the tests of races.

Tests that use it need `@pytest.mark.django_db(transaction=True)`: the threads have their own
database connections and cannot see rows of an uncommitted test transaction.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from contextlib import nullcontext
from typing import Any

from django.db import connection, connections

# How long a thread may wait at the start line for the others.
START_TIMEOUT = 10


def run_at_once(
    *calls: Callable[[], Any], serialise_on_sqlite: bool = True, timeout: float = 60
) -> list[Any]:
    """Start every call in its own thread, released together by a barrier, and return their
    results in the order given. An exception in a thread is raised here, in the test's thread.

    Each thread closes its database connections when done, so none outlives the test (and
    the test database can be dropped). SQLite allows one writer at a time, and its shared
    in-memory test database makes a second writer fail at once instead of waiting; with
    `serialise_on_sqlite` the calls take turns there, and really overlap on PostgreSQL."""
    barrier = threading.Barrier(len(calls))
    turns = threading.Lock() if serialise_on_sqlite and connection.vendor == "sqlite" else None
    results: list[Any] = [None] * len(calls)
    errors: list[BaseException] = []

    def run(index: int, call: Callable[[], Any]) -> None:
        try:
            barrier.wait(timeout=START_TIMEOUT)
            with turns or nullcontext():
                results[index] = call()
        except BaseException as exc:  # reported below, in the test's thread
            errors.append(exc)
        finally:
            connections.close_all()

    threads = [
        threading.Thread(target=run, args=(index, call), name=f"run_at_once-{index}")
        for index, call in enumerate(calls)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=timeout)
    hung = [thread.name for thread in threads if thread.is_alive()]
    if hung:
        raise AssertionError(f"still running after {timeout} s: {', '.join(hung)}")
    if errors:
        raise errors[0]
    return results
