"""The managers' forms: a reason to place a hold, a reason to lift it."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from cases.forms.text import LimitedCharField
from cases.text_limits import REASON


class HoldReasonForm(forms.Form):
    reason = LimitedCharField(
        limit=REASON,
        label=_("Begrundelse"),
        help_text=_("Fx en klagesag, en anmodning fra politiet eller en sag hos Datatilsynet."),
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={"required": _("Skriv en begrundelse.")},
    )

    def clean_reason(self) -> str:
        reason = self.cleaned_data["reason"].strip()
        if not reason:
            raise forms.ValidationError(_("Skriv en begrundelse."))
        return str(reason)
