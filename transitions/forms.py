"""Forms of the handover pages. They parse and validate input; the services do the writes."""

from __future__ import annotations

import datetime as dt
from typing import Any, cast

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accounts.models import User
from cases import text_limits
from cases.forms.text import LimitedCharField, StoredTextsMixin
from cases.text_limits import LIMITS
from treatment_options.models import Episode, Offer

from .access import NO_CASE_ACCESS
from .models import AftercareCommitment, CheckIn, CommitmentChange


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


def date_input() -> forms.DateInput:
    return forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


def time_input() -> forms.TimeInput:
    return forms.TimeInput(attrs={"type": "time"}, format="%H:%M")


def combine(day: dt.date | None, time: dt.time | None) -> dt.datetime | None:
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
        label=_("Planlagt udskrivning"), required=False, widget=date_input()
    )
    first_appointment_date = forms.DateField(
        label=_("Første ambulante aftale, dato"), required=False, widget=date_input()
    )
    first_appointment_time = forms.TimeField(
        label=_("Første ambulante aftale, klokkeslæt"), required=False, widget=time_input()
    )
    first_appointment_place = LimitedCharField(
        limit=LIMITS["transitions.Transition.first_appointment_place"],
        label=_("Sted"),
        required=False,
    )
    first_appointment_with = LimitedCharField(
        limit=LIMITS["transitions.Transition.first_appointment_with"],
        label=_("Med hvem"),
        required=False,
    )

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
        data["first_appointment_at"] = combine(day, time)
        return data


class PlanSectionForm(StoredTextsMixin, forms.Form):
    text = LimitedCharField(
        limit=LIMITS["transitions.PlanSection.text"],
        label=_("Tekst"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 8}),
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
    description = LimitedCharField(
        limit=LIMITS["transitions.AftercareCommitment.description"],
        label=_("Indsats"),
    )
    contacts_per_period = _contacts_field()
    period_weeks = _weeks_field()
    starts_on = forms.DateField(label=_("Start"), widget=date_input())
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
    description = LimitedCharField(
        limit=LIMITS["transitions.AftercareCommitment.description"],
        label=_("Indsats"),
    )
    contacts_per_period = _contacts_field()
    period_weeks = _weeks_field()
    starts_on = forms.DateField(label=_("Start"), widget=date_input())
    responsible = UserChoiceField(label=_("Ansvarlig"), queryset=None, required=False)
    reason = LimitedCharField(
        limit=LIMITS["transitions.CommitmentChange.reason"],
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


class CheckInAnswerForm(StoredTextsMixin, forms.Form):
    answer = LimitedCharField(
        limit=LIMITS["transitions.CheckIn.answer"],
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

    def __init__(self, *args: Any, course_only: bool = False, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if course_only:
            # Without a handover the follow-up is the caseworker's (checkin_follow_up_ensure).
            self.fields["needs_follow_up"].help_text = _(
                "Giver sagsbehandleren en opfølgningsopgave."
            )


class CheckInScheduleForm(forms.Form):
    weeks = forms.CharField(
        label=_("Tjek-ind efter udskrivning (uger)"),
        max_length=100,
        required=False,
        help_text=_("Adskil med komma, f.eks. 2, 6, 12, 26, 52."),
    )
    reason = LimitedCharField(
        limit=text_limits.CHECKIN_SCHEDULE_REASON,
        label=_("Begrundelse"),
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
    receiver_situation = LimitedCharField(
        limit=LIMITS["transitions.Transition.receiver_situation"],
        label=_("Borgerens situation, med dine ord"),
        widget=forms.Textarea(attrs={"rows": 5}),
    )
    receiver_actions = LimitedCharField(
        limit=LIMITS["transitions.Transition.receiver_actions"],
        label=_("De aftalte handlinger"),
        widget=forms.Textarea(attrs={"rows": 5}),
    )
    receiver_contingency = LimitedCharField(
        limit=LIMITS["transitions.Transition.receiver_contingency"],
        label=_("Hvad du gør, hvis det går galt"),
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    early_reason = LimitedCharField(
        limit=text_limits.CONFIRM_EARLY_REASON,
        label=_("Hvorfor bekræftes overgangen før udskrivningsugen?"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Planen kan stadig ændre sig frem mod udskrivningen."),
    )

    def __init__(self, *args: Any, early: bool = False, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if not early:
            del self.fields["early_reason"]


class CancelForm(forms.Form):
    reason = LimitedCharField(
        limit=text_limits.TRANSITION_CANCEL_REASON,
        label=_("Begrundelse"),
        widget=forms.Textarea(attrs={"rows": 3}),
    )
