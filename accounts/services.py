"""Writes for users and units."""

from __future__ import annotations

from django.contrib.auth.models import Group
from django.db import transaction

from .models import Unit, User
from .roles import Role


@transaction.atomic
def unit_create(
    *, name: str, kind: str, email: str = "", phone: str = "", municipality_code: str = ""
) -> Unit:
    """Create a unit together with its own permission group."""
    group = Group.objects.create(name=f"Enhed: {name}")
    unit = Unit(
        name=name,
        kind=kind,
        email=email,
        phone=phone,
        municipality_code=municipality_code,
        group=group,
    )
    unit.full_clean()
    unit.save()
    return unit


@transaction.atomic
def user_create(
    *,
    username: str,
    email: str,
    password: str | None,
    role: Role,
    unit: Unit | None,
    first_name: str = "",
    last_name: str = "",
    title: str = "",
    is_staff: bool = False,
) -> User:
    """Create a user in one role and (optionally) one unit; unit membership is a group."""
    user = User(
        username=username,
        email=email,
        first_name=first_name,
        last_name=last_name,
        title=title,
        unit=unit,
        is_staff=is_staff or role == Role.ADMINISTRATOR,
    )
    if password:
        user.set_password(password)
    else:
        user.set_unusable_password()
    user.full_clean(exclude=["password"])
    user.save()
    user.groups.add(Group.objects.get(name=role.value))
    if unit is not None and unit.group_id:
        user.groups.add(unit.group_id)
    return user
