"""Break the glass: the case number and the reason; a manager's review of a use."""

from __future__ import annotations

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from ..models import TemporaryCaseAccess
from ..text_limits import LIMITS
from .text import LimitedCharField

# cases.services.BREAK_GLASS_MIN_REASON; repeated here so forms do not import the services.
BREAK_GLASS_MIN_REASON = 10


class BreakGlassForm(forms.Form):
    case_number = forms.CharField(
        label=_("Sagsnummer"),
        max_length=20,
        widget=forms.TextInput(attrs={"autocomplete": "off", "spellcheck": "false"}),
    )
    reason_code = forms.ChoiceField(
        label=_("Årsag"),
        choices=TemporaryCaseAccess.ReasonCode.choices,
        widget=forms.RadioSelect,
    )
    reason = LimitedCharField(
        limit=LIMITS["cases.TemporaryCaseAccess.reason"],
        label=_("Begrundelse"),
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_(
            "Hvorfor skal du have adgang nu? Fx »Politiet ringer om akut situation«. "
            "Begrundelsen gemmes i adgangsloggen, og din leder får besked."
        ),
    )

    def clean_reason(self) -> str:
        # The same normalisation and limit as the service, so that a reason the service would
        # refuse is refused here, before the case number is looked up (no existence hint).
        reason = " ".join(self.cleaned_data["reason"].split())
        if len(reason) < BREAK_GLASS_MIN_REASON:
            raise ValidationError(
                _("Skriv en begrundelse på mindst %(count)s tegn.")
                % {"count": BREAK_GLASS_MIN_REASON}
            )
        return reason

    def clean_case_number(self) -> str:
        return self.cleaned_data["case_number"].strip()


class BreakGlassReviewForm(forms.Form):
    comment = LimitedCharField(
        limit=LIMITS["cases.TemporaryCaseAccess.review_comment"],
        label=_("Kommentar"),
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Hvad har du undersøgt, og var nødadgangen berettiget?"),
    )
