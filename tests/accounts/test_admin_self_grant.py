"""An administrator has no access to case contents (DESIGN §1) and cannot give it to
themselves in the admin: superuser status and direct permissions are a superuser's to set, and
nobody changes their own role, unit or staff status."""

from __future__ import annotations

from typing import Any

import pytest
from django.contrib.auth.models import Group, Permission

from accounts.roles import Role
from tests import factories

pytestmark = pytest.mark.django_db


def change_data(client, user, **changes):
    """What the admin's change form of `user` sends, with `changes`."""
    form = client.get(f"/admin/accounts/user/{user.pk}/change/").context["adminform"].form
    data: dict[str, Any] = {}
    for name, field in form.fields.items():
        value = form.initial.get(name, field.initial)
        if value is None or field.disabled:
            continue
        if isinstance(value, list | tuple | set):
            data[name] = [getattr(v, "pk", v) for v in value]
        elif hasattr(value, "pk"):
            data[name] = value.pk
        elif isinstance(value, bool):
            if value:
                data[name] = "on"
        else:
            data[name] = value
    data.pop("date_joined", None)
    data.pop("last_login", None)
    data.update(
        {
            "date_joined_0": "2026-12-01",
            "date_joined_1": "10:00:00",
            "events-TOTAL_FORMS": "0",
            "events-INITIAL_FORMS": "0",
        }
    )
    data.update(changes)
    return data


def test_an_administrator_cannot_give_themselves_a_role_a_unit_or_superuser(
    client, admin_user, team_nord
):
    client.force_login(admin_user)
    caseworkers = Group.objects.get(name=Role.CASEWORKER.value)
    data = change_data(
        client,
        admin_user,
        groups=[caseworkers.pk, team_nord.group_id],
        unit=team_nord.pk,
        is_superuser="on",
        user_permissions=[Permission.objects.get(codename="view_case").pk],
    )
    response = client.post(f"/admin/accounts/user/{admin_user.pk}/change/", data)

    assert response.status_code == 302
    admin_user.refresh_from_db()
    assert not admin_user.is_superuser
    assert admin_user.unit is None
    assert set(admin_user.groups.values_list("name", flat=True)) == {Role.ADMINISTRATOR.value}
    assert not admin_user.user_permissions.exists()


def test_an_administrator_gives_another_user_a_role_and_a_unit_but_not_superuser(
    client, admin_user, team_nord
):
    newcomer = factories.UserFactory(username="ny", unit=None)
    client.force_login(admin_user)
    caseworkers = Group.objects.get(name=Role.CASEWORKER.value)
    data = change_data(
        client,
        newcomer,
        groups=[caseworkers.pk],
        unit=team_nord.pk,
        is_superuser="on",
        user_permissions=[Permission.objects.get(codename="view_case").pk],
    )
    response = client.post(f"/admin/accounts/user/{newcomer.pk}/change/", data)

    assert response.status_code == 302
    newcomer.refresh_from_db()
    assert newcomer.unit == team_nord
    assert newcomer.groups.filter(pk=caseworkers.pk).exists()
    assert not newcomer.is_superuser
    assert not newcomer.user_permissions.exists()
