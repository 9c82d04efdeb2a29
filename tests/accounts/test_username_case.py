"""Usernames are unique whatever the case of their letters (issue 11): `jonas` and `JONAS` are
one account at the login and the lock-out, so they can never be two users. The database says
so (a unique constraint on Lower(username)); the services and the admin say it in Danish, on the
username field, keeping what was typed."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from accounts.models import USERNAME_TAKEN, User
from accounts.roles import Role
from accounts.services import user_create
from tests import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def jonas(team_nord):
    return factories.UserFactory(username="jonas", unit=team_nord, role=Role.CASEWORKER)


def test_the_database_refuses_a_username_that_differs_only_in_case(jonas):
    with pytest.raises(IntegrityError), transaction.atomic():
        User.objects.create(username="JONAS", email="jonas2@kommune.example")
    assert User.objects.filter(username__iexact="jonas").count() == 1


def test_the_service_refuses_it_with_a_danish_message(jonas, team_nord):
    with pytest.raises(ValidationError) as info:
        user_create(
            username="Jonas",
            email="jonas.berg@kommune.example",
            password=None,
            role=Role.CASEWORKER,
            unit=team_nord,
        )
    assert USERNAME_TAKEN in info.value.messages
    assert not User.objects.filter(username="Jonas").exists()


def test_the_admin_refuses_a_new_user_named_in_other_letters(client, admin_user, jonas):
    client.force_login(admin_user)
    response = client.post(
        "/admin/accounts/user/add/",
        {"username": "JONAS", "usable_password": "false", "password1": "", "password2": ""},
    )
    assert response.status_code == 200
    assert response.context["adminform"].form.errors["username"] == [str(USERNAME_TAKEN)]
    assert 'value="JONAS"' in response.content.decode()
    assert User.objects.filter(username__iexact="jonas").count() == 1


def test_the_admin_refuses_to_rename_a_user_to_anothers_name(client, admin_user, jonas, team_nord):
    lise = factories.UserFactory(username="lise", unit=team_nord, role=Role.CASEWORKER)
    client.force_login(admin_user)
    page = client.get(f"/admin/accounts/user/{lise.pk}/change/")
    data = {
        key: value
        for key, value in page.context["adminform"].form.initial.items()
        if value is not None and not isinstance(value, list | tuple)
    }
    data.update(
        {
            "username": "Jonas",
            "date_joined_0": "2026-12-01",
            "date_joined_1": "10:00:00",
            "unit": team_nord.pk,
            "events-TOTAL_FORMS": "0",
            "events-INITIAL_FORMS": "0",
        }
    )
    data.pop("last_login", None)
    data.pop("date_joined", None)
    response = client.post(f"/admin/accounts/user/{lise.pk}/change/", data)
    assert response.status_code == 200
    assert response.context["adminform"].form.errors["username"] == [str(USERNAME_TAKEN)]
    lise.refresh_from_db()
    assert lise.username == "lise"


def test_a_user_keeps_their_own_name_in_other_letters(jonas):
    jonas.username = "Jonas"
    jonas.full_clean(exclude=["password"])
    jonas.save()
    assert User.objects.get(pk=jonas.pk).username == "Jonas"
