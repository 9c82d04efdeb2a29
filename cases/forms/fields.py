"""What the case forms share: the date widget, today's date, and the choice of caseworker and
team."""

from __future__ import annotations

from datetime import date
from typing import Any

from django import forms
from django.utils import timezone

from accounts.models import Unit, User
from accounts.roles import Role

DATE_WIDGET = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


def local_today() -> date:
    return timezone.localdate()


def caseworker_queryset() -> Any:
    return (
        User.objects.filter(is_active=True, groups__name=Role.CASEWORKER.value)
        .select_related("unit")
        .order_by("first_name", "last_name")
        .distinct()
    )


def team_queryset() -> Any:
    return Unit.objects.filter(kind=Unit.Kind.MUNICIPAL_TEAM).order_by("name")


class UserChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: User) -> str:
        name = obj.get_full_name() or obj.get_username()
        return f"{name} ({obj.unit})" if obj.unit_id else name
