"""Fixtures for the notifications tests: the reminder day (tests.clock.REMINDER_DAY), and short
ways to make the cases and handover rows the rules read (rows on exact dates: the handover
builder's `rows`, and the factories)."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from typing import Any

import pytest

from cases.models import Case
from notifications import tasks
from notifications.rules import RULES, RuleContext
from notifications.thresholds import DEFAULT_THRESHOLDS
from tests import factories
from tests.builders import HandoverBuilder
from tests.clock import REMINDER_DAY
from tests.clock import at as clock_at
from transitions.models import ActionItem, CheckIn, Transition
from treatment_options.models import Episode, TreatmentPlan


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
    plan_on = fields.pop("treatment_plan_on", None)
    episode = Episode.objects.create(case=case, offer=offer, **fields)
    if plan_on is not None:  # the provider's treatment plan, version 1 made that day
        TreatmentPlan.objects.create(episode=episode, made_on=plan_on)
    return episode


def make_transition(
    case: Case,
    offer: Any,
    *,
    residential_therapist: Any = None,
    outpatient_therapist: Any = None,
    **fields: Any,
) -> Transition:
    """A handover in planning from a residential episode at `offer` started three days after
    the inquiry (with its treatment plan); `fields` are further transition fields."""
    start = case.inquiry_date + timedelta(days=3)
    builder = HandoverBuilder(
        case,
        residential_therapist=residential_therapist,
        outpatient_therapist=outpatient_therapist,
        residential_offer=offer,
    )
    return builder.rows(
        start=start, residential_episode={"treatment_plan_on": start}, **fields
    ).transition


def make_checkin(transition: Transition, due_on: date, **fields: Any) -> CheckIn:
    return factories.CheckInFactory(transition=transition, label="2 uger", due_on=due_on, **fields)


def make_action_item(
    transition: Transition, *, owner: Any, due_on: date, **fields: Any
) -> ActionItem:
    return factories.ActionItemFactory(
        transition=transition,
        owner=owner,
        due_on=due_on,
        text="Ring til boligselskabet",
        created_by=owner,
        **fields,
    )


def at(day: date, hour: int = 12) -> datetime:
    """Noon (by default) on `day` in Copenhagen."""
    return clock_at(day, hour)
