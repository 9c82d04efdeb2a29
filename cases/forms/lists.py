"""The case list's search and filters."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from ..guarantee import GuaranteeStatus
from ..models import CaseStatus, LegalBasis
from .filter_choices import caseworker_choices, team_choices

GUARANTEE_STATUS_CHOICES = [
    (GuaranteeStatus.RUNNING.value, _("Løber")),
    (GuaranteeStatus.BREACHED.value, _("Overskredet")),
    (GuaranteeStatus.MET.value, _("Overholdt")),
    (GuaranteeStatus.WAIVED.value, _("Fraveget")),
    (GuaranteeStatus.NOT_COVERED.value, _("Ikke omfattet")),
]


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
    # Read once per process (cases.forms.filter_choices), not on every list.
    caseworker = forms.TypedChoiceField(
        label=_("Sagsbehandler"),
        required=False,
        coerce=int,
        empty_value=None,
        choices=lambda: [("", _("Alle")), *caseworker_choices()],
    )
    team = forms.TypedChoiceField(
        label=_("Team"),
        required=False,
        coerce=int,
        empty_value=None,
        choices=lambda: [("", _("Alle")), *team_choices()],
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

    @property
    def is_filtered(self) -> bool:
        data = self.cleaned_data if self.is_valid() else {}
        return any(
            data.get(name) for name in ("status", "guarantee", "legal_basis", "caseworker", "team")
        )

    def selector_kwargs(self) -> dict[str, Any]:
        """Keyword arguments for cases.selectors.case_list_for (invalid values are ignored)."""
        data = self.cleaned_data if self.is_valid() else {}
        status = data.get("status") or "open"
        return {
            # The default view is the open cases; "all" includes the closed ones.
            "status": "" if status == "all" else status,
            "guarantee_status": data.get("guarantee") or "",
            "legal_basis": data.get("legal_basis") or "",
            "caseworker_id": data.get("caseworker"),
            "team_id": data.get("team"),
            "order": data.get("order") or "urgency",
        }
