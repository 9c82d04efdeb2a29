"""The manager report's aftercare section (DESIGN §5.10, §7): agreed versus delivered contacts
per outpatient unit and per municipal team, for the commitments of the unit's handovers.

Agreed: each live commitment of n contacts per k weeks agrees n/k contacts a week over the days
of the period it ran (from its start or the period's first day, to the day the figures are as
of). The database sums those days per (group, n, k); Python only multiplies the few sums that
come back. Delivered: attended contacts in the period that deliver one of the commitments,
counted by the database with missed and cancelled ones apart."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

from django.db.models import (
    Count,
    DateField,
    DurationField,
    ExpressionWrapper,
    F,
    Q,
    Sum,
    Value,
)
from django.db.models.functions import Greatest
from django.utils.translation import gettext as _

from accounts.models import Unit
from transitions.delivery import agreed_contacts
from transitions.models import AftercareCommitment, CommitmentDelivery
from transitions.selectors.delivery import local_midnight
from treatment_options.models import Contact

from .periods import Period
from .units import unit_transition_q

_LIVE = (AftercareCommitment.Status.ACTIVE, AftercareCommitment.Status.REDUCED)
_OUTCOMES = {
    "delivered": Contact.Outcome.ATTENDED,
    "missed": Contact.Outcome.MISSED,
    "cancelled_by_citizen": Contact.Outcome.CANCELLED_BY_CITIZEN,
    "cancelled_by_provider": Contact.Outcome.CANCELLED_BY_PROVIDER,
}
# The two groupings: (id column, name column) from the commitment.
GROUPINGS = {
    "outpatient_unit": (
        "transition__outpatient_episode__offer__provider__unit_id",
        "transition__outpatient_episode__offer__provider__unit__name",
    ),
    "team": ("transition__case__team_id", "transition__case__team__name"),
}


@dataclass
class DeliveryRow:
    label: str
    commitments: int = 0
    agreed: float = 0.0
    delivered: int = 0
    missed: int = 0
    cancelled_by_citizen: int = 0
    cancelled_by_provider: int = 0

    @property
    def share_delivered(self) -> float | None:
        """Delivered in per cent of agreed (may pass 100); None with nothing agreed."""
        return 100 * self.delivered / self.agreed if self.agreed else None

    @property
    def shortfall(self) -> float:
        return max(self.agreed - self.delivered, 0.0)


@dataclass
class DeliveryReport:
    by_outpatient_unit: list[DeliveryRow] = field(default_factory=list)
    by_team: list[DeliveryRow] = field(default_factory=list)
    total: DeliveryRow = field(default_factory=lambda: DeliveryRow(""))


def _commitments(unit: Unit, as_of: date) -> Any:
    return AftercareCommitment.objects.filter(
        unit_transition_q(unit, "transition__"),
        status__in=_LIVE,
        contacts_per_period__isnull=False,
        period_weeks__isnull=False,
        starts_on__lte=as_of,
    ).exclude(transition__status="cancelled")


def _grouped(
    unit: Unit, period: Period, as_of: date, id_col: str, name_col: str
) -> dict[Any, DeliveryRow]:
    commitments = _commitments(unit, as_of)
    first_day = Greatest(F("starts_on"), Value(period.start), output_field=DateField())
    # Days from the later start to as_of, both ends included (the + 1 per commitment is added
    # below from the count: a duration sum cannot add a constant per row on every backend).
    span = ExpressionWrapper(Value(as_of) - first_day, output_field=DurationField())
    rows: dict[Any, DeliveryRow] = {}
    agreed_rows: Iterable[Mapping[str, Any]] = (
        commitments.values(id_col, name_col, "contacts_per_period", "period_weeks")
        .annotate(n=Count("pk"), days=Sum(span))
        .order_by()
    )
    for r in agreed_rows:
        row = rows.setdefault(r[id_col], DeliveryRow(r[name_col] or _("Intet ambulant forløb")))
        days = (r["days"] or timedelta()).days + r["n"]
        row.commitments += r["n"]
        row.agreed += agreed_contacts(
            contacts_per_period=r["contacts_per_period"], period_weeks=r["period_weeks"], days=days
        )
    in_period = Q(
        contact__at__gte=local_midnight(period.start),
        contact__at__lt=local_midnight(as_of + timedelta(days=1)),
    )
    counts = {
        name: Count("pk", filter=in_period & Q(contact__outcome=outcome))
        for name, outcome in _OUTCOMES.items()
    }
    contact_rows: Iterable[Mapping[str, Any]] = (
        CommitmentDelivery.objects.filter(commitment__in=commitments)
        .values(f"commitment__{id_col}", f"commitment__{name_col}")
        .annotate(**counts)
        .order_by()
    )
    for r in contact_rows:
        key = r[f"commitment__{id_col}"]
        row = rows.setdefault(
            key, DeliveryRow(r[f"commitment__{name_col}"] or _("Intet ambulant forløb"))
        )
        for name in _OUTCOMES:
            setattr(row, name, getattr(row, name) + r[name])
    return rows


def delivery_report(*, unit: Unit, period: Period, today: date) -> DeliveryReport:
    """Agreed versus delivered per outpatient unit and per municipal team (4 queries)."""
    as_of = period.as_of(today)
    outpatient = _grouped(unit, period, as_of, *GROUPINGS["outpatient_unit"])
    teams = _grouped(unit, period, as_of, *GROUPINGS["team"])
    total = DeliveryRow(_("I alt"))
    for row in teams.values():
        total.commitments += row.commitments
        total.agreed += row.agreed
        for name in _OUTCOMES:
            setattr(total, name, getattr(total, name) + getattr(row, name))
    return DeliveryReport(
        by_outpatient_unit=sorted(outpatient.values(), key=lambda r: r.label),
        by_team=sorted(teams.values(), key=lambda r: r.label),
        total=total,
    )
