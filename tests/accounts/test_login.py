"""Signing in and out: username or e-mail, lock-out, password reset, idle timeout."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from django.conf import settings
from django.core import mail
from django.urls import reverse

from accounts.roles import Role
from tests import factories

PASSWORD = "Kodeord-123!"


@pytest.fixture
def karin(db):
    return factories.UserFactory(
        username="karin",
        email="karin@kommune.example",
        first_name="Karin",
        last_name="Mortensen",
        role=Role.CASEWORKER,
    )


def login(client, username, password=PASSWORD):
    return client.post(reverse("accounts:login"), {"username": username, "password": password})


@pytest.mark.parametrize(
    "identifier", ["karin", "KARIN", "karin@kommune.example", "Karin@Kommune.example"]
)
def test_user_logs_in_with_username_or_email(client, karin, identifier):
    response = login(client, identifier)
    assert response.status_code == 302
    assert response.url == reverse("core:home")
    assert client.get(reverse("core:home")).wsgi_request.user == karin


def test_wrong_password_shows_a_danish_error_and_does_not_log_in(client, karin):
    response = login(client, "karin", "forkert")
    assert response.status_code == 200
    assert "Forkert brugernavn, e-mail eller adgangskode" in response.content.decode()
    assert not response.wsgi_request.user.is_authenticated


def test_five_failed_logins_lock_the_account_even_with_the_right_password(client, karin):
    for _ in range(settings.AXES_FAILURE_LIMIT):
        login(client, "karin", "forkert")
    response = login(client, "karin")
    assert response.status_code == 429 or response.status_code == 403
    assert "midlertidigt låst" in response.content.decode()
    assert not client.get(reverse("core:home")).wsgi_request.user.is_authenticated


def test_lockout_is_per_username_not_per_office_network(client, karin):
    colleague = factories.UserFactory(username="jonas", role=Role.CASEWORKER)
    for _ in range(settings.AXES_FAILURE_LIMIT):
        login(client, "karin", "forkert")
    assert login(client, colleague.username).status_code == 302


def test_pages_require_login(client, db):
    response = client.get(reverse("core:home"))
    assert response.status_code == 302
    assert response.url.startswith(reverse("accounts:login"))


def test_login_page_is_danish_by_default(client, db):
    body = client.get(reverse("accounts:login")).content.decode()
    assert '<html lang="da"' in body
    assert "Log ind" in body


def test_logout_is_a_post_and_ends_the_session(client, karin):
    client.force_login(karin)
    response = client.post(reverse("accounts:logout"))
    assert response.status_code == 302
    assert client.get(reverse("core:home")).status_code == 302


def test_password_reset_asks_for_the_registered_email_and_sends_a_link_without_personal_data(
    client, karin
):
    form_page = client.get(reverse("accounts:password_reset")).content.decode()
    assert "Indtast din registrerede e-mail" in form_page
    response = client.post(reverse("accounts:password_reset"), {"email": "karin@kommune.example"})
    assert response.status_code == 302
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert "Karin" not in message.body and "Mortensen" not in message.body
    link = re.search(r"https?://\S+/accounts/nulstil/\S+/", str(message.body))
    assert link, message.body
    # Follow the link and set a new password.
    path = link.group(0).split("://", 1)[1].split("/", 1)[1]
    response = client.get("/" + path, follow=True)
    set_url = response.redirect_chain[-1][0] if response.redirect_chain else "/" + path
    response = client.post(
        set_url, {"new_password1": "Nyt-Kodeord-456!", "new_password2": "Nyt-Kodeord-456!"}
    )
    assert response.status_code == 302
    client.logout()
    assert login(client, "karin", "Nyt-Kodeord-456!").status_code == 302


def test_password_reset_for_an_unknown_email_reveals_nothing(client, db):
    response = client.post(reverse("accounts:password_reset"), {"email": "ukendt@example.dk"})
    assert response.status_code == 302
    assert len(mail.outbox) == 0


def test_weak_password_is_refused_by_the_validators(client, karin):
    client.force_login(karin)
    response = client.post(
        reverse("accounts:password_change"),
        {"old_password": PASSWORD, "new_password1": "12345678", "new_password2": "12345678"},
    )
    assert response.status_code == 200
    karin.refresh_from_db()
    assert karin.check_password(PASSWORD)


def test_idle_session_expires_after_thirty_minutes_of_inactivity(client, karin, clock):
    client.force_login(karin)
    assert client.get(reverse("core:home")).status_code == 200
    clock.shift(timedelta(minutes=29))
    assert client.get(reverse("core:home")).status_code == 200  # activity renews it
    clock.shift(timedelta(minutes=29))
    assert client.get(reverse("core:home")).status_code == 200
    clock.shift(timedelta(minutes=31))
    response = client.get(reverse("core:home"))
    assert response.status_code == 302
    assert response.url.startswith(reverse("accounts:login"))
