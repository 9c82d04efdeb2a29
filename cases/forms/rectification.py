"""The form of "Berigtig oplysning": which recorded fact, its right value, and why."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django import forms
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from ..event_messages import RECTIFIABLE_LABELS
from ..models import Case, TreatmentRequest
from ..text_limits import limit
from .text import LimitedCharField

CITIZEN_KEYS = ("citizen.first_name", "citizen.last_name", "citizen.address", "citizen.birth_date")


def target_choices(
    cases: Iterable[Case], requests: Iterable[TreatmentRequest] = ()
) -> list[tuple[str, str]]:
    """The facts that may be corrected: the citizen's master data, and each case's inquiry date
    and (once the course has ended) its end date. Values "citizen.<field>" and
    "case:<pk>:<field>"; each later request's date ("request:<pk>:requested_on")."""
    choices = [(key, str(RECTIFIABLE_LABELS[key]).capitalize()) for key in CITIZEN_KEYS]
    for case in cases:
        fields = ["inquiry_date"] + (["course_ended_on"] if case.course_ended_on else [])
        for name in fields:
            label = str(RECTIFIABLE_LABELS[f"case.{name}"]).capitalize()
            value = getattr(case, name)
            choices.append(
                (
                    f"case:{case.pk}:{name}",
                    f"{label}: {case.number} ({date_format(value, 'DATE_FORMAT')})",
                )
            )
    label = str(RECTIFIABLE_LABELS["request.requested_on"]).capitalize()
    for request in requests:
        choices.append(
            (
                f"request:{request.pk}:requested_on",
                f"{label}: {request.case.number} "
                f"({date_format(request.requested_on, 'DATE_FORMAT')})",
            )
        )
    return choices


def parse_target(value: str) -> tuple[str, int | None]:
    """("case.inquiry_date", 12) for "case:12:inquiry_date", ("request.requested_on", 7) for
    "request:7:requested_on"; ("citizen.address", None)."""
    if value.startswith(("case:", "request:")):
        kind, pk, name = value.split(":", 2)
        return f"{kind}.{name}", int(pk)
    return value, None


class RectificationForm(forms.Form):
    target = forms.ChoiceField(label=_("Oplysning"))
    new_value = forms.CharField(
        label=_("Den rigtige værdi"),
        required=False,
        help_text=_("En dato skrives som dd.mm.åååå."),
    )
    reason = LimitedCharField(
        label=_("Begrundelse"),
        limit=limit("cases.Rectification.reason"),
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Hvorfor var oplysningen forkert, og hvor kommer den rigtige fra?"),
    )

    def __init__(
        self,
        *args: Any,
        cases: Iterable[Case] = (),
        requests: Iterable[TreatmentRequest] = (),
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        target = self.fields["target"]
        assert isinstance(target, forms.ChoiceField)
        target.choices = target_choices(cases, requests)
