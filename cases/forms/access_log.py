"""The managers' access log's filters (django-filter): case, user, purpose and period. GET
parameters: a case number and ids, no personal data."""

from __future__ import annotations

from datetime import date
from typing import Any

import django_filters
from django import forms
from django.db.models import QuerySet, Subquery
from django.utils.translation import gettext_lazy as _

from accounts.models import User

from ..models import AccessLog, Case
from ..selectors.access_log import local_day_bounds
from .fields import DATE_WIDGET, UserChoiceField


class _UserFilter(django_filters.ModelChoiceFilter):
    field_class = UserChoiceField


def _users(request: Any) -> QuerySet[User]:
    return (
        User.objects.filter(unit__isnull=False)
        .select_related("unit")
        .order_by("first_name", "last_name", "pk")
    )


class AccessLogFilterForm(forms.Form):
    def clean(self) -> dict[str, Any]:
        data = super().clean()
        assert data is not None  # forms.Form.clean() returns cleaned_data
        start, end = data.get("fra"), data.get("til")
        if start and end and end < start:
            self.add_error("til", _("Slutdatoen ligger før startdatoen."))
        return data


class AccessLogFilter(django_filters.FilterSet):
    sag = django_filters.CharFilter(label=_("Sagsnummer"), method="filter_case", max_length=20)
    bruger = _UserFilter(
        label=_("Bruger"), field_name="user", queryset=_users, empty_label=_("Alle")
    )
    formaal = django_filters.ChoiceFilter(
        label=_("Formål"),
        field_name="purpose",
        choices=AccessLog.Purpose.choices,
        empty_label=_("Alle"),
    )
    fra = django_filters.DateFilter(label=_("Fra og med"), method="filter_from", widget=DATE_WIDGET)
    til = django_filters.DateFilter(label=_("Til og med"), method="filter_to", widget=DATE_WIDGET)

    class Meta:
        model = AccessLog
        fields: list[str] = []
        form = AccessLogFilterForm

    def filter_case(self, queryset: QuerySet[AccessLog], name: str, value: str) -> Any:
        number = value.strip()
        if not number:
            return queryset
        # Case numbers are unique: one id, compared as a value (a scalar subquery), so that
        # the log is read from its (case_id_logged, created_at, id) index, newest first; an
        # IN (subquery) left the planner walking the whole log by time.
        case_id = Case.objects.filter(number__iexact=number).order_by().values("pk")[:1]
        return queryset.filter(case_id_logged=Subquery(case_id))

    def filter_from(self, queryset: QuerySet[AccessLog], name: str, value: date) -> Any:
        return queryset.filter(**local_day_bounds(value, None))

    def filter_to(self, queryset: QuerySet[AccessLog], name: str, value: date) -> Any:
        return queryset.filter(**local_day_bounds(None, value))
