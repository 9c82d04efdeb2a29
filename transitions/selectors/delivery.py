"""Delivered versus agreed on a commitment (DESIGN §5.10): the contacts that deliver each
commitment counted by outcome in one aggregate query, over the rolling last 4 weeks and since
the start, and read by the pure rules of `transitions.delivery`.

The query counts rows in the database, so the page's query count does not grow with the
number of contacts (tests/transitions/test_contacts_page.py)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.db.models import Count, Q
from django.utils import timezone

from treatment_options.models import Contact

from .. import delivery
from ..models import AftercareCommitment, CommitmentDelivery

_OUTCOMES = {
    "attended": Contact.Outcome.ATTENDED,
    "missed": Contact.Outcome.MISSED,
    "cancelled_by_citizen": Contact.Outcome.CANCELLED_BY_CITIZEN,
    "cancelled_by_provider": Contact.Outcome.CANCELLED_BY_PROVIDER,
}


def tolerance_percent() -> int:
    return int(
        getattr(
            settings, "DELIVERY_SHORTFALL_TOLERANCE_PERCENT", delivery.DEFAULT_TOLERANCE_PERCENT
        )
    )


def local_midnight(day: dt.date) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time.min))


@dataclass(frozen=True)
class CommitmentDeliveryRow:
    """A commitment's delivery over the last 4 weeks and since its start; None where the
    commitment has no structured frequency yet (flagged for the therapist)."""

    window: delivery.Delivery | None
    since_start: delivery.Delivery | None
    window_start: dt.date


def _counts(row: dict[str, Any], suffix: str) -> delivery.ContactCounts:
    return delivery.ContactCounts(**{name: row.get(f"{name}_{suffix}", 0) for name in _OUTCOMES})


def _figures(
    c: AftercareCommitment,
    from_day: dt.date,
    counts: delivery.ContactCounts,
    today: dt.date,
    tolerance: int,
) -> delivery.Delivery | None:
    return delivery.delivery(
        contacts_per_period=c.contacts_per_period,
        period_weeks=c.period_weeks,
        starts_on=c.starts_on,
        from_day=from_day,
        today=today,
        counts=counts,
        tolerance_percent=tolerance,
    )


def _window(today: dt.date) -> tuple[dt.date, dt.datetime]:
    """The rolling window's first day, and the end of today: a cancellation recorded for later
    today is not yet counted."""
    return delivery.window_start(today), local_midnight(today + dt.timedelta(days=1))


def delivery_aggregates(today: dt.date, prefix: str = "") -> dict[str, Any]:
    """The counts by outcome over the window and since the start, as aggregates over
    CommitmentDelivery rows (`prefix` ""), or over a commitment's (`prefix` "deliveries__")."""
    start, until = _window(today)
    at = f"{prefix}contact__at"
    in_window = Q(**{f"{at}__gte": local_midnight(start), f"{at}__lt": until})
    aggregates: dict[str, Any] = {}
    for name, outcome in _OUTCOMES.items():
        is_outcome = Q(**{f"{prefix}contact__outcome": outcome, f"{at}__lt": until})
        aggregates[f"{name}_window"] = Count(f"{prefix}pk", filter=is_outcome & in_window)
        aggregates[f"{name}_all"] = Count(f"{prefix}pk", filter=is_outcome)
    return aggregates


def commitment_deliveries(
    commitments: Iterable[AftercareCommitment],
    *,
    today: dt.date | None = None,
    annotated: bool = False,
) -> dict[int, CommitmentDeliveryRow]:
    """Delivery per commitment id, in one query however many contacts there are; none when
    the commitments were loaded `annotated` with `delivery_aggregates(today, "deliveries__")`."""
    commitments = list(commitments)
    today = today or timezone.localdate()
    start, _until = _window(today)
    rows: dict[int, dict[str, Any]] = {}
    if annotated:
        names = delivery_aggregates(today).keys()
        rows = {c.pk: {name: getattr(c, name) for name in names} for c in commitments}
    elif commitments:
        # Plain mappings: the plugin's row type leaves out the keys annotate(**aggregates) adds.
        counted: Iterable[Mapping[str, Any]] = (
            CommitmentDelivery.objects.filter(commitment__in=commitments)
            .values("commitment_id")
            .annotate(**delivery_aggregates(today))
            .order_by()
        )
        rows = {row["commitment_id"]: dict(row) for row in counted}
    tolerance = tolerance_percent()
    result: dict[int, CommitmentDeliveryRow] = {}
    for c in commitments:
        row = rows.get(c.pk, {})
        live = c.status != AftercareCommitment.Status.CANCELLED
        result[c.pk] = CommitmentDeliveryRow(
            window=_figures(c, start, _counts(row, "window"), today, tolerance) if live else None,
            since_start=_figures(c, c.starts_on, _counts(row, "all"), today, tolerance)
            if live
            else None,
            window_start=start,
        )
    return result
