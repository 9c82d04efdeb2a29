"""Forms of the handover pages. They parse and validate input; the services do the writes."""

from __future__ import annotations

import datetime as dt
from typing import Any, cast

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from accounts.models import User
from cases.models import Consent, PartyKind
from treatment_options.models import Episode, Offer

from .access import NO_CASE_ACCESS
from .models import AftercareCommitment, CheckIn, CommitmentChange, StatusNote


def _user_label(user: User) -> str:
    name = user.get_full_name() or user.get_username()
    return f"{name} ({user.unit})" if getattr(user, "unit", None) else name


class UserChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return _user_label(obj)


class CaseUserChoiceField(UserChoiceField):
    """A user who must have access to the case (transitions.access): the choices are
    selectors.users_with_case_access, and anybody else gets the services' message."""

    default_error_messages = {"invalid_choice": NO_CASE_ACCESS}


def _date_input() -> forms.DateInput:
    return forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


def _time_input() -> forms.TimeInput:
    return forms.TimeInput(attrs={"type": "time"}, format="%H:%M")


def _combine(day: dt.date | None, time: dt.time | None) -> dt.datetime | None:
    if day is None or time is None:
        return None
    return timezone.make_aware(dt.datetime.combine(day, time))


class TransitionForm(forms.Form):
    outpatient_therapist = UserChoiceField(
        label=_("Ambulant behandler (modtager)"),
        queryset=None,  # set in __init__
        required=False,
        help_text=_("Den udpegede behandler får adgang til sagen og skal bekræfte overgangen."),
    )
    outpatient_episode: forms.ModelChoiceField[Episode] = forms.ModelChoiceField(
        label=_("Ambulant forløb"), queryset=None, required=False
    )
    planned_discharge_on = forms.DateField(
        label=_("Planlagt udskrivning"), required=False, widget=_date_input()
    )
    first_appointment_date = forms.DateField(
        label=_("Første ambulante aftale, dato"), required=False, widget=_date_input()
    )
    first_appointment_time = forms.TimeField(
        label=_("Første ambulante aftale, klokkeslæt"), required=False, widget=_time_input()
    )
    first_appointment_place = forms.CharField(label=_("Sted"), required=False, max_length=200)
    first_appointment_with = forms.CharField(label=_("Med hvem"), required=False, max_length=200)

    def __init__(self, *args: Any, therapists: Any, episodes: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        cast(forms.ModelChoiceField, self.fields["outpatient_therapist"]).queryset = therapists
        cast(forms.ModelChoiceField, self.fields["outpatient_episode"]).queryset = episodes

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        assert data is not None  # forms.Form.clean() returns cleaned_data
        day, time = data.get("first_appointment_date"), data.get("first_appointment_time")
        if bool(day) != bool(time):
            raise ValidationError(_("Angiv både dato og klokkeslæt for den første aftale."))
        data["first_appointment_at"] = _combine(day, time)
        return data


class PlanSectionForm(forms.Form):
    text = forms.CharField(
        label=_("Tekst"), required=False, widget=forms.Textarea(attrs={"rows": 8})
    )
    # The version the user's text is based on: a later save by someone else is a conflict.
    based_on_version = forms.IntegerField(min_value=0, widget=forms.HiddenInput)
    resolution = forms.ChoiceField(
        required=False,
        choices=[("", ""), ("mine", "mine"), ("merge", "merge")],
        widget=forms.HiddenInput,
    )


def _contacts_field() -> forms.IntegerField:
    return forms.IntegerField(
        label=_("Antal kontakter"),
        min_value=1,
        max_value=50,
        help_text=_("Hvor mange kontakter der er aftalt i perioden, f.eks. 1."),
    )


def _weeks_field() -> forms.IntegerField:
    return forms.IntegerField(
        label=_("Pr. antal uger"),
        min_value=1,
        max_value=52,
        help_text=_("Periodens længde i uger: 1 for hver uge, 2 for hver 14. dag, 4 for månedlig."),
    )


class CommitmentForm(forms.Form):
    description = forms.CharField(label=_("Indsats"), max_length=300)
    contacts_per_period = _contacts_field()
    period_weeks = _weeks_field()
    starts_on = forms.DateField(label=_("Start"), widget=_date_input())
    responsible = UserChoiceField(
        label=_("Ansvarlig"),
        queryset=None,
        required=False,
        help_text=_("Vælges ingen, er den ambulante behandler ansvarlig."),
    )
    offer: forms.ModelChoiceField[Offer] = forms.ModelChoiceField(
        label=_("Tilbud"), queryset=None, required=False
    )

    def __init__(self, *args: Any, users: Any, offers: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        cast(forms.ModelChoiceField, self.fields["responsible"]).queryset = users
        cast(forms.ModelChoiceField, self.fields["offer"]).queryset = offers


class CommitmentChangeForm(forms.Form):
    kind = forms.ChoiceField(
        label=_("Ændring"),
        choices=[
            (CommitmentChange.Kind.CHANGED, _("Ret oplysninger (ikke en reduktion)")),
            (CommitmentChange.Kind.REDUCED, _("Reducér indsatsen")),
            (CommitmentChange.Kind.CANCELLED, _("Annullér indsatsen")),
        ],
        widget=forms.RadioSelect,
    )
    description = forms.CharField(label=_("Indsats"), max_length=300)
    contacts_per_period = _contacts_field()
    period_weeks = _weeks_field()
    starts_on = forms.DateField(label=_("Start"), widget=_date_input())
    responsible = UserChoiceField(label=_("Ansvarlig"), queryset=None, required=False)
    reason = forms.CharField(
        label=_("Begrundelse"),
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": _("Skriv en begrundelse for ændringen af indsatsen.")},
        help_text=_(
            "Skal altid udfyldes: ingen stille ændringer. Døgnbehandleren og sagsbehandleren "
            "får besked."
        ),
    )

    def changes(self) -> dict[str, Any]:
        """The commitment's fields from the form (commitment_change keeps only what differs).
        An empty responsible keeps the current one: a commitment always has one."""
        changes = {
            name: self.cleaned_data[name]
            for name in ("description", "contacts_per_period", "period_weeks", "starts_on")
        }
        if self.cleaned_data.get("responsible") is not None:
            changes["responsible"] = self.cleaned_data["responsible"]
        return changes

    def __init__(self, *args: Any, users: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        cast(forms.ModelChoiceField, self.fields["responsible"]).queryset = users

    @staticmethod
    def initial_for(c: AftercareCommitment) -> dict[str, Any]:
        return {
            "kind": CommitmentChange.Kind.CHANGED,
            "description": c.description,
            "contacts_per_period": c.contacts_per_period,
            "period_weeks": c.period_weeks,
            "starts_on": c.starts_on,
            "responsible": c.responsible_id,
        }


class StatusNoteForm(forms.Form):
    kind = forms.ChoiceField(label=_("Type"), choices=StatusNote.Kind.choices)
    body = forms.CharField(
        label=_("Status"), required=False, widget=forms.Textarea(attrs={"rows": 8})
    )
    severity = forms.ChoiceField(
        label=_("Vurdering"),
        required=False,
        choices=StatusNote.Severity.choices,
        widget=forms.RadioSelect,
    )
    summary = forms.CharField(
        label=_("Opsummering"), required=False, widget=forms.Textarea(attrs={"rows": 5})
    )
    risks = forms.CharField(
        label=_("Risici"), required=False, widget=forms.Textarea(attrs={"rows": 4})
    )
    contingency = forms.CharField(
        label=_("Hvis det går galt"), required=False, widget=forms.Textarea(attrs={"rows": 4})
    )
    overdose_risk = forms.CharField(
        label=_("Overdosisrisiko"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_(
            "Tolerancen falder under døgnbehandling. Et tilbagefald i de første uger efter "
            "udskrivning er det farligste tidspunkt. Beskriv risikoen og hvad der er aftalt "
            "(f.eks. naloxon, hvem borgeren kan ringe til)."
        ),
    )

    def __init__(self, *args: Any, structured: bool = False, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if not structured:
            # The before-discharge note has its own, structured form (DESIGN §5.8): the plain
            # form does not offer it, so its text can never meet a structure it lacks.
            kind = cast(forms.ChoiceField, self.fields["kind"])
            kind.choices = [
                (value, label)
                for value, label in StatusNote.Kind.choices
                if value != StatusNote.Kind.BEFORE_DISCHARGE
            ]


class ActionRowForm(forms.Form):
    text = forms.CharField(label=_("Handling"), max_length=500, required=False)
    owner = CaseUserChoiceField(label=_("Ansvarlig"), queryset=None, required=False)
    owner_text = forms.CharField(label=_("Anden ansvarlig"), max_length=200, required=False)
    due_on = forms.DateField(label=_("Frist"), required=False, widget=_date_input())

    def __init__(self, *args: Any, users: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        owner = cast(forms.ModelChoiceField, self.fields["owner"])
        owner.queryset = users if users is not None else owner.queryset

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        assert data is not None  # forms.Form.clean() returns cleaned_data
        if data.get("text"):
            if not data.get("due_on"):
                self.add_error("due_on", _("Angiv en frist."))
            elif data["due_on"] < timezone.localdate():
                self.add_error("due_on", _("Fristen kan ikke ligge i fortiden."))
            if not data.get("owner") and not data.get("owner_text"):
                self.add_error("owner", _("Angiv en ansvarlig."))
        return data


ActionFormSet = forms.formset_factory(ActionRowForm, extra=3, max_num=20)


class MeetingForm(forms.Form):
    date = forms.DateField(label=_("Dato"), widget=_date_input())
    time = forms.TimeField(label=_("Klokkeslæt"), widget=_time_input())
    duration_minutes = forms.IntegerField(
        label=_("Varighed (minutter)"), min_value=15, max_value=480, initial=60
    )
    place = forms.CharField(label=_("Sted"), max_length=200, required=False)
    place_is_private = forms.BooleanField(
        label=_("Stedet er borgerens private adresse"),
        required=False,
        help_text=_("En privat adresse kommer ikke med i kalenderinvitationen."),
    )
    video_link = forms.URLField(
        label=_("Videolink"), required=False, assume_scheme="https", max_length=200
    )
    agenda = forms.CharField(
        label=_("Dagsorden"), required=False, widget=forms.Textarea(attrs={"rows": 4})
    )
    held = forms.BooleanField(
        label=_("Mødet er afholdt"),
        required=False,
        help_text=_("Et møde, der allerede har fundet sted, registreres som afholdt med referat."),
    )
    minutes = forms.CharField(
        label=_("Referat"), required=False, widget=forms.Textarea(attrs={"rows": 6})
    )
    decisions = forms.CharField(
        label=_("Beslutninger"), required=False, widget=forms.Textarea(attrs={"rows": 4})
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        assert data is not None  # forms.Form.clean() returns cleaned_data
        if not data.get("place") and not data.get("video_link"):
            raise ValidationError(_("Angiv et sted eller et videolink."))
        data["starts_at"] = _combine(data.get("date"), data.get("time"))
        return data


class MeetingMinutesForm(forms.Form):
    agenda = forms.CharField(
        label=_("Dagsorden"), required=False, widget=forms.Textarea(attrs={"rows": 4})
    )
    minutes = forms.CharField(
        label=_("Referat"), required=False, widget=forms.Textarea(attrs={"rows": 6})
    )
    decisions = forms.CharField(
        label=_("Beslutninger"), required=False, widget=forms.Textarea(attrs={"rows": 4})
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
    name = forms.CharField(label=_("Navn"), max_length=200, required=False)
    organisation = forms.CharField(label=_("Organisation"), max_length=200, required=False)
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
    basis_note = forms.CharField(label=_("Uddybning af grundlaget"), max_length=300, required=False)
    necessity = forms.CharField(
        label=_("Hvorfor er videregivelsen nødvendig?"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
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
    text = forms.CharField(label=_("Handling"), max_length=500)
    owner = CaseUserChoiceField(label=_("Ansvarlig"), queryset=None, required=False)
    owner_text = forms.CharField(
        label=_("Anden ansvarlig (ekstern)"), max_length=200, required=False
    )
    due_on = forms.DateField(label=_("Frist"), widget=_date_input())

    def __init__(self, *args: Any, users: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        cast(forms.ModelChoiceField, self.fields["owner"]).queryset = users


class CheckInAnswerForm(forms.Form):
    answer = forms.CharField(
        label=_("Hvad er du mest usikker på?"),
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("Skriv borgerens svar, gerne med borgerens egne ord."),
    )
    themes = forms.MultipleChoiceField(
        label=_("Temaer"),
        choices=CheckIn.Theme.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    needs_follow_up = forms.BooleanField(
        label=_("Kræver opfølgning"),
        required=False,
        help_text=_("Giver den ambulante behandler en opfølgningsopgave."),
    )


class CheckInScheduleForm(forms.Form):
    weeks = forms.CharField(
        label=_("Tjek-ind efter udskrivning (uger)"),
        max_length=100,
        required=False,
        help_text=_("Adskil med komma, f.eks. 2, 6, 12, 26, 52."),
    )
    reason = forms.CharField(
        label=_("Begrundelse"),
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": _("Skriv en begrundelse for ændringen af planen.")},
        help_text=_("Sagsbehandleren får besked, og ændringen står på sagens tidslinje."),
    )

    def __init__(self, *args: Any, course_only: bool = False, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if course_only:
            # An outpatient-only course counts from the start of outpatient treatment (§5.10).
            self.fields["weeks"].label = _("Tjek-ind efter ambulant start (uger)")

    def clean_weeks(self) -> list[int]:
        raw = self.cleaned_data["weeks"]
        try:
            weeks = sorted({int(part) for part in raw.replace(";", ",").split(",") if part.strip()})
        except ValueError:
            raise ValidationError(_("Skriv hele uger adskilt med komma.")) from None
        if any(w < 1 or w > 104 for w in weeks):
            raise ValidationError(_("Ugerne skal være mellem 1 og 104."))
        return weeks


class ConfirmForm(forms.Form):
    receiver_situation = forms.CharField(
        label=_("Borgerens situation, med dine ord"),
        widget=forms.Textarea(attrs={"rows": 5}),
    )
    receiver_actions = forms.CharField(
        label=_("De aftalte handlinger"), widget=forms.Textarea(attrs={"rows": 5})
    )
    receiver_contingency = forms.CharField(
        label=_("Hvad du gør, hvis det går galt"), widget=forms.Textarea(attrs={"rows": 4})
    )
    early_reason = forms.CharField(
        label=_("Hvorfor bekræftes overgangen før udskrivningsugen?"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Planen kan stadig ændre sig frem mod udskrivningen."),
    )

    def __init__(self, *args: Any, early: bool = False, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if not early:
            del self.fields["early_reason"]


class FirstContactForm(forms.Form):
    contact_on = forms.DateField(label=_("Første ambulante kontakt"), widget=_date_input())


class CancelForm(forms.Form):
    reason = forms.CharField(
        label=_("Begrundelse"), widget=forms.Textarea(attrs={"rows": 3}), max_length=1000
    )
