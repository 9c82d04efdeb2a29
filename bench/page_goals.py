"""The goal of issue 17 (DESIGN §9) as numbers, and which rows of bench/pages.py miss it.

A single run: every page at most `LAYOUT_RATIO` times the layout floor's median and at most
`MAX_QUERIES` queries; the layout floor itself at most `FLOOR_QUERIES` queries and
`FLOOR_BARE_RATIO` times the bare view. Two runs (`--compare SMALL LARGE`): each page's median
in the larger run at most `growth_limit` times the smaller run's, 1.3 from 1,000 to 100,000
cases and 1.5 from 100,000 to 1,000,000.
"""

from __future__ import annotations

from typing import Any

from .page_run import BARE, LAYOUT

LAYOUT_RATIO = 3.0
MAX_QUERIES = 12
FLOOR_QUERIES = 8
FLOOR_BARE_RATIO = 3.5
# The smaller run's size from which the national goal (1M against 100k) applies.
NATIONAL_FROM = 50_000
GROWTH_1K_100K = 1.3
GROWTH_100K_1M = 1.5


def growth_limit(small_cases: int) -> float:
    """How much slower a page may be in the larger run: 1.3 against a 1k run, 1.5 against a
    100k run."""
    return GROWTH_100K_1M if small_cases >= NATIONAL_FROM else GROWTH_1K_100K


def misses(row: dict[str, Any]) -> list[str]:
    """What a row of one run misses of the goal (empty: it holds)."""
    page, found = row["page"], list[str]()
    if page == BARE:
        return found
    if page == LAYOUT:
        if row["queries"] > FLOOR_QUERIES:
            found.append(f"queries>{FLOOR_QUERIES}")
        if row["bare_ratio"] > FLOOR_BARE_RATIO:
            found.append(f"x bare>{FLOOR_BARE_RATIO:g}")
        return found
    if row.get("status", 200) != 200:
        found.append(f"HTTP {row['status']}")
    if row["layout_ratio"] > LAYOUT_RATIO:
        found.append(f"x layout>{LAYOUT_RATIO:g}")
    if row["queries"] > MAX_QUERIES:
        found.append(f"queries>{MAX_QUERIES}")
    return found


def growth_misses(small: dict[str, Any] | None, large: dict[str, Any], limit: float) -> list[str]:
    """What a page misses between two runs: its growth, and the goal in the larger run."""
    found = misses(large)
    if large["page"] in (BARE, LAYOUT):
        return found
    if small is None:
        return [*found, "not in the smaller run"]
    if small["median_ms"] and large["median_ms"] / small["median_ms"] > limit:
        found.append(f"ratio>{limit:g}")
    return found
