"""The lock-out locks the account, whatever spelling or e-mail address was typed (DESIGN §1).

Before: django-axes counted failures per typed text, so `jonas`, `JONAS` and jonas's e-mail
address each had five attempts of their own. Now every spelling counts against the account,
and unknown names are counted (and locked) by their normalised text.
"""

from __future__ import annotations

import pytest
from django.conf import settings
from django.urls import reverse

from accounts.roles import Role
from tests import factories

PASSWORD = "Kodeord-123!"
SPELLINGS = ["jonas", "JONAS", " Jonas ", "jonas@kommune.example", "Jonas@Kommune.EXAMPLE"]
LOCKED_TEXT = "midlertidigt låst"


@pytest.fixture
def jonas(db):
    return factories.UserFactory(
        username="jonas", email="jonas@kommune.example", role=Role.CASEWORKER
    )


def login(client, username, password=PASSWORD):
    return client.post(reverse("accounts:login"), {"username": username, "password": password})


def assert_locked(response):
    # django-axes answers a locked account with 429 Too Many Requests and our Danish page.
    assert response.status_code == 429
    assert LOCKED_TEXT in response.content.decode()


@pytest.mark.parametrize("last", SPELLINGS)
def test_failures_in_mixed_spellings_lock_the_account_for_every_spelling(client, jonas, last):
    for attempt in range(settings.AXES_FAILURE_LIMIT):
        response = login(client, SPELLINGS[attempt % len(SPELLINGS)], "forkert")
    assert_locked(response)
    assert_locked(login(client, last))
    assert not client.get(reverse("core:home")).wsgi_request.user.is_authenticated


@pytest.mark.parametrize("spelling", SPELLINGS)
def test_five_failures_in_one_spelling_lock_the_others(client, jonas, spelling):
    for _ in range(settings.AXES_FAILURE_LIMIT):
        login(client, spelling, "forkert")
    for other in SPELLINGS:
        assert_locked(login(client, other))


def test_four_failures_still_let_the_right_password_in(client, jonas):
    for attempt in range(settings.AXES_FAILURE_LIMIT - 1):
        login(client, SPELLINGS[attempt], "forkert")
    response = login(client, "JONAS")
    assert response.status_code == 302
    assert response.wsgi_request.user == jonas


def test_lockout_of_one_account_does_not_lock_a_colleague(client, jonas):
    factories.UserFactory(username="karin", role=Role.CASEWORKER)
    for spelling in SPELLINGS:
        login(client, spelling, "forkert")
    assert login(client, "karin").status_code == 302


@pytest.mark.parametrize("probe", ["ukendt", "UKENDT", " Ukendt "])
def test_unknown_names_are_locked_after_five_tries_in_any_case(client, db, probe):
    for spelling in ["ukendt", "UKENDT", "Ukendt", "ukendT", " ukendt"]:
        login(client, spelling, "forkert")
    assert_locked(login(client, probe, "forkert"))


def test_unknown_email_addresses_are_locked_after_five_tries(client, db):
    for spelling in ["ny@kommune.example", "NY@kommune.example", "Ny@Kommune.Example"] * 2:
        login(client, spelling, "forkert")
    assert_locked(login(client, "ny@KOMMUNE.example", "forkert"))


def test_probing_unknown_names_does_not_lock_a_real_account(client, jonas):
    for name in ["jonas1", "jonas2", "jonas3", "jonas4", "jonas5", "jonas6"]:
        login(client, name, "forkert")
    assert login(client, "jonas").status_code == 302
