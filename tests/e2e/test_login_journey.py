"""Signing in and out in the browser (issue 2): the start page in Danish, the language switch
to English, log-out, a wrong password and the lock-out after repeated failures."""

from __future__ import annotations

from django.conf import settings
from django.utils import translation

from tests.e2e.journey import PASSWORD


def fill_login(page, username: str, password: str) -> None:
    page.get_by_label("Brugernavn eller e-mail").fill(username)
    page.get_by_label("Adgangskode").fill(password)
    with page.expect_navigation():
        page.get_by_role("button", name="Log ind").click()


def test_caseworker_logs_in_switches_to_english_and_logs_out(page, axe_check, caseworker, case):
    page.goto("/accounts/login/")
    assert page.locator("html").get_attribute("lang") == "da"
    axe_check(page)

    fill_login(page, "caseworker", PASSWORD)
    page.wait_for_url("**/")
    assert page.locator("html").get_attribute("lang") == "da"
    assert page.get_by_role("heading", level=1).inner_text() == "Mine sager"
    assert page.get_by_text("Goddag, Karin.").is_visible()
    assert page.get_by_role("link", name=case.number).first.is_visible()
    axe_check(page)

    # The language switch in the footer.
    page.get_by_label("Sprog").select_option("en")
    with page.expect_navigation():
        page.locator("form.language-switch button[type=submit]").click()
    assert page.locator("html").get_attribute("lang") == "en"
    assert page.get_by_label("Sprog").or_(page.get_by_label("Language")).input_value() == "en"
    with translation.override("en"):
        # Our own strings come from locale/en (compiled by the lead); Django's own are built in.
        expected_heading = translation.gettext("Mine sager")
    assert page.get_by_role("heading", level=1).inner_text() == expected_heading

    page.locator("form.logout-form button[type=submit]").click()
    page.wait_for_url("**/accounts/login/**")
    page.goto("/")
    # Logged out: the start page sends the visitor back to the login page.
    assert "/accounts/login/" in page.url


def test_wrong_password_shows_a_clear_danish_error(page, axe_check, caseworker):
    page.goto("/accounts/login/")
    fill_login(page, "caseworker", "forkert-kodeord")
    assert "/accounts/login/" in page.url
    assert page.get_by_role("heading", name="Der er fejl i formularen").is_visible()
    assert page.get_by_text("Forkert brugernavn, e-mail eller adgangskode").is_visible()
    axe_check(page)


def test_five_wrong_passwords_lock_the_account(page, axe_check, caseworker):
    page.goto("/accounts/login/")
    for _ in range(settings.AXES_FAILURE_LIMIT):
        if page.get_by_role("heading", name="Kontoen er midlertidigt låst").count():
            break
        fill_login(page, "caseworker", "forkert-kodeord")
    # Even the right password is refused now.
    page.goto("/accounts/login/")
    fill_login(page, "caseworker", PASSWORD)
    assert page.get_by_role("heading", name="Kontoen er midlertidigt låst").is_visible()
    axe_check(page)
    page.goto("/")
    assert "/accounts/login/" in page.url
