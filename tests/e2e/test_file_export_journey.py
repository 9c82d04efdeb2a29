"""Access to the file in the browser (issue 14): the caseworker starts the export from the
citizen's page, cannot release it before every flagged field is decided, decides them, releases
it and gets the links to the PDF and the JSON; axe finds nothing on the review page."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from accounts.models import Unit, User
from cases.models import Disclosure
from tests import factories
from tests.e2e.journey import PASSWORD


def test_the_caseworker_reviews_and_releases_the_citizens_file(
    page: Any, axe_check: Callable[..., dict[str, Any]], caseworker: User, team_nord: Unit
) -> None:
    case = factories.CaseFactory(
        team=team_nord, caseworker=caseworker, decision_text="Bevilget dagbehandling."
    )
    factories.ConsentFactory(case=case, party_name="Moster Grethe")
    page.goto("/accounts/login/")
    page.get_by_label("Brugernavn eller e-mail").fill("caseworker")
    page.get_by_label("Adgangskode").fill(PASSWORD)
    page.get_by_role("button", name="Log ind").click()
    page.wait_for_url(lambda url: "/accounts/login/" not in url)

    page.goto(f"/sager/borger/{case.citizen_id}/")
    page.get_by_role("button", name="Aktindsigt i alle borgerens oplysninger").click()
    page.get_by_role("heading", name="Aktindsigt: gennemgang").wait_for()
    assert "Moster Grethe" in page.locator("tbody").inner_text()
    axe_check(page, impacts=("minor", "moderate", "serious", "critical"))

    page.get_by_role("button", name="Udlevér aktindsigten").click()
    page.get_by_role("alert").wait_for()
    assert "kan ikke udleveres" in page.get_by_role("alert").inner_text()
    axe_check(page, impacts=("minor", "moderate", "serious", "critical"))

    radios = page.locator("input[type=radio][value=approved]")
    for index in range(radios.count()):
        radios.nth(index).check()
    page.locator("tr", has_text="Moster Grethe").get_by_label("Udelades").check()
    page.get_by_role("button", name="Gem afgørelserne").click()
    page.get_by_text("0 felter mangler at blive gennemgået.").wait_for()
    page.get_by_role("button", name="Udlevér aktindsigten").click()
    page.get_by_role("link", name="Hent PDF til borgeren").wait_for()
    assert page.get_by_role("link", name="Hent JSON (maskinlæsbar)").is_visible()
    axe_check(page, impacts=("minor", "moderate", "serious", "critical"))
    assert Disclosure.objects.filter(case=case, basis="fvl9").count() == 1
