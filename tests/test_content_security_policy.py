"""Content-Security-Policy (DESIGN §1, issue 11): every answer carries Django's CSP header, our
own pages allow no inline script or style (no nonce either), and no template has any. The
browser journeys (tests/e2e/) fail on any violation the policy reports."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from django.conf import settings
from django.test import Client
from django.urls import reverse
from pytest_django.fixtures import Settings
from rest_framework.test import APIClient

from accounts.models import User
from api.services import api_token_create
from cases.models import Case

# The policy of our own pages, exactly: the nonce is not in it, since no template of ours uses one.
STRICT = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self'; "
    "font-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'none'; "
    "form-action 'self'; frame-ancestors 'none'"
)


@pytest.fixture(autouse=True)
def _fast_hasher(settings: Settings) -> None:
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


def test_the_login_page_sends_the_policy(client: Client) -> None:
    response = client.get(reverse("accounts:login"))
    assert response.status_code == 200
    assert response["Content-Security-Policy"] == STRICT


def test_a_case_page_sends_the_policy(client: Client, caseworker: User, case: Case) -> None:
    client.force_login(caseworker)
    response = client.get(reverse("cases:detail", kwargs={"case_id": case.pk}))
    assert response.status_code == 200
    assert response["Content-Security-Policy"] == STRICT


def test_a_page_that_is_not_there_sends_the_policy(client: Client, caseworker: User) -> None:
    client.force_login(caseworker)
    response = client.get("/sager/999999/")
    assert response.status_code == 404
    assert response["Content-Security-Policy"] == STRICT


def test_an_api_answer_sends_the_policy(caseworker: User, case: Case) -> None:
    api = APIClient()
    api.credentials(HTTP_AUTHORIZATION=f"Token {api_token_create(user=caseworker, name='X').key}")
    response = api.get(f"/api/v1/cases/{case.pk}/")
    assert response.status_code == 200
    assert response["Content-Security-Policy"] == STRICT


def test_the_api_docs_page_allows_swagger_icons_but_no_inline_code(
    client: Client, caseworker: User
) -> None:
    client.force_login(caseworker)
    page = client.get("/api/docs/")
    script = client.get("/api/docs/", {"script": ""})
    assert page.status_code == 200
    assert script.status_code == 200
    assert script["Content-Type"].startswith("application/javascript")
    assert page["Content-Security-Policy"] == STRICT.replace(
        "img-src 'self'", "img-src 'self' data:"
    )
    html = page.content.decode()
    assert "<style" not in html
    assert all(" src=" in tag for tag in re.findall(r"<script\b[^>]*>", html))


def test_the_admin_gets_a_nonce_for_its_inline_code(client: Client, admin_user: User) -> None:
    admin_user.is_staff = True
    admin_user.save(update_fields=["is_staff"])
    client.force_login(admin_user)
    response = client.get(reverse("admin:index"))
    assert response.status_code == 200
    nonce = re.search(r"script-src 'self' 'nonce-([^']+)'", response["Content-Security-Policy"])
    assert nonce is not None
    assert f'nonce="{nonce.group(1)}"' in response.content.decode()


# --- no inline script or style in any template --------------------------------------------------

BASE_DIR = Path(settings.BASE_DIR)
INLINE = {
    "inline <script>": re.compile(r"<script\b(?![^>]*\bsrc=)[^>]*>", re.IGNORECASE),
    "<style> block": re.compile(r"<style\b", re.IGNORECASE),
    "style attribute": re.compile(r"\sstyle\s*=", re.IGNORECASE),
    "event handler attribute": re.compile(r"\son[a-z]+\s*=", re.IGNORECASE),
    "hx-on handler": re.compile(r"\shx-on", re.IGNORECASE),
    "javascript: URL": re.compile(r"javascript:", re.IGNORECASE),
}


def template_files() -> list[Path]:
    folders = [BASE_DIR / "templates", *BASE_DIR.glob("*/templates")]
    return sorted(path for folder in folders for path in folder.rglob("*.html"))


def test_no_template_has_inline_script_or_style() -> None:
    files = template_files()
    assert len(files) > 50
    found = [
        f"{path.relative_to(BASE_DIR)}:{text[: match.start()].count(chr(10)) + 1}: {what}"
        for path in files
        for text in [path.read_text(encoding="utf-8")]
        for what, pattern in INLINE.items()
        for match in pattern.finditer(text)
    ]
    assert found == []
