"""Reads of the treatment catalogue and of a case's episodes."""

from __future__ import annotations

from django.db import connection
from django.db.models import QuerySet

from cases.models import Case

from .models import Episode, Offer


def offer_list(
    *, legal_basis: str = "", treatment_type: str = "", active_only: bool = True
) -> list[Offer]:
    """The catalogue's offers, with their provider, by provider and name. `legal_basis`
    keeps the offers that serve it."""
    qs = Offer.objects.select_related("provider").order_by("provider__name", "name")
    if active_only:
        qs = qs.filter(active=True, provider__active=True)
    if treatment_type:
        qs = qs.filter(treatment_type=treatment_type)
    if not legal_basis:
        return list(qs)
    if connection.features.supports_json_field_contains:
        return list(qs.filter(legal_bases__contains=[legal_basis]))
    # SQLite has no JSON containment; the catalogue is small (tens of offers).
    return [offer for offer in qs if legal_basis in (offer.legal_bases or [])]


def offers_for_case(case: Case) -> list[Offer]:
    """Active offers a case can be referred to: those serving its legal basis."""
    return offer_list(legal_basis=case.legal_basis)


def episodes_of_case(case: Case) -> QuerySet[Episode]:
    """The case's episodes in referral order, with offer and provider."""
    return (
        Episode.objects.filter(case=case)
        .select_related("offer__provider", "referred_by")
        .order_by("referral_date", "pk")
    )
