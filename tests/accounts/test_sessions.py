"""Sessions (DESIGN §1): a new session key at login; a changed or reset password ends the
user's other sessions; an administrator can end all of a user's sessions, and that is logged."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

import pytest
from django.conf import settings
from django.contrib.sessions.models import Session
from django.core import mail
from django.test import Client
from django.urls import reverse

from accounts.models import UserEvent
from accounts.roles import Role
from tests import factories

if TYPE_CHECKING:
    from django.test.client import _MonkeyPatchedWSGIResponse

PASSWORD = "Kodeord-123!"
NEW_PASSWORD = "Nyt-Kodeord-456!"


@pytest.fixture
def karin(db):
    return factories.UserFactory(
        username="karin", email="karin@kommune.example", role=Role.CASEWORKER
    )


def is_logged_in(client: Client) -> bool:
    return client.get(reverse("core:home")).status_code == 200


def test_login_gives_a_new_session_key(client, karin):
    # An anonymous session that exists before login (e.g. planted by an attacker).
    session = client.session
    session["planted"] = True
    session.save()
    client.cookies[settings.SESSION_COOKIE_NAME] = session.session_key
    before = session.session_key

    response = client.post(reverse("accounts:login"), {"username": "karin", "password": PASSWORD})

    assert response.status_code == 302
    after = client.cookies[settings.SESSION_COOKIE_NAME].value
    assert after and after != before
    assert not Session.objects.filter(session_key=before).exists()
    assert response.wsgi_request.user == karin


def test_changing_the_password_ends_the_other_sessions_but_not_this_one(karin):
    here, elsewhere = Client(), Client()
    here.force_login(karin)
    elsewhere.force_login(karin)
    assert is_logged_in(here) and is_logged_in(elsewhere)

    response = here.post(
        reverse("accounts:password_change"),
        {"old_password": PASSWORD, "new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD},
    )

    assert response.status_code == 302
    assert is_logged_in(here)
    response = elsewhere.get(reverse("core:home"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:login"))


def test_resetting_the_password_ends_every_session(karin):
    elsewhere = Client()
    elsewhere.force_login(karin)
    assert is_logged_in(elsewhere)

    browser = Client()
    browser.post(reverse("accounts:password_reset"), {"email": "karin@kommune.example"})
    link = re.search(r"https?://[^/\s]+(/accounts/nulstil/\S+/)", str(mail.outbox[0].body))
    assert link, mail.outbox[0].body
    response = browser.get(link.group(1), follow=True)
    set_url = response.redirect_chain[-1][0]
    response = browser.post(set_url, {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD})

    assert response.status_code == 302
    response = elsewhere.get(reverse("core:home"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:login"))


def end_sessions(admin_client: Client, *users) -> _MonkeyPatchedWSGIResponse:
    return admin_client.post(
        reverse("admin:accounts_user_changelist"),
        {"action": "end_sessions", "_selected_action": [u.pk for u in users]},
    )


def test_an_administrator_ends_all_sessions_of_a_user_and_it_is_logged(karin, admin_user):
    first, second = Client(), Client()
    first.force_login(karin)
    second.force_login(karin)
    admin_client = Client()
    admin_client.force_login(admin_user)

    response = end_sessions(admin_client, karin)

    assert response.status_code == 302
    assert not is_logged_in(first)
    assert not is_logged_in(second)
    event = UserEvent.objects.get(user=karin)
    assert event.kind == UserEvent.Kind.SESSIONS_ENDED
    assert event.actor == admin_user
    # The user can log in again at once.
    response = first.post(reverse("accounts:login"), {"username": "karin", "password": PASSWORD})
    assert response.status_code == 302
    assert response.wsgi_request.user == karin


def test_ending_sessions_leaves_other_users_logged_in(karin, admin_user):
    colleague = factories.UserFactory(username="jonas", role=Role.CASEWORKER)
    theirs = Client()
    theirs.force_login(colleague)
    admin_client = Client()
    admin_client.force_login(admin_user)

    end_sessions(admin_client, karin)

    assert is_logged_in(theirs)
    assert not UserEvent.objects.filter(user=colleague).exists()


def test_an_administrator_ending_their_own_sessions_keeps_the_current_one(admin_user):
    here, elsewhere = Client(), Client()
    here.force_login(admin_user)
    elsewhere.force_login(admin_user)

    assert end_sessions(here, admin_user).status_code == 302

    assert here.get(reverse("admin:index")).status_code == 200
    assert elsewhere.get(reverse("admin:index")).status_code == 302


def test_only_user_administrators_may_end_sessions(karin, caseworker):
    other = Client()
    other.force_login(caseworker)
    mine = Client()
    mine.force_login(karin)

    response = end_sessions(other, karin)

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("admin:login"))
    assert is_logged_in(mine)
    assert not UserEvent.objects.exists()
