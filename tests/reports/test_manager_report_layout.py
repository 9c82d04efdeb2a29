"""The manager report's tables break across pages cleanly (issue 18): the "I alt" row stays with
its table's last data row (once, not repeated on every page), and no page holds a single data
row of a table. Checked on WeasyPrint's own layout of a report long enough to split."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator
from datetime import timedelta
from typing import Any

import pytest
from django.template.loader import render_to_string
from django.utils import translation
from weasyprint import HTML
from weasyprint.formatting_structure import boxes

from bench.manager_report import ensure_dataset
from reports import documents
from reports.pdf import BASE_URL, StaticFilesOnlyFetcher
from reports.selectors import Period
from tests.clock import REPORT_DAY


def walk(box: Any) -> Iterator[Any]:
    yield box
    for child in getattr(box, "children", []):
        yield from walk(child)


def table_rows_per_page(document: Any) -> dict[Any, dict[str, list[int]]]:
    """For each table element: the page numbers of its body rows and of its footer rows."""
    tables: dict[Any, dict[str, list[int]]] = defaultdict(lambda: {"body": [], "foot": []})
    for number, page in enumerate(document.pages, 1):
        for box in walk(page._page_box):
            if not isinstance(box, boxes.TableBox):
                continue
            for group in box.children:
                if not isinstance(group, boxes.TableRowGroupBox):
                    continue
                tag = group.element.tag if group.element is not None else ""
                kind = {"tbody": "body", "tfoot": "foot"}.get(tag)
                if kind is None:
                    continue
                for row in group.children:
                    if isinstance(row, boxes.TableRowBox):
                        tables[box.element][kind].append(number)
    return tables


def layout(manager: Any, *, cases: int, months: int) -> Any:
    """The manager report's WeasyPrint layout for a bench unit with `cases` cases over the last
    `months` months."""
    today = REPORT_DAY
    unit = ensure_dataset(cases, unit_name="Bench: layout", today=today)
    period = Period(today - timedelta(days=int(months * 30.5)), today)
    context = documents.manager_report_context(unit=unit, period=period, user=manager, today=today)
    with translation.override("da"):
        html = render_to_string("reports/print/manager_report.html", context)
    return HTML(string=html, base_url=BASE_URL, url_fetcher=StaticFilesOnlyFetcher()).render()


# Data sets that split before the fix: (400, 24) repeated "I alt" under the first two months on
# page 1; (150, 12) left one breach alone at the foot of a page; (400, 18) put one month and one
# caseworker alone on a page.
@pytest.mark.parametrize(("cases", "months"), [(400, 24), (150, 12), (400, 18)])
def test_totals_stay_with_their_table_and_no_page_holds_a_single_row(manager, cases, months):
    tables = table_rows_per_page(layout(manager, cases=cases, months=months))
    split = [rows for rows in tables.values() if len(set(rows["body"])) > 1]
    assert split, "the data set no longer makes a table split across pages"
    with_totals = [rows for rows in tables.values() if rows["foot"]]
    assert with_totals
    for rows in with_totals:
        # One "I alt" row, on the page of the table's last data row (not repeated on page 1).
        assert len(rows["foot"]) == 1, rows
        assert rows["foot"][0] == rows["body"][-1], rows
    for rows in tables.values():
        if len(rows["body"]) < 2:
            continue
        per_page: dict[int, int] = defaultdict(int)
        for number in rows["body"]:
            per_page[number] += 1
        assert 1 not in per_page.values(), dict(per_page)
