"""Forms for referring a case to an offer and recording an episode's start, plan and end."""

from __future__ import annotations

from datetime import date
from typing import Any, cast

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from cases.forms import DATE_WIDGET
from cases.forms.text import LimitedCharField, StoredTextsMixin
from cases.models import Case, CourseEndReason, TreatmentRequest
from cases.text_limits import LIMITS

from .discharge import NEXT_STEP_LABELS, NextStep
from .models import EndReason, Episode, Offer


def _today() -> date:
    return timezone.localdate()


def offers_for_legal_basis(legal_basis: str) -> list[Offer]:
    """Active offers that serve `legal_basis`, shortest waiting time first.

    Filtered in Python: `legal_bases` is a JSON list, and SQLite has no JSON `contains`; the
    catalogue is a few dozen offers, not case data, so this does not grow with the caseload.
    """
    offers = Offer.objects.filter(active=True, provider__active=True).select_related("provider")
    matching = [offer for offer in offers if legal_basis in (offer.legal_bases or [])]
    return sorted(matching, key=lambda o: (o.waiting_time_days, o.provider.name, o.name))


class OfferChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Offer) -> str:
        waiting = ngettext(
            "ventetid %(days)d dag", "ventetid %(days)d dage", obj.waiting_time_days
        ) % {"days": obj.waiting_time_days}
        return f"{obj.provider.name}: {obj.name} ({obj.get_treatment_type_display()}, {waiting})"


class RequestChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: TreatmentRequest) -> str:
        return _("%(kind)s %(date)s: %(basis)s") % {
            "kind": obj.get_kind_display(),
            "date": date_format(obj.requested_on, "DATE_FORMAT"),
            "basis": obj.get_legal_basis_display(),
        }


class EpisodeReferForm(forms.Form):
    request = RequestChoiceField(
        label=_("Anmodning"),
        queryset=TreatmentRequest.objects.none(),
        required=False,
        empty_label=None,
        help_text=_("Forløbet hører til denne anmodning og stopper dens frist, når det starter."),
    )
    offer = OfferChoiceField(
        label=_("Tilbud"),
        queryset=Offer.objects.none(),
        empty_label=_("Vælg tilbud"),
        help_text=_(
            "Kun aktive tilbud, der dækker sagens lovgrundlag. Aktuel ventetid i parentes."
        ),
    )
    referral_date = forms.DateField(label=_("Henvisningsdato"), widget=DATE_WIDGET)
    planned_start = forms.DateField(
        label=_("Planlagt start"),
        required=False,
        widget=DATE_WIDGET,
        help_text=_("Behandlingsgarantien er overholdt, når behandlingen faktisk starter."),
    )
    free_choice = forms.BooleanField(
        label=_("Borgeren har selv valgt tilbuddet (frit valg)"),
        required=False,
        help_text=_(
            "Når borgeren vælger et andet tilbud end kommunens, kan fristen fraviges "
            "(SEL § 101, stk. 6), når valget er truffet senest på fristens dag og tilbuddet er "
            "af samme behandlingstype som det visiterede. Et valg efter fristen ændrer ikke en "
            "overskridelse."
        ),
    )
    free_choice_on = forms.DateField(
        label=_("Dato for det frie valg"),
        required=False,
        widget=DATE_WIDGET,
        help_text=_("Tom: henvisningsdatoen."),
    )

    def __init__(self, *args: Any, case: Case, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.case = case
        requests = TreatmentRequest.objects.filter(case=case).order_by("-requested_on", "-pk")
        cast(forms.ModelChoiceField, self.fields["request"]).queryset = requests
        bases = set(requests.values_list("legal_basis", flat=True)) or {case.legal_basis}
        offers = [o for basis in sorted(bases) for o in offers_for_legal_basis(basis)]
        cast(forms.ModelChoiceField, self.fields["offer"]).queryset = (
            Offer.objects.filter(pk__in=[o.pk for o in offers])
            .select_related("provider")
            .order_by("waiting_time_days", "provider__name", "name")
        )
        if not self.is_bound:
            self.initial.setdefault("referral_date", _today())

    def clean_referral_date(self) -> date:
        value = self.cleaned_data["referral_date"]
        if value > _today():
            raise ValidationError(_("Henvisningsdatoen kan ikke ligge i fremtiden."))
        if value < self.case.inquiry_date:
            raise ValidationError(_("Henvisningsdatoen kan ikke ligge før henvendelsesdatoen."))
        return value

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        assert data is not None  # forms.Form.clean() returns cleaned_data
        referral, planned = data.get("referral_date"), data.get("planned_start")
        if referral and planned and planned < referral:
            self.add_error("planned_start", _("Planlagt start kan ikke ligge før henvisningen."))
        return data


class EpisodeStartForm(forms.Form):
    actual_start = forms.DateField(label=_("Behandlingen startede"), widget=DATE_WIDGET)

    def __init__(self, *args: Any, episode: Episode, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.episode = episode
        if not self.is_bound:
            self.initial.setdefault("actual_start", _today())

    def clean_actual_start(self) -> date:
        value = self.cleaned_data["actual_start"]
        if value > _today():
            raise ValidationError(_("Startdatoen kan ikke ligge i fremtiden."))
        if value < self.episode.case.inquiry_date:
            raise ValidationError(
                _("Behandlingsstart kan ikke ligge før henvendelsesdatoen (%(date)s).")
                % {"date": date_format(self.episode.case.inquiry_date, "DATE_FORMAT")}
            )
        return value


class TreatmentPlanForm(StoredTextsMixin, forms.Form):
    """A new version of the treatment plan (SEL § 101, stk. 8)."""

    based_on = forms.IntegerField(widget=forms.HiddenInput, min_value=0)
    made_on = forms.DateField(label=_("Udarbejdet den"), widget=DATE_WIDGET)
    goals = LimitedCharField(
        limit=LIMITS["treatment_options.TreatmentPlanVersion.goals"],
        label=_("Mål"),
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    activities = LimitedCharField(
        limit=LIMITS["treatment_options.TreatmentPlanVersion.activities"],
        label=_("Aktiviteter og faser"),
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    progress_follow_up = LimitedCharField(
        limit=LIMITS["treatment_options.TreatmentPlanVersion.progress_follow_up"],
        label=_("Sådan følges fremskridt"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    assessment_link = LimitedCharField(
        limit=LIMITS["treatment_options.TreatmentPlanVersion.assessment_link"],
        label=_("Sammenhæng med den helhedsorienterede afdækning"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Hvordan planen bygger på sagens afdækning af de seks emner."),
    )

    def __init__(self, *args: Any, episode: Episode | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.episode = episode

    def clean_made_on(self) -> date:
        value = self.cleaned_data["made_on"]
        if value > _today():
            raise ValidationError(_("Datoen kan ikke ligge i fremtiden."))
        return value


class EpisodeEndForm(forms.Form):
    actual_end = forms.DateField(label=_("Forløbet sluttede"), widget=DATE_WIDGET)
    end_reason = forms.ChoiceField(
        label=_("Afslutningsårsag"),
        choices=[("", _("Vælg årsag")), *EndReason.choices],
        help_text=_("Årsagerne følger Stofmisbrugsdatabasen."),
    )

    def __init__(self, *args: Any, episode: Episode, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.episode = episode
        if not self.is_bound:
            self.initial.setdefault("actual_end", _today())

    def clean_actual_end(self) -> date:
        value = self.cleaned_data["actual_end"]
        if value > _today():
            raise ValidationError(_("Slutdatoen kan ikke ligge i fremtiden."))
        start = self.episode.actual_start
        if start and value < start:
            raise ValidationError(_("Slutdatoen kan ikke ligge før behandlingsstart."))
        return value


class DischargeNextStepForm(forms.Form):
    """What comes after a discharge without outpatient treatment (DESIGN §5.9)."""

    step = forms.ChoiceField(
        label=_("Hvad skal der ske nu?"),
        choices=[(step.value, label) for step, label in NEXT_STEP_LABELS.items()],
        widget=forms.RadioSelect,
        error_messages={"required": _("Vælg, hvad der skal ske.")},
    )
    course_end_reason = forms.ChoiceField(
        label=_("Afslutningsårsag for forløbet"),
        choices=[("", _("Vælg årsag")), *CourseEndReason.choices],
        required=False,
        help_text=_("Kun når forløbet slutter."),
    )
    note = forms.CharField(
        label=_("Bemærkning"),
        required=False,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("step") == NextStep.END and not data.get("course_end_reason"):
            self.add_error("course_end_reason", _("Vælg en afslutningsårsag."))
        return data
