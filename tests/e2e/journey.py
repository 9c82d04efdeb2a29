"""What the browser journeys share: the factories' password and signing in through the login
page, by its visible labels (the root conftest already makes password hashing fast)."""

from __future__ import annotations

from typing import Any

from tests.factories.accounts import PASSWORD

__all__ = ["PASSWORD", "login"]


def login(page: Any, username: str, password: str = PASSWORD) -> None:
    """Sign in on the login page and wait until it has let the user through."""
    page.goto("/accounts/login/")
    page.get_by_label("Brugernavn eller e-mail").fill(username)
    page.get_by_label("Adgangskode").fill(password)
    page.get_by_role("button", name="Log ind").click()
    page.wait_for_url(lambda url: "/accounts/login/" not in url)
