"""The stored urgency of a case (DESIGN §9): a date-independent class, computed by the database
from the case row (Case.urgency), and the deadline of the case's most urgent open clock
(Case.guarantee_deadline, kept by cases.services.requests.refresh_urgency).

The lists order by (urgency, guarantee_deadline, -inquiry_date, -pk), which an index serves:
within the open clocks the earliest deadline comes first, so the breached ones (deadline
before today) come before the running ones without evaluating a status per row. Whether a
clock is running or breached is still decided in the query by comparing the stored deadline
with today's date, so nothing goes stale between the reminder sweeps.
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class Urgency(models.IntegerChoices):
    """The stored urgency class of a case (Case.urgency): date-independent, so that it never
    goes stale; the lists order by it and then by the open clock's deadline."""

    OPEN_CLOCK = 0, _("Åben garantifrist")
    NO_CLOCK = 1, _("Ingen åben garantifrist")
    CLOSED = 2, _("Afsluttet")
