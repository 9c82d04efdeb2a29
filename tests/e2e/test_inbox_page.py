"""The inbox in the browser (issue 18): a row names the case, what is due, when and the one
action; axe finds nothing serious on the page."""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta
from typing import Any

from django.urls import reverse
from django.utils import timezone

from accounts.models import User
from cases.models import Case
from notifications.services import notify
from tests.e2e.journey import login


def _notify_due(caseworker: User, case: Case, threshold: str) -> None:
    notify(
        recipients=[caseworker],
        rule="guarantee_due",
        subject=case,
        threshold=threshold,
        message="",
        url=reverse("cases:detail", kwargs={"case_id": case.pk}),
    )


def test_inbox_rows_read_as_what_to_do_and_are_axe_clean(
    page: Any, axe_check: Callable[..., dict[str, Any]], caseworker: User, case: Case
) -> None:
    due = timezone.localdate() + timedelta(days=3)
    _notify_due(caseworker, case, f"3d:{due.isoformat()}")
    login(page, "caseworker")

    page.goto(reverse("notifications:inbox"))

    row = page.locator("tbody tr").first
    assert row.locator("th").inner_text() == case.number
    assert "(om 3 dage)" in row.inner_text()
    link = row.get_by_role("link", name=f"Iværksæt behandlingen \u2013 sag {case.number}")
    assert link.is_visible()
    axe_check(page)

    link.click()
    page.wait_for_url(f"**/sager/{case.pk}/")


def test_a_rows_button_marks_it_read_through_the_lists_one_form(
    page: Any, caseworker: User, case: Case
) -> None:
    """Issue 17: the rows' buttons submit the list's one form (formaction); htmx swaps the row
    and sends the header's CSRF token, and the page has one token for the whole list."""
    for key in ("3d", "7d"):
        _notify_due(caseworker, case, f"{key}:{timezone.localdate().isoformat()}")
    login(page, "caseworker")

    page.goto(reverse("notifications:inbox"))
    assert page.locator('#inbox-list input[name="csrfmiddlewaretoken"]').count() == 1
    row = page.locator("tbody tr").first
    row_id = row.get_attribute("id")
    row.get_by_role("button", name=f"Markér som læst \u2013 sag {case.number}").click()
    swapped = page.locator(f"#{row_id}")
    swapped.get_by_role("link").wait_for()
    page.wait_for_function(
        f"() => !document.querySelector('#{row_id}').classList.contains('is-unread')"
    )
    assert swapped.get_by_role("button").count() == 0
    assert page.locator("#unread-count").first.inner_text().strip() == "1"
