"""A user or a unit as other objects refer to them: id and name."""

from __future__ import annotations

from typing import Any

from rest_framework import serializers

from accounts.models import User


class PersonSerializer(serializers.Serializer):
    id = serializers.IntegerField(help_text="Brugerens id / the user's id")
    name = serializers.CharField(help_text="Fulde navn / full name")


class UnitRefSerializer(serializers.Serializer):
    id = serializers.IntegerField(help_text="Enhedens id / the unit's id")
    name = serializers.CharField(help_text="Enhedens navn / the unit's name")


def person(user: User | None) -> dict[str, Any] | None:
    if user is None:
        return None
    return {"id": user.pk, "name": user.get_full_name() or user.get_username()}


def unit_ref(unit: Any) -> dict[str, Any] | None:
    return None if unit is None else {"id": unit.pk, "name": unit.name}
