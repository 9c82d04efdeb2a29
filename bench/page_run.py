"""The interleaved run of bench/pages.py: who is measured on which pages, and the timing."""

from __future__ import annotations

import random
import re
import statistics
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import timedelta
from typing import Any

from django.db import DatabaseError, connection, transaction
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from accounts.models import User
from accounts.roles import Role
from bench import loaddata
from cases.models import Case, CaseStatus
from cases.views import SEARCH_SESSION_KEY
from transitions.models import Transition

BARE = "bare view (floor)"
LAYOUT = "layout (floor)"
# The 40th page of 25 rows. The list has keyset pages: the page is reached by following its
# own "next" links (`deep_page_query`), and its URL carries the 40th page's cursor.
DEEP_PAGE = 40
# A keyset cursor in a "next" link (cases/templates/cases/includes/keyset_pagination.html).
NEXT_LINK = re.compile(r'<a [^>]*rel="next"[^>]*>')
NEXT_CURSOR = re.compile(r"[?&;]after=([A-Za-z0-9_-]+)")


@dataclass
class Target:
    role: str
    page: str
    request: Callable[[], Any]


@dataclass
class Row:
    role: str
    user: str
    page: str
    status: int
    median_ms: float
    p95_ms: float
    queries: int
    bare_ratio: float = 0.0
    layout_ratio: float = 0.0
    slowest: list[tuple[float, str]] = field(default_factory=list)


def p95(values: list[float]) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]


def _is_savepoint(sql: str) -> bool:
    return sql.lstrip().upper().startswith(("SAVEPOINT", "RELEASE SAVEPOINT", "ROLLBACK TO"))


# The statements EXPLAIN takes; a page's captured queries also hold BEGIN, COMMIT and the like.
EXPLAINABLE = ("SELECT", "WITH", "INSERT", "UPDATE", "DELETE")


def explain(sql: str) -> str:
    """EXPLAIN (ANALYZE, BUFFERS) of a captured query, in a savepoint of the run's transaction
    (rolled back with it): a statement EXPLAIN does not take, or one that fails when run again
    (a second access-log entry on the same predecessor), says so instead of aborting the
    transaction and with it every EXPLAIN after it."""
    if not sql.lstrip().upper().startswith(EXPLAINABLE):
        return "(not explained: not a query)"
    try:
        with transaction.atomic(), connection.cursor() as cursor:
            cursor.execute(f"EXPLAIN (ANALYZE, BUFFERS) {sql}")
            return "\n".join(row[0] for row in cursor.fetchall())
    except DatabaseError as error:
        return f"(not explained: {str(error).strip()})"


def users() -> list[tuple[str, User]]:
    """The four users of the goal (issue 17), those the load data has."""
    found = [
        ("caseworker", loaddata.busiest_caseworker()),
        ("residential therapist", loaddata.busiest_therapist(Role.RESIDENTIAL_THERAPIST)),
        ("outpatient therapist", loaddata.busiest_therapist(Role.OUTPATIENT_THERAPIST)),
        ("manager", loaddata.manager_of_largest_team()),
    ]
    return [(role, user) for role, user in found if user is not None]


def _case_for(role: str, user: User) -> Case | None:
    """A case page with a long history that the user reaches without being asked a purpose:
    an open case with a handover under way, the user's own (caseworker), named on the handover
    (therapists) or of the user's team (manager)."""
    open_cases = Case.objects.exclude(status=CaseStatus.CLOSED)
    live = Transition.objects.exclude(
        status__in=[Transition.Status.COMPLETED, Transition.Status.CANCELLED]
    )
    if role == "caseworker":
        mine = open_cases.filter(caseworker=user)
    elif role == "manager":
        mine = open_cases.filter(team_id=user.unit_id)
    else:
        side = "residential" if role.startswith("residential") else "outpatient"
        mine = open_cases.filter(pk__in=live.filter(**{f"{side}_therapist": user}).values("case"))
    return (
        mine.filter(pk__in=live.values("case")).order_by("pk").first()
        or mine.order_by("pk").first()
    )


def deep_page_query(client: Client, url: str, data: dict[str, str]) -> dict[str, str]:
    """The query of the list's DEEP_PAGE-th page: its "next" link followed DEEP_PAGE - 1
    times (the cursors are keyset cursors, not page numbers); the last page when the list
    is shorter (a small data set), said on the console."""
    query = dict(data)
    for page in range(1, DEEP_PAGE):
        link = NEXT_LINK.search(client.get(url, query, secure=True).content.decode())
        found = NEXT_CURSOR.search(link.group(0)) if link else None
        if found is None:
            print(f"  {url}: {page} pages only; the deep page is page {page}", flush=True)
            break
        query = {**data, "after": found.group(1)}
    return query


def _targets(role: str, user: User) -> list[Target]:
    client = Client(HTTP_HOST="localhost")
    client.force_login(user)
    searcher = Client(HTTP_HOST="localhost")
    searcher.force_login(user)
    case = _case_for(role, user)
    surname = (case.citizen.last_name if case is not None else "") or "Hansen"
    # The search term lives in the session (post/redirect/get, never in the URL): one client
    # keeps it, so the other's lists stay unsearched while the rounds interleave.
    session = searcher.session
    session[SEARCH_SESSION_KEY] = surname
    session.save()

    def get(url: str, data: dict[str, str] | None = None, c: Client = client) -> Callable[[], Any]:
        return lambda: c.get(url, data or {}, secure=True)

    list_url = reverse("cases:list")
    pages: list[tuple[str, Callable[[], Any]]] = [
        (BARE, get(reverse("bench_bare"))),
        (LAYOUT, get(reverse("bench_layout"))),
        ("start page", get(reverse("core:home"))),
        ("case list, open", get(list_url)),
        ("case list, all", get(list_url, {"status": "all"})),
        ("case list, status=referred", get(list_url, {"status": "referred"})),
        # The total the list loads after it is shown (capped at 1,000): not part of the page's
        # time, measured so that its cost stays in sight.
        (
            "case list, its total (loaded after)",
            get(reverse("cases:list_count"), {"status": "all", "start": "1", "end": "25"}),
        ),
        (
            "case list, guarantee=breached",
            get(list_url, {"status": "all", "guarantee": "breached"}),
        ),
        ("case list, searched", get(list_url, c=searcher)),
        (
            "case list, search POST + redirect",
            lambda: searcher.post(list_url, {"q": surname}, secure=True, follow=True),
        ),
        (
            f"case list, page {DEEP_PAGE}",
            get(list_url, deep_page_query(client, list_url, {"status": "all"})),
        ),
        ("inbox", get(reverse("notifications:inbox"))),
        ("API cases", get("/api/v1/cases/")),
        ("API citizens", get("/api/v1/citizens/")),
        ("API transitions", get("/api/v1/transitions/")),
    ]
    if case is not None:
        pages.append(("case page", get(reverse("cases:detail", kwargs={"case_id": case.pk}))))
        if Transition.objects.filter(case=case).exists():
            url = reverse("transitions:detail", kwargs={"case_id": case.pk})
            pages.append(("transition page", get(url)))
    if role == "manager":
        pages.append(("managers' access log", get(reverse("cases:access_log"))))
    if case is not None and role in ("caseworker", "manager"):
        today = timezone.localdate()
        period = {"fra": str(today - timedelta(days=365)), "til": str(today), "format": "csv"}
        url = reverse("reports:lookup_extract", kwargs={"citizen_id": case.citizen_id})
        pages.append(("look-up extract (CSV)", get(url, period)))
    return [Target(role, page, request) for page, request in pages]


def run(*, runs: int, warmup: int, only: str | None = None) -> list[Row]:
    """Measure every (user, page) `runs` times, interleaved; floors always included."""
    targets: list[Target] = []
    names: dict[str, str] = {}
    for role, user in users():
        names[role] = user.username
        targets += [
            t for t in _targets(role, user) if not only or only in t.page or "floor" in t.page
        ]
    status: dict[int, int] = {}
    for _ in range(warmup):
        for i, target in enumerate(targets):
            status[i] = target.request().status_code
    times: dict[int, list[float]] = {i: [] for i in range(len(targets))}
    order = list(range(len(targets)))
    shuffle = random.Random(17).shuffle
    for done in range(runs):
        if done % 5 == 0:
            print(f"  round {done + 1}/{runs} of {len(targets)} requests", flush=True)
        shuffle(order)
        for i in order:
            started = time.perf_counter()
            response = targets[i].request()
            times[i].append((time.perf_counter() - started) * 1000)
            status[i] = response.status_code
    rows = []
    for i, target in enumerate(targets):
        with CaptureQueriesContext(connection) as captured:
            target.request()
        queries = [q for q in captured.captured_queries if not _is_savepoint(q["sql"])]
        slowest = sorted(((float(q["time"]) * 1000, q["sql"]) for q in queries), reverse=True)
        rows.append(
            Row(
                role=target.role,
                user=names[target.role],
                page=target.page,
                status=status.get(i, 0),
                median_ms=statistics.median(times[i]) if times[i] else 0.0,
                p95_ms=p95(times[i]) if times[i] else 0.0,
                queries=len(queries),
                slowest=slowest[:3],
            )
        )
    floors = {(r.role, r.page): r.median_ms for r in rows if r.page in (BARE, LAYOUT)}
    for row in rows:
        bare, layout = floors.get((row.role, BARE)), floors.get((row.role, LAYOUT))
        row.bare_ratio = row.median_ms / bare if bare else 0.0
        row.layout_ratio = row.median_ms / layout if layout else 0.0
    return rows
