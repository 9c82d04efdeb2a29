"""Consent to treatment under 18 (Barnets lov § 33) and the notification of concern
(Barnets lov § 133)."""

from __future__ import annotations

from typing import Any, cast

from django import forms
from django.utils.translation import gettext_lazy as _

from ..models.records import ConsentForm, TreatmentConsent
from ..text_limits import LIMITS
from .fields import DATE_WIDGET, local_today
from .text import LimitedCharField, StoredTextsMixin

CUSTODY_CHOICES = [
    ("", _("Uændret")),
    ("sole", _("Én forældremyndighedsindehaver")),
    ("joint", _("Fælles forældremyndighed (to)")),
]


class TreatmentConsentForm(forms.Form):
    name = LimitedCharField(
        limit=LIMITS["cases.TreatmentConsent.name"],
        label=_("Navn"),
    )
    role = forms.ChoiceField(
        label=_("Hvem giver samtykke?"),
        choices=TreatmentConsent.Role.choices,
        widget=forms.RadioSelect,
    )
    given_on = forms.DateField(label=_("Givet den"), widget=DATE_WIDGET)
    form = forms.ChoiceField(
        label=_("Samtykket er givet"), choices=ConsentForm.choices, widget=forms.RadioSelect
    )
    custody = forms.ChoiceField(
        label=_("Forældremyndighed"),
        choices=CUSTODY_CHOICES,
        required=False,
        help_text=_("Ved fælles forældremyndighed skal begge give samtykke."),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if not self.is_bound:
            self.initial.setdefault("given_on", local_today())
            self.initial.setdefault("form", ConsentForm.WRITTEN)

    def service_kwargs(self) -> dict[str, Any]:
        data = dict(self.cleaned_data)
        custody = data.pop("custody", "")
        data["joint_custody"] = {"sole": False, "joint": True}.get(custody)
        return data


class ConcernNotificationForm(forms.Form):
    notified_on = forms.DateField(label=_("Underrettet den"), widget=DATE_WIDGET)
    recipient = LimitedCharField(
        limit=LIMITS["cases.ConcernNotification.recipient"],
        label=_("Modtager (kommune)"),
        help_text=_("Den kommune, hvor barnet bor."),
    )
    reason = LimitedCharField(
        limit=LIMITS["cases.ConcernNotification.reason"],
        label=_("Årsag"),
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("Hvad giver anledning til bekymring for barnet?"),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if not self.is_bound:
            self.initial.setdefault("notified_on", local_today())


class ActionPlanForm(StoredTextsMixin, forms.Form):
    """The action plan (SEL § 141): the offer and the content of a new version."""

    based_on = forms.IntegerField(widget=forms.HiddenInput, min_value=0)
    offered_on = forms.DateField(label=_("Tilbudt den"), required=False, widget=DATE_WIDGET)
    accepted = forms.NullBooleanField(
        label=_("Har borgeren taget imod handleplanen?"),
        required=False,
        widget=forms.NullBooleanSelect,
    )
    purpose = LimitedCharField(
        limit=LIMITS["cases.ActionPlanVersion.purpose"],
        label=_("Formål"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    actions = LimitedCharField(
        limit=LIMITS["cases.ActionPlanVersion.actions"],
        label=_("Indsatser"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    expected_duration = LimitedCharField(
        limit=LIMITS["cases.ActionPlanVersion.expected_duration"],
        label=_("Forventet varighed"),
        required=False,
    )
    follow_up = LimitedCharField(
        limit=LIMITS["cases.ActionPlanVersion.follow_up"],
        label=_("Opfølgning"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["accepted"].widget.choices = [
            ("unknown", _("Ikke oplyst")),
            ("true", _("Ja")),
            ("false", _("Nej")),
        ]


class ActionPlanHandOverForm(forms.Form):
    parts = forms.MultipleChoiceField(
        label=_("Hvilke dele er givet til behandlingsstedet?"),
        choices=[],
        widget=forms.CheckboxSelectMultiple,
    )
    recipient = LimitedCharField(
        limit=LIMITS["cases.Disclosure.recipient"],
        label=_("Givet til"),
        help_text=_("Behandlingsstedet."),
    )

    def __init__(self, *args: Any, parts: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        cast(forms.MultipleChoiceField, self.fields["parts"]).choices = list(parts)
