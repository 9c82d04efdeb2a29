"""Fixtures for the notifications tests: a fixed day, and small builders for the handover rows
the rules read (the transitions app's factories are not needed for these)."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from typing import Any

import pytest
from django.utils import timezone

from cases.models import Case
from notifications import tasks
from notifications.rules import RULES, RuleContext
from notifications.thresholds import DEFAULT_THRESHOLDS
from tests import factories
from tests.clock import REMINDER_DAY
from transitions.models import ActionItem, CheckIn, Transition
from treatment_options.models import Episode


@pytest.fixture(autouse=True)
def queued_deliveries(monkeypatch: pytest.MonkeyPatch) -> list[tuple[Any, ...]]:
    """Record instead of sending delivery tasks to the configured broker: a test must not
    leave messages in a developer's queue folder or Redis."""
    calls: list[tuple[Any, ...]] = []
    monkeypatch.setattr(tasks.deliver_notifications_task, "delay", lambda *a: calls.append(a))
    return calls


def run_rule(name: str, today: date) -> list[tuple[int, str, str]]:
    """(recipient id, rule, threshold key) of what rule `name` finds on `today`, sorted."""
    found = RULES[name](RuleContext(today=today, thresholds=DEFAULT_THRESHOLDS))
    return sorted((p.recipient_id, p.rule, p.threshold) for p in found)


def make_case(*, caseworker: Any, team: Any, **fields: Any) -> Case:
    fields.setdefault("inquiry_date", REMINDER_DAY - timedelta(days=30))
    fields.setdefault("guarantee_deadline", fields["inquiry_date"] + timedelta(days=14))
    fields.setdefault("status", "in_treatment")
    if fields["status"] == "in_treatment":
        fields.setdefault("treatment_started_on", fields["inquiry_date"] + timedelta(days=3))
    return factories.CaseFactory(caseworker=caseworker, team=team, **fields)


def make_episode(case: Case, offer: Any, **fields: Any) -> Episode:
    fields.setdefault("referral_date", case.inquiry_date)
    return Episode.objects.create(case=case, offer=offer, **fields)


def make_transition(
    case: Case,
    offer: Any,
    *,
    residential_therapist: Any = None,
    outpatient_therapist: Any = None,
    **fields: Any,
) -> Transition:
    start = case.inquiry_date + timedelta(days=3)
    episode = make_episode(case, offer, actual_start=start, treatment_plan_on=start)
    return Transition.objects.create(
        case=case,
        residential_episode=episode,
        residential_therapist=residential_therapist,
        outpatient_therapist=outpatient_therapist,
        **fields,
    )


def make_checkin(transition: Transition, due_on: date, **fields: Any) -> CheckIn:
    return CheckIn.objects.create(transition=transition, label="2 uger", due_on=due_on, **fields)


def make_action_item(
    transition: Transition, *, owner: Any, due_on: date, **fields: Any
) -> ActionItem:
    return ActionItem.objects.create(
        transition=transition,
        owner=owner,
        due_on=due_on,
        text="Ring til boligselskabet",
        created_by=owner,
        **fields,
    )


def at(day: date, hour: int = 12) -> datetime:
    return timezone.make_aware(datetime(day.year, day.month, day.day, hour))
