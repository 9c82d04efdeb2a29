"""The table of bench/pages.py, its JSON file, and the comparison of two runs."""

from __future__ import annotations

import json
from dataclasses import asdict
from pathlib import Path
from typing import Any

from .page_goals import growth_limit, growth_misses, misses
from .page_run import Row

HEADER = (
    f"{'page':<34} {'user':<22} {'median ms':>9} {'p95 ms':>8} {'queries':>7} "
    f"{'x bare':>7} {'x layout':>8}  goal"
)


def goal_mark(missed: list[str]) -> str:
    """The goal column: "ok", or "MISS" with what is missed."""
    return "MISS " + ", ".join(missed) if missed else "ok"


def row_line(row: Row) -> str:
    flag = "" if row.status == 200 else f"  (HTTP {row.status})"
    return (
        f"{row.page:<34} {row.role:<22} {row.median_ms:9.1f} {row.p95_ms:8.1f} "
        f"{row.queries:7d} {row.bare_ratio:7.1f} {row.layout_ratio:8.1f}  "
        f"{goal_mark(misses(asdict(row)))}{flag}"
    )


def print_table(rows: list[Row]) -> None:
    print()
    print(HEADER)
    for role in dict.fromkeys(row.role for row in rows):
        users = {row.user for row in rows if row.role == role}
        print(f"-- {role} ({', '.join(sorted(users))})")
        for row in rows:
            if row.role == role:
                print(row_line(row))
    missed = sum(bool(misses(asdict(row))) for row in rows)
    print(f"\n{missed} of {len(rows)} rows miss the goal (bench/page_goals.py)")


def rows_save(path: Path, rows: list[Row], meta: dict[str, Any]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    data = {"meta": meta, "rows": [{**asdict(r), "slowest": []} for r in rows]}
    path.write_text(json.dumps(data, indent=1))


def rows_load(path: Path) -> tuple[dict[str, Any], list[dict[str, Any]]]:
    data = json.loads(path.read_text())
    return data["meta"], data["rows"]


def compare(small: Path, large: Path, limit: float | None = None) -> int:
    """Print each page of two saved runs side by side: medians, queries, large/small and the
    goal (the growth limit for the two sizes, and the larger run's own goal); return how many
    rows miss it."""
    meta_a, rows_a = rows_load(small)
    meta_b, rows_b = rows_load(large)
    a = {(r["role"], r["page"]): r for r in rows_a}
    ca, cb = meta_a["cases"], meta_b["cases"]
    limit = growth_limit(ca) if limit is None else limit
    print(f"{small} ({ca} cases) against {large} ({cb} cases); goal: ratio <= {limit:g}")
    print(
        f"{'page':<34} {'user':<22} {f'ms @{ca}':>10} {f'ms @{cb}':>10} {'ratio':>6} "
        f"{'queries':>9} {'x layout':>8}  goal"
    )
    missed = 0
    for row in rows_b:
        before = a.get((row["role"], row["page"]))
        ratio = row["median_ms"] / before["median_ms"] if before and before["median_ms"] else 0.0
        found = growth_misses(before, row, limit)
        missed += bool(found)
        print(
            f"{row['page']:<34} {row['role']:<22} "
            f"{before['median_ms'] if before else 0.0:10.1f} {row['median_ms']:10.1f} "
            f"{ratio:6.2f} {before['queries'] if before else '-':>4}/{row['queries']:<4} "
            f"{row['layout_ratio']:8.1f}  {goal_mark(found)}"
        )
    print(f"\n{missed} of {len(rows_b)} rows miss the goal (bench/page_goals.py)")
    return missed
