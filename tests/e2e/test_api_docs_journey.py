"""The API documentation page (Swagger UI) in the browser, under the Content-Security-Policy:
it renders the schema and runs a request with no CSP violation (the harness fails the test on
any), and axe finds nothing of any impact on the page as it opens, nor with an operation of
every method opened and a request run (issue 18: contrast, unlabelled selects, code blocks out
of the keyboard's reach, heading order, content outside landmarks)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from accounts.models import User
from cases.models import Case
from tests.e2e.journey import PASSWORD

# Clean means clean: minor and moderate findings fail the journey too.
EVERY_IMPACT = ("minor", "moderate", "serious", "critical")


def test_api_docs_render_and_run_a_request_under_the_policy(
    page: Any, axe_check: Callable[..., dict[str, Any]], caseworker: User, case: Case
) -> None:
    page.goto("/accounts/login/")
    page.get_by_label("Brugernavn eller e-mail").fill("caseworker")
    page.get_by_label("Adgangskode").fill(PASSWORD)
    page.get_by_role("button", name="Log ind").click()
    page.wait_for_url(lambda url: "/accounts/login/" not in url)

    response = page.goto("/api/docs/")

    assert response.status == 200
    policy = response.headers["content-security-policy"]
    assert "script-src 'self'" in policy and "unsafe-inline" not in policy
    page.locator(".swagger-ui .info .title").get_by_text("Overgang API").wait_for()
    page.locator("#operations-cases-cases_list").wait_for()
    assert page.locator("html").get_attribute("lang") == "da"
    axe_check(page, impacts=EVERY_IMPACT)

    # One operation of each method opened: parameters, request bodies, examples, responses.
    for method in ("get", "post", "patch", "put", "delete"):
        summary = page.locator(f".opblock-{method} .opblock-summary-control")
        if summary.count():
            summary.first.click()

    # "Try it out" on the case list: the request goes out with the session, from this site.
    cases_list = page.locator("#operations-cases-cases_list")
    control = cases_list.locator(".opblock-summary-control")
    if control.get_attribute("aria-expanded") != "true":
        control.click()
    cases_list.get_by_role("button", name="Try it out").click()
    cases_list.get_by_role("button", name="Execute").click()
    status = cases_list.locator(".live-responses-table tbody .response-col_status").first
    assert status.inner_text() == "200"
    # The opened operations, the request form and the server's answer, checked by axe.
    assert (
        cases_list.locator("tr[data-param-name='legal_basis'] select").get_attribute("aria-label")
        == "legal_basis"
    )
    axe_check(page, impacts=EVERY_IMPACT)
