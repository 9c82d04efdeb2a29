"""What guards the second factor (DESIGN §1): wrong codes lock the account as wrong passwords
do, an administrator's reset (logged on the user), the API's session check, and API tokens made
only by an administrator in a verified session."""

from __future__ import annotations

import pytest
from django.conf import settings
from django.contrib.auth.models import Permission
from django.test import Client
from django.urls import reverse
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.models import TOTPDevice
from rest_framework.test import APIClient

from accounts.models import UserEvent
from accounts.roles import Role
from api.models import ApiToken
from tests import factories
from tests.two_factor import force_login_unverified, totp_code, verified_device

PASSWORD = "Kodeord-123!"
VERIFY = reverse("accounts:two_factor_verify")
HOME = reverse("core:home")
LIMIT = settings.AXES_FAILURE_LIMIT


@pytest.fixture
def karin(db):
    return factories.UserFactory(
        username="karin", email="karin@kommune.example", role=Role.CASEWORKER
    )


@pytest.fixture
def device(karin):
    return verified_device(karin)


def password_login(client: Client, username: str = "karin", password: str = PASSWORD):
    return client.post(reverse("accounts:login"), {"username": username, "password": password})


def assert_locked(response):
    assert response.status_code == 429
    assert "midlertidigt låst" in response.content.decode()


# -- The lock-out covers the code step ------------------------------------------------------


def test_five_wrong_codes_lock_the_account_and_end_the_session(karin, device):
    client = Client()
    assert password_login(client).status_code == 302
    for _ in range(LIMIT - 1):
        assert client.post(VERIFY, {"code": "000000"}).status_code == 200
    assert_locked(client.post(VERIFY, {"code": "000000"}))
    assert not client.get(HOME).wsgi_request.user.is_authenticated
    # Locked like after five wrong passwords: the right password and the right code fail too.
    assert_locked(password_login(Client(), "KARIN"))
    assert_locked(password_login(Client(), "karin@kommune.example"))


def test_wrong_passwords_and_wrong_codes_count_together(karin, device):
    for _ in range(LIMIT - 2):
        password_login(Client(), "Karin", "forkert")
    client = Client()
    password_login(client)
    assert client.post(VERIFY, {"code": "000000"}).status_code == 200
    assert_locked(client.post(VERIFY, {"code": "111111"}))


def test_the_password_step_alone_does_not_reset_the_count(karin, device):
    """Otherwise a thief with the password could log in again after every four wrong codes."""
    client = Client()
    password_login(client)
    for _ in range(LIMIT - 1):
        client.post(VERIFY, {"code": "000000"})
    client.post(reverse("accounts:logout"))
    again = Client()
    assert password_login(again).status_code == 302
    assert_locked(again.post(VERIFY, {"code": "000000"}))


def test_a_locked_account_cannot_use_a_right_code_either(karin, device):
    client = Client()
    password_login(client)
    for _ in range(LIMIT - 1):
        client.post(VERIFY, {"code": "000000"})
    other = Client()
    password_login(other)
    other.post(VERIFY, {"code": "000000"})  # the fifth failure, in another session
    assert_locked(client.post(VERIFY, {"code": totp_code(device)}))
    assert not client.get(HOME).wsgi_request.user.is_authenticated


def test_a_right_code_resets_the_count(karin, device):
    client = Client()
    password_login(client)
    for _ in range(LIMIT - 1):
        client.post(VERIFY, {"code": "000000"})
    assert client.post(VERIFY, {"code": totp_code(device)}).status_code == 302
    client.post(reverse("accounts:logout"))
    again = Client()
    password_login(again)
    for _ in range(LIMIT - 1):
        assert again.post(VERIFY, {"code": "000000"}).status_code == 200
    assert again.post(VERIFY, {"code": totp_code(device, steps_ahead=1)}).status_code == 302


# -- The administrator's reset --------------------------------------------------------------


def reset(admin_client: Client, *users):
    return admin_client.post(
        reverse("admin:accounts_user_changelist"),
        {"action": "reset_two_factor", "_selected_action": [u.pk for u in users]},
    )


def test_an_administrator_resets_a_users_two_factor_and_it_is_logged(karin, device, admin_user):
    StaticDevice.objects.create(user=karin, name="Gendannelseskoder", confirmed=True)
    theirs = Client()
    theirs.force_login(karin)
    admin_client = Client()
    admin_client.force_login(admin_user)

    response = reset(admin_client, karin)

    assert response.status_code == 302
    assert not TOTPDevice.objects.filter(user=karin).exists()
    assert not StaticDevice.objects.filter(user=karin).exists()
    kinds = dict(UserEvent.objects.filter(user=karin).values_list("kind", "actor"))
    assert kinds == {
        UserEvent.Kind.TWO_FACTOR_RESET: admin_user.pk,
        UserEvent.Kind.SESSIONS_ENDED: admin_user.pk,
    }
    # The user's session is over, and the next login sets two-factor up again.
    assert not theirs.get(HOME).wsgi_request.user.is_authenticated
    password_login(theirs)
    response = theirs.get(HOME)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:two_factor_setup"))
    # The events are on the user's page in the admin.
    page = admin_client.get(reverse("admin:accounts_user_change", args=[karin.pk]))
    assert page.status_code == 200
    assert "Tofaktor-login nulstillet" in page.content.decode()


def test_only_user_administrators_may_reset(karin, device, caseworker):
    client = Client()
    client.force_login(caseworker)
    response = reset(client, karin)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("admin:login"))
    assert TOTPDevice.objects.filter(user=karin).exists()
    assert not UserEvent.objects.exists()


def test_the_admin_does_not_show_a_users_secret_key(admin_user):
    client = Client()
    client.force_login(admin_user)
    assert client.get("/admin/otp_totp/totpdevice/").status_code == 404


# -- The API: a session counts only once verified; tokens need a verified administrator --------


def test_api_refuses_an_unverified_session_in_json(case, caseworker):
    client = APIClient()
    force_login_unverified(client, caseworker)
    response = client.get(f"/api/v1/cases/{case.pk}/")
    assert response.status_code == 403
    assert response["Content-Type"].startswith("application/json")
    assert response.json()["code"] == "two_factor_required"
    assert "tofaktor" in response.json()["detail"]


def test_api_accepts_a_verified_session(case, caseworker):
    client = APIClient()
    client.force_login(caseworker)
    assert client.get(f"/api/v1/cases/{case.pk}/").status_code == 200


def test_api_docs_page_sends_an_unverified_user_to_verification(caseworker):
    verified_device(caseworker)
    client = Client()
    force_login_unverified(client, caseworker)
    response = client.get(reverse("api:docs"))
    assert response.status_code == 302
    assert response["Location"].startswith(VERIFY)


@pytest.fixture
def token_add_url():
    return reverse("admin:api_apitoken_add")


def test_a_verified_administrator_makes_a_token(admin_user, caseworker, token_add_url):
    client = Client()
    client.force_login(admin_user)
    response = client.post(token_add_url, {"user": caseworker.pk, "name": "Fagsystem"})
    assert response.status_code == 200
    assert ApiToken.objects.count() == 1


def test_an_unverified_administrator_cannot_make_a_token(
    admin_user, caseworker, token_add_url, settings
):
    settings.REQUIRE_2FA = False  # the demo: the admin is reachable without the second factor
    client = Client()
    force_login_unverified(client, admin_user)
    assert client.get(reverse("admin:api_apitoken_changelist")).status_code == 200
    response = client.post(token_add_url, {"user": caseworker.pk, "name": "Fagsystem"})
    assert response.status_code == 403
    assert not ApiToken.objects.exists()


def test_staff_who_are_not_administrators_cannot_make_tokens(caseworker, token_add_url):
    clerk = factories.UserFactory(username="clerk", role=Role.MANAGER, is_staff=True)
    clerk.user_permissions.add(
        *Permission.objects.filter(
            content_type__app_label="api", codename__in=["add_apitoken", "view_apitoken"]
        )
    )
    client = Client()
    client.force_login(clerk)
    response = client.post(token_add_url, {"user": caseworker.pk, "name": "Fagsystem"})
    assert response.status_code == 403
    assert not ApiToken.objects.exists()
