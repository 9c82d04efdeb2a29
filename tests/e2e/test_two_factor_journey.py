"""Two-factor login in the browser (issue 11), with two-factor required (REQUIRE_2FA=1): the
first login enrols an authenticator app from the QR page (the code computed from the key the
page shows, as the app would), the recovery codes are shown once, and the next login asks for
a code. Every page is checked with axe."""

from __future__ import annotations

import base64

import pytest
from django.utils import translation

from tests.e2e.journey import PASSWORD
from tests.two_factor import totp_code


@pytest.fixture(autouse=True)
def _two_factor_required(settings, two_factor_optional):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    settings.REQUIRE_2FA = True


class PageKey:
    """Stands in for the device in totp_code: the key as the enrolment page shows it."""

    step, t0, digits, drift = 30, 0, 6, 0

    def __init__(self, shown: str) -> None:
        self.bin_key = base64.b32decode(shown.replace(" ", ""))


def fill_login(page, username: str, password: str) -> None:
    page.get_by_label("Brugernavn eller e-mail").fill(username)
    page.get_by_label("Adgangskode").fill(password)
    with page.expect_navigation():
        page.get_by_role("button", name="Log ind").click()


def test_enrol_then_log_in_with_a_code(page, axe_check, caseworker, case):
    page.goto("/accounts/login/")
    assert page.get_by_text("valgfrit").count() == 0
    fill_login(page, "caseworker", PASSWORD)

    # First login: the enrolment page, with the QR code drawn as inline SVG.
    page.wait_for_url("**/accounts/tofaktor/opret/**")
    assert page.get_by_role("heading", level=1).inner_text() == "Opret tofaktor-login"
    assert page.get_by_role("img", name="QR-kode til din godkendelsesapp").is_visible()
    axe_check(page)
    page.get_by_text("Kan du ikke scanne koden?").click()
    key = PageKey(page.locator("code.two-factor-secret").inner_text())
    axe_check(page)

    page.get_by_label("Kode fra godkendelsesappen").fill("000000")
    with page.expect_navigation():
        page.get_by_role("button", name="Bekræft og opret").click()
    assert page.get_by_text("Koden passer ikke").first.is_visible()
    axe_check(page)

    page.get_by_label("Kode fra godkendelsesappen").fill(totp_code(key))
    with page.expect_navigation():
        page.get_by_role("button", name="Bekræft og opret").click()

    # The recovery codes, shown this once.
    assert page.get_by_role("heading", level=1).inner_text() == "Dine gendannelseskoder"
    codes = page.locator("ol.recovery-codes code").all_inner_texts()
    assert len(codes) == 10
    axe_check(page)
    page.get_by_role("link", name="Jeg har gemt koderne").click()
    page.wait_for_url("**/")
    assert page.get_by_role("heading", level=1).inner_text() == "Mine sager"
    assert page.get_by_role("link", name=case.number).first.is_visible()

    # The overview page, linked from the footer.
    with page.expect_navigation():
        page.get_by_role("link", name="Tofaktor-login").click()
    assert page.get_by_text("Du har 10 ubrugte gendannelseskoder.").is_visible()
    axe_check(page)

    page.locator("form.logout-form button[type=submit]").click()
    page.wait_for_url("**/accounts/login/**")

    # Next login: password, then the code (the next period's: a code is accepted only once).
    fill_login(page, "caseworker", PASSWORD)
    page.wait_for_url("**/accounts/tofaktor/bekraeft/**")
    assert page.get_by_role("heading", level=1).inner_text() == "Bekræft dit login"
    axe_check(page)
    page.get_by_label("Kode", exact=True).fill("123 456")
    with page.expect_navigation():
        page.get_by_role("button", name="Bekræft", exact=True).click()
    assert page.get_by_text("Koden er forkert eller allerede brugt").first.is_visible()
    axe_check(page)
    page.get_by_label("Kode", exact=True).fill(totp_code(key, steps_ahead=1))
    page.get_by_role("button", name="Bekræft", exact=True).click()
    page.wait_for_url("**/")
    assert page.get_by_role("heading", level=1).inner_text() == "Mine sager"


def test_the_pages_are_translated(page, axe_check, caseworker):
    page.goto("/accounts/login/")
    page.get_by_label("Sprog").select_option("en")
    with page.expect_navigation():
        page.locator("form.language-switch button[type=submit]").click()
    with translation.override("en"):
        username_label = translation.gettext("Brugernavn eller e-mail")
        heading = translation.gettext("Opret tofaktor-login")
    page.get_by_label(username_label).fill("caseworker")
    page.locator("input[type=password]").fill(PASSWORD)
    page.locator("form button[type=submit].button-primary").click()
    page.wait_for_url("**/accounts/tofaktor/opret/**")
    assert page.locator("html").get_attribute("lang") == "en"
    assert page.get_by_role("heading", level=1).inner_text() == heading == "Set up two-factor login"
    axe_check(page)


def test_the_demo_login_page_says_two_factor_is_optional(page, axe_check, settings, db):
    settings.REQUIRE_2FA = False
    page.goto("/accounts/login/")
    assert page.get_by_text("tofaktor-login er valgfrit her").is_visible()
    axe_check(page)
