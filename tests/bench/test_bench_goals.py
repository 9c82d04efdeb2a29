"""The goal marks of bench/pages.py (bench/page_goals.py): a single run's rows against the
layout floor and the query bound, and two runs' growth (1.3 from 1k to 100k, 1.5 from 100k
to 1M). No timing is measured."""

from __future__ import annotations

import json

from bench import pages
from bench.page_goals import growth_limit, growth_misses, misses
from bench.page_run import BARE, LAYOUT


def _row(page: str = "start page", **values):
    return {
        "role": "manager",
        "page": page,
        "status": 200,
        "median_ms": 10.0,
        "queries": 8,
        "bare_ratio": 2.0,
        "layout_ratio": 2.0,
        **values,
    }


def test_a_page_misses_the_goal_above_three_times_the_layout_or_twelve_queries():
    assert misses(_row()) == []
    assert misses(_row(layout_ratio=3.1)) == ["x layout>3"]
    assert misses(_row(queries=13)) == ["queries>12"]
    assert misses(_row(status=500)) == ["HTTP 500"]


def test_the_layout_floor_has_its_own_goal_and_the_bare_view_none():
    assert misses(_row(LAYOUT, queries=8, bare_ratio=3.5, layout_ratio=1.0)) == []
    assert misses(_row(LAYOUT, queries=9, bare_ratio=3.6, layout_ratio=1.0)) == [
        "queries>8",
        "x bare>3.5",
    ]
    assert misses(_row(BARE, queries=40, layout_ratio=0.3)) == []


def test_the_growth_limit_is_1_3_against_a_1k_run_and_1_5_against_a_100k_run():
    assert growth_limit(1_000) == 1.3
    assert growth_limit(100_000) == 1.5
    small, grown = _row(), _row(median_ms=14.0)
    assert growth_misses(small, grown, 1.3) == ["ratio>1.3"]
    assert growth_misses(small, grown, 1.5) == []
    assert growth_misses(None, grown, 1.5) == ["not in the smaller run"]


def _runs(tmp_path, small_cases, large_cases, large_rows):
    small, large = tmp_path / "a.json", tmp_path / "b.json"
    small.write_text(json.dumps({"meta": {"cases": small_cases}, "rows": [_row(), _row("inbox")]}))
    large.write_text(json.dumps({"meta": {"cases": large_cases}, "rows": large_rows}))
    return str(small), str(large)


def test_compare_marks_each_row_that_misses_and_exits_with_1(tmp_path, capsys):
    small, large = _runs(
        tmp_path, 1_000, 100_000, [_row(median_ms=14.0), _row("inbox", median_ms=12.0)]
    )
    assert pages.main(["--compare", small, large]) == 1
    out = capsys.readouterr().out
    assert "goal: ratio <= 1.3" in out
    lines = {line.split()[0]: line for line in out.splitlines()[2:4]}
    assert lines["start"].endswith("MISS ratio>1.3")
    assert lines["inbox"].endswith("ok")
    assert "1 of 2 rows miss the goal" in out


def test_compare_of_a_100k_and_a_1m_run_allows_1_5(tmp_path, capsys):
    small, large = _runs(tmp_path, 100_000, 1_000_000, [_row(median_ms=14.0)])
    assert pages.main(["--compare", small, large]) == 0
    assert "0 of 1 rows miss the goal" in capsys.readouterr().out
    assert pages.main(["--compare", small, large, "--growth-limit", "1.3"]) == 1
