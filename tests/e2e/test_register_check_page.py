"""The register check list in the browser (issue 13): the manager opens it from the reports
page, sees the course that cannot be reported with what is missing and where it is put right,
and follows the row to the case; axe finds nothing on the list."""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta
from typing import Any

from django.utils import timezone

from accounts.models import Unit, User
from tests import factories
from tests.e2e.journey import PASSWORD


def test_the_manager_finds_what_stops_a_course_from_being_reported(
    page: Any,
    axe_check: Callable[..., dict[str, Any]],
    manager: User,
    caseworker: User,
    team_nord: Unit,
    outpatient_offer: Any,
) -> None:
    last_month = (timezone.localdate().replace(day=1) - timedelta(days=1)).replace(day=1)
    case = factories.CaseFactory(
        team=team_nord, caseworker=caseworker, status="in_treatment", inquiry_date=last_month
    )
    factories.EpisodeFactory(case=case, offer=outpatient_offer, actual_start=last_month)
    page.goto("/accounts/login/")
    page.get_by_label("Brugernavn eller e-mail").fill("manager")
    page.get_by_label("Adgangskode").fill(PASSWORD)
    page.get_by_role("button", name="Log ind").click()
    page.wait_for_url(lambda url: "/accounts/login/" not in url)

    page.goto("/rapporter/")
    page.get_by_role(
        "link", name="Se registertjeklisten: forløb, der ikke kan indberettes endnu"
    ).click()
    page.get_by_role("heading", name="1 forløb kan ikke indberettes", exact=False).wait_for()
    row = page.locator("tbody tr").first
    assert row.locator("th").inner_text() == case.number
    assert "Teamet mangler sin kommunekode." in row.inner_text()
    assert "Indskrivningsoplysninger mangler. Rettes under Helhedsorienteret afdækning." in (
        row.inner_text()
    )
    axe_check(page, impacts=("minor", "moderate", "serious", "critical"))

    # The case page, which the manager may read (after saying why she opens it).
    row.get_by_role("link", name=case.number).click()
    page.wait_for_url(f"**/sager/{case.pk}/**")
