"""Two-factor login (DESIGN §1): enrolment with a QR code, recovery codes shown once and each
usable once, verification at login, required for every role when REQUIRE_2FA=1 and optional in
the demo (REQUIRE_2FA=0), which the login page says."""

from __future__ import annotations

import re

import pytest
from django.conf import settings
from django.test import Client
from django.urls import reverse
from django_otp.plugins.otp_static.models import StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from accounts.models import UserEvent
from accounts.roles import Role
from tests import factories
from tests.two_factor import force_login_unverified, totp_code, verified_device

PASSWORD = "Kodeord-123!"
SETUP = reverse("accounts:two_factor_setup")
VERIFY = reverse("accounts:two_factor_verify")
HOME = reverse("core:home")


@pytest.fixture
def karin(db):
    return factories.UserFactory(username="karin", role=Role.CASEWORKER)


def password_login(client: Client, username: str = "karin", password: str = PASSWORD):
    return client.post(reverse("accounts:login"), {"username": username, "password": password})


def enrol(client: Client) -> tuple[TOTPDevice, list[str]]:
    """Open the enrolment page, confirm with the app's code; the device and the codes shown."""
    assert client.get(SETUP).status_code == 200
    device = TOTPDevice.objects.get(confirmed=False)
    response = client.post(SETUP, {"code": totp_code(device), "next": HOME})
    assert response.status_code == 200
    return device, re.findall(r"<li><code>([a-z2-7]{8})</code></li>", response.content.decode())


# -- Required (REQUIRE_2FA=1, the suite's setting): every page sends the user on -------------


@pytest.mark.parametrize(
    "user_fixture", ["caseworker", "manager", "residential_therapist", "admin_user"]
)
def test_without_an_app_every_role_is_sent_to_enrolment_from_every_page(request, user_fixture):
    user = request.getfixturevalue(user_fixture)
    client = Client()
    force_login_unverified(client, user)
    for url in (
        HOME,
        reverse("cases:list"),
        reverse("admin:index"),
        reverse("accounts:two_factor"),
    ):
        response = client.get(url)
        assert response.status_code == 302, url
        assert response["Location"] == f"{SETUP}?next={url}", url


def test_with_an_app_the_user_is_sent_to_verification(case, caseworker):
    verified_device(caseworker)
    client = Client()
    force_login_unverified(client, caseworker)
    url = reverse("cases:detail", args=[case.pk])
    response = client.get(url)
    assert response.status_code == 302
    assert response["Location"] == f"{VERIFY}?next={url}"


def test_an_unverified_user_may_log_out(karin):
    client = Client()
    force_login_unverified(client, karin)
    response = client.post(reverse("accounts:logout"))
    assert response.status_code == 302
    assert response["Location"] == reverse("accounts:login")
    assert not client.get(HOME).wsgi_request.user.is_authenticated


# -- Enrolment ------------------------------------------------------------------------------


def test_enrolment_page_shows_a_qr_code_as_inline_svg_and_the_key(karin):
    client = Client()
    force_login_unverified(client, karin)
    response = client.get(SETUP)
    assert response.status_code == 200
    assert response["Cache-Control"] == "no-store"
    body = response.content.decode()
    main = body.split('<main id="main-content"', 1)[1].split("</main>", 1)[0]
    assert re.search(r'<div class="qr-code" role="img" aria-label="[^"]+"><svg ', main)
    assert "style=" not in main and "<script" not in main
    device = TOTPDevice.objects.get(user=karin)
    assert not device.confirmed
    found = re.search(r'<code class="two-factor-secret">([A-Z2-7 ]+)</code>', main)
    assert found
    key = found.group(1)
    assert len(key.replace(" ", "")) == 32
    # A reload shows the same app key: the QR code does not change under the user.
    client.get(SETUP)
    assert TOTPDevice.objects.get(user=karin).pk == device.pk


def test_a_wrong_code_does_not_enrol(karin):
    client = Client()
    force_login_unverified(client, karin)
    client.get(SETUP)
    response = client.post(SETUP, {"code": "000000"})
    assert response.status_code == 200
    assert "Koden passer ikke" in response.content.decode()
    assert not TOTPDevice.objects.get(user=karin).confirmed
    assert client.get(HOME).status_code == 302


def test_enrolment_confirms_the_app_shows_ten_recovery_codes_once_and_verifies(karin):
    client = Client()
    force_login_unverified(client, karin)
    before = client.session.session_key
    device, codes = enrol(client)

    device.refresh_from_db()
    assert device.confirmed
    assert len(codes) == 10 and len(set(codes)) == 10
    assert sorted(codes) == sorted(
        StaticToken.objects.filter(device__user=karin).values_list("token", flat=True)
    )
    assert client.session.session_key != before
    assert client.get(HOME).status_code == 200
    assert UserEvent.objects.get(user=karin).kind == UserEvent.Kind.TWO_FACTOR_ENROLLED
    # Never shown again: not on the overview, and the enrolment page is closed.
    overview = client.get(reverse("accounts:two_factor"))
    assert overview.status_code == 200
    assert not any(code in overview.content.decode() for code in codes)
    assert "10 ubrugte gendannelseskoder" in overview.content.decode()
    response = client.get(SETUP)
    assert response.status_code == 302
    assert response["Location"] == reverse("accounts:two_factor")


def test_an_unverified_session_cannot_replace_the_app(karin):
    original = verified_device(karin)
    client = Client()
    force_login_unverified(client, karin)
    response = client.get(SETUP)
    assert response.status_code == 302
    assert response["Location"] == VERIFY
    assert list(TOTPDevice.objects.filter(user=karin)) == [original]


def test_new_recovery_codes_replace_the_old_ones(karin):
    client = Client()
    force_login_unverified(client, karin)
    _device, old = enrol(client)
    response = client.post(reverse("accounts:two_factor_recovery_codes"))
    assert response.status_code == 200
    assert response["Cache-Control"] == "no-store"
    new = re.findall(r"<li><code>([a-z2-7]{8})</code></li>", response.content.decode())
    assert len(new) == 10 and not set(new) & set(old)
    assert UserEvent.objects.filter(user=karin, kind=UserEvent.Kind.RECOVERY_CODES_MADE).exists()
    again = Client()
    password_login(again)
    assert again.post(VERIFY, {"code": old[0]}).status_code == 200
    assert again.post(VERIFY, {"code": new[0]}).status_code == 302


# -- Verification at login ------------------------------------------------------------------


def test_login_with_password_then_the_apps_code(karin):
    device = verified_device(karin)
    client = Client()
    response = password_login(client)
    assert response.status_code == 302
    target = reverse("cases:list")
    response = client.get(target)
    assert response.status_code == 302
    assert response["Location"] == f"{VERIFY}?next={target}"
    page = client.get(response["Location"])
    assert page.status_code == 200
    assert 'autocomplete="one-time-code"' in page.content.decode()
    before = client.session.session_key

    response = client.post(
        VERIFY, {"code": totp_code(device)[:3] + " " + totp_code(device)[3:], "next": target}
    )

    assert response.status_code == 302
    assert response["Location"] == target
    assert client.session.session_key != before
    assert client.get(target).status_code == 200


def test_a_code_is_accepted_only_once(karin):
    device = verified_device(karin)
    first, second = Client(), Client()
    password_login(first)
    password_login(second)
    code = totp_code(device)
    assert first.post(VERIFY, {"code": code}).status_code == 302
    response = second.post(VERIFY, {"code": code})
    assert response.status_code == 200
    assert "Koden er forkert eller allerede brugt" in response.content.decode()


def test_each_recovery_code_works_once(karin):
    client = Client()
    force_login_unverified(client, karin)
    _device, codes = enrol(client)
    first, second = Client(), Client()
    password_login(first)
    password_login(second)
    assert first.post(VERIFY, {"code": codes[0].upper()}).status_code == 302
    assert first.get(HOME).status_code == 200
    assert second.post(VERIFY, {"code": codes[0]}).status_code == 200
    assert second.get(HOME).status_code == 302
    assert StaticToken.objects.filter(device__user=karin).count() == 9


def test_verification_never_redirects_to_another_site(karin):
    device = verified_device(karin)
    client = Client()
    password_login(client)
    response = client.post(VERIFY, {"code": totp_code(device), "next": "https://evil.example/"})
    assert response.status_code == 302
    assert response["Location"] == HOME


# -- Optional in the demo (REQUIRE_2FA=0) ---------------------------------------------------


def test_demo_login_page_says_two_factor_is_optional(client, db, settings):
    settings.REQUIRE_2FA = False
    body = client.get(reverse("accounts:login")).content.decode()
    assert "tofaktor-login er valgfrit her (REQUIRE_2FA=0)" in body


def test_production_login_page_does_not(client, db):
    assert settings.REQUIRE_2FA is True
    body = client.get(reverse("accounts:login")).content.decode()
    assert "valgfrit" not in body


def test_demo_lets_a_user_without_an_app_in_with_the_password(karin, settings):
    settings.REQUIRE_2FA = False
    client = Client()
    password_login(client)
    assert client.get(HOME).status_code == 200
    assert client.get(SETUP).status_code == 200  # and offers enrolment


def test_demo_still_asks_a_user_who_has_an_app_for_the_code(karin, settings):
    settings.REQUIRE_2FA = False
    device = verified_device(karin)
    client = Client()
    password_login(client)
    response = client.get(HOME)
    assert response.status_code == 302
    assert response["Location"] == f"{VERIFY}?next=/"
    assert client.post(VERIFY, {"code": totp_code(device)}).status_code == 302
    assert client.get(HOME).status_code == 200
