"""The nightly retention run (docs/retention.md §5 and §6): for each confirmed kind, delete
what has passed its period, skip what a legal hold keeps, and record the counts.

Rule-based and idempotent: it deletes by dates, periods and holds, never from a list of rows,
so a second run deletes nothing new, and a run on a database restored from a backup deletes
again exactly what had been deleted before (and what has fallen due since)."""

from __future__ import annotations

from collections import defaultdict
from datetime import datetime

from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from cases.access_log.pruning import PruneRefused, access_log_prune
from notifications.models import Notification
from reports.models import ReportJob

from .case_files import case_file_delete
from .defaults import CASE_KINDS, Kind, add_months
from .due import (
    active_rules,
    case_held_q,
    cases_due,
    citizen_held_q,
    citizens_without_case_due,
    holds_in_force,
    rules_by_kind,
)
from .models import RetentionRun


def _months_before(now: datetime, months: int | None) -> datetime:
    assert months is not None  # an active rule has a period
    local = timezone.localtime(now)
    day = add_months(local.date(), -months)
    return local.replace(year=day.year, month=day.month, day=day.day)


def retention_run(*, now: datetime | None = None) -> RetentionRun:
    """One run; returns its record."""
    now = now or timezone.now()
    today = timezone.localdate(now)
    rules = active_rules()
    run = RetentionRun.objects.create(
        started_at=now,
        unconfirmed=sorted(
            kind.value for kind, rule in rules_by_kind().items() if not rule.confirmed
        ),
    )
    counts: dict[str, dict[str, int]] = defaultdict(lambda: {"deleted": 0, "held": 0})
    for kind in rules:  # every kind acted on is in the record, with zeros if nothing went
        counts[kind] = {"deleted": 0, "held": 0}
    for kind in CASE_KINDS:
        rule = rules.get(kind)
        if rule is None:
            continue
        due = cases_due(kind, rule, on=today).annotate(held=case_held_q(now))
        for case in due.select_related("citizen").order_by("pk").iterator(chunk_size=500):
            if case.held:
                counts[kind]["held"] += 1
                continue
            case_file_delete(case, kind=kind, now=now)
            counts[kind]["deleted"] += 1
    if (rule := rules.get(Kind.CITIZEN_WITHOUT_CASE)) is not None:
        due_citizens = citizens_without_case_due(rule, at=now).annotate(held=citizen_held_q(now))
        held = due_citizens.filter(held=True).count()
        _total, per_model = due_citizens.filter(held=False).delete()
        counts[Kind.CITIZEN_WITHOUT_CASE] = {
            "deleted": per_model.get("cases.Citizen", 0),
            "held": held,
        }
    held_cases = holds_in_force(now).exclude(case__isnull=True).values_list("case_id", flat=True)
    # Citizen-wide holds (a hold on one case keeps only that case's rows).
    held_citizens = (
        holds_in_force(now).filter(case__isnull=True).values_list("citizen_id", flat=True)
    )
    if (rule := rules.get(Kind.NOTIFICATION)) is not None:
        old = Notification.objects.filter(created_at__lt=_months_before(now, rule.period_months))
        kept = old.filter(case_id__in=held_cases) | old.filter(case__citizen_id__in=held_citizens)
        counts[Kind.NOTIFICATION] = {
            "deleted": old.exclude(pk__in=kept.values("pk")).delete()[0],
            "held": kept.count(),
        }
    if (rule := rules.get(Kind.REPORT_FILE)) is not None:
        cutoff = _months_before(now, rule.period_months)
        # A job that never finished counts from its creation.
        old_jobs = Q(finished_at__lt=cutoff) | Q(finished_at__isnull=True, created_at__lt=cutoff)
        purged = (
            ReportJob.objects.filter(old_jobs)
            .filter(Q(content__isnull=False) | ~Q(filename="") | ~Q(error=""))
            .update(content=None, filename="", error="")
        )
        counts[Kind.REPORT_FILE] = {"deleted": purged, "held": 0}
    if (rule := rules.get(Kind.ACCESS_LOG)) is not None:
        try:
            pruned = access_log_prune(
                before=_months_before(now, rule.period_months),
                held_case_ids=set(held_cases),
                held_citizen_ids=set(held_citizens),
            ).deleted
        except PruneRefused:
            pruned = 0
            run.problem = "access log does not verify: not pruned"
        counts[Kind.ACCESS_LOG] = {"deleted": pruned, "held": 0}
    run.counts = {str(kind): value for kind, value in counts.items()}
    run.finished_at = timezone.now()
    with transaction.atomic():
        run.save(update_fields=["counts", "finished_at", "problem"])
    return run
