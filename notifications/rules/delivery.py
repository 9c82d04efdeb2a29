"""Delivered versus agreed (DESIGN §5.10, §6): a commitment whose attended contacts over the
rolling last 4 weeks fall below the agreed level by more than the tolerance (the setting
DELIVERY_SHORTFALL_TOLERANCE_PERCENT, 25 % by default). The outpatient therapist and the
caseworker are told once per 4-week window counted from the commitment's start: the window's
first day is in the threshold key, so the next sweep in the same window is a no-op and the next
window tells again if delivery is still short."""

from __future__ import annotations

from datetime import timedelta

from django.db.models import Count, Q

from cases.models import Case
from transitions import delivery
from transitions.models import AftercareCommitment, Transition
from transitions.selectors.delivery import local_midnight, tolerance_percent
from treatment_options.models import Contact

from .. import thresholds as th
from ..models import Rule
from ..pending import Pending
from .context import RuleContext, open_cases, pending
from .links import transition_url
from .messages import _


def delivery_shortfall_rule(ctx: RuleContext) -> list[Pending]:
    """One query: every live commitment with a structured frequency and its attended contacts
    in the window, counted by the database; the pure rules say which fall short."""
    today = ctx.today
    start = delivery.window_start(today)
    attended = Count(
        "deliveries",
        filter=Q(
            deliveries__contact__outcome=Contact.Outcome.ATTENDED,
            deliveries__contact__at__gte=local_midnight(start),
            deliveries__contact__at__lt=local_midnight(today + timedelta(days=1)),
        ),
    )
    rows = (
        AftercareCommitment.objects.filter(
            status__in=(AftercareCommitment.Status.ACTIVE, AftercareCommitment.Status.REDUCED),
            contacts_per_period__isnull=False,
            period_weeks__isnull=False,
            starts_on__lte=today,
            transition__case__in=Case.objects.filter(open_cases()),
        )
        .exclude(transition__status=Transition.Status.CANCELLED)
        .annotate(attended=attended)
        .values_list(
            "pk",
            "starts_on",
            "contacts_per_period",
            "period_weeks",
            "attended",
            "transition_id",
            "transition__case_id",
            "transition__outpatient_therapist_id",
            "transition__case__caseworker_id",
        )
    )
    tolerance = tolerance_percent()
    result: list[Pending] = []
    for pk, starts_on, n, k, done, transition_id, case_id, therapist_id, caseworker_id in rows:
        assert n is not None and k is not None  # filtered above
        agreed = delivery.agreed_contacts(
            contacts_per_period=n,
            period_weeks=k,
            days=delivery.days_agreed(starts_on=starts_on, from_day=start, today=today),
        )
        if not delivery.is_shortfall(agreed=agreed, delivered=done, tolerance_percent=tolerance):
            continue
        window = delivery.notice_window_start(starts_on=starts_on, today=today)
        result += pending(
            ctx,
            [therapist_id, caseworker_id],
            rule=Rule.DELIVERY_SHORTFALL,
            model=AftercareCommitment,
            subject_id=pk,
            case_id=case_id,
            threshold=th.key("shortfall", window),
            message=_(
                "En aftalt indsats er leveret under det aftalte niveau de seneste 4 uger: "
                "%(delivered)s af %(agreed)s aftalte kontakter."
            )
            % {"delivered": done, "agreed": f"{agreed:.1f}".replace(".", ",").removesuffix(",0")},
            url=transition_url(case_id, transition_id),
        )
    return result
