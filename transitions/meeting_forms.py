"""Forms of the status meeting pages: the meeting, its minutes, its participants (internal,
and external with the basis for sharing) and the actions agreed at it."""

from __future__ import annotations

from typing import Any, cast

from django import forms
from django.core.exceptions import ValidationError
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from cases.forms.text import LimitedCharField, StoredTextsMixin, limited_text_area
from cases.models import Consent, PartyKind
from cases.text_limits import LIMITS

from .forms import CaseUserChoiceField, combine, date_input, time_input


class MeetingForm(forms.Form):
    date = forms.DateField(label=_("Dato"), widget=date_input())
    time = forms.TimeField(label=_("Klokkeslæt"), widget=time_input())
    duration_minutes = forms.IntegerField(
        label=_("Varighed (minutter)"), min_value=15, max_value=480, initial=60
    )
    place = LimitedCharField(
        limit=LIMITS["transitions.StatusMeeting.place"], label=_("Sted"), required=False
    )
    place_is_private = forms.BooleanField(
        label=_("Stedet er borgerens private adresse"),
        required=False,
        help_text=_("En privat adresse kommer ikke med i kalenderinvitationen."),
    )
    video_link = forms.URLField(
        label=_("Videolink"), required=False, assume_scheme="https", max_length=200
    )
    agenda = limited_text_area("transitions.StatusMeeting.agenda", label=_("Dagsorden"), rows=4)
    held = forms.BooleanField(
        label=_("Mødet er afholdt"),
        required=False,
        help_text=_("Et møde, der allerede har fundet sted, registreres som afholdt med referat."),
    )
    minutes = limited_text_area("transitions.StatusMeeting.minutes", label=_("Referat"), rows=6)
    decisions = limited_text_area(
        "transitions.StatusMeeting.decisions",
        label=_("Beslutninger"),
        rows=4,
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        assert data is not None  # forms.Form.clean() returns cleaned_data
        if not data.get("place") and not data.get("video_link"):
            raise ValidationError(_("Angiv et sted eller et videolink."))
        data["starts_at"] = combine(data.get("date"), data.get("time"))
        return data


class MeetingMinutesForm(StoredTextsMixin, forms.Form):
    agenda = limited_text_area("transitions.StatusMeeting.agenda", label=_("Dagsorden"), rows=4)
    minutes = limited_text_area("transitions.StatusMeeting.minutes", label=_("Referat"), rows=6)
    decisions = limited_text_area(
        "transitions.StatusMeeting.decisions",
        label=_("Beslutninger"),
        rows=4,
    )
    held = forms.BooleanField(label=_("Mødet er afholdt"), required=False)


class InternalParticipantForm(forms.Form):
    user = CaseUserChoiceField(label=_("Medarbejder"), queryset=None)

    def __init__(self, *args: Any, users: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        cast(forms.ModelChoiceField, self.fields["user"]).queryset = users


class ConsentChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Consent) -> str:
        until = date_format(obj.valid_to, "DATE_FORMAT") if obj.valid_to else _("ingen slutdato")
        state = _(", trukket tilbage") if obj.withdrawn_on else ""
        return f"{obj.get_party_kind_display()}: {obj.party_name} ({until}){state}"


class ExternalParticipantForm(forms.Form):
    name = LimitedCharField(
        limit=LIMITS["transitions.Participant.name"], label=_("Navn"), required=False
    )
    organisation = LimitedCharField(
        limit=LIMITS["transitions.Participant.organisation"],
        label=_("Organisation"),
        required=False,
    )
    party_kind = forms.ChoiceField(label=_("Part"), choices=PartyKind.choices)
    consent = ConsentChoiceField(
        label=_("Samtykke"),
        queryset=None,
        required=False,
        help_text=_("Tomt: det gyldige samtykke for parten findes automatisk."),
    )
    use_rpl115 = forms.BooleanField(
        label=_("Grundlag: Retsplejeloven § 115 (KSP/PSP-samarbejde)"),
        required=False,
        help_text=_(
            "Kun for Kriminalforsorgen, politiet og psykiatrien i KSP/PSP-samarbejdet. "
            "Regionspsykiatrien kræver samtykke."
        ),
    )
    basis_note = LimitedCharField(
        limit=LIMITS["transitions.Participant.basis_note"],
        label=_("Uddybning af grundlaget"),
        required=False,
    )
    necessity = limited_text_area(
        "transitions.Participant.necessity",
        label=_("Hvorfor er videregivelsen nødvendig?"),
        rows=3,
        help_text=_("Skal udfyldes, når Retsplejeloven § 115 er grundlaget."),
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        assert data is not None  # forms.Form.clean() returns cleaned_data
        if data.get("use_rpl115") and not (data.get("necessity") or "").strip():
            self.add_error(
                "necessity",
                _(
                    "Angiv hvorfor det er nødvendigt at videregive oplysningerne efter "
                    "Retsplejeloven § 115."
                ),
            )
        return data

    def __init__(self, *args: Any, consents: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        cast(forms.ModelChoiceField, self.fields["consent"]).queryset = consents


class MeetingActionForm(forms.Form):
    text = LimitedCharField(
        limit=LIMITS["transitions.ActionItem.text"],
        label=_("Handling"),
    )
    owner = CaseUserChoiceField(label=_("Ansvarlig"), queryset=None, required=False)
    owner_text = LimitedCharField(
        limit=LIMITS["transitions.ActionItem.owner_text"],
        label=_("Anden ansvarlig (ekstern)"),
        required=False,
    )
    due_on = forms.DateField(label=_("Frist"), widget=date_input())

    def __init__(self, *args: Any, users: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        cast(forms.ModelChoiceField, self.fields["owner"]).queryset = users
