"""The register extract: one row per episode under way in the period."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

from django.db.models import Q

from accounts.models import Unit
from cases.models import LegalBasis

from .periods import Period
from .units import unit_episodes


def register_extract_rows(*, unit: Unit, period: Period) -> Iterator[Mapping[str, Any]]:
    """One row per episode of the unit that was under way in the period: referred by its end
    and not ended before its start. Streamed; one query whatever the size.

    Anonymous treatment under SEL § 101 a is in no register extract (DESIGN §7): the course is
    left out entirely, not only its CPR number."""
    return (
        unit_episodes(unit)
        .exclude(case__legal_basis=LegalBasis.SEL101A)
        .filter(referral_date__lte=period.end)
        .filter(Q(actual_end__isnull=True) | Q(actual_end__gte=period.start))
        .order_by("case__number", "referral_date", "pk")
        .values(
            "case__number",
            "case__citizen__cpr",
            "case__citizen__is_anonymous",
            "case__legal_basis",
            "case__inquiry_date",
            "case__treatment_started_on",
            "case__closed_on",
            "offer__provider__name",
            "offer__provider__tilbudsportalen_id",
            "offer__name",
            "offer__treatment_type",
            "referral_date",
            "actual_start",
            "actual_end",
            "end_reason",
            "free_choice",
        )
        .iterator(chunk_size=2000)
    )
