"""The case list's keyset pages in the browser (issue 17): "Næste side" and "Forrige side"
walk the list (with htmx swapping only the results, the URL carrying the cursor), the summary
says which rows are shown, and axe finds nothing serious on a deep page."""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta
from typing import Any

from django.urls import reverse
from django.utils import timezone

from accounts.models import Unit, User
from tests import factories
from tests.e2e.journey import PASSWORD


def test_next_and_previous_pages_are_links_that_work_and_are_axe_clean(
    page: Any, axe_check: Callable[..., dict[str, Any]], caseworker: User, team_nord: Unit
) -> None:
    today = timezone.localdate()
    for i in range(30):
        factories.CaseFactory(
            team=team_nord, caseworker=caseworker, inquiry_date=today - timedelta(days=i % 4)
        )
    page.goto("/accounts/login/")
    page.get_by_label("Brugernavn eller e-mail").fill("caseworker")
    page.get_by_label("Adgangskode").fill(PASSWORD)
    page.get_by_role("button", name="Log ind").click()
    page.wait_for_url(lambda url: "/accounts/login/" not in url)

    page.goto(reverse("cases:list"))
    summary = page.locator(".results-summary")
    # The page comes without its total and loads it (cases:list_count).
    summary.filter(has_text="af 30 sager").wait_for()
    assert " ".join(summary.inner_text().split()) == "Viser 1\u201325 af 30 sager"
    first = page.locator("tbody tr").all_inner_texts()
    assert page.get_by_role("link", name="Forrige side").count() == 0

    page.get_by_role("link", name="Næste side").click()
    page.wait_for_url("**after=*")
    summary.filter(has_text="26\u201330 af 30 sager").wait_for()
    assert page.locator("tbody tr").count() == 5
    assert page.get_by_role("link", name="Næste side").count() == 0
    axe_check(page)

    page.get_by_role("link", name="Forrige side").click()
    page.wait_for_url("**before=*")
    summary.filter(has_text="1\u201325").wait_for()
    assert page.locator("tbody tr").all_inner_texts() == first
