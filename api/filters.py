"""Filters of the list endpoints (django-filter). Every filter runs in the database."""

from __future__ import annotations

from typing import Any

import django_filters
from django import forms
from django.db.models import QuerySet
from django.utils import timezone

from cases.guarantee import GuaranteeStatus
from cases.models import Case, CaseStatus, LegalBasis
from cases.selectors import ORDERINGS, annotate_guarantee_status
from notifications.models import Notification
from transitions.models import (
    ActionItem,
    AftercareCommitment,
    CheckIn,
    StatusMeeting,
    StatusNote,
    Transition,
)
from treatment_options.models import Episode

# Largest value of a 64-bit primary key: a bigger number must be a 400, not an overflow deep in
# the database driver.
MAX_ID = 2**63 - 1


class IdFilter(django_filters.NumberFilter):
    """An id (a positive 64-bit integer), validated before it reaches the database."""

    field_class = forms.IntegerField

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("min_value", 1)
        kwargs.setdefault("max_value", MAX_ID)
        super().__init__(*args, **kwargs)


class CaseFilter(django_filters.FilterSet):
    status = django_filters.MultipleChoiceFilter(
        choices=CaseStatus.choices, help_text="Sagens status (kan gentages) / case status"
    )
    legal_basis = django_filters.MultipleChoiceFilter(
        choices=LegalBasis.choices, help_text="Lovgrundlag (kan gentages) / legal basis"
    )
    guarantee_status = django_filters.ChoiceFilter(
        choices=[(s.value, s.value) for s in GuaranteeStatus],
        method="filter_guarantee_status",
        help_text="Garantistatus i dag / guarantee status today",
    )
    caseworker = IdFilter(
        field_name="caseworker_id", help_text="Sagsbehandlerens id / caseworker id"
    )
    team = IdFilter(field_name="team_id", help_text="Teamets id / team id")
    inquiry_from = django_filters.DateFilter(
        field_name="inquiry_date",
        lookup_expr="gte",
        help_text="Henvendelse fra og med / inquiry on or after",
    )
    inquiry_to = django_filters.DateFilter(
        field_name="inquiry_date",
        lookup_expr="lte",
        help_text="Henvendelse til og med / inquiry on or before",
    )
    citizen = IdFilter(field_name="citizen_id", help_text="Borgerens id / citizen id")

    ordering = django_filters.ChoiceFilter(
        choices=[(key, key) for key in ORDERINGS],
        method="filter_ordering",
        help_text=(
            "Sortering: urgency (overskredne og løbende frister først), newest, oldest, number, "
            "name / ordering"
        ),
    )

    class Meta:
        model = Case
        fields: list[str] = []

    def filter_guarantee_status(
        self, queryset: QuerySet[Case], name: str, value: Any
    ) -> QuerySet[Case]:
        # The case list page's SQL mirror of cases.guarantee.evaluate(), so the API and the
        # page agree on what "breached" means.
        return annotate_guarantee_status(queryset, timezone.localdate()).filter(
            guarantee_status=value
        )

    def filter_ordering(self, queryset: QuerySet[Case], name: str, value: Any) -> QuerySet[Case]:
        if value == "urgency":
            queryset = annotate_guarantee_status(queryset, timezone.localdate())
        return queryset.order_by(*ORDERINGS[value])


class CaseChildFilter(django_filters.FilterSet):
    case = IdFilter(field_name="case_id", help_text="Sagens id / case id")


class EpisodeFilter(CaseChildFilter):
    is_open = django_filters.BooleanFilter(
        field_name="actual_end", lookup_expr="isnull", help_text="Kun åbne forløb / open only"
    )

    class Meta:
        model = Episode
        fields: list[str] = []


class TransitionFilter(CaseChildFilter):
    status = django_filters.MultipleChoiceFilter(
        choices=Transition.Status.choices, help_text="Overgangens status / transition status"
    )

    class Meta:
        model = Transition
        fields: list[str] = []


class TransitionChildFilter(django_filters.FilterSet):
    transition = IdFilter(field_name="transition_id", help_text="Overgangens id / transition id")
    case = IdFilter(field_name="transition__case_id", help_text="Sagens id / case id")


class StatusNoteFilter(TransitionChildFilter):
    kind = django_filters.ChoiceFilter(choices=StatusNote.Kind.choices)

    class Meta:
        model = StatusNote
        fields: list[str] = []


class MeetingFilter(TransitionChildFilter):
    held = django_filters.BooleanFilter()

    class Meta:
        model = StatusMeeting
        fields: list[str] = []


class CheckInFilter(TransitionChildFilter):
    answered = django_filters.BooleanFilter(
        field_name="answered_at",
        lookup_expr="isnull",
        exclude=True,
        help_text="Besvaret / answered",
    )

    class Meta:
        model = CheckIn
        fields: list[str] = []


class CommitmentFilter(TransitionChildFilter):
    status = django_filters.ChoiceFilter(choices=AftercareCommitment.Status.choices)

    class Meta:
        model = AftercareCommitment
        fields: list[str] = []


class NotificationFilter(django_filters.FilterSet):
    unread = django_filters.BooleanFilter(
        field_name="read_at", lookup_expr="isnull", help_text="Kun ulæste / unread only"
    )

    class Meta:
        model = Notification
        fields: list[str] = []


class ActionItemFilter(TransitionChildFilter):
    meeting = IdFilter(field_name="meeting_id", help_text="Mødets id / meeting id")
    done = django_filters.BooleanFilter(
        field_name="done_at", lookup_expr="isnull", exclude=True, help_text="Udført / done"
    )

    class Meta:
        model = ActionItem
        fields: list[str] = []
