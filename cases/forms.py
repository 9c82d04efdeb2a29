"""Forms for the case pages. They parse and pre-check input; the services decide (and raise
ValidationError with Danish messages, which `apply_validation_error` puts back on the form)."""

from __future__ import annotations

from datetime import date
from typing import Any

from django import forms
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accounts.models import Unit, User
from accounts.roles import Role

from . import cpr as cpr_rules
from .guarantee import GuaranteeStatus
from .models import Case, CaseStatus, Consent, InformationKind, LegalBasis, PartyKind, Substance

DATE_WIDGET = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")

GUARANTEE_STATUS_CHOICES = [
    (GuaranteeStatus.RUNNING.value, _("Løber")),
    (GuaranteeStatus.BREACHED.value, _("Overskredet")),
    (GuaranteeStatus.MET.value, _("Overholdt")),
    (GuaranteeStatus.WAIVED.value, _("Fraveget")),
    (GuaranteeStatus.NOT_COVERED.value, _("Ikke omfattet")),
]

# cases.services.BREAK_GLASS_MIN_REASON; repeated here so forms do not import the services.
BREAK_GLASS_MIN_REASON = 10

STALE_VERSION_MESSAGE = _(
    "Sagen er ændret af en anden, siden du åbnede den. Dine indtastninger er bevaret herunder: "
    "se sagens aktuelle oplysninger, og gem igen, hvis dine ændringer stadig skal med."
)


def apply_validation_error(form: forms.Form, error: ValidationError) -> None:
    """Put a service's ValidationError on the form: field errors on the field when the form
    has it, everything else as a non-field error. The bound data stays, so nothing is lost."""
    if hasattr(error, "error_dict"):
        for field, messages in error.message_dict.items():
            target = field if field in form.fields else None
            if field == NON_FIELD_ERRORS:
                target = None
            for message in messages:
                form.add_error(target, message)
    else:
        for message in error.messages:
            form.add_error(None, message)


def _today() -> date:
    return timezone.localdate()


def caseworker_queryset() -> Any:
    return (
        User.objects.filter(is_active=True, groups__name=Role.CASEWORKER.value)
        .select_related("unit")
        .order_by("first_name", "last_name")
        .distinct()
    )


def team_queryset() -> Any:
    return Unit.objects.filter(kind=Unit.Kind.MUNICIPAL_TEAM).order_by("name")


class UserChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: User) -> str:
        name = obj.get_full_name() or obj.get_username()
        return f"{name} ({obj.unit})" if obj.unit_id else name


# --- Case list ---------------------------------------------------------------------------------


class CaseSearchForm(forms.Form):
    """The free-text search. Posted, never put in the URL: it holds names and CPR numbers."""

    q = forms.CharField(
        label=_("Søg efter navn, CPR-nummer eller sagsnummer"),
        max_length=100,
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "off", "spellcheck": "false"}),
    )


class CaseFilterForm(forms.Form):
    """Filters of the case list. GET parameters: none of them is personal data."""

    status = forms.ChoiceField(
        label=_("Status"),
        required=False,
        choices=[("", _("Alle åbne")), ("all", _("Alle, også afsluttede")), *CaseStatus.choices],
    )
    guarantee = forms.ChoiceField(
        label=_("Behandlingsgaranti"),
        required=False,
        choices=[("", _("Alle")), *GUARANTEE_STATUS_CHOICES],
    )
    legal_basis = forms.ChoiceField(
        label=_("Lovgrundlag"), required=False, choices=[("", _("Alle")), *LegalBasis.choices]
    )
    caseworker = UserChoiceField(
        label=_("Sagsbehandler"),
        required=False,
        queryset=User.objects.none(),
        empty_label=_("Alle"),
    )
    team = forms.ModelChoiceField(
        label=_("Team"), required=False, queryset=Unit.objects.none(), empty_label=_("Alle")
    )
    order = forms.ChoiceField(
        label=_("Sortering"),
        required=False,
        choices=[
            ("", _("Mest presserende frist først")),
            ("newest", _("Nyeste henvendelse først")),
            ("oldest", _("Ældste henvendelse først")),
            ("number", _("Sagsnummer")),
            ("name", _("Borgerens navn")),
        ],
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["caseworker"].queryset = caseworker_queryset()
        self.fields["team"].queryset = team_queryset()

    @property
    def is_filtered(self) -> bool:
        data = self.cleaned_data if self.is_valid() else {}
        return any(
            data.get(name) for name in ("status", "guarantee", "legal_basis", "caseworker", "team")
        )

    def selector_kwargs(self) -> dict[str, Any]:
        """Keyword arguments for cases.selectors.case_list_for (invalid values are ignored)."""
        data = self.cleaned_data if self.is_valid() else {}
        caseworker = data.get("caseworker")
        team = data.get("team")
        status = data.get("status") or "open"
        return {
            # The default view is the open cases; "all" includes the closed ones.
            "status": "" if status == "all" else status,
            "guarantee_status": data.get("guarantee") or "",
            "legal_basis": data.get("legal_basis") or "",
            "caseworker_id": caseworker.pk if caseworker else None,
            "team_id": team.pk if team else None,
            "order": data.get("order") or "urgency",
        }


# --- Citizens ----------------------------------------------------------------------------------


class CitizenForm(forms.Form):
    is_anonymous = forms.BooleanField(
        label=_("Anonym borger (ingen CPR-nummer)"),
        required=False,
        help_text=_(
            "Kun ved anonym ambulant stofbehandling (SEL § 101 a) og anonym alkoholbehandling "
            "(SUL § 141, stk. 7). Brug et alias i stedet for navn og CPR-nummer."
        ),
    )
    alias = forms.CharField(label=_("Alias"), max_length=100, required=False)
    first_name = forms.CharField(
        label=_("Fornavn"),
        max_length=100,
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "off"}),
    )
    last_name = forms.CharField(
        label=_("Efternavn"),
        max_length=100,
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "off"}),
    )
    cpr = forms.CharField(
        label=_("CPR-nummer"),
        max_length=11,
        required=False,
        help_text=_("DDMMÅÅ-XXXX. Fødselsdatoen udfyldes ud fra CPR-nummeret."),
        widget=forms.TextInput(attrs={"autocomplete": "off", "inputmode": "numeric"}),
    )
    birth_date = forms.DateField(label=_("Fødselsdato"), required=False, widget=DATE_WIDGET)
    address = forms.CharField(label=_("Adresse"), max_length=200, required=False)
    postal_code = forms.CharField(
        label=_("Postnummer"),
        max_length=4,
        required=False,
        widget=forms.TextInput(attrs={"inputmode": "numeric"}),
    )
    city = forms.CharField(label=_("By"), max_length=100, required=False)
    phone = forms.CharField(
        label=_("Telefon"),
        max_length=30,
        required=False,
        widget=forms.TextInput(attrs={"type": "tel"}),
    )
    email = forms.EmailField(label=_("E-mail"), required=False)

    def clean_cpr(self) -> str:
        value = (self.cleaned_data.get("cpr") or "").strip()
        if not value:
            return ""
        try:
            return cpr_rules.parse_cpr(value)
        except ValueError as exc:
            # The rule's message never repeats the number itself.
            raise ValidationError(str(exc)) from exc

    def service_kwargs(self) -> dict[str, Any]:
        data = self.cleaned_data
        anonymous = bool(data["is_anonymous"])
        return {
            "first_name": data["first_name"],
            "last_name": data["last_name"],
            # Passed on even for an anonymous citizen, so the service refuses the mix loudly.
            "cpr": data["cpr"] or None,
            "birth_date": data["birth_date"],
            "is_anonymous": anonymous,
            "alias": data["alias"],
            "address": data["address"],
            "postal_code": data["postal_code"],
            "city": data["city"],
            "phone": data["phone"],
            "email": data["email"],
        }

    @classmethod
    def initial_for(cls, citizen: Any) -> dict[str, Any]:
        return {name: getattr(citizen, name) for name in cls.base_fields} | {
            "cpr": citizen.cpr or ""
        }


# --- Cases -------------------------------------------------------------------------------------


class CaseCreateForm(forms.Form):
    legal_basis = forms.ChoiceField(
        label=_("Lovgrundlag"), choices=[("", _("Vælg lovgrundlag")), *LegalBasis.choices]
    )
    inquiry_date = forms.DateField(
        label=_("Henvendelsesdato"),
        widget=DATE_WIDGET,
        help_text=_(
            "Dagen for borgerens første anmodning om behandling, mundtlig eller skriftlig. "
            "Behandlingsgarantiens 14 dage regnes herfra."
        ),
    )
    substances = forms.MultipleChoiceField(
        label=_("Rusmidler"),
        required=False,
        choices=Substance.choices,
        widget=forms.CheckboxSelectMultiple,
    )
    team = forms.ModelChoiceField(label=_("Team"), queryset=Unit.objects.none())
    caseworker = UserChoiceField(
        label=_("Sagsbehandler"),
        required=False,
        queryset=User.objects.none(),
        empty_label=_("Ingen endnu"),
    )
    inquiry_note = forms.CharField(
        label=_("Henvendelsen"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Hvem henvendte sig, hvordan, og hvad drejer det sig om?"),
    )
    regional_dual_diagnosis = forms.BooleanField(
        label=_("Henvist til regional integreret behandling af dobbeltdiagnose (SUL § 82 c)"),
        required=False,
        help_text=_("Sådanne sager er ikke omfattet af den kommunale behandlingsgaranti."),
    )

    def __init__(self, *args: Any, citizen: Any, user: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.citizen = citizen
        self.fields["team"].queryset = team_queryset()
        self.fields["caseworker"].queryset = caseworker_queryset()
        if not self.is_bound:
            self.initial.setdefault("inquiry_date", _today())
            if user.unit_id and user.unit.kind == Unit.Kind.MUNICIPAL_TEAM:
                self.initial.setdefault("team", user.unit_id)
            if user.has_role(Role.CASEWORKER):
                self.initial.setdefault("caseworker", user.pk)
            if citizen.is_anonymous:
                self.initial.setdefault("legal_basis", LegalBasis.SEL101A)

    def clean_inquiry_date(self) -> date:
        value = self.cleaned_data["inquiry_date"]
        if value > _today():
            raise ValidationError(_("Henvendelsesdatoen kan ikke ligge i fremtiden."))
        return value

    def service_kwargs(self) -> dict[str, Any]:
        data = self.cleaned_data
        return {
            "legal_basis": data["legal_basis"],
            "inquiry_date": data["inquiry_date"],
            "team": data["team"],
            "caseworker": data["caseworker"],
            "substances": tuple(data["substances"]),
            "inquiry_note": data["inquiry_note"],
            "regional_dual_diagnosis": data["regional_dual_diagnosis"],
        }


class VersionedForm(forms.Form):
    """An edit form based on a version of the case (optimistic concurrency)."""

    version = forms.IntegerField(widget=forms.HiddenInput, min_value=1)


class AssessmentForm(VersionedForm):
    """The holistic needs assessment, BEK 1477/2019 § 1 stk. 2: six topics."""

    substance_use = forms.CharField(
        label=_("Brug af rusmidler"), required=False, widget=forms.Textarea(attrs={"rows": 4})
    )
    social = forms.CharField(
        label=_("Sociale forhold, netværk og familie"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    health = forms.CharField(
        label=_("Fysisk og psykisk helbred"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    work = forms.CharField(
        label=_("Arbejde og uddannelse"), required=False, widget=forms.Textarea(attrs={"rows": 4})
    )
    housing = forms.CharField(
        label=_("Bolig"), required=False, widget=forms.Textarea(attrs={"rows": 4})
    )
    other = forms.CharField(
        label=_("Andre relevante forhold"), required=False, widget=forms.Textarea(attrs={"rows": 4})
    )
    completed_on = forms.DateField(
        label=_("Afdækningen afsluttet"), required=False, widget=DATE_WIDGET
    )
    doctor_consultation_on = forms.DateField(
        label=_("Lægesamtale"),
        required=False,
        widget=DATE_WIDGET,
        help_text=_(
            "Ved medicinsk behandling (SUL § 142) skal lægesamtalen ligge før behandlingen."
        ),
    )
    action_plan_offered_on = forms.DateField(
        label=_("Handleplan tilbudt (SEL § 141)"), required=False, widget=DATE_WIDGET
    )
    action_plan_accepted = forms.NullBooleanField(
        label=_("Har borgeren taget imod handleplanen?"),
        required=False,
        widget=forms.NullBooleanSelect,
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["action_plan_accepted"].widget.choices = [
            ("unknown", _("Ikke oplyst")),
            ("true", _("Ja")),
            ("false", _("Nej")),
        ]

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        for name in ("completed_on", "doctor_consultation_on", "action_plan_offered_on"):
            day = data.get(name)
            if day and day > _today():
                self.add_error(name, _("Datoen kan ikke ligge i fremtiden."))
        return data

    @classmethod
    def initial_for(cls, case: Case) -> dict[str, Any]:
        return {
            "version": case.version,
            "substance_use": case.assessment_substance_use,
            "social": case.assessment_social,
            "health": case.assessment_health,
            "work": case.assessment_work,
            "housing": case.assessment_housing,
            "other": case.assessment_other,
            "completed_on": case.assessment_completed_on,
            "doctor_consultation_on": case.doctor_consultation_on,
            "action_plan_offered_on": case.action_plan_offered_on,
            "action_plan_accepted": case.action_plan_accepted,
        }

    def service_kwargs(self) -> dict[str, Any]:
        data = dict(self.cleaned_data)
        return {"expected_version": data.pop("version"), **data}


class DecisionForm(VersionedForm):
    decision_date = forms.DateField(label=_("Afgørelsesdato"), widget=DATE_WIDGET)
    decision_result = forms.ChoiceField(
        label=_("Resultat"), choices=Case.DecisionResult.choices, widget=forms.RadioSelect
    )
    decision_text = forms.CharField(
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
        if value > _today():
            raise ValidationError(_("Afgørelsesdatoen kan ikke ligge i fremtiden."))
        if value < self.case.inquiry_date:
            raise ValidationError(_("Afgørelsesdatoen kan ikke ligge før henvendelsesdatoen."))
        return value

    @classmethod
    def initial_for(cls, case: Case) -> dict[str, Any]:
        return {
            "version": case.version,
            "decision_date": case.decision_date or _today(),
            "decision_result": case.decision_result or Case.DecisionResult.GRANTED,
            "decision_text": case.decision_text,
            "decision_complaint_guidance": case.decision_complaint_guidance,
        }

    def service_kwargs(self) -> dict[str, Any]:
        data = dict(self.cleaned_data)
        return {"expected_version": data.pop("version"), **data}


class TransitionForm(forms.Form):
    action = forms.CharField(max_length=40)
    note = forms.CharField(
        label=_("Bemærkning"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class ReassignForm(forms.Form):
    caseworker = UserChoiceField(label=_("Ny sagsbehandler"), queryset=User.objects.none())
    team = forms.ModelChoiceField(
        label=_("Team"),
        required=False,
        queryset=Unit.objects.none(),
        empty_label=_("Uændret"),
        help_text=_("Vælg kun et team, hvis sagen skal flytte team."),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["caseworker"].queryset = caseworker_queryset()
        self.fields["team"].queryset = team_queryset()


# --- Consents ----------------------------------------------------------------------------------


class ConsentForm(forms.Form):
    """A specific consent (Retssikkerhedsloven § 11 a)."""

    party_kind = forms.ChoiceField(
        label=_("Part"), choices=[("", _("Vælg part")), *PartyKind.choices]
    )
    party_name = forms.CharField(
        label=_("Partens navn"),
        max_length=200,
        help_text=_("Fx arbejdsgiverens firmanavn eller den pårørendes navn."),
    )
    information_kinds = forms.MultipleChoiceField(
        label=_("Hvilke oplysninger må videregives?"),
        choices=InformationKind.choices,
        widget=forms.CheckboxSelectMultiple,
    )
    purpose = forms.CharField(
        label=_("Formål"),
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    form = forms.ChoiceField(
        label=_("Samtykket er givet"), choices=Consent.Form.choices, widget=forms.RadioSelect
    )
    valid_from = forms.DateField(label=_("Gyldigt fra"), widget=DATE_WIDGET)
    valid_to = forms.DateField(
        label=_("Gyldigt til"),
        required=False,
        widget=DATE_WIDGET,
        help_text=_("Lad feltet stå tomt, hvis samtykket gælder, til det trækkes tilbage."),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if not self.is_bound:
            self.initial.setdefault("valid_from", _today())
            self.initial.setdefault("form", Consent.Form.WRITTEN)

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        if data.get("party_kind") == PartyKind.EMPLOYER and data.get("form") == Consent.Form.ORAL:
            self.add_error(
                "form", _("Videregivelse til en arbejdsgiver kræver altid skriftligt samtykke.")
            )
        valid_from, valid_to = data.get("valid_from"), data.get("valid_to")
        if valid_from and valid_to and valid_to < valid_from:
            self.add_error("valid_to", _("Slutdatoen kan ikke ligge før startdatoen."))
        return data


class ConsentWithdrawForm(forms.Form):
    withdrawn_on = forms.DateField(label=_("Trukket tilbage den"), widget=DATE_WIDGET)
    reason = forms.CharField(
        label=_("Begrundelse"),
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Fx »Borgeren har ringet og trukket samtykket tilbage«."),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if not self.is_bound:
            self.initial.setdefault("withdrawn_on", _today())

    def clean_withdrawn_on(self) -> date:
        value = self.cleaned_data["withdrawn_on"]
        if value > _today():
            raise ValidationError(_("Datoen kan ikke ligge i fremtiden."))
        return value


# --- Break the glass ---------------------------------------------------------------------------


class BreakGlassForm(forms.Form):
    case_number = forms.CharField(
        label=_("Sagsnummer"),
        max_length=20,
        widget=forms.TextInput(attrs={"autocomplete": "off", "spellcheck": "false"}),
    )
    reason = forms.CharField(
        label=_("Begrundelse"),
        max_length=300,
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
