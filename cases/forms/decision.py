"""The decision (afgørelse)."""

from __future__ import annotations

from datetime import date
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from ..models import Case
from ..text_limits import LIMITS
from .fields import DATE_WIDGET, local_today
from .text import LimitedCharField
from .versioned import VersionedForm


class DecisionForm(VersionedForm):
    decision_date = forms.DateField(label=_("Afgørelsesdato"), widget=DATE_WIDGET)
    decision_result = forms.ChoiceField(
        label=_("Resultat"), choices=Case.DecisionResult.choices, widget=forms.RadioSelect
    )
    decision_text = LimitedCharField(
        limit=LIMITS["cases.Case.decision_text"],
        label=_("Begrundelse"),
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_("Afgørelsens begrundelse og lovgrundlag, som borgeren får den."),
    )
    decision_complaint_guidance = forms.BooleanField(
        label=_("Klagevejledning er givet"), required=False
    )

    def __init__(self, *args: Any, case: Case, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.case = case

    def clean_decision_date(self) -> date:
        value = self.cleaned_data["decision_date"]
        if value > local_today():
            raise ValidationError(_("Afgørelsesdatoen kan ikke ligge i fremtiden."))
        if value < self.case.inquiry_date:
            raise ValidationError(_("Afgørelsesdatoen kan ikke ligge før henvendelsesdatoen."))
        return value

    @classmethod
    def initial_for(cls, case: Case) -> dict[str, Any]:
        return {
            "version": case.version,
            "decision_date": case.decision_date or local_today(),
            "decision_result": case.decision_result or Case.DecisionResult.GRANTED,
            "decision_text": case.decision_text,
            "decision_complaint_guidance": case.decision_complaint_guidance,
        }

    def service_kwargs(self) -> dict[str, Any]:
        data = dict(self.cleaned_data)
        return {"expected_version": data.pop("version"), **data}
