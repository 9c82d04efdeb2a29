"""Filters of the list endpoints (django-filter). Every filter runs in the database.

Strict, as the schema documents them (StrictFilterSet): a filter given with an empty value, a
boolean other than true/false, a number that is not an id is a 400, never silently ignored
(which would answer a different question than the one asked, e.g. every notification for
`?unread=ja`). Every list's FilterSet derives from StrictFilterSet."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import django_filters
from django import forms
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema_field

from cases.guarantee import GuaranteeStatus
from cases.models import Case, CaseStatus, LegalBasis, TreatmentRequest
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
from treatment_options.models import Contact, Episode

# Largest value of a 64-bit primary key: a bigger number must be a 400, not an overflow deep in
# the database driver.
MAX_ID = 2**63 - 1


class StrictBooleanField(forms.Field):
    """A boolean query value as OpenAPI writes it: `true` or `false`. Django's
    NullBooleanField reads anything else as "not given"."""

    default_error_messages = {"invalid": _("Angiv true eller false.")}

    def to_python(self, value: Any) -> bool | None:
        if value in (None, ""):
            return None
        if value in ("true", "false"):
            return value == "true"
        raise forms.ValidationError(self.error_messages["invalid"], code="invalid")


class BooleanFilter(django_filters.BooleanFilter):
    field_class = StrictBooleanField


class StrictFilterSet(django_filters.FilterSet):
    """A FilterSet whose filters refuse what the schema does not allow:

    - a filter given with an empty value (`?case=`) is a 400 (django-filter would ignore it);
    - django-filter's own BooleanFilter is read strictly (true/false) like BooleanFilter above.

    Query parameters that are not filters are left alone here (pagination, `purpose` and
    `cpr` are checked by api.base.ApiViewSet)."""

    @staticmethod
    def _is_lax_boolean(filter_: Any) -> bool:
        """django-filter's BooleanFilter (not ours): it reads "ja" as "not given"."""
        return isinstance(filter_, django_filters.BooleanFilter) and not isinstance(
            filter_, BooleanFilter
        )

    def is_valid(self) -> bool:
        valid = super().is_valid()
        for name, filter_ in self.filters.items():
            if name not in self.data:
                continue
            values = self.data.getlist(name) if hasattr(self.data, "getlist") else [self.data[name]]
            if any(value in ("", None) for value in values):
                self.form.add_error(name, str(_("Angiv en værdi.")))
            elif self._is_lax_boolean(filter_) and any(
                value not in ("true", "false") for value in values
            ):
                self.form.add_error(name, str(StrictBooleanField.default_error_messages["invalid"]))
        return valid and not self.form.errors


# Real time zones lie between UTC-12 and UTC+14; PostgreSQL refuses offsets past ±15:59, so a
# wider one would fail in the database instead of as a field error.
MAX_UTC_OFFSET = timedelta(hours=14)


class StrictIsoDateTimeField(django_filters.fields.IsoDateTimeField):
    def clean(self, value: Any) -> Any:
        cleaned = super().clean(value)
        offset = cleaned.utcoffset() if cleaned is not None else None
        if offset is not None and abs(offset) > MAX_UTC_OFFSET:
            raise forms.ValidationError(
                _("Angiv en tidszone mellem -14:00 og +14:00."), code="offset"
            )
        return cleaned


class IsoDateTimeFilter(django_filters.IsoDateTimeFilter):
    """An ISO 8601 date and time whose time zone is one the world uses (a 400, not a 500)."""

    field_class = StrictIsoDateTimeField


@extend_schema_field({"type": "integer", "minimum": 1, "maximum": MAX_ID})
class IdFilter(django_filters.NumberFilter):
    """An id (a positive 64-bit integer), validated before it reaches the database."""

    field_class = forms.IntegerField

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("min_value", 1)
        kwargs.setdefault("max_value", MAX_ID)
        super().__init__(*args, **kwargs)


class CaseFilter(StrictFilterSet):
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
        # Stored columns only (the urgency is stored per case); the cursor pages follow the
        # same ordering (api.pagination, CaseViewSet.keyset_ordering).
        return queryset.order_by(*ORDERINGS[value])


class CaseChildFilter(StrictFilterSet):
    case = IdFilter(field_name="case_id", help_text="Sagens id / case id")


class EpisodeFilter(CaseChildFilter):
    is_open = BooleanFilter(
        field_name="actual_end", lookup_expr="isnull", help_text="Kun åbne forløb / open only"
    )

    class Meta:
        model = Episode
        fields: list[str] = []


class TreatmentRequestFilter(CaseChildFilter):
    legal_basis = django_filters.ChoiceFilter(
        choices=LegalBasis.choices, help_text="Lovgrundlag / legal basis"
    )

    class Meta:
        model = TreatmentRequest
        fields: list[str] = []


class ContactFilter(StrictFilterSet):
    case = IdFilter(field_name="episode__case_id", help_text="Sagens id / case id")
    episode = IdFilter(field_name="episode_id", help_text="Forløbets id / episode id")
    commitment = IdFilter(
        field_name="delivery__commitment_id", help_text="Indsatsens id / commitment id"
    )
    outcome = django_filters.MultipleChoiceFilter(
        choices=Contact.Outcome.choices, help_text="Udfald (kan gentages) / outcome"
    )
    at_from = IsoDateTimeFilter(
        field_name="at", lookup_expr="gte", help_text="Fra og med / on or after"
    )
    at_to = IsoDateTimeFilter(
        field_name="at", lookup_expr="lte", help_text="Til og med / on or before"
    )

    class Meta:
        model = Contact
        fields: list[str] = []


class TransitionFilter(CaseChildFilter):
    status = django_filters.MultipleChoiceFilter(
        choices=Transition.Status.choices, help_text="Overgangens status / transition status"
    )

    class Meta:
        model = Transition
        fields: list[str] = []


class TransitionChildFilter(StrictFilterSet):
    transition = IdFilter(field_name="transition_id", help_text="Overgangens id / transition id")
    case = IdFilter(field_name="transition__case_id", help_text="Sagens id / case id")


class StatusNoteFilter(TransitionChildFilter):
    kind = django_filters.ChoiceFilter(choices=StatusNote.Kind.choices)

    class Meta:
        model = StatusNote
        fields: list[str] = []


class MeetingFilter(TransitionChildFilter):
    held = BooleanFilter(help_text="Afholdt / held")

    class Meta:
        model = StatusMeeting
        fields: list[str] = []


class CheckInFilter(TransitionChildFilter):
    # A check-in belongs to the course; an outpatient-only course's have no transition.
    case = IdFilter(field_name="case_id", help_text="Sagens id / case id")
    answered = BooleanFilter(
        field_name="answered_at",
        lookup_expr="isnull",
        exclude=True,
        help_text="Besvaret / answered",
    )

    class Meta:
        model = CheckIn
        fields: list[str] = []


class CommitmentFilter(TransitionChildFilter):
    needs_review = BooleanFilter(
        field_name="frequency_needs_review",
        help_text="Hyppighed skal angives / frequency to be set",
    )
    status = django_filters.ChoiceFilter(choices=AftercareCommitment.Status.choices)

    class Meta:
        model = AftercareCommitment
        fields: list[str] = []


class NotificationFilter(StrictFilterSet):
    unread = BooleanFilter(
        field_name="read_at", lookup_expr="isnull", help_text="Kun ulæste / unread only"
    )

    class Meta:
        model = Notification
        fields: list[str] = []


class ActionItemFilter(TransitionChildFilter):
    # An action item belongs to the course; an outpatient-only course's have no transition.
    case = IdFilter(field_name="case_id", help_text="Sagens id / case id")
    meeting = IdFilter(field_name="meeting_id", help_text="Mødets id / meeting id")
    done = BooleanFilter(
        field_name="done_at", lookup_expr="isnull", exclude=True, help_text="Udført / done"
    )

    class Meta:
        model = ActionItem
        fields: list[str] = []
