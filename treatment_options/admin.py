"""Admin for the treatment catalogue (providers, offers), run by administrators. Episodes are
case data: read-only here and limited to the cases the user may read (see cases.admin)."""

from __future__ import annotations

from django import forms
from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from cases.admin import CaseScopedAdmin
from cases.models import LegalBasis

from .models import Contact, Episode, Offer, Provider


class OfferAdminForm(forms.ModelForm):
    legal_bases = forms.MultipleChoiceField(
        label=_("lovgrundlag"),
        choices=LegalBasis.choices,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("De lovgrundlag, tilbuddet kan visiteres efter."),
    )

    class Meta:
        model = Offer
        fields = [
            "provider",
            "name",
            "treatment_type",
            "legal_bases",
            "typical_length_weeks",
            "waiting_time_days",
            "description",
            "active",
        ]

    def clean_legal_bases(self) -> list[str]:
        return list(self.cleaned_data["legal_bases"])


class OfferInline(admin.TabularInline):
    model = Offer
    form = OfferAdminForm
    extra = 0
    fields = ["name", "treatment_type", "legal_bases", "waiting_time_days", "active"]


@admin.register(Provider)
class ProviderAdmin(admin.ModelAdmin):
    list_display = ["name", "kind", "unit", "city", "capacity", "active"]
    list_filter = ["kind", "active"]
    search_fields = ["name", "tilbudsportalen_id", "city"]
    inlines = [OfferInline]


@admin.register(Offer)
class OfferAdmin(admin.ModelAdmin):
    form = OfferAdminForm
    list_display = ["name", "provider", "treatment_type", "waiting_time_days", "active"]
    list_filter = ["treatment_type", "active", "provider"]
    search_fields = ["name", "provider__name"]
    list_select_related = ["provider"]


@admin.register(Episode)
class EpisodeAdmin(CaseScopedAdmin):
    list_display = ["case", "offer", "referral_date", "actual_start", "actual_end", "end_reason"]
    list_select_related = ["case", "offer__provider"]


@admin.register(Contact)
class ContactAdmin(CaseScopedAdmin):
    case_field = "episode__case"
    list_display = ["at", "episode", "kind", "is_planned", "outcome", "recorded_by"]
    list_filter = ["kind", "outcome", "is_planned"]
    list_select_related = ["episode__offer__provider", "recorded_by"]
