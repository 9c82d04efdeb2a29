"""Forms of the status notes (DESIGN §5.3, §5.8, §5.11): the plain note, the structured
before-discharge note with its overdose safety, and the before-discharge note's action rows."""

from __future__ import annotations

from typing import Any, cast

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from cases.forms.text import LimitedCharField, limited_text_area
from cases.text_limits import LIMITS

from .forms import CaseUserChoiceField, date_input
from .models import StatusNote


class StatusNoteForm(forms.Form):
    kind = forms.ChoiceField(label=_("Type"), choices=StatusNote.Kind.choices)
    body = limited_text_area("transitions.StatusNote.body", label=_("Status"), rows=8)
    severity = forms.ChoiceField(
        label=_("Vurdering"),
        required=False,
        choices=StatusNote.Severity.choices,
        widget=forms.RadioSelect,
    )
    summary = limited_text_area("transitions.StatusNote.summary", label=_("Opsummering"), rows=5)
    risks = limited_text_area("transitions.StatusNote.risks", label=_("Risici"), rows=4)
    contingency = limited_text_area(
        "transitions.StatusNote.contingency",
        label=_("Hvis det går galt"),
        rows=4,
    )
    overdose_risk = limited_text_area(
        "transitions.StatusNote.overdose_risk",
        label=_("Overdosisrisiko"),
        rows=3,
        help_text=_(
            "Tolerancen falder under døgnbehandling. Et tilbagefald i de første uger efter "
            "udskrivning er det farligste tidspunkt. Beskriv risikoen og hvad der er aftalt "
            "(f.eks. naloxon, hvem borgeren kan ringe til)."
        ),
    )

    # Overdose safety (§5.11): drug cases only; the services say what is missing.
    naloxone = forms.ChoiceField(
        label=_("Naloxon"),
        required=False,
        choices=StatusNote.Naloxone.choices,
        widget=forms.RadioSelect,
    )
    tolerance_talk = forms.BooleanField(
        label=_("Samtalen om lavere tolerance er holdt"),
        required=False,
        help_text=_(
            "Borgeren ved, at tolerancen er faldet under døgnbehandlingen, og at den vante dosis "
            "kan være dødelig."
        ),
    )
    first_72h_who = LimitedCharField(
        limit=LIMITS["transitions.StatusNote.first_72h_who"],
        label=_("Hvem kontakter borgeren"),
        required=False,
        help_text=_("Navn og rolle, f.eks. den ambulante behandler."),
    )
    first_72h_when = LimitedCharField(
        limit=LIMITS["transitions.StatusNote.first_72h_when"],
        label=_("Hvornår"),
        required=False,
        help_text=_("F.eks. dagen efter udskrivning kl. 10."),
    )
    first_72h_unreachable = limited_text_area(
        "transitions.StatusNote.first_72h_unreachable",
        label=_("Hvis borgeren ikke kan træffes"),
        rows=3,
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
    text = LimitedCharField(
        limit=LIMITS["transitions.ActionItem.text"], label=_("Handling"), required=False
    )
    owner = CaseUserChoiceField(label=_("Ansvarlig"), queryset=None, required=False)
    owner_text = LimitedCharField(
        limit=LIMITS["transitions.ActionItem.owner_text"],
        label=_("Anden ansvarlig"),
        required=False,
    )
    due_on = forms.DateField(label=_("Frist"), required=False, widget=date_input())

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
